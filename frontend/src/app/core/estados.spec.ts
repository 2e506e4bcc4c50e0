import {
  MAQUINA_CONTRATO,
  MAQUINA_EMPRESA,
  MAQUINA_PAGO,
  MAQUINA_SUSCRIPCION,
  MAQUINA_TICKET,
  acciones,
  accionesSuscripcion,
  cambiosEstadoTicket,
  esFinal,
  estadosCon,
  etiquetaEstado,
  opcionesEstado,
  puede,
  ticketAbierto,
  tonoEstado,
} from './estados';

describe('máquinas de estados (las del backend)', () => {
  const ofrecidas = (estado: 'activa' | 'inactiva' | 'suspendida' | 'cancelada', cancelar_al_final = false) =>
    [...accionesSuscripcion({ estado, cancelar_al_final })].sort();

  it('suscripciones: solo las acciones que el estado permite', () => {
    expect(ofrecidas('activa')).toEqual(['cancelar', 'cancelar_al_final', 'descuento', 'renovar', 'suspender']);
    expect(ofrecidas('inactiva')).toEqual(['cancelar', 'descuento', 'reactivar', 'renovar']);
    expect(ofrecidas('suspendida')).toEqual(['cancelar', 'descuento', 'reactivar']);
    expect(ofrecidas('cancelada')).toEqual([]);
    expect(MAQUINA_SUSCRIPCION.suspendida.reactivar).toBe('activa');
  });

  it('suscripciones: con cancelación programada no se renueva, se deshace (reactivar)', () => {
    expect(ofrecidas('activa', true)).toEqual(['cancelar', 'descuento', 'reactivar', 'suspender']);
  });

  it('tickets: cerrado solo se reabre, cancelado es final; los cambios por PATCH', () => {
    expect(Object.keys(MAQUINA_TICKET.cerrado)).toEqual(['reabrir']);
    expect(esFinal(MAQUINA_TICKET, 'cancelado')).toBe(true);
    expect(cambiosEstadoTicket('abierto')).toEqual(['en_proceso', 'pendiente_respuesta']);
    expect(cambiosEstadoTicket('en_proceso')).toEqual(['pendiente_respuesta']);
    expect(ticketAbierto('pendiente_respuesta')).toBe(true);
    expect(ticketAbierto('cerrado')).toBe(false);
    expect(estadosCon(MAQUINA_TICKET, 'cerrar')).toEqual(['abierto', 'en_proceso', 'pendiente_respuesta']);
  });

  it('contratos y pagos: un pago activa el pendiente; se renueva activo o vencido; un pago resuelto no cambia', () => {
    expect(estadosCon(MAQUINA_CONTRATO, 'activar')).toEqual(['pendiente_pago']);
    expect(estadosCon(MAQUINA_CONTRATO, 'renovar')).toEqual(['activo', 'vencido']);
    expect(estadosCon(MAQUINA_CONTRATO, 'cancelar')).toEqual(['pendiente_pago', 'activo']);
    expect(puede(MAQUINA_PAGO, 'pendiente', 'rechazar')).toBe(true);
    expect(esFinal(MAQUINA_PAGO, 'exitoso')).toBe(true);
    expect(acciones(MAQUINA_EMPRESA, 'inactiva')).toEqual(['activar']);
  });

  it('etiquetas en español y colores de los estados', () => {
    expect(etiquetaEstado('ticket', 'pendiente_respuesta')).toBe('Pendiente de respuesta');
    expect(etiquetaEstado('suscripcion', 'inactiva')).toBe('Inactiva');
    expect(etiquetaEstado('suscripcion', 'inactiva', 'cliente')).toBe('Pendiente de activación');
    expect(etiquetaEstado('contrato', 'desconocido')).toBe('desconocido');
    expect(opcionesEstado('contrato').map((o) => o.valor)).toEqual(Object.keys(MAQUINA_CONTRATO));
    // A rejected company is deleted: `rechazada` is in the machine, never in a filter or a form.
    expect(opcionesEstado('empresa').map((o) => o.valor)).toEqual(['pendiente', 'activa', 'inactiva']);
    expect(acciones(MAQUINA_EMPRESA, 'pendiente')).toEqual(['aprobar', 'rechazar']);
    expect(etiquetaEstado('empresa', 'pendiente')).toBe('Pendiente');
    expect(tonoEstado('pendiente_pago')).toBe('aviso');
    expect(tonoEstado('cancelado')).toBe('neutro');
  });
});
