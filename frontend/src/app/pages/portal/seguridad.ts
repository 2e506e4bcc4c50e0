import { Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Observable } from 'rxjs';

import { CuentaApi } from '../../core/api.service';
import { OtpSetup } from '../../core/api/identidad';
import { AuthService } from '../../core/auth.service';
import { mensajeDeError } from '../../core/errors';
import { NotifyService } from '../../core/notify.service';
import { PasswordPolicyService } from '../../core/password-policy.service';
import { BackupCodes } from '../../shared/backup-codes';
import { OtpQr } from '../../shared/otp-qr';
import { PasswordRules, passwordValidator } from '../../shared/password-rules';

/** The part of a reactive form the 2FA changes use. */
interface FormularioOtp<V> {
  invalid: boolean;
  markAllAsTouched(): void;
  getRawValue(): V;
  reset(): void;
}

@Component({
  selector: 'app-seguridad',
  imports: [ReactiveFormsModule, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatProgressSpinnerModule, OtpQr, BackupCodes, PasswordRules],
  templateUrl: './seguridad.html',
  styleUrl: './portal.scss',
})
export class SeguridadPage {
  private readonly api = inject(CuentaApi);
  private readonly auth = inject(AuthService);
  private readonly notify = inject(NotifyService);
  private readonly policy = inject(PasswordPolicyService);
  private readonly fb = inject(FormBuilder).nonNullable;

  readonly otpActivo = computed(() => this.auth.usuario()?.otp_enabled ?? false);
  readonly email = computed(() => this.auth.usuario()?.email ?? '');

  // 2FA
  readonly setup = signal<OtpSetup | null>(null);
  readonly codigos = signal<string[]>([]);
  readonly otpOcupado = signal(false);
  readonly otpError = signal<string | null>(null);
  readonly activarForm = this.fb.group({ code: ['', [Validators.required, Validators.pattern(/^\d{6}$/)]] });
  readonly desactivarForm = this.fb.group({ password: ['', Validators.required], code: ['', Validators.required] });
  readonly regenerarForm = this.fb.group({ code: ['', [Validators.required, Validators.pattern(/^\d{6}$/)]] });

  // Password
  readonly codigoEnviado = signal(false);
  readonly pwOcupado = signal(false);
  readonly pwError = signal<string | null>(null);
  readonly pwForm = this.fb.group({
    current_password: ['', Validators.required],
    new_password: ['', [Validators.required, passwordValidator(() => this.policy.politica(), () => this.email())]],
    confirmacion: ['', Validators.required],
    codigo: ['', [Validators.required, Validators.pattern(/^[A-Za-z0-9-]{6,20}$/)]],
  });
  readonly nuevaPassword = toSignal(this.pwForm.controls.new_password.valueChanges, { initialValue: '' });

  constructor() {
    this.api.perfil().subscribe((u) => this.auth.actualizarUsuario(u));
  }

  iniciarOtp(): void {
    this.otpOcupado.set(true);
    this.otpError.set(null);
    this.api.otpSetup().subscribe({
      next: (s) => {
        this.otpOcupado.set(false);
        this.setup.set(s);
      },
      error: () => this.otpOcupado.set(false),
    });
  }

  activarOtp(): void {
    this.conOtp(this.activarForm, (v) => this.api.otpActivar(v.code), (r) => {
      this.setup.set(null);
      this.codigos.set(r.backup_codes);
      this.marcarOtp(true);
      this.notify.ok('Verificación en dos pasos activada.');
    });
  }

  desactivarOtp(): void {
    this.conOtp(this.desactivarForm, (v) => this.api.otpDesactivar(v.password, v.code.trim()), () => {
      this.codigos.set([]);
      this.marcarOtp(false);
      this.notify.ok('Verificación en dos pasos desactivada.');
    });
  }

  regenerar(): void {
    this.conOtp(this.regenerarForm, (v) => this.api.regenerarCodigos(v.code), (r) => {
      this.regenerarForm.markAsUntouched();
      this.codigos.set(r.backup_codes);
      this.notify.ok('Se generaron nuevos códigos de respaldo; los anteriores ya no sirven.');
    });
  }

  /** A 2FA change from `form` (checked first): the form is cleared once the API accepts it. */
  private conOtp<V, R>(form: FormularioOtp<V>, peticion: (v: V) => Observable<R>, hecho: (r: R) => void): void {
    if (form.invalid) {
      form.markAllAsTouched();
      return;
    }
    this.otpOcupado.set(true);
    this.otpError.set(null);
    peticion(form.getRawValue()).subscribe({
      next: (r) => {
        this.otpOcupado.set(false);
        form.reset();
        hecho(r);
      },
      error: (err: unknown) => this.falloOtp(err),
    });
  }

  enviarCodigo(): void {
    this.pwOcupado.set(true);
    this.pwError.set(null);
    this.api.solicitarCodigo().subscribe({
      next: (r) => {
        this.pwOcupado.set(false);
        this.codigoEnviado.set(true);
        const minutos = Math.round((r.expires_in ?? 600) / 60);
        this.notify.ok(`Le enviamos un código a ${this.email()}. Vence en ${minutos} minutos.`);
      },
      error: (err: unknown) => {
        this.pwOcupado.set(false);
        this.pwError.set(mensajeDeError(err));
      },
    });
  }

  cambiarPassword(): void {
    const v = this.pwForm.getRawValue();
    if (this.pwForm.invalid || v.new_password !== v.confirmacion) {
      this.pwForm.markAllAsTouched();
      this.pwError.set(v.new_password !== v.confirmacion ? 'Las contraseñas nuevas no coinciden.' : 'Revise los campos marcados.');
      return;
    }
    const body: { current_password: string; new_password: string; otp_code?: string; verification_code?: string } = {
      current_password: v.current_password,
      new_password: v.new_password,
    };
    if (this.otpActivo()) {
      body.otp_code = v.codigo.trim();
    } else {
      body.verification_code = v.codigo.trim();
    }
    this.pwOcupado.set(true);
    this.pwError.set(null);
    this.api.cambiarPassword(body).subscribe({
      next: () => {
        this.pwOcupado.set(false);
        this.pwForm.reset();
        this.notify.ok('Contraseña actualizada. Inicie sesión con su nueva contraseña.');
        // Changing the password revokes the sessions: sign in again.
        this.auth.logout('/login').subscribe();
      },
      error: (err: unknown) => {
        this.pwOcupado.set(false);
        this.pwError.set(mensajeDeError(err));
      },
    });
  }

  private marcarOtp(valor: boolean): void {
    const u = this.auth.usuario();
    if (u) {
      this.auth.actualizarUsuario({ ...u, otp_enabled: valor });
    }
  }

  private falloOtp(err: unknown): void {
    this.otpOcupado.set(false);
    this.otpError.set(mensajeDeError(err));
  }
}
