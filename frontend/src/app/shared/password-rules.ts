import { Component, computed, inject, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { MatIconModule } from '@angular/material/icon';
import { combineLatest, debounceTime, distinctUntilChanged, map, of, switchMap } from 'rxjs';

import { EvaluacionServidor, PasswordPolicy, PasswordPolicyService, evaluar } from '../core/password-policy.service';

/** Wait this long after the last keystroke before asking the server (it is rate limited per IP). */
export const ESPERA_MEDIDOR_MS = 400;
const ETIQUETAS = ['Muy débil', 'Débil', 'Regular', 'Fuerte', 'Muy fuerte'];

/** Validator using the server's policy; `email` is read at validation time. */
export function passwordValidator(policy: () => PasswordPolicy, email: () => string = () => ''): ValidatorFn {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = String(control.value ?? '');
    if (!value) {
      return null;
    }
    const fallidas = evaluar(policy(), value, email()).filter((r) => !r.cumple);
    return fallidas.length ? { politica: fallidas.map((r) => r.texto) } : null;
  };
}

/** Live list of the password rules (from /public/password-policy) with a tick per rule met, and a strength
 *  meter with zxcvbn's advice from the server once the rules are met (debounced). */
@Component({
  selector: 'app-password-rules',
  imports: [MatIconModule],
  template: `
    <ul class="reglas" aria-label="Requisitos de la contraseña">
      @for (r of reglas(); track r.id) {
        <li [class.ok]="r.cumple" [attr.data-regla]="r.id" [attr.data-cumple]="r.cumple">
          <mat-icon aria-hidden="true">{{ r.cumple ? 'check_circle' : 'radio_button_unchecked' }}</mat-icon>
          <span>{{ r.texto }}</span>
          <span class="cdk-visually-hidden">{{ r.cumple ? '(cumplido)' : '(pendiente)' }}</span>
        </li>
      }
    </ul>
    @if (evaluacion(); as ev) {
      <div class="medidor" data-testid="medidor-password" [attr.data-puntaje]="ev.puntaje" [attr.data-valida]="ev.valida">
        <div class="barra" role="meter" aria-label="Fuerza de la contraseña" aria-valuemin="0" aria-valuemax="4"
             [attr.aria-valuenow]="ev.puntaje" [attr.aria-valuetext]="etiqueta(ev.puntaje)">
          <span [style.width.%]="(ev.puntaje + 1) * 20" [class]="'nivel-' + ev.puntaje"></span>
        </div>
        <div class="etiqueta" [class.ok]="ev.valida" data-regla="fuerza" [attr.data-cumple]="ev.valida">
          <mat-icon aria-hidden="true">{{ ev.valida ? 'check_circle' : 'error_outline' }}</mat-icon>
          <span>Fuerza: {{ etiqueta(ev.puntaje) }}{{ ev.valida ? '' : ' (difícil de adivinar es obligatorio)' }}</span>
        </div>
        @if (ev.mensajes.length) {
          <ul class="consejos" aria-live="polite">
            @for (m of ev.mensajes; track m) {
              <li>{{ m }}</li>
            }
          </ul>
        }
      </div>
    }
  `,
  styles: `
    .reglas { list-style: none; padding: 0; margin: 0 0 12px; font-size: 13px; }
    li { display: flex; align-items: center; gap: 6px; color: #5f6368; }
    li.ok { color: #1b5e20; }
    mat-icon { font-size: 18px; width: 18px; height: 18px; }
    .medidor { margin: -4px 0 12px; font-size: 13px; }
    .barra { height: 6px; border-radius: 3px; background: #e0e0e0; overflow: hidden; }
    .barra span { display: block; height: 100%; transition: width .2s; }
    .nivel-0, .nivel-1 { background: #c62828; }
    .nivel-2 { background: #ef6c00; }
    .nivel-3 { background: #2e7d32; }
    .nivel-4 { background: #1b5e20; }
    .etiqueta { display: flex; align-items: center; gap: 6px; margin-top: 4px; color: #b3261e; }
    .etiqueta.ok { color: #1b5e20; }
    .consejos { margin: 4px 0 0; padding-left: 20px; color: #5f6368; }
  `,
})
export class PasswordRules {
  private readonly policy = inject(PasswordPolicyService);
  readonly password = input<string>('');
  readonly email = input<string>('');
  readonly reglas = computed(() => evaluar(this.policy.politica(), this.password() ?? '', this.email() ?? ''));

  /** The server's zxcvbn verdict for the password as typed `ESPERA_MEDIDOR_MS` ago, once the rules are met. */
  private readonly respuesta = toSignal(
    combineLatest([toObservable(this.password), toObservable(this.email)]).pipe(
      map(([p, e]) => [p ?? '', e ?? ''] as const),
      debounceTime(ESPERA_MEDIDOR_MS),
      distinctUntilChanged((a, b) => a[0] === b[0] && a[1] === b[1]),
      switchMap(([p, e]) =>
        p && evaluar(this.policy.politica(), p, e).every((r) => r.cumple)
          ? this.policy.evaluarEnServidor(p, e).pipe(map((r) => (r ? { ...r, password: p } : null)))
          : of(null),
      ),
    ),
    { initialValue: null },
  );

  /** Only an answer about the password currently typed (not a stale one). */
  readonly evaluacion = computed<EvaluacionServidor | null>(() => {
    const r = this.respuesta();
    return r && r.password === (this.password() ?? '') ? r : null;
  });

  etiqueta(puntaje: number): string {
    return ETIQUETAS[Math.max(0, Math.min(4, puntaje))];
  }

  constructor() {
    this.policy.cargar();
  }
}
