import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { AuthService } from './auth.service';
import { USUARIO } from './testing';


describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: '**', children: [] }])],
    });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('guarda la sesión tras un inicio de sesión sin 2FA', () => {
    let tipo = '';
    auth.login('ana@cliente.co', 'x').subscribe((r) => (tipo = r.tipo));
    http.expectOne('/auth/login').flush({ access_token: 'a1', refresh_token: 'r1', usuario: USUARIO });
    expect(tipo).toBe('sesion');
    expect(auth.autenticado()).toBe(true);
    expect(auth.accessToken()).toBe('a1');
    expect(auth.inicio()).toBe('/suscripcion');
    expect(JSON.parse(localStorage.getItem('tratios.sesion') ?? '{}').refresh_token).toBe('r1');
  });

  it('guarda el token de dispositivo por correo y lo envía en los siguientes inicios de sesión', () => {
    auth.login('Ana@Cliente.co', 'x').subscribe();
    const primero = http.expectOne('/auth/login');
    expect(primero.request.headers.has('X-Dispositivo')).toBe(false);
    primero.flush({ access_token: 'a1', refresh_token: 'r1', usuario: USUARIO, dispositivo_token: 'disp-ana' });
    auth.logout().subscribe();
    http.expectOne('/auth/logout').flush({});

    auth.login('ana@cliente.co ', 'x').subscribe();
    const segundo = http.expectOne('/auth/login');
    expect(segundo.request.headers.get('X-Dispositivo')).toBe('disp-ana');
    segundo.flush({ requires_otp: true, challenge_token: 'ch' }, { status: 202, statusText: 'Accepted' });
    auth.loginOtp('ch', '123456').subscribe();
    const otp = http.expectOne('/auth/login/otp');
    expect(otp.request.headers.get('X-Dispositivo')).toBe('disp-ana');
    otp.flush({ access_token: 'a2', refresh_token: 'r2', usuario: USUARIO, dispositivo_token: 'disp-ana' });

    auth.login('otra@cliente.co', 'x').subscribe();
    expect(http.expectOne('/auth/login').request.headers.has('X-Dispositivo')).toBe(false);
  });

  it('pide el segundo paso cuando la API responde 202', () => {
    let resultado: unknown;
    auth.login('ana@cliente.co', 'x').subscribe((r) => (resultado = r));
    http.expectOne('/auth/login').flush({ requires_otp: true, challenge_token: 'ch' }, { status: 202, statusText: 'Accepted' });
    expect(resultado).toEqual({ tipo: 'otp', challenge_token: 'ch' });
    expect(auth.autenticado()).toBe(false);
  });

  it('rota los tokens al refrescar y comparte una sola petición', () => {
    auth.guardarSesion({ access_token: 'a1', refresh_token: 'r1', usuario: USUARIO });
    const vistos: string[] = [];
    auth.refresh().subscribe((t) => vistos.push(t));
    auth.refresh().subscribe((t) => vistos.push(t));
    const req = http.expectOne('/auth/refresh');
    expect(req.request.headers.get('Authorization')).toBe('Bearer r1');
    req.flush({ access_token: 'a2', refresh_token: 'r2' });
    expect(vistos).toEqual(['a2', 'a2']);
    expect(auth.refreshToken()).toBe('r2');
    expect(auth.usuario()?.email).toBe('ana@cliente.co');
  });

  it('cierra la sesión local si el refresco falla', () => {
    auth.guardarSesion({ access_token: 'a1', refresh_token: 'r1', usuario: USUARIO });
    let fallo = false;
    auth.refresh().subscribe({ error: () => (fallo = true) });
    http.expectOne('/auth/refresh').flush({ error: 'token_revocado', message: 'Token revocado.' }, { status: 401, statusText: 'Unauthorized' });
    expect(fallo).toBe(true);
    expect(auth.autenticado()).toBe(false);
    expect(localStorage.getItem('tratios.sesion')).toBeNull();
  });

  it('revoca ambos tokens al cerrar sesión', () => {
    auth.guardarSesion({ access_token: 'a1', refresh_token: 'r1', usuario: USUARIO });
    auth.logout().subscribe();
    const req = http.expectOne('/auth/logout');
    expect(req.request.headers.get('Authorization')).toBe('Bearer a1');
    expect(req.request.body).toEqual({ refresh_token: 'r1' });
    req.flush({});
    expect(auth.autenticado()).toBe(false);
  });

  it('adopta los tokens nuevos que devuelve un cambio de seguridad', () => {
    auth.guardarSesion({ access_token: 'a1', refresh_token: 'r1', usuario: USUARIO });
    auth.adoptarTokens({ otp_enabled: false, access_token: 'a9', refresh_token: 'r9' });
    expect(auth.accessToken()).toBe('a9');
    auth.adoptarTokens({ otp_enabled: false });
    expect(auth.accessToken()).toBe('a9');
  });
});
