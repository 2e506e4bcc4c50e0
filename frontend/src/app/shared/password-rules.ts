import { Component, computed, inject, input } from '@angular/core';
import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { MatIconModule } from '@angular/material/icon';

import { PasswordPolicy, PasswordPolicyService, evaluar } from '../core/password-policy.service';

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

/** Live list of the password rules (from /public/password-policy) with a tick per rule met. */
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
  `,
  styles: `
    .reglas { list-style: none; padding: 0; margin: 0 0 12px; font-size: 13px; }
    li { display: flex; align-items: center; gap: 6px; color: #5f6368; }
    li.ok { color: #1b5e20; }
    mat-icon { font-size: 18px; width: 18px; height: 18px; }
  `,
})
export class PasswordRules {
  private readonly policy = inject(PasswordPolicyService);
  readonly password = input<string>('');
  readonly email = input<string>('');
  readonly reglas = computed(() => evaluar(this.policy.politica(), this.password() ?? '', this.email() ?? ''));

  constructor() {
    this.policy.cargar();
  }
}
