import { HttpContext, HttpContextToken } from '@angular/common/http';

/** The caller shows the error itself (inline in a form): no global snackbar. */
export const SKIP_ERROR_TOAST = new HttpContextToken<boolean>(() => false);
/** Do not attach the access token nor try to refresh (auth endpoints). */
export const SKIP_AUTH = new HttpContextToken<boolean>(() => false);
/** Do not show the global progress bar (background polling, type-ahead). */
export const SKIP_LOADING = new HttpContextToken<boolean>(() => false);

export function silencioso(context = new HttpContext()): HttpContext {
  return context.set(SKIP_ERROR_TOAST, true);
}
