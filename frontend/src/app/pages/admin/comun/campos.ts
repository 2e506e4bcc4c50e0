import { Observable, map } from 'rxjs';

import { Plan, Suscripcion } from '../../../core/api/backoffice';
import { Contrato, SoporteTipo } from '../../../core/api/soporte';
import { ESTADOS_INICIALES_SUSCRIPCION, MAQUINA_SUSCRIPCION, esFinal, etiquetaEstado, opcionesEstado } from '../../../core/estados';
import { MODALIDADES, Opcion, PERIODOS, PRIORIDADES, ROLES, etiquetaDe } from '../../../core/opciones';
import { AdminApi } from './admin-api';
import { Campo } from './form-dialog';

/** Field definitions of every admin form: the same rules as the API schemas (schemas/*.py). */

export const CAMPOS_EMPRESA: Campo[] = [
  { nombre: 'nit', etiqueta: 'NIT', tipo: 'nit', requerido: true, ayuda: 'Con o sin dígito de verificación: 900123456-8' },
  { nombre: 'nombre', etiqueta: 'Razón social', tipo: 'texto', requerido: true, minLength: 1, maxLength: 200 },
  { nombre: 'contacto', etiqueta: 'Contacto (correo o nombre)', tipo: 'texto', maxLength: 200, nulo: true },
  { nombre: 'estado', etiqueta: 'Estado', tipo: 'select', requerido: true, opciones: opcionesEstado('empresa') },
];

const PERFIL: Campo[] = [
  { nombre: 'telefono', etiqueta: 'Teléfono', tipo: 'texto', maxLength: 30, nulo: true },
  { nombre: 'ciudad', etiqueta: 'Ciudad', tipo: 'texto', maxLength: 100, nulo: true },
  { nombre: 'pais', etiqueta: 'País', tipo: 'texto', maxLength: 100, nulo: true },
];

export function camposUsuario(opciones: { nuevo: boolean; esUnoMismo?: boolean }): Campo[] {
  const campos: Campo[] = [
    { nombre: 'nombre', etiqueta: 'Nombre', tipo: 'texto', requerido: true, minLength: 1, maxLength: 120 },
    { nombre: 'email', etiqueta: 'Correo electrónico', tipo: 'email', requerido: true, maxLength: 254 },
  ];
  if (opciones.nuevo) {
    campos.push({ nombre: 'password', etiqueta: 'Contraseña', tipo: 'password', requerido: true, maxLength: 1024 });
  }
  campos.push(
    {
      nombre: 'rol',
      etiqueta: 'Rol',
      tipo: 'select',
      requerido: true,
      opciones: ROLES,
      // The API refuses an admin changing their own role (409 operacion_sobre_si_mismo).
      soloLectura: opciones.esUnoMismo,
      ayuda: opciones.esUnoMismo ? 'No puede cambiar su propio rol.' : undefined,
    },
    { nombre: 'empresa_id', etiqueta: 'Empresa', tipo: 'empresa', nulo: true },
    {
      nombre: 'is_active',
      etiqueta: 'Activo',
      tipo: 'check',
      soloLectura: opciones.esUnoMismo,
      ayuda: opciones.esUnoMismo ? 'No puede desactivarse a sí mismo.' : undefined,
    },
    ...PERFIL,
  );
  return campos;
}

export const CAMPOS_PASSWORD: Campo[] = [
  { nombre: 'new_password', etiqueta: 'Nueva contraseña', tipo: 'password', requerido: true, maxLength: 1024 },
];

export const CAMPOS_PLAN: Campo[] = [
  { nombre: 'nombre', etiqueta: 'Nombre', tipo: 'texto', requerido: true, minLength: 1, maxLength: 120 },
  { nombre: 'descripcion', etiqueta: 'Descripción', tipo: 'textarea', maxLength: 5000, nulo: true },
  { nombre: 'precio_mensual', etiqueta: 'Precio mensual (COP)', tipo: 'numero', requerido: true, min: 0, max: 9999999999 },
  { nombre: 'precio_anual', etiqueta: 'Precio anual (COP)', tipo: 'numero', requerido: true, min: 0, max: 9999999999 },
  { nombre: 'seleccionado', etiqueta: 'Plan destacado', tipo: 'check', ayuda: 'Solo un plan puede estar destacado: marcarlo desmarca los demás.' },
];

export const CAMPOS_SERVICIO: Campo[] = [
  { nombre: 'nombre', etiqueta: 'Nombre', tipo: 'texto', requerido: true, minLength: 1, maxLength: 120 },
  { nombre: 'descripcion', etiqueta: 'Descripción', tipo: 'textarea', maxLength: 5000, nulo: true },
  { nombre: 'url_api', etiqueta: 'URL de la API', tipo: 'url', maxLength: 500, nulo: true, ayuda: 'http:// o https://' },
  { nombre: 'activo', etiqueta: 'Activo', tipo: 'check' },
];

