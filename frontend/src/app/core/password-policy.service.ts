import { HttpClient, HttpContext } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { Observable, catchError, of } from 'rxjs';

import { SKIP_ERROR_TOAST, SKIP_LOADING } from './http-context';

export interface PasswordPolicy {
  min_length: number;
  max_length: number;
  require_uppercase: boolean;
  require_lowercase: boolean;
  require_digit: boolean;
  require_special: boolean;
  not_equal_email: boolean;
  /** zxcvbn score (0-4) the server requires; checked by the server only (POST /public/password-policy/evaluar). */
  min_score: number;
}

/** The server's answer for one password: zxcvbn score, verdict and reasons in Spanish. */
export interface EvaluacionServidor {
  puntaje: number;
  valida: boolean;
  mensajes: string[];
}

export interface ReglaEvaluada {
  id: string;
  texto: string;
  cumple: boolean;
}

/** The API's documented defaults, used until (or if) /public/password-policy answers. */
export const POLITICA_POR_DEFECTO: PasswordPolicy = {
  min_length: 8,
  max_length: 128,
  require_uppercase: true,
  require_lowercase: true,
  require_digit: true,
  require_special: true,
  not_equal_email: true,
  min_score: 3,
};

function pick<T>(raw: Record<string, unknown>, keys: string[], fallback: T): T {
  for (const k of keys) {
    if (raw[k] !== undefined && raw[k] !== null) {
      return raw[k] as T;
    }
  }
  return fallback;
}

/** Accepts the policy document in English or Spanish key names (and nested under `policy`). */
export function parsePolicy(body: unknown): PasswordPolicy {
  if (!body || typeof body !== 'object') {
    return POLITICA_POR_DEFECTO;
  }
  let raw = body as Record<string, unknown>;
  for (const nested of ['policy', 'politica', 'reglas', 'rules']) {
    const v = raw[nested];
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      raw = { ...raw, ...(v as Record<string, unknown>) };
    }
  }
  const d = POLITICA_POR_DEFECTO;
  return {
    min_length: Number(pick(raw, ['min_length', 'longitud_minima', 'min', 'minimo'], d.min_length)),
    max_length: Number(pick(raw, ['max_length', 'longitud_maxima', 'max', 'maximo'], d.max_length)),
    require_uppercase: Boolean(pick(raw, ['require_uppercase', 'uppercase', 'mayuscula', 'requiere_mayuscula'], d.require_uppercase)),
    require_lowercase: Boolean(pick(raw, ['require_lowercase', 'lowercase', 'minuscula', 'requiere_minuscula'], d.require_lowercase)),
    require_digit: Boolean(pick(raw, ['require_digit', 'digit', 'numero', 'digito', 'requiere_numero', 'requiere_digito'], d.require_digit)),
    require_special: Boolean(pick(raw, ['require_special', 'special', 'especial', 'requiere_especial', 'simbolo'], d.require_special)),
    not_equal_email: Boolean(pick(raw, ['not_equal_email', 'distinta_del_email', 'distinta_email', 'different_from_email', 'no_igual_email'], d.not_equal_email)),
    min_score: Number(pick(raw, ['min_score', 'puntaje_minimo'], d.min_score)),
  };
}

export function evaluar(policy: PasswordPolicy, password: string, email = ''): ReglaEvaluada[] {
  const reglas: ReglaEvaluada[] = [
    {
      id: 'longitud',
      texto: `Entre ${policy.min_length} y ${policy.max_length} caracteres`,
      cumple: password.length >= policy.min_length && password.length <= policy.max_length,
    },
  ];
  if (policy.require_uppercase) {
    reglas.push({ id: 'mayuscula', texto: 'Una letra mayúscula', cumple: /\p{Lu}/u.test(password) });
  }
  if (policy.require_lowercase) {
    reglas.push({ id: 'minuscula', texto: 'Una letra minúscula', cumple: /\p{Ll}/u.test(password) });
  }
  if (policy.require_digit) {
    reglas.push({ id: 'numero', texto: 'Un número', cumple: /\d/.test(password) });
  }
  if (policy.require_special) {
    reglas.push({ id: 'especial', texto: 'Un carácter especial (p. ej. !@#$%)', cumple: /[^\p{L}\p{N}\s]/u.test(password) });
  }
  if (policy.not_equal_email) {
    reglas.push({
      id: 'email',
      texto: 'Distinta de su correo electrónico',
      cumple: password.length > 0 && password.trim().toLowerCase() !== email.trim().toLowerCase(),
    });
  }
  return reglas;
}

@Injectable({ providedIn: 'root' })
export class PasswordPolicyService {
  private readonly http = inject(HttpClient);
  readonly politica = signal<PasswordPolicy>(POLITICA_POR_DEFECTO);
  private cargada = false;

  cargar(): void {
    if (this.cargada) {
      return;
    }
    this.cargada = true;
    this.http
      .get<unknown>('/public/password-policy', {
        context: new HttpContext().set(SKIP_ERROR_TOAST, true).set(SKIP_LOADING, true),
      })
      .pipe(catchError(() => of(null)))
      .subscribe((body) => {
        if (body) {
          this.politica.set(parsePolicy(body));
        } else {
          this.cargada = false;
        }
      });
  }

  /** zxcvbn on the server (the SPA has no copy of it); null when the server cannot answer (e.g. 429). */
  evaluarEnServidor(password: string, email = ''): Observable<EvaluacionServidor | null> {
    const body: Record<string, string> = { password };
    if (email) {
      body['email'] = email;
    }
    return this.http
      .post<EvaluacionServidor>('/public/password-policy/evaluar', body, {
        context: new HttpContext().set(SKIP_ERROR_TOAST, true).set(SKIP_LOADING, true),
      })
      .pipe(catchError(() => of(null)));
  }
}
