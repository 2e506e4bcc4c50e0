import { CurrencyPipe } from '@angular/common';
import { Component, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { catchError, of, switchMap } from 'rxjs';

import { CuentaApi, PublicoApi } from '../../core/api.service';
import { AuthService } from '../../core/auth.service';
import { Periodo, PlanPublico } from '../../core/api/backoffice';
import { nitValidator } from '../../core/nit';
import { NotifyService } from '../../core/notify.service';
import { PasswordPolicyService } from '../../core/password-policy.service';
import { ConEnvio } from '../../shared/envio';
import { LocationPicker } from '../../shared/location-picker';
import { PasswordRules, passwordValidator } from '../../shared/password-rules';

@Component({
  selector: 'app-contratar',
  imports: [CurrencyPipe, ReactiveFormsModule, RouterLink, MatCardModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatRadioModule, MatButtonModule, MatProgressSpinnerModule, LocationPicker, PasswordRules],
  templateUrl: './contratar.html',
  styles: `
    h1 { font-size: 26px; margin: 0 0 8px; }
    form { display: flex; flex-direction: column; gap: 4px; max-width: 720px; }
    fieldset { border: 1px solid #dadce0; border-radius: 8px; padding: 8px 16px; margin: 8px 0; }
    legend { font-weight: 600; padding: 0 4px; }
    .fila { display: flex; gap: 12px; flex-wrap: wrap; }
    .fila > mat-form-field { flex: 1 1 220px; }
    mat-form-field { width: 100%; }
    .error { color: #b3261e; }
    mat-radio-group { display: flex; gap: 16px; margin: 8px 0 16px; }
    mat-spinner { display: inline-block; margin-right: 8px; vertical-align: middle; }
  `,
})
export class ContratarPage extends ConEnvio {
  private readonly api = inject(PublicoApi);
  private readonly cuenta = inject(CuentaApi);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);
  private readonly notify = inject(NotifyService);
  private readonly policy = inject(PasswordPolicyService);
  private readonly fb = inject(FormBuilder).nonNullable;

  readonly plan = input<string>();
  readonly periodoInicial = input<string>(undefined, { alias: 'periodo' });

  readonly planes = signal<PlanPublico[]>([]);
  readonly listo = signal(false);
  private emailValidar = '';

  readonly form = this.fb.group({
    plan_id: [0, [Validators.required, Validators.min(1)]],
    periodo: ['mensual' as Periodo, Validators.required],
    empresa: this.fb.group({
      nit: ['', [Validators.required, nitValidator]],
      nombre: ['', [Validators.required, Validators.maxLength(200)]],
      contacto: ['', Validators.required],
    }),
    usuario: this.fb.group({
      nombre: ['', Validators.required],
      email: ['', [Validators.required, Validators.email]],
      password: ['', [Validators.required, passwordValidator(() => this.policy.politica(), (): string => this.emailValidar)]],
    }),
  });
  // Location (kept on the new user's profile after sign-up).
  readonly ubicacion = this.fb.group({ pais: this.fb.control<string | null>('Colombia'), ciudad: this.fb.control<string | null>('') });
  readonly password = toSignal(this.form.controls.usuario.controls.password.valueChanges, { initialValue: '' });
  readonly email = toSignal(this.form.controls.usuario.controls.email.valueChanges, { initialValue: '' });

  constructor() {
    super();
    this.policy.cargar();
    this.form.controls.usuario.controls.email.valueChanges.subscribe((e) => {
      this.emailValidar = e;
      this.form.controls.usuario.controls.password.updateValueAndValidity({ emitEvent: false });
    });
    this.api.planes().subscribe((p) => {
      this.planes.set(p);
      const elegido = Number(this.plan()) || p.find((x) => x.seleccionado)?.id || p[0]?.id || 0;
      this.form.controls.plan_id.setValue(elegido);
      if (this.periodoInicial() === 'anual') {
        this.form.controls.periodo.setValue('anual');
      }
    });
  }

  planElegido(): PlanPublico | undefined {
    return this.planes().find((p) => p.id === this.form.controls.plan_id.value);
  }

  enviar(): void {
    if (this.form.invalid || this.enviando()) {
      this.form.markAllAsTouched();
      this.error.set('Revise los campos marcados.');
      return;
    }
    const v = this.form.getRawValue();
    const body = {
      plan_id: v.plan_id,
      periodo: v.periodo,
      empresa: { nit: v.empresa.nit.trim(), nombre: v.empresa.nombre.trim(), contacto: v.empresa.contacto.trim() },
      usuario: { nombre: v.usuario.nombre.trim(), email: v.usuario.email.trim(), password: v.usuario.password },
    };
    const ubic = this.ubicacion.getRawValue();
    this.empezar();
    this.api
      .suscribir(body)
      .pipe(
        // Sign the new user in and keep the location on the profile (best effort).
        switchMap(() => this.auth.login(body.usuario.email, body.usuario.password).pipe(catchError(() => of(null)))),
        switchMap((r) =>
          r?.tipo === 'sesion' && (ubic.pais || ubic.ciudad)
            ? this.cuenta.guardarPerfil({ pais: ubic.pais || null, ciudad: ubic.ciudad || null }).pipe(catchError(() => of(null)))
            : of(r),
        ),
      )
      .subscribe({
        next: () => {
          this.terminar();
          this.listo.set(true);
          this.notify.ok('¡Solicitud recibida! Su suscripción quedará activa cuando un asesor la apruebe.');
          if (this.auth.autenticado()) {
            void this.router.navigateByUrl('/suscripcion');
          }
        },
        error: (err: unknown) => this.fallar(err),
      });
  }
}
