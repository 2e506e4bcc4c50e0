import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { FormControl } from '@angular/forms';

import { diasRestantes } from '../pages/portal/suscripcion';
import { qrSrc } from '../shared/otp-qr';
import { problemaArchivo } from './archivos';
import { nombreDeArchivo } from './descargas';
import { erroresDeCampo, formatoEspera, mensajeDeError } from './errors';
import { digitoVerificacion, nitValidator } from './nit';
import { POLITICA_POR_DEFECTO, evaluar, parsePolicy } from './password-policy.service';

describe('mensajes de error', () => {
  it('usa el message de la API y añade la espera de un 429', () => {
    const err = new HttpErrorResponse({
      status: 429,
      error: { error: 'demasiados_intentos', message: 'Demasiados intentos fallidos.' },
      headers: new HttpHeaders({ 'Retry-After': '65' }),
    });
    expect(mensajeDeError(err)).toBe('Demasiados intentos fallidos. Podrá intentarlo de nuevo en 1 minuto y 5 segundos.');
  });

  it('explica la falta de conexión y los 5xx sin detalles', () => {
    expect(mensajeDeError(new HttpErrorResponse({ status: 0 }))).toContain('No hay conexión');
    expect(mensajeDeError(new HttpErrorResponse({ status: 502, error: '<html>' }))).toContain('servidor');
  });

  it('lee los detalles de un 422 por campo', () => {
    const err = new HttpErrorResponse({
      status: 422,
      error: { error: 'validacion', message: 'Datos inválidos.', details: { email: ['Ya existe.'], empresa: { nit: ['Inválido.'] } } },
    });
    expect(erroresDeCampo(err)).toEqual({ email: ['Ya existe.'], 'empresa.nit': ['Inválido.'] });
  });

  it('formatea la espera', () => {
    expect(formatoEspera(1)).toBe('1 segundo');
    expect(formatoEspera(120)).toBe('2 minutos');
  });
});

describe('política de contraseñas', () => {
  it('entiende las claves en español del servidor', () => {
    const p = parsePolicy({ longitud_minima: 10, longitud_maxima: 64, requiere_mayuscula: true, requiere_minuscula: true,
      requiere_digito: false, requiere_especial: true, distinta_del_email: true });
    expect(p.min_length).toBe(10);
    expect(p.require_digit).toBe(false);
  });

  it('evalúa cada regla', () => {
    const fallidas = (pw: string, email = '') => evaluar(POLITICA_POR_DEFECTO, pw, email).filter((r) => !r.cumple).map((r) => r.id);
    expect(fallidas('Clave-Segura-123')).toEqual([]);
    expect(fallidas('clave')).toEqual(['longitud', 'mayuscula', 'numero', 'especial']);
    expect(fallidas('Ana.Gomez1@x.co', 'ana.gomez1@x.co')).toEqual(['email']);
    expect(fallidas('Ñandú-2026')).toEqual([]);
  });
});

describe('NIT', () => {
  it('calcula el dígito de verificación de la DIAN', () => {
    expect(digitoVerificacion('900123456')).toBe(8);
    expect(nitValidator(new FormControl('900.123.456-8'))).toBeNull();
    expect(nitValidator(new FormControl('900123456'))).toBeNull();
    expect(nitValidator(new FormControl('900123456-1'))).not.toBeNull();
    expect(nitValidator(new FormControl('abc'))).not.toBeNull();
  });
});

describe('otros', () => {
  it('convierte el SVG del QR en una imagen con espacio de nombres', () => {
    const src = qrSrc('<svg width="10" height="10"><path d="M0 0h1"/></svg>');
    expect(decodeURIComponent(src)).toContain('<svg xmlns="http://www.w3.org/2000/svg" width="10"');
    expect(qrSrc('data:image/svg+xml;base64,AAA')).toBe('data:image/svg+xml;base64,AAA');
  });

  it('revisa tipo y tamaño de los adjuntos antes de subirlos', () => {
    expect(problemaArchivo({ name: 'log.txt', size: 10 })).toBeNull();
    expect(problemaArchivo({ name: 'virus.exe', size: 10 })).toContain('no está permitido');
    expect(problemaArchivo({ name: 'grande.pdf', size: 11 * 1024 * 1024 })).toContain('10 MB');
    expect(problemaArchivo({ name: 'b.pdf', size: 5 * 1024 * 1024 }, 48 * 1024 * 1024)).toContain('50 MB');
  });

  it('cuenta los días restantes', () => {
    expect(diasRestantes('2026-12-01', new Date(2026, 10, 28, 23, 0))).toBe(3);
    expect(diasRestantes('2026-11-27', new Date(2026, 10, 28))).toBe(-1);
  });
});

describe('descargas', () => {
  it('toma el nombre del Content-Disposition (RFC 6266) o el de respaldo', () => {
    expect(nombreDeArchivo('attachment; filename=liquidacion.csv', 'x')).toBe('liquidacion.csv');
    expect(nombreDeArchivo('attachment; filename="informe final.pdf"', 'x')).toBe('informe final.pdf');
    expect(nombreDeArchivo("attachment; filename*=UTF-8''n%C3%B3mina.csv; filename=nomina.csv", 'x')).toBe('nómina.csv');
    expect(nombreDeArchivo(null, 'respaldo.log')).toBe('respaldo.log');
  });
});
