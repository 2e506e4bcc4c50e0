import { AbstractControl, ValidationErrors } from '@angular/forms';

const PESOS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

/** DIAN check digit of a NIT base (digits only). */
export function digitoVerificacion(base: string): number {
  let suma = 0;
  const digitos = base.split('').reverse();
  digitos.forEach((d, i) => (suma += Number(d) * PESOS[i]));
  const r = suma % 11;
  return r > 1 ? 11 - r : r;
}

/** Accepts `900123456`, `900.123.456-8`, `900123456-8`; the check digit must be right when given. */
export function nitValidator(control: AbstractControl): ValidationErrors | null {
  const raw = String(control.value ?? '').replace(/[.\s]/g, '');
  if (!raw) {
    return null;
  }
  const m = /^(\d{5,15})(?:-(\d))?$/.exec(raw);
  if (!m) {
    return { nit: 'Use solo dígitos, con guion y dígito de verificación opcional (900123456-8).' };
  }
  if (m[2] !== undefined && Number(m[2]) !== digitoVerificacion(m[1])) {
    return { nit: 'El dígito de verificación no corresponde al NIT.' };
  }
  return null;
}
