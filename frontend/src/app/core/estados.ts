import { Opcion, Tono } from './opciones';

/*
 * The backend's state machines (services/estados/*.py), the one place the SPA reads them from. Each is
 * `state -> {action: next state}`, written as a plain object literal (no comments, computed keys or
 * trailing commas inside) so tests/test_estados.py can parse it and compare it with the backend:
 *  - MAQUINA_TICKET: atender/esperar_cliente are the PATCH of `estado`; cerrar, reabrir, cancelar.
 *  - MAQUINA_SUSCRIPCION: POST /admin/suscripciones/<id>/<accion>; vencer is the daily job.
 *  - MAQUINA_CONTRATO: activar = a successful payment of a contract pending payment; renovar, cancelar;
 *    vencer = the daily job. `agotado` is a flag, not a state.
 *  - MAQUINA_PAGO: confirmar / rechazar = PATCH `estado` exitoso / fallido.
 *  - MAQUINA_EMPRESA: services/estados/empresas.py. aprobar / rechazar a self-service `pendiente` company
 *    (rechazar deletes it: `rechazada` is never stored); DELETE deactivates, POST activar (both idempotent
 *    in the API, the console offers the one that changes the state).
 */

export const MAQUINA_TICKET = {
  abierto: { atender: 'en_proceso', esperar_cliente: 'pendiente_respuesta', cerrar: 'cerrado', cancelar: 'cancelado' },
  en_proceso: { esperar_cliente: 'pendiente_respuesta', cerrar: 'cerrado', cancelar: 'cancelado' },
  pendiente_respuesta: { atender: 'en_proceso', cerrar: 'cerrado', cancelar: 'cancelado' },
  cerrado: { reabrir: 'abierto' },
  cancelado: {}
} as const;

export const MAQUINA_SUSCRIPCION = {
  activa: { renovar: 'activa', cancelar: 'cancelada', suspender: 'suspendida', reactivar: 'activa', descuento: 'activa', vencer: 'inactiva' },
  inactiva: { renovar: 'activa', cancelar: 'cancelada', reactivar: 'activa', descuento: 'inactiva' },
  suspendida: { cancelar: 'cancelada', reactivar: 'activa', descuento: 'suspendida' },
  cancelada: {}
} as const;

export const MAQUINA_CONTRATO = {
  pendiente_pago: { activar: 'activo', cancelar: 'cancelado' },
  activo: { renovar: 'activo', cancelar: 'cancelado', vencer: 'vencido' },
  vencido: { renovar: 'activo' },
  cancelado: {}
} as const;

export const MAQUINA_PAGO = {
  pendiente: { confirmar: 'exitoso', rechazar: 'fallido' },
  exitoso: {},
  fallido: {}
} as const;

export const MAQUINA_EMPRESA = {
  pendiente: { aprobar: 'activa', rechazar: 'rechazada' },
  activa: { desactivar: 'inactiva' },
  inactiva: { activar: 'activa' },
  rechazada: {}
} as const;

export type EstadoTicket = keyof typeof MAQUINA_TICKET;
export type EstadoSuscripcion = keyof typeof MAQUINA_SUSCRIPCION;
export type EstadoContrato = keyof typeof MAQUINA_CONTRATO;
export type EstadoPago = keyof typeof MAQUINA_PAGO;
export type EstadoEmpresa = keyof typeof MAQUINA_EMPRESA;

type Maquina = Readonly<Record<string, Readonly<Record<string, string>>>>;
/** Every action name of a machine. */
type Acciones<M extends Maquina> = { [E in keyof M]: keyof M[E] }[keyof M] & string;

/** The actions allowed from `estado` (any other one is a 409 `transicion_invalida`). */
export function acciones<M extends Maquina>(maquina: M, estado: keyof M | null | undefined): Acciones<M>[] {
  return Object.keys((estado !== null && estado !== undefined && maquina[estado]) || {}) as Acciones<M>[];
}

export function puede<M extends Maquina>(maquina: M, estado: keyof M | null | undefined, accion: Acciones<M>): boolean {
  return acciones(maquina, estado).includes(accion);
}

/** The state `accion` leads to from `estado` (undefined when not allowed). */
export function destino<M extends Maquina>(maquina: M, estado: keyof M, accion: Acciones<M>): (keyof M & string) | undefined {
  return (maquina[estado] as Record<string, string>)[accion] as (keyof M & string) | undefined;
}

/** A final state: no action leaves it. */
export function esFinal<M extends Maquina>(maquina: M, estado: keyof M | null | undefined): boolean {
  return acciones(maquina, estado).length === 0;
}

/** The states from which `accion` is allowed. */
export function estadosCon<M extends Maquina>(maquina: M, accion: Acciones<M>): (keyof M & string)[] {
  return (Object.keys(maquina) as (keyof M & string)[]).filter((e) => puede(maquina, e, accion));
}

