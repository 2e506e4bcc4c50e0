import { HttpClient, HttpContext, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { USUARIO } from './testing';
import { AuthService } from './auth.service';
import { SKIP_ERROR_TOAST } from './http-context';
import { authInterceptor, errorInterceptor, loadingInterceptor } from './interceptors';
import { LoadingService } from './loading.service';
import { NotifyService } from './notify.service';

describe('interceptores HTTP', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthService;
  let errores: string[];

  beforeEach(() => {
    localStorage.clear();
    errores = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([loadingInterceptor, errorInterceptor, authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', children: [] }]),
        { provide: NotifyService, useValue: { error: (m: string) => errores.push(m), ok: () => undefined } },
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    auth.guardarSesion({ access_token: 'a1', refresh_token: 'r1', usuario: USUARIO });
  });

  afterEach(() => backend.verify());

  it('adjunta el token de acceso solo a rutas propias', () => {
    http.get('/account/profile').subscribe();
    expect(backend.expectOne('/account/profile').request.headers.get('Authorization')).toBe('Bearer a1');
    http.get('https://otro.example/x').subscribe();
    expect(backend.expectOne('https://otro.example/x').request.headers.has('Authorization')).toBe(false);
  });

  it('refresca una vez ante un 401 y reintenta con el token nuevo', () => {
    let respuesta: unknown;
    http.get('/account/profile').subscribe((r) => (respuesta = r));
    backend.expectOne('/account/profile').flush({ error: 'token_expirado', message: 'Expiró.' }, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/auth/refresh').flush({ access_token: 'a2', refresh_token: 'r2' });
    const reintento = backend.expectOne('/account/profile');
    expect(reintento.request.headers.get('Authorization')).toBe('Bearer a2');
    reintento.flush({ ok: true });
    expect(respuesta).toEqual({ ok: true });
    expect(errores).toEqual([]);
  });

  it('cierra la sesión y va a /login si el refresco falla', () => {
    const router = TestBed.inject(Router);
    const navegar = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    let fallo = false;
    http.get('/account/profile').subscribe({ error: () => (fallo = true) });
    backend.expectOne('/account/profile').flush({ error: 'x', message: 'x' }, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/auth/refresh').flush({ error: 'token_revocado', message: 'Revocado.' }, { status: 401, statusText: 'Unauthorized' });
    expect(fallo).toBe(true);
    expect(auth.autenticado()).toBe(false);
    expect(navegar).toHaveBeenCalledWith(['/login'], expect.anything());
    expect(errores).toEqual(['Su sesión expiró. Inicie sesión de nuevo.']);
  });

  it('no entra en bucle si el reintento también da 401', () => {
    vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    http.get('/account/profile').subscribe({ error: () => undefined });
    backend.expectOne('/account/profile').flush({}, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne('/auth/refresh').flush({ access_token: 'a2', refresh_token: 'r2' });
    backend.expectOne('/account/profile').flush({}, { status: 401, statusText: 'Unauthorized' });
    backend.expectNone('/auth/refresh');
    expect(auth.autenticado()).toBe(false);
  });

  it('muestra el mensaje en español de la API', () => {
    http.get('/account/subscriptions').subscribe({ error: () => undefined });
    backend.expectOne('/account/subscriptions').flush(
      { error: 'conflicto', message: 'La suscripción ya está cancelada.' },
      { status: 409, statusText: 'Conflict' },
    );
    expect(errores).toEqual(['La suscripción ya está cancelada.']);
  });

  it('respeta SKIP_ERROR_TOAST y lleva la cuenta de peticiones en curso', () => {
    const loading = TestBed.inject(LoadingService);
    http.get('/x', { context: new HttpContext().set(SKIP_ERROR_TOAST, true) }).subscribe({ error: () => undefined });
    expect(loading.activo()).toBe(true);
    backend.expectOne('/x').flush({ error: 'e', message: 'm' }, { status: 422, statusText: 'Unprocessable' });
    expect(loading.activo()).toBe(false);
    expect(errores).toEqual([]);
  });
});
