import { provideHttpClient } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, Router, RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';

import { USUARIO } from './testing';
import { AuthService } from './auth.service';
import { authGuard, guestGuard, roleGuard } from './guards';

function ruta(roles?: string[]): ActivatedRouteSnapshot {
  return { data: roles ? { roles } : {} } as unknown as ActivatedRouteSnapshot;
}
const estado = (url: string) => ({ url }) as RouterStateSnapshot;

describe('guards', () => {
  let auth: AuthService;
  let router: Router;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideRouter([])] });
    auth = TestBed.inject(AuthService);
    router = TestBed.inject(Router);
  });

  const run = (guard: typeof authGuard, r = ruta(), url = '/soporte') =>
    TestBed.runInInjectionContext(() => guard(r, estado(url)));

  it('authGuard envía al login con returnUrl', () => {
    const res = run(authGuard) as UrlTree;
    expect(router.serializeUrl(res)).toBe('/login?returnUrl=%2Fsoporte');
    auth.guardarSesion({ access_token: 'a', refresh_token: 'r', usuario: USUARIO });
    expect(run(authGuard)).toBe(true);
  });

  it('roleGuard deja pasar el rol correcto y rechaza los demás', () => {
    auth.guardarSesion({ access_token: 'a', refresh_token: 'r', usuario: USUARIO });
    expect(run(roleGuard, ruta(['cliente']))).toBe(true);
    expect(router.serializeUrl(run(roleGuard, ruta(['admin'])) as UrlTree)).toBe('/sin-permiso');
  });

  it('roleGuard sin sesión envía al login', () => {
    expect(router.serializeUrl(run(roleGuard, ruta(['admin']), '/consola') as UrlTree)).toBe('/login?returnUrl=%2Fconsola');
  });

  it('guestGuard manda a su inicio a quien ya inició sesión', () => {
    expect(run(guestGuard)).toBe(true);
    auth.guardarSesion({ access_token: 'a', refresh_token: 'r', usuario: { ...USUARIO, rol: 'admin' } });
    expect(router.serializeUrl(run(guestGuard) as UrlTree)).toBe('/consola');
  });
});