// --- labels and chip colours ----------------------------------------------------------------------

/** Spanish label of every state, by entity (in the machines' order). */
export const ESTADOS = {
  ticket: { abierto: 'Abierto', en_proceso: 'En proceso', pendiente_respuesta: 'Pendiente de respuesta', cerrado: 'Cerrado', cancelado: 'Cancelado' },
  suscripcion: { activa: 'Activa', inactiva: 'Inactiva', suspendida: 'Suspendida', cancelada: 'Cancelada' },
  contrato: { pendiente_pago: 'Pendiente de pago', activo: 'Activo', vencido: 'Vencido', cancelado: 'Cancelado' },
  pago: { pendiente: 'Pendiente', exitoso: 'Exitoso', fallido: 'Fallido' },
  empresa: { pendiente: 'Pendiente', activa: 'Activa', inactiva: 'Inactiva', rechazada: 'Rechazada' },
} satisfies {
  ticket: Record<EstadoTicket, string>;
  suscripcion: Record<EstadoSuscripcion, string>;
  contrato: Record<EstadoContrato, string>;
  pago: Record<EstadoPago, string>;
  empresa: Record<EstadoEmpresa, string>;
};

export type Entidad = keyof typeof ESTADOS;

/** The customer portal's wording, where it differs. */
const PARA_CLIENTE: Partial<Record<Entidad, Record<string, string>>> = { suscripcion: { inactiva: 'Pendiente de activación' } };

/** Chip colour of a state: the same word has the same colour in every entity; the rest are neutral. */
const TONOS: Record<string, Tono> = {
  activa: 'ok', activo: 'ok', exitoso: 'ok', abierto: 'ok', en_proceso: 'info',
  suspendida: 'aviso', pendiente_pago: 'aviso', pendiente: 'aviso', pendiente_respuesta: 'aviso',
};

export function etiquetaEstado(entidad: Entidad, estado: string | null | undefined, para: 'admin' | 'cliente' = 'admin'): string {
  if (!estado) {
    return '';
  }
  const cliente = para === 'cliente' ? PARA_CLIENTE[entidad]?.[estado] : undefined;
  return cliente ?? (ESTADOS[entidad] as Record<string, string>)[estado] ?? estado;
}

export function tonoEstado(estado: string | null | undefined): Tono {
  return (estado && TONOS[estado]) || 'neutro';
}

/** States that are only in a machine's table, never stored (a rejected company is deleted). */
const NUNCA_GUARDADOS: Partial<Record<Entidad, readonly string[]>> = { empresa: ['rechazada'] };

/** The states of an entity as select options (filters and forms: only states a row can have). */
export function opcionesEstado(entidad: Entidad): Opcion[] {
  const fuera = NUNCA_GUARDADOS[entidad] ?? [];
  return Object.entries(ESTADOS[entidad] as Record<string, string>)
    .filter(([valor]) => !fuera.includes(valor))
    .map(([valor, etiqueta]) => ({ valor, etiqueta }));
}

// --- rules built on the machines --------------------------------------------------------------------

/** A ticket that still takes public replies and can be closed or cancelled. */
export function ticketAbierto(estado: EstadoTicket | null | undefined): boolean {
  return puede(MAQUINA_TICKET, estado, 'cerrar');
}

/** The states a ticket moves to with a PATCH (closing and cancelling have their own actions). */
export function cambiosEstadoTicket(estado: EstadoTicket): EstadoTicket[] {
  return acciones(MAQUINA_TICKET, estado)
    .filter((a) => a === 'atender' || a === 'esperar_cliente')
    .map((a) => destino(MAQUINA_TICKET, estado, a)!);
}

/** The states a new subscription may start in (services/suscripciones.ESTADOS_INICIALES). */
export const ESTADOS_INICIALES_SUSCRIPCION: readonly EstadoSuscripcion[] = ['activa', 'inactiva'];

/** What the console offers on a subscription: the machine's actions plus the scheduled cancellation. */
export type AccionSuscripcion = Acciones<typeof MAQUINA_SUSCRIPCION> | 'cancelar_al_final';

export function accionesSuscripcion(s: { estado: EstadoSuscripcion; cancelar_al_final: boolean }): Set<AccionSuscripcion> {
  const out = new Set<AccionSuscripcion>(acciones(MAQUINA_SUSCRIPCION, s.estado).filter((a) => a !== 'vencer')); // the daily job's
  if (s.estado === 'activa') {
    // From `activa`, reactivar only undoes a scheduled cancellation, which in turn blocks renewal.
    if (s.cancelar_al_final) {
      out.delete('renovar');
    } else {
      out.delete('reactivar');
      out.add('cancelar_al_final');
    }
  }
  return out;
}
