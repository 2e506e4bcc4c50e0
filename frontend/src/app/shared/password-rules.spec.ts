import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';

import { PasswordPolicyService, parsePolicy } from '../core/password-policy.service';
import { ESPERA_MEDIDOR_MS, PasswordRules } from './password-rules';

const esperar = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('medidor de contraseña (zxcvbn en el servidor)', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lee el puntaje mínimo publicado', () => {
    expect(parsePolicy({ puntaje_minimo: 4 }).min_score).toBe(4);
    expect(parsePolicy({}).min_score).toBe(3);
  });

  it('envía la contraseña y el correo a /public/password-policy/evaluar', () => {
    let respuesta: unknown;
    TestBed.inject(PasswordPolicyService).evaluarEnServidor('P@ssw0rd', 'ana@x.co').subscribe((r) => (respuesta = r));
    const req = http.expectOne('/public/password-policy/evaluar');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ password: 'P@ssw0rd', email: 'ana@x.co' });
    req.flush({ puntaje: 0, valida: false, mensajes: ['Se parece a una contraseña muy usada.'] });
    expect(respuesta).toEqual({ puntaje: 0, valida: false, mensajes: ['Se parece a una contraseña muy usada.'] });
  });

  it('un 429 no rompe el formulario: sin evaluación', () => {
    let respuesta: unknown = 'sin respuesta';
    TestBed.inject(PasswordPolicyService).evaluarEnServidor('x').subscribe((r) => (respuesta = r));
    http.expectOne('/public/password-policy/evaluar').flush({ error: 'demasiadas' }, { status: 429, statusText: 'Too Many' });
    expect(respuesta).toBeNull();
  });

  it('muestra la fuerza y los consejos del servidor tras una pausa al escribir', async () => {
    const fixture = TestBed.createComponent(PasswordRules);
    http.expectOne('/public/password-policy').flush({ longitud_minima: 8, puntaje_minimo: 3 });
    fixture.componentRef.setInput('email', 'ana@x.co');
    fixture.componentRef.setInput('password', 'Pass');
    fixture.detectChanges();
    fixture.componentRef.setInput('password', 'Password1!');
    fixture.detectChanges();
    await esperar(ESPERA_MEDIDOR_MS + 100);
    // Only the last value is sent (debounce); "Pass" breaks the rules and is never sent.
    const req = http.expectOne('/public/password-policy/evaluar');
    expect(req.request.body).toEqual({ password: 'Password1!', email: 'ana@x.co' });
    req.flush({ puntaje: 1, valida: false,
      mensajes: ['Se parece a una contraseña muy usada.', 'Empezar con mayúscula no ayuda mucho.'] });
    fixture.detectChanges();
    const el: HTMLElement = fixture.nativeElement;
    const medidor = el.querySelector('[data-testid="medidor-password"]') as HTMLElement;
    expect(medidor.getAttribute('data-puntaje')).toBe('1');
    expect(el.querySelector('[data-regla="fuerza"]')?.getAttribute('data-cumple')).toBe('false');
    expect(medidor.textContent).toContain('Débil');
    expect(medidor.textContent).toContain('Se parece a una contraseña muy usada.');

    // A new keystroke hides the stale verdict until the server answers again.
    fixture.componentRef.setInput('password', 'Tratios-Caballo-Bateria-2026');
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="medidor-password"]')).toBeNull();
    await esperar(ESPERA_MEDIDOR_MS + 100);
    http.expectOne('/public/password-policy/evaluar').flush({ puntaje: 4, valida: true, mensajes: [] });
    fixture.detectChanges();
    expect(el.querySelector('[data-regla="fuerza"]')?.getAttribute('data-cumple')).toBe('true');
    expect(el.textContent).toContain('Muy fuerte');
  });
});
