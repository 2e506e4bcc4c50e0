import { HttpClient, HttpContext, HttpHeaders, HttpResponse } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { Observable, catchError, finalize, map, of, shareReplay, tap, throwError } from 'rxjs';

import { SKIP_AUTH, SKIP_ERROR_TOAST } from './http-context';
import { ConfirmacionOtp, OtpChallenge, RegistroPendiente, Sesion, Tokens, Usuario } from './api/identidad';

const STORAGE_KEY = 'tratios.sesion';
/** Device tokens by e-mail: kept after sign-out, so a lockout caused by others does not stop this browser. */
const DISPOSITIVOS_KEY = 'tratios.dispositivos';

/** A successful sign-in also hands out this browser's device token (sent back in `X-Dispositivo`). */
type SesionIniciada = Sesion & { dispositivo_token?: string };

interface Guardado {
  access_token: string;
  refresh_token: string;
  usuario: Usuario | null;
}

export type ResultadoLogin = { tipo: 'sesion'; usuario: Usuario } | { tipo: 'otp'; challenge_token: string };

export interface RegistroDatos {
  nombre: string;
  email: string;
  password: string;
  activar_otp?: boolean;
  empresa?: { nit: string; nombre: string; contacto?: string };
}

function authContext(): HttpContext {
  return new HttpContext().set(SKIP_AUTH, true).set(SKIP_ERROR_TOAST, true);
}

