import { HttpClient, HttpContext, HttpEvent, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map } from 'rxjs';

import { PlanServicio, ResumenPlanesServicios } from '../../../core/api/backoffice';
import { Page } from '../../../core/api/comun';
import { Archivo, Comentario, DisponibilidadAdmin, Estadisticas, TicketAdminDetalle } from '../../../core/api/soporte';
import { pedirArchivo } from '../../../core/descargas';
import { Filtros, SKIP_LOADING, enLinea, httpParams } from '../../../core/http-context';

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
      context: enLinea(),
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

  descargarArchivo(id: number, nombre: string): Observable<HttpResponse<Blob>> {
    return pedirArchivo(this.http, `/admin/soporte-tickets/${id}/archivos/${encodeURIComponent(nombre)}`);
  }

  borrarArchivo(id: number, nombre: string): Observable<unknown> {
    return this.http.delete(`/admin/soporte-tickets/${id}/archivos/${encodeURIComponent(nombre)}`, { context: enLinea() });
  }
}
