import { HttpErrorResponse } from '@angular/common/http';
import { Component, DestroyRef, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth.service';
import { formatoEspera, mensajeDeError, retryAfterSeconds } from '../../core/errors';
import { ConEnvio } from '../../shared/envio';

@Component({
  selector: 'app-login',
  imports: [ReactiveFormsModule, RouterLink, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  templateUrl: './login.html',
  styleUrl: './auth.scss',
})
export class LoginPage extends ConEnvio {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly fb = inject(FormBuilder).nonNullable;
  readonly returnUrl = input<string>();

  readonly paso = signal<'credenciales' | 'otp'>('credenciales');
  readonly espera = signal(0);
  readonly usarRespaldo = signal(false);
  private challenge = '';
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly codigoInput = viewChild<ElementRef<HTMLInputElement>>('codigoInput');

  readonly form = this.fb.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  readonly otpForm = this.fb.group({ code: ['', [Validators.required, Validators.pattern(/^[A-Za-z0-9-]{6,20}$/)]] });

  constructor() {
    super();
    inject(DestroyRef).onDestroy(() => this.pararContador());
  }

  entrar(): void {
    if (this.form.invalid || this.enviando() || this.espera() > 0) {
      this.form.markAllAsTouched();
      return;
    }
    this.empezar();
    const { email, password } = this.form.getRawValue();
    this.auth.login(email.trim(), password).subscribe({
      next: (r) => {
        this.terminar();
        if (r.tipo === 'otp') {
          this.challenge = r.challenge_token;
          this.paso.set('otp');
          setTimeout(() => this.codigoInput()?.nativeElement.focus());
        } else {
          this.irAInicio();
        }
      },
      error: (err: unknown) => this.fallo(err),
    });
  }

  verificarOtp(): void {
    if (this.otpForm.invalid || this.enviando()) {
      this.otpForm.markAllAsTouched();
      return;
    }
    this.empezar();
    this.auth.loginOtp(this.challenge, this.otpForm.getRawValue().code.trim()).subscribe({
      next: () => {
        this.terminar();
        this.irAInicio();
      },
      error: (err: unknown) => {
        this.fallo(err);
        this.otpForm.reset();
        // A burned or expired challenge: start over.
        if (err instanceof HttpErrorResponse && err.status === 401 && /desafío|challenge|expir/i.test(mensajeDeError(err))) {
          this.paso.set('credenciales');
        }
      },
    });
  }

  volver(): void {
    this.paso.set('credenciales');
    this.error.set(null);
    this.otpForm.reset();
  }

  private irAInicio(): void {
    const destino = this.returnUrl();
    const seguro = destino && destino.startsWith('/') && !destino.startsWith('//') ? destino : this.auth.inicio();
    void this.router.navigateByUrl(seguro);
  }

  /** The API's message; a 429 also starts the countdown of its Retry-After. */
  private fallo(err: unknown): void {
    this.fallar(err);
    if (err instanceof HttpErrorResponse && err.status === 429) {
      this.iniciarContador(retryAfterSeconds(err) ?? 60);
    }
  }

  private iniciarContador(segundos: number): void {
    this.pararContador();
    this.espera.set(segundos);
    this.timer = setInterval(() => {
      const n = this.espera() - 1;
      this.espera.set(Math.max(0, n));
      if (n <= 0) {
        this.pararContador();
      }
    }, 1000);
  }

  private pararContador(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  protected formatoEspera = formatoEspera;
}