/** Session state: tokens (kept in localStorage so a reload keeps the user signed in) and the user. */
@Injectable({ providedIn: 'root' })
export class AuthService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);

  private readonly estado = signal<Guardado | null>(leer());
  private refrescando: Observable<string> | null = null;
  /** The e-mail of the sign-in in progress (its 2FA step sends and keeps the same device token). */
  private emailEnCurso = '';

  readonly usuario = computed(() => this.estado()?.usuario ?? null);
  readonly autenticado = computed(() => !!this.estado()?.access_token);
  readonly rol = computed(() => this.usuario()?.rol ?? null);
  readonly esAdmin = computed(() => this.rol() === 'admin');

  accessToken(): string | null {
    return this.estado()?.access_token ?? null;
  }

  refreshToken(): string | null {
    return this.estado()?.refresh_token ?? null;
  }

  /** Home route for the signed-in user. */
  inicio(): string {
    if (!this.autenticado()) {
      return '/planes';
    }
    return this.esAdmin() ? '/consola' : '/suscripcion';
  }

  login(email: string, password: string): Observable<ResultadoLogin> {
    this.emailEnCurso = email;
    return this.http
      .post<SesionIniciada | OtpChallenge>('/auth/login', { email, password },
        { observe: 'response', context: authContext(), headers: cabeceraDispositivo(email) })
      .pipe(map((res) => this.resultado(res, email)));
  }

  loginOtp(challenge_token: string, code: string): Observable<Usuario> {
    const email = this.emailEnCurso;
    return this.http
      .post<SesionIniciada>('/auth/login/otp', { challenge_token, code }, { context: authContext(), headers: cabeceraDispositivo(email) })
      .pipe(map((s) => this.iniciada(s, email)));
  }

  registro(datos: RegistroDatos): Observable<{ tipo: 'sesion'; usuario: Usuario } | { tipo: 'pendiente'; pendiente: RegistroPendiente }> {
    return this.http.post<Sesion | RegistroPendiente>('/auth/registro', datos, { context: authContext() }).pipe(
      map((r) => {
        if ('pending_token' in r) {
          return { tipo: 'pendiente' as const, pendiente: r };
        }
        return { tipo: 'sesion' as const, usuario: this.guardarSesion(r) };
      }),
    );
  }

  confirmarRegistroOtp(pending_token: string, code: string): Observable<ConfirmacionOtp> {
    return this.http
      .post<ConfirmacionOtp>('/auth/registro/confirmar-otp', { pending_token, code }, { context: authContext() })
      .pipe(tap((r) => this.guardarSesion(r)));
  }

  /**
   * Exchanges the refresh token for a new pair (rotation). Concurrent callers share one request.
   * A failed refresh signs the user out: the old refresh token is already revoked.
   */
  refresh(): Observable<string> {
    if (this.refrescando) {
      return this.refrescando;
    }
    const refresh = this.refreshToken();
    if (!refresh) {
      return throwError(() => new Error('sin_refresh_token'));
    }
    this.refrescando = this.http
      .post<Tokens>('/auth/refresh', null, {
        headers: new HttpHeaders({ Authorization: `Bearer ${refresh}` }),
        context: authContext(),
      })
      .pipe(
        map((t) => {
          const actual = this.estado();
          this.estado.set({ access_token: t.access_token, refresh_token: t.refresh_token, usuario: actual?.usuario ?? null });
          guardar(this.estado());
          return t.access_token;
        }),
        catchError((err) => {
          this.limpiar();
          return throwError(() => err);
        }),
        finalize(() => (this.refrescando = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    return this.refrescando;
  }

  /** Revokes both tokens on the server (best effort) and forgets the session. */
  logout(destino = '/login'): Observable<void> {
    const access = this.accessToken();
    const refresh = this.refreshToken();
    const fin = () => {
      this.limpiar();
      void this.router.navigateByUrl(destino);
    };
    if (!access) {
      fin();
      return of(undefined);
    }
    return this.http
      .post('/auth/logout', refresh ? { refresh_token: refresh } : {}, {
        headers: new HttpHeaders({ Authorization: `Bearer ${access}` }),
        context: authContext(),
      })
      .pipe(
        map(() => undefined),
        catchError(() => of(undefined)),
        finalize(fin),
      );
  }

  /** Forget the session locally (after a failed refresh, for instance). */
  limpiar(): void {
    this.estado.set(null);
    guardar(null);
  }

  actualizarUsuario(usuario: Usuario): void {
    const actual = this.estado();
    if (actual) {
      this.estado.set({ ...actual, usuario });
      guardar(this.estado());
    }
  }

  /**
   * Security changes (2FA on/off, new password) revoke the user's tokens; the API answers
   * with a fresh pair that replaces the stored one.
   */
  adoptarTokens(respuesta: unknown): void {
    const r = respuesta as Partial<Tokens> | null;
    const actual = this.estado();
    if (actual && r && typeof r.access_token === 'string' && typeof r.refresh_token === 'string') {
      this.estado.set({ ...actual, access_token: r.access_token, refresh_token: r.refresh_token });
      guardar(this.estado());
    }
  }

  guardarSesion(s: Sesion): Usuario {
    this.estado.set({ access_token: s.access_token, refresh_token: s.refresh_token, usuario: s.usuario });
    guardar(this.estado());
    return s.usuario;
  }

  private resultado(res: HttpResponse<SesionIniciada | OtpChallenge>, email: string): ResultadoLogin {
    const body = res.body;
    if (res.status === 202 || (body && 'requires_otp' in body && body.requires_otp)) {
      return { tipo: 'otp', challenge_token: (body as OtpChallenge).challenge_token };
    }
    return { tipo: 'sesion', usuario: this.iniciada(body as SesionIniciada, email) };
  }

  private iniciada(s: SesionIniciada, email: string): Usuario {
    if (s.dispositivo_token) {
      guardarDispositivo(email, s.dispositivo_token);
    }
    return this.guardarSesion(s);
  }
}

function claveEmail(email: string): string {
  return email.trim().toLowerCase();
}

function dispositivos(): Record<string, string> {
  try {
    const data = JSON.parse(globalThis.localStorage?.getItem(DISPOSITIVOS_KEY) ?? '{}') as unknown;
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** `X-Dispositivo` with the token this browser got for `email`, if any. */
export function cabeceraDispositivo(email: string): HttpHeaders {
  const token = email ? dispositivos()[claveEmail(email)] : undefined;
  return typeof token === 'string' && token ? new HttpHeaders({ 'X-Dispositivo': token }) : new HttpHeaders();
}

function guardarDispositivo(email: string, token: string): void {
  try {
    globalThis.localStorage?.setItem(DISPOSITIVOS_KEY, JSON.stringify({ ...dispositivos(), [claveEmail(email)]: token }));
  } catch {
    // Storage disabled: this browser simply is not a known device.
  }
}

function leer(): Guardado | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) {
      return null;
    }
    const data = JSON.parse(raw) as Partial<Guardado>;
    if (typeof data.access_token === 'string' && typeof data.refresh_token === 'string') {
      return { access_token: data.access_token, refresh_token: data.refresh_token, usuario: data.usuario ?? null };
    }
  } catch {
    // Corrupt storage: start signed out.
  }
  return null;
}

function guardar(valor: Guardado | null): void {
  try {
    if (valor) {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(valor));
    } else {
      globalThis.localStorage?.removeItem(STORAGE_KEY);
    }
  } catch {
    // Storage disabled (private mode): the session lives in memory only.
  }
}