export function camposSoporteTipo(editar: boolean): Campo[] {
  return [
    { nombre: 'nombre', etiqueta: 'Nombre', tipo: 'texto', requerido: true, minLength: 1, maxLength: 120 },
    { nombre: 'modalidad', etiqueta: 'Modalidad', tipo: 'select', requerido: true, opciones: MODALIDADES,
      ayuda: editar ? 'La modalidad no cambia si el tipo ya fue contratado.' : undefined },
    { nombre: 'precio', etiqueta: 'Precio (COP)', tipo: 'numero', requerido: true, min: 0, max: 9999999999 },
    { nombre: 'max_tickets', etiqueta: 'Máximo de tickets por periodo', tipo: 'entero', requerido: true, min: 1, max: 1000000,
      visible: (v) => v['modalidad'] === 'por_tickets' },
    { nombre: 'max_horas', etiqueta: 'Máximo de horas por periodo', tipo: 'numero', requerido: true, min: 0.01, max: 99999999,
      visible: (v) => v['modalidad'] === 'por_horas' },
    { nombre: 'descripcion', etiqueta: 'Descripción', tipo: 'textarea', maxLength: 5000, nulo: true },
    { nombre: 'activo', etiqueta: 'Activo (se puede contratar)', tipo: 'check' },
  ];
}

function opcionesPlanes(api: AdminApi): Observable<Opcion<unknown>[]> {
  return api
    .listar<Plan>('planes', { per_page: 100, sort: 'nombre' }, { silencioso: true })
    .pipe(map((p) => p.items.map((x) => ({ valor: x.id, etiqueta: x.nombre }))));
}

export function camposSuscripcion(api: AdminApi, empresaFija = false): Campo[] {
  return [
    { nombre: 'empresa_id', etiqueta: 'Empresa', tipo: 'empresa', requerido: true, soloLectura: empresaFija },
    { nombre: 'plan_id', etiqueta: 'Plan', tipo: 'select', requerido: true,
      cargarOpciones: () => opcionesPlanes(api) },
    { nombre: 'periodo', etiqueta: 'Periodo', tipo: 'select', requerido: true, opciones: PERIODOS },
    { nombre: 'fecha_inicio', etiqueta: 'Fecha de inicio', tipo: 'fecha', ayuda: 'Vacía = hoy' },
    { nombre: 'estado', etiqueta: 'Estado inicial', tipo: 'select', requerido: true,
      opciones: opcionesEstado('suscripcion').filter((e) => (ESTADOS_INICIALES_SUSCRIPCION as readonly string[]).includes(e.valor)) },
    { nombre: 'renovacion_automatica', etiqueta: 'Renovación automática', tipo: 'check' },
    { nombre: 'notas', etiqueta: 'Notas', tipo: 'textarea', maxLength: 5000, nulo: true },
  ];
}

export function camposContrato(api: AdminApi, empresaFija = false): Campo[] {
  return [
    { nombre: 'empresa_id', etiqueta: 'Empresa', tipo: 'empresa', requerido: true, soloLectura: empresaFija },
    {
      nombre: 'suscripcion_id',
      etiqueta: 'Suscripción de plan',
      tipo: 'select',
      requerido: true,
      ayuda: 'El contrato de soporte se asocia a la suscripción de plan de la empresa.',
      opcionesSegun: {
        campo: 'empresa_id',
        cargar: (empresaId) =>
          api
            .listar<Suscripcion>('suscripciones', { empresa_id: Number(empresaId), per_page: 100, sort: '-fecha_inicio' }, { silencioso: true })
            .pipe(
              map((p) =>
                p.items
                  .filter((s) => !esFinal(MAQUINA_SUSCRIPCION, s.estado))
                  .map((s) => ({ valor: s.id, etiqueta: `#${s.id} · ${s.plan.nombre} (${etiquetaEstado('suscripcion', s.estado)}, hasta ${s.fecha_fin})` })),
              ),
            ),
      },
    },
    {
      nombre: 'soporte_tipo_id',
      etiqueta: 'Tipo de soporte',
      tipo: 'select',
      requerido: true,
      cargarOpciones: () =>
        api
          .listar<SoporteTipo>('soporte-tipos', { activo: 'true', per_page: 100 }, { silencioso: true })
          .pipe(map((p) => p.items.map((t) => ({ valor: t.id, etiqueta: `${t.nombre} · ${etiquetaDe(MODALIDADES, t.modalidad)}` })))),
    },
    { nombre: 'fecha_inicio', etiqueta: 'Fecha de inicio', tipo: 'fecha', ayuda: 'Vacía = hoy' },
    { nombre: 'notas', etiqueta: 'Notas', tipo: 'textarea', maxLength: 5000, nulo: true },
  ];
}

export function camposPago(contratoFijo: Contrato | null): Campo[] {
  return [
    { nombre: 'soporte_suscripcion_id', etiqueta: 'Contrato de soporte (n.º)', tipo: 'entero', requerido: true, min: 1, soloLectura: !!contratoFijo },
    { nombre: 'monto', etiqueta: 'Monto (COP)', tipo: 'numero', requerido: true, min: 0.01, max: 9999999999 },
    { nombre: 'estado', etiqueta: 'Estado', tipo: 'select', requerido: true, opciones: opcionesEstado('pago'),
      ayuda: 'Un pago exitoso activa un contrato pendiente de pago.' },
    { nombre: 'referencia', etiqueta: 'Referencia (PSE, transferencia…)', tipo: 'texto', maxLength: 200 },
  ];
}

export const CAMPOS_TICKET_NUEVO: Campo[] = [
  { nombre: 'empresa_id', etiqueta: 'Empresa', tipo: 'empresa', requerido: true },
  { nombre: 'titulo', etiqueta: 'Título', tipo: 'texto', requerido: true, minLength: 1, maxLength: 200 },
  { nombre: 'descripcion', etiqueta: 'Descripción', tipo: 'textarea', requerido: true, minLength: 1, maxLength: 20000 },
  { nombre: 'prioridad', etiqueta: 'Prioridad', tipo: 'select', requerido: true, opciones: PRIORIDADES },
];

