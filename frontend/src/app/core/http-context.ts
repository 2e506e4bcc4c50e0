import { HttpContext, HttpContextToken, HttpParams } from '@angular/common/http';

/** The caller shows the error itself (inline in a form): no global snackbar. */
export const SKIP_ERROR_TOAST = new HttpContextToken<boolean>(() => false);
/** Do not attach the access token nor try to refresh (auth endpoints). */
export const SKIP_AUTH = new HttpContextToken<boolean>(() => false);
/** Do not show the global progress bar (background polling, type-ahead). */
export const SKIP_LOADING = new HttpContextToken<boolean>(() => false);

/** Errors shown where they happen (form fields, dialogs): no global snackbar. */
export function enLinea(context = new HttpContext()): HttpContext {
  return context.set(SKIP_ERROR_TOAST, true);
}

export type Filtros = Record<string, string | number | boolean | null | undefined>;

/** Query parameters without the empty ones (undefined, null, ''). */
export function httpParams(obj: Filtros): HttpParams {
  let p = new HttpParams();
  for (const [k, v] of Object.entries(obj)) {
    if (v !== undefined && v !== null && v !== '') {
      p = p.set(k, String(v));
    }
  }
  return p;
}
