import { Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';

import { AuthService, RegistroDatos } from '../../core/auth.service';
import { OtpSetup } from '../../core/api/identidad';
import { nitValidator } from '../../core/nit';
import { PasswordPolicyService } from '../../core/password-policy.service';
import { BackupCodes } from '../../shared/backup-codes';
import { ConEnvio } from '../../shared/envio';
import { OtpQr } from '../../shared/otp-qr';
import { PasswordRules, passwordValidator } from '../../shared/password-rules';

@Component({
  selector: 'app-registro',
  imports: [ReactiveFormsModule, RouterLink, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatCheckboxModule, MatProgressSpinnerModule, PasswordRules, OtpQr, BackupCodes],
  templateUrl: './registro.html',
  styleUrl: './auth.scss',
})
export class RegistroPage extends ConEnvio {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly policy = inject(PasswordPolicyService);
  private readonly fb = inject(FormBuilder).nonNullable;

  readonly paso = signal<'datos' | 'otp' | 'codigos'>('datos');
  readonly setup = signal<OtpSetup | null>(null);
  readonly codigos = signal<string[]>([]);
  private pendingToken = '';
  private emailValidar = '';

  readonly form = this.fb.group({
    nombre: ['', [Validators.required, Validators.maxLength(120)]],
    email: ['', [Validators.required, Validators.email]],
    password: ['', [Validators.required, passwordValidator(() => this.policy.politica(), (): string => this.emailValidar)]],
    confirmacion: ['', Validators.required],
    activar_otp: [true],
    con_empresa: [false],
    empresa: this.fb.group({
      nit: ['', nitValidator],
      nombre: [''],
      contacto: [''],
    }),
  });
  readonly otpForm = this.fb.group({ code: ['', [Validators.required, Validators.pattern(/^\d{6}$/)]] });

  readonly password = toSignal(this.form.controls.password.valueChanges, { initialValue: '' });
  readonly email = toSignal(this.form.controls.email.valueChanges, { initialValue: '' });
  readonly conEmpresa = toSignal(this.form.controls.con_empresa.valueChanges, { initialValue: false });

  constructor() {
    super();
    this.policy.cargar();
    this.form.controls.email.valueChanges.subscribe((e) => {
      this.emailValidar = e;
      this.form.controls.password.updateValueAndValidity({ emitEvent: false });
    });
  }

  registrar(): void {
    const v = this.form.getRawValue();
    const noCoincide = v.password !== v.confirmacion;
    if (this.form.invalid || noCoincide || (v.con_empresa && (!v.empresa.nit || !v.empresa.nombre))) {
      this.form.markAllAsTouched();
      this.error.set(noCoincide ? 'Las contraseñas no coinciden.' : 'Revise los campos marcados.');
      return;
    }
    const datos: RegistroDatos = { nombre: v.nombre.trim(), email: v.email.trim(), password: v.password, activar_otp: v.activar_otp };
    if (v.con_empresa) {
      datos.empresa = { nit: v.empresa.nit.trim(), nombre: v.empresa.nombre.trim() };
      if (v.empresa.contacto.trim()) {
        datos.empresa.contacto = v.empresa.contacto.trim();
      }
    }
    this.empezar();
    this.auth.registro(datos).subscribe({
      next: (r) => {
        this.terminar();
        if (r.tipo === 'pendiente') {
          this.pendingToken = r.pendiente.pending_token;
          this.setup.set(r.pendiente.otp);
          this.paso.set('otp');
        } else {
          void this.router.navigateByUrl(this.auth.inicio());
        }
      },
      error: (err: unknown) => this.fallar(err),
    });
  }

  confirmar(): void {
    if (this.otpForm.invalid || this.enviando()) {
      this.otpForm.markAllAsTouched();
      return;
    }
    this.empezar();
    this.auth.confirmarRegistroOtp(this.pendingToken, this.otpForm.getRawValue().code).subscribe({
      next: (r) => {
        this.terminar();
        this.codigos.set(r.backup_codes);
        this.paso.set('codigos');
      },
      error: (err: unknown) => {
        this.fallar(err);
        this.otpForm.reset();
      },
    });
  }

  continuar(): void {
    void this.router.navigateByUrl(this.auth.inicio());
  }
}
