import { HttpErrorResponse } from '@angular/common/http';

import { ApiErrorBody } from './api/comun';

/** Seconds from a `Retry-After` header (delta-seconds or HTTP date); null if absent. */
export function retryAfterSeconds(err: HttpErrorResponse): number | null {
  const raw = err.headers?.get('Retry-After');
  if (!raw) {
    return null;
  }
  const n = Number(raw);
  if (Number.isFinite(n)) {
    return Math.max(0, Math.ceil(n));
  }
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** "1 minuto y 5 segundos" style wait time. */
export function formatoEspera(segundos: number): string {
  const m = Math.floor(segundos / 60);
  const s = segundos % 60;
  const partes: string[] = [];
  if (m > 0) {
    partes.push(`${m} ${m === 1 ? 'minuto' : 'minutos'}`);
  }
  if (s > 0 || m === 0) {
    partes.push(`${s} ${s === 1 ? 'segundo' : 'segundos'}`);
  }
  return partes.join(' y ');
}

export function apiErrorBody(err: unknown): ApiErrorBody | null {
  if (err instanceof HttpErrorResponse && err.error && typeof err.error === 'object') {
    const body = err.error as Partial<ApiErrorBody>;
    if (typeof body.message === 'string') {
      return { error: String(body.error ?? ''), message: body.message, details: body.details };
    }
  }
  return null;
}

/** The Spanish message to show for an HTTP error (the API's own `message` when present). */
export function mensajeDeError(err: unknown): string {
  if (!(err instanceof HttpErrorResponse)) {
    return 'Ocurrió un error inesperado.';
  }
  if (err.status === 0) {
    return 'No hay conexión con el servidor. Verifique su red e intente de nuevo.';
  }
  const body = apiErrorBody(err);
  let mensaje = body?.message ?? mensajePorEstado(err.status);
  if (err.status === 429) {
    const espera = retryAfterSeconds(err);
    if (espera !== null) {
      mensaje = `${mensaje} Podrá intentarlo de nuevo en ${formatoEspera(espera)}.`;
    }
  }
  return mensaje;
}

/** Field -> messages for a 422 answer. */
export function erroresDeCampo(err: unknown): Record<string, string[]> {
  const details = apiErrorBody(err)?.details;
  const out: Record<string, string[]> = {};
  if (err instanceof HttpErrorResponse && err.status === 422 && details) {
    for (const [campo, mensajes] of Object.entries(details)) {
      if (Array.isArray(mensajes)) {
        out[campo] = mensajes.map(String);
      } else if (mensajes && typeof mensajes === 'object') {
        for (const [sub, m] of Object.entries(mensajes as Record<string, unknown>)) {
          out[`${campo}.${sub}`] = Array.isArray(m) ? m.map(String) : [String(m)];
        }
      } else if (typeof mensajes === 'string') {
        out[campo] = [mensajes];
      }
    }
  }
  return out;
}

function mensajePorEstado(status: number): string {
  switch (status) {
    case 400:
      return 'La solicitud no es válida.';
    case 401:
      return 'Su sesión no es válida. Inicie sesión de nuevo.';
    case 403:
      return 'No tiene permiso para realizar esta acción.';
    case 404:
      return 'No se encontró el recurso solicitado.';
    case 409:
      return 'La operación entra en conflicto con el estado actual.';
    case 413:
      return 'El archivo o la solicitud es demasiado grande.';
    case 422:
      return 'Revise los datos del formulario.';
    case 429:
      return 'Demasiados intentos.';
    default:
      return status >= 500 ? 'El servidor no pudo completar la operación. Intente más tarde.' : 'Ocurrió un error.';
  }
}
