import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { USUARIO } from '../../core/testing';
import { LoginPage } from './login';

describe('LoginPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: '**', children: [] }])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function enviar(fixture: ReturnType<typeof TestBed.createComponent<LoginPage>>) {
    const c = fixture.componentInstance;
    c.form.setValue({ email: 'ana@cliente.co', password: 'Clave-Segura-123' });
    c.entrar();
    await fixture.whenStable();
  }

  it('pasa al segundo paso cuando la cuenta tiene 2FA y luego inicia sesión', async () => {
    const fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
    await enviar(fixture);
    http.expectOne('/auth/login').flush({ requires_otp: true, challenge_token: 'ch' }, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h1')?.textContent).toContain('Verificación en dos pasos');

    fixture.componentInstance.otpForm.setValue({ code: '123456' });
    fixture.componentInstance.verificarOtp();
    const req = http.expectOne('/auth/login/otp');
    expect(req.request.body).toEqual({ challenge_token: 'ch', code: '123456' });
    req.flush({ access_token: 'a', refresh_token: 'r', usuario: USUARIO });
    expect(localStorage.getItem('tratios.sesion')).toContain('"access_token":"a"');
  });

  it('muestra el bloqueo 429 con la espera y desactiva el botón', async () => {
    const fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
    await enviar(fixture);
    http.expectOne('/auth/login').flush(
      { error: 'demasiados_intentos', message: 'Demasiados intentos.' },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '90' } },
    );
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=login-error]')?.textContent).toContain('1 minuto y 30 segundos');
    expect(el.querySelector('[data-testid=login-espera]')?.textContent).toContain('Espere');
    expect((el.querySelector('[data-testid=entrar]') as HTMLButtonElement).disabled).toBe(true);
    fixture.destroy();
  });

  it('muestra el mensaje de credenciales inválidas de la API', async () => {
    const fixture = TestBed.createComponent(LoginPage);
    await fixture.whenStable();
    await enviar(fixture);
    http.expectOne('/auth/login').flush(
      { error: 'credenciales_invalidas', message: 'Correo o contraseña incorrectos.' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role=alert]')?.textContent).toContain('Correo o contraseña incorrectos.');
  });
});
