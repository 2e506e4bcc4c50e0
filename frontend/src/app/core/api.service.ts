import { HttpClient, HttpEvent, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable, map, tap } from 'rxjs';

import { AuthService } from './auth.service';
import { Ciudad, Page, Pais } from './api/comun';
import { OtpSetup, Usuario } from './api/identidad';
import { Periodo, PlanPublico, SuscripcionCuenta } from './api/backoffice';
import { Archivo, Comentario, Disponibilidad, Ticket, TicketDetalle } from './api/soporte';
import { pedirArchivo } from './descargas';
import { Filtros, SKIP_LOADING, enLinea, httpParams } from './http-context';

export type PerfilDatos = Partial<Pick<Usuario, 'nombre' | 'telefono' | 'direccion' | 'ciudad' | 'pais' | 'fecha_nacimiento'>>;

export interface SolicitudSuscripcion {
  empresa: { nit: string; nombre: string; contacto: string };
  usuario: { nombre: string; email: string; password: string };
  plan_id: number;
  periodo: Periodo;
}

/** Account: profile, password, 2FA, subscriptions. */
@Injectable({ providedIn: 'root' })
export class CuentaApi {
  private readonly http = inject(HttpClient);
  private readonly auth = inject(AuthService);
  private readonly adoptar = tap((r: unknown) => this.auth.adoptarTokens(r));

  perfil(): Observable<Usuario> {
    return this.http.get<Usuario>('/account/profile');
  }

  guardarPerfil(datos: PerfilDatos): Observable<Usuario> {
    return this.http.put<Usuario>('/account/profile', datos, { context: enLinea() });
  }

  solicitarCodigo(): Observable<{ sent: boolean; expires_in: number }> {
    return this.http.post<{ sent: boolean; expires_in: number }>('/account/password/request-code', {}, { context: enLinea() });
  }

  verificarCodigo(code: string): Observable<{ valid: boolean }> {
    return this.http.post<{ valid: boolean }>('/account/password/verify-code', { code }, { context: enLinea() });
  }

  cambiarPassword(body: { current_password: string; new_password: string; otp_code?: string; verification_code?: string }): Observable<unknown> {
    return this.http.post('/account/password', body, { context: enLinea() }).pipe(this.adoptar);
  }

  otpSetup(): Observable<OtpSetup> {
    return this.http.post<OtpSetup>('/auth/otp/setup', {});
  }

  otpActivar(code: string): Observable<{ otp_enabled: boolean; backup_codes: string[] }> {
    return this.http.post<{ otp_enabled: boolean; backup_codes: string[] }>('/auth/otp/activate', { code }, { context: enLinea() })
      .pipe(tap((r) => this.auth.adoptarTokens(r)));
  }

  otpDesactivar(password: string, code: string): Observable<{ otp_enabled: boolean }> {
    return this.http.post<{ otp_enabled: boolean }>('/auth/otp/disable', { password, code }, { context: enLinea() })
      .pipe(tap((r) => this.auth.adoptarTokens(r)));
  }

  regenerarCodigos(code: string): Observable<{ backup_codes: string[] }> {
    return this.http.post<{ backup_codes: string[] }>('/auth/otp/backup-codes', { code }, { context: enLinea() })
      .pipe(tap((r) => this.auth.adoptarTokens(r)));
  }

  suscripciones(): Observable<SuscripcionCuenta[]> {
    return this.http.get<{ items: SuscripcionCuenta[] }>('/account/subscriptions').pipe(map((r) => r.items));
  }

  renovacionAutomatica(id: number, valor: boolean): Observable<SuscripcionCuenta> {
    return this.http.patch<SuscripcionCuenta>(`/account/subscriptions/${id}`, { renovacion_automatica: valor });
  }

  /** The licence of the user's company (`codigo` says why it is not valid); 404 without a company. */
  licencia(): Observable<{ valida: boolean; codigo: string; detalle: string }> {
    return this.http.post<{ valida: boolean; codigo: string; detalle: string }>('/api/verificar-licencia', {}, { context: enLinea() });
  }
}

/** Customer support: the company's tickets. */
@Injectable({ providedIn: 'root' })
export class SoporteApi {
  private readonly http = inject(HttpClient);
  private readonly base = '/account/soporte';

  disponibilidad(): Observable<Disponibilidad> {
    return this.http.get<Disponibilidad>(`${this.base}/disponibilidad`, { context: enLinea() });
  }

  tickets(f: Filtros): Observable<Page<Ticket>> {
    return this.http.get<Page<Ticket>>(`${this.base}/tickets`, { params: httpParams(f) });
  }

  ticket(id: number): Observable<TicketDetalle> {
    return this.http.get<TicketDetalle>(`${this.base}/tickets/${id}`);
  }

  crear(body: { titulo: string; descripcion: string; prioridad: string }): Observable<Ticket> {
    return this.http
      .post<{ ticket: Ticket } | Ticket>(`${this.base}/tickets`, body, { context: enLinea() })
      .pipe(map((r) => ('ticket' in r ? r.ticket : r)));
  }

  comentar(id: number, contenido: string): Observable<Comentario> {
    return this.http
      .post<{ comentario: Comentario } | Comentario>(`${this.base}/tickets/${id}/comentarios`, { contenido }, { context: enLinea() })
      .pipe(map((r) => ('comentario' in r ? r.comentario : r)));
  }

  subir(id: number, archivo: File): Observable<HttpEvent<{ archivo: Archivo }>> {
    const form = new FormData();
    form.append('archivo', archivo, archivo.name);
    return this.http.post<{ archivo: Archivo }>(`${this.base}/tickets/${id}/archivos`, form, {
      reportProgress: true,
      observe: 'events',
      context: enLinea().set(SKIP_LOADING, true),
    });
  }

  descargar(id: number, nombre: string): Observable<HttpResponse<Blob>> {
    return pedirArchivo(this.http, `${this.base}/tickets/${id}/archivos/${encodeURIComponent(nombre)}`);
  }
}

/** Public catalogue, self-service signup and location look-ups. */
@Injectable({ providedIn: 'root' })
export class PublicoApi {
  private readonly http = inject(HttpClient);

  planes(): Observable<PlanPublico[]> {
    return this.http.get<{ items: PlanPublico[] }>('/public/planes').pipe(map((r) => r.items));
  }

  suscribir(body: SolicitudSuscripcion): Observable<{ empresa: unknown; usuario: Usuario; suscripcion: unknown }> {
    return this.http.post<{ empresa: unknown; usuario: Usuario; suscripcion: unknown }>('/public/suscripcion', body, {
      context: enLinea(),
    });
  }

  paises(q: string): Observable<Pais[]> {
    return this.http
      .get<{ items: Pais[] }>('/public/location/countries', {
        params: httpParams({ q, limit: 20 }),
        context: enLinea().set(SKIP_LOADING, true),
      })
      .pipe(map((r) => r.items));
  }

  ciudades(iso2: string, q: string): Observable<Ciudad[]> {
    return this.http
      .get<{ items: Ciudad[] }>(`/public/location/countries/${encodeURIComponent(iso2)}/cities`, {
        params: httpParams({ q, limit: 20 }),
        context: enLinea().set(SKIP_LOADING, true),
      })
      .pipe(map((r) => r.items));
  }
}
