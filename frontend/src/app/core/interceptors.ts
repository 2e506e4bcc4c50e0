import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, finalize, switchMap, throwError } from 'rxjs';

import { AuthService } from './auth.service';
import { mensajeDeError } from './errors';
import { SKIP_AUTH, SKIP_ERROR_TOAST, SKIP_LOADING } from './http-context';
import { LoadingService } from './loading.service';
import { NotifyService } from './notify.service';

/** Only our own API (relative URLs) ever receives the token. */
function esPropio(req: HttpRequest<unknown>): boolean {
  return req.url.startsWith('/') && !req.url.startsWith('//');
}

function conToken(req: HttpRequest<unknown>, token: string): HttpRequest<unknown> {
  return req.clone({ setHeaders: { Authorization: `Bearer ${token}` } });
}

export const loadingInterceptor: HttpInterceptorFn = (req, next) => {
  if (req.context.get(SKIP_LOADING)) {
    return next(req);
  }
  const loading = inject(LoadingService);
  loading.inicio();
  return next(req).pipe(finalize(() => loading.fin()));
};

/** Shows the API's Spanish message for every failed request unless the caller handles it. */
export const errorInterceptor: HttpInterceptorFn = (req, next) => {
  const notify = inject(NotifyService);
  return next(req).pipe(
    catchError((err: unknown) => {
      const handledByAuth = err instanceof HttpErrorResponse && err.status === 401 && !req.context.get(SKIP_AUTH);
      if (!req.context.get(SKIP_ERROR_TOAST) && !handledByAuth) {
        notify.error(mensajeDeError(err));
      }
      return throwError(() => err);
    }),
  );
};

/**
 * Attaches the access token; on a 401 refreshes once (rotation-aware, shared between
 * concurrent requests) and retries. If the refresh fails the user is signed out.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (req.context.get(SKIP_AUTH) || !esPropio(req)) {
    return next(req);
  }
  const auth = inject(AuthService);
  const router = inject(Router);
  const notify = inject(NotifyService);
  const token = auth.accessToken();
  if (!token) {
    return next(req);
  }
  const salir = () => {
    auth.limpiar();
    notify.error('Su sesión expiró. Inicie sesión de nuevo.');
    const returnUrl = router.url && !router.url.startsWith('/login') ? router.url : undefined;
    void router.navigate(['/login'], { queryParams: returnUrl ? { returnUrl } : {} });
  };
  return next(conToken(req, token)).pipe(
    catchError((err: unknown) => {
      if (!(err instanceof HttpErrorResponse) || err.status !== 401) {
        return throwError(() => err);
      }
      return auth.refresh().pipe(
        catchError(() => {
          salir();
          return throwError(() => err);
        }),
        switchMap((nuevo) =>
          next(conToken(req, nuevo)).pipe(
            catchError((err2: unknown) => {
              if (err2 instanceof HttpErrorResponse && err2.status === 401) {
                salir();
              }
              return throwError(() => err2);
            }),
          ),
        ),
      );
    }),
  );
};
