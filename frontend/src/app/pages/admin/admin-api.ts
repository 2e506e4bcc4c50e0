import { HttpClient, HttpContext, HttpEvent, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { SKIP_ERROR_TOAST, SKIP_LOADING } from '../../core/http-context';
import { Archivo, Comentario, Page, Usuario } from '../../core/models';

/** Shapes of the admin API (`/admin/*`, see README.md, sections Back office and Soporte). */

export interface Empresa {
  id: number;
  nit: string;
  nombre: string;
  contacto: string | null;
  plan: string | null;
  estado: 'activa' | 'inactiva';
  created_at: string;
  updated_at: string | null;
}

export type UsuarioAdmin = Usuario;

export interface PlanServicioResumen {
  id: number;
  nombre: string;
  activo: boolean;
  cantidad: number | null;
}

export interface Plan {
  id: number;
  nombre: string;
  descripcion: string | null;
  precio_mensual: number;
  precio_anual: number;
  seleccionado: boolean;
  servicios: PlanServicioResumen[];
  created_at: string;
}

export interface Servicio {
  id: number;
  nombre: string;
  descripcion: string | null;
  activo: boolean;
  url_api: string | null;
  created_at: string;
}

export interface PlanServicio {
  id: number;
  plan_id: number;
  servicio_id: number;
  nombre: string;
  activo: boolean;
  cantidad: number | null;
}

export type EstadoSuscripcion = 'activa' | 'inactiva' | 'suspendida' | 'cancelada';

export interface Suscripcion {
  id: number;
  empresa_id: number;
  empresa: { id: number; nit: string; nombre: string };
  plan_id: number;
  plan: { id: number; nombre: string };
  periodo: 'mensual' | 'anual';
  fecha_inicio: string;
  fecha_fin: string;
  estado: EstadoSuscripcion;
  precio_pagado: number;
  porcentaje_descuento: number;
  renovacion_automatica: boolean;
  cancelar_al_final: boolean;
  motivo_cancelacion: string | null;
  fecha_cancelacion: string | null;
  notas: string | null;
  created_at: string;
}

export interface AuditLog {
  id: number;
  usuario_id: number | null;
  usuario_email: string | null;
  accion: string;
  entidad: string;
  entidad_id: number | null;
  empresa_id: number | null;
  antes: Record<string, unknown> | null;
  despues: Record<string, unknown> | null;
  ip: string | null;
  request_id: string | null;
  created_at: string;
}

export type Modalidad = 'mensual' | 'anual' | 'por_tickets' | 'por_horas';

export interface SoporteTipo {
  id: number;
  nombre: string;
  descripcion: string | null;
  modalidad: Modalidad;
  precio: number;
  max_tickets: number | null;
  max_horas: number | null;
  activo: boolean;
}

export type EstadoContrato = 'pendiente_pago' | 'activo' | 'vencido' | 'cancelado';

export interface Contrato {
  id: number;
  empresa_id: number;
  suscripcion_id: number;
  soporte_tipo_id: number;
  fecha_inicio: string;
  fecha_fin: string;
  estado: EstadoContrato;
  precio_actual: number;
  tickets_consumidos: number;
  horas_consumidas: number;
  agotado: boolean;
  modalidad: Modalidad;
  max_tickets: number | null;
  max_horas: number | null;
  notas: string | null;
  created_at: string;
}

export interface Pago {
  id: number;
  soporte_suscripcion_id: number;
  empresa_id: number;
  monto: number;
  estado: 'exitoso' | 'fallido' | 'pendiente';
  detalle: Record<string, unknown> | null;
  fecha_pago: string;
  created_at: string;
}

export interface TicketAdmin {
  id: number;
  empresa_id: number;
  usuario_id: number | null;
  titulo: string;
  descripcion: string;
  prioridad: 'baja' | 'media' | 'alta' | 'urgente';
  estado: 'abierto' | 'en_proceso' | 'pendiente_respuesta' | 'cerrado' | 'cancelado';
  metadata: Record<string, unknown> | null;
  horas_dedicadas: number | null;
  created_at: string;
  updated_at: string | null;
  closed_at: string | null;
  archivos: Archivo[];
  soporte_suscripcion_id: number | null;
  asignado_a: number | null;
  consumio_cupo: boolean;
  first_response_at: string | null;
}

export interface TicketAdminDetalle extends TicketAdmin {
  comentarios: Comentario[];
}

export interface DisponibilidadAdmin {
  activo: boolean;
  modalidad: Modalidad | null;
  fecha_fin: string | null;
  tickets_disponibles: number | null;
  horas_disponibles: number | null;
  empresa_id: number;
  soporte_suscripcion_id: number | null;
  tickets_consumidos: number | null;
  max_tickets: number | null;
  horas_consumidas: number | null;
  max_horas: number | null;
  agotado: boolean;
}

export interface Estadisticas {
  total: number;
  por_estado: Record<string, number>;
  por_prioridad: Record<string, number>;
  tiempo_primera_respuesta_horas: number | null;
  tiempo_resolucion_horas: number | null;
  horas_por_empresa: { empresa_id: number; empresa: string; periodo: string; horas: number; tickets: number }[];
}

export interface ResumenPlanesServicios {
  planes: { id: number; nombre: string; seleccionado: boolean; servicios: PlanServicioResumen[]; total_servicios: number; suscripciones_activas: number }[];
  servicios: { id: number; nombre: string; activo: boolean; planes: number[] }[];
  totales: { planes: number; servicios: number; servicios_activos: number; asociaciones: number };
}

export type Filtros = Record<string, string | number | boolean | null | undefined>;

export function httpParams(obj: Filtros): HttpParams {
  let p = new HttpParams();
  for (const [k, v] of Object.entries(obj)) {
    if (v !== undefined && v !== null && v !== '') {
      p = p.set(k, String(v));
    }
  }
  return p;
}

/** Writes show their errors where they happen (form fields, dialogs): no global toast. */
const enLinea = () => new HttpContext().set(SKIP_ERROR_TOAST, true);

/**
 * The whole admin API, by resource name (`empresas`, `usuarios`, `planes`, `servicios`, `suscripciones`,
 * `auditoria`, `soporte-tipos`, `soporte-suscripciones`, `soporte-pagos`, `soporte-tickets`).
 */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  listar<T>(recurso: string, filtros: Filtros = {}, opciones: { silencioso?: boolean } = {}): Observable<Page<T>> {
    const context = opciones.silencioso ? new HttpContext().set(SKIP_LOADING, true) : undefined;
    return this.http.get<Page<T>>(`/admin/${recurso}`, { params: httpParams(filtros), context });
  }

  obtener<T>(recurso: string, id: number | string): Observable<T> {
    return this.http.get<T>(`/admin/${recurso}/${id}`);
  }

  crear<T>(recurso: string, body: object): Observable<T> {
    return this.http.post<T>(`/admin/${recurso}`, body, { context: enLinea() });
  }

  actualizar<T>(recurso: string, id: number, body: object, metodo: 'put' | 'patch' = 'put'): Observable<T> {
    return this.http.request<T>(metodo.toUpperCase(), `/admin/${recurso}/${id}`, { body, context: enLinea() });
  }

  eliminar(recurso: string, id: number): Observable<unknown> {
    return this.http.delete(`/admin/${recurso}/${id}`, { context: enLinea() });
  }

  /** `POST /admin/<recurso>/<id>/<accion>` (renovar, cancelar, activar, toggle-estado, cerrar, ...). */
  accion<T>(recurso: string, id: number, accion: string, body: object = {}, aviso = false): Observable<T> {
    // `aviso`: no dialog shows the error, so the global snackbar does.
    return this.http.post<T>(`/admin/${recurso}/${id}/${accion}`, body, aviso ? {} : { context: enLinea() });
  }

  /** Total of a filtered list (one row requested), for dashboard counters. */
  contar(recurso: string, filtros: Filtros): Observable<number> {
    return this.listar<unknown>(recurso, { ...filtros, page: 1, per_page: 1 }, { silencioso: true }).pipe(map((p) => p.total));
  }

  // --- plans and their services -------------------------------------------------------------------

  planServicios(planId: number): Observable<PlanServicio[]> {
    return this.http.get<{ items: PlanServicio[] }>(`/admin/planes/${planId}/servicios`).pipe(map((r) => r.items));
  }

  asociarServicio(planId: number, servicioId: number, cantidad: number | null): Observable<PlanServicio> {
    return this.http.post<PlanServicio>(`/admin/planes/${planId}/servicios/${servicioId}`, { cantidad }, { context: enLinea() });
  }

  cambiarCantidad(planId: number, servicioId: number, cantidad: number | null): Observable<PlanServicio> {
    return this.http.put<PlanServicio>(`/admin/planes/${planId}/servicios/${servicioId}`, { cantidad }, { context: enLinea() });
  }

  quitarServicio(planId: number, servicioId: number): Observable<unknown> {
    return this.http.delete(`/admin/planes/${planId}/servicios/${servicioId}`, { context: enLinea() });
  }

  /** Replaces every service of the plan at once (atomic on the server). */
  reemplazarServicios(planId: number, servicios: { servicio_id: number; cantidad: number | null }[]): Observable<PlanServicio[]> {
    return this.http
      .post<{ items: PlanServicio[] }>(`/admin/planes/${planId}/servicios`, { servicios }, { context: enLinea() })
      .pipe(map((r) => r.items));
  }

  resumenPlanesServicios(): Observable<ResumenPlanesServicios> {
    return this.http.get<ResumenPlanesServicios>('/admin/planes-servicios/resumen');
  }

  // --- help desk ----------------------------------------------------------------------------------

  disponibilidad(empresaId: number): Observable<DisponibilidadAdmin> {
    return this.http.get<DisponibilidadAdmin>('/admin/soporte-tickets/disponibilidad', {
      params: httpParams({ empresa_id: empresaId }),
      context: new HttpContext().set(SKIP_ERROR_TOAST, true),
    });
  }

  estadisticas(filtros: Filtros = {}): Observable<Estadisticas> {
    return this.http.get<Estadisticas>('/admin/soporte-tickets/estadisticas', { params: httpParams(filtros) });
  }

  ticket(id: number): Observable<TicketAdminDetalle> {
    return this.http.get<TicketAdminDetalle>(`/admin/soporte-tickets/${id}`);
  }

  comentar(id: number, contenido: string, interno: boolean): Observable<Comentario> {
    return this.http.post<Comentario>(`/admin/soporte-tickets/${id}/comentarios`, { contenido, interno }, { context: enLinea() });
  }

  subirArchivo(id: number, archivo: File): Observable<HttpEvent<Archivo>> {
    const form = new FormData();
    form.append('archivo', archivo, archivo.name);
    return this.http.post<Archivo>(`/admin/soporte-tickets/${id}/archivos`, form, {
      reportProgress: true,
      observe: 'events',
      context: enLinea().set(SKIP_LOADING, true),
    });
  }

  descargarArchivo(id: number, nombre: string): Observable<Blob> {
    return this.http.get(`/admin/soporte-tickets/${id}/archivos/${encodeURIComponent(nombre)}`, { responseType: 'blob' });
  }

  borrarArchivo(id: number, nombre: string): Observable<unknown> {
    return this.http.delete(`/admin/soporte-tickets/${id}/archivos/${encodeURIComponent(nombre)}`, { context: enLinea() });
  }
}
