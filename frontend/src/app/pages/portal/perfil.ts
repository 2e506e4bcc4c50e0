import { Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { DatePipe } from '@angular/common';

import { CuentaApi, PerfilDatos } from '../../core/api.service';
import { AuthService } from '../../core/auth.service';
import { Usuario } from '../../core/api/identidad';
import { NotifyService } from '../../core/notify.service';
import { ConEnvio } from '../../shared/envio';
import { LocationPicker } from '../../shared/location-picker';

@Component({
  selector: 'app-perfil',
  imports: [ReactiveFormsModule, DatePipe, MatCardModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatProgressSpinnerModule, LocationPicker],
  template: `
    <h1>Mi perfil</h1>
    @if (usuario(); as u) {
      <mat-card appearance="outlined">
        <mat-card-content>
          <dl class="dato">
            <dt>Correo</dt><dd data-testid="perfil-email">{{ u.email }}</dd>
            <dt>Rol</dt><dd>{{ u.rol === 'admin' ? 'Administrador' : 'Cliente' }}</dd>
            <dt>Verificación en dos pasos</dt><dd>{{ u.otp_enabled ? 'Activada' : 'Desactivada' }}</dd>
            <dt>Cliente desde</dt><dd>{{ u.created_at | date: 'longDate' }}</dd>
          </dl>
        </mat-card-content>
      </mat-card>
      <mat-card appearance="outlined">
        <mat-card-content>
          <form [formGroup]="form" (ngSubmit)="guardar()" novalidate>
            <div class="fila">
              <mat-form-field>
                <mat-label>Nombre</mat-label>
                <input matInput formControlName="nombre" autocomplete="name" required data-testid="perfil-nombre" />
                @if (form.controls.nombre.invalid) { <mat-error>El nombre es obligatorio.</mat-error> }
                @if (campo('nombre')) { <mat-hint class="error">{{ campo('nombre') }}</mat-hint> }
              </mat-form-field>
              <mat-form-field>
                <mat-label>Teléfono</mat-label>
                <input matInput formControlName="telefono" autocomplete="tel" type="tel" />
                @if (campo('telefono')) { <mat-hint class="error">{{ campo('telefono') }}</mat-hint> }
              </mat-form-field>
            </div>
            <mat-form-field>
              <mat-label>Dirección</mat-label>
              <input matInput formControlName="direccion" autocomplete="street-address" />
            </mat-form-field>
            <app-location-picker [pais]="form.controls.pais" [ciudad]="form.controls.ciudad" />
            <mat-form-field>
              <mat-label>Fecha de nacimiento</mat-label>
              <input matInput type="date" formControlName="fecha_nacimiento" autocomplete="bday" />
              @if (campo('fecha_nacimiento')) { <mat-hint class="error">{{ campo('fecha_nacimiento') }}</mat-hint> }
            </mat-form-field>
            @if (error()) { <p class="error" role="alert">{{ error() }}</p> }
            <div class="acciones">
              <button mat-flat-button type="submit" [disabled]="enviando() || form.pristine" data-testid="perfil-guardar">
                @if (enviando()) { <mat-spinner diameter="18" aria-label="Guardando" /> }
                Guardar cambios
              </button>
            </div>
          </form>
        </mat-card-content>
      </mat-card>
    }
  `,
  styleUrl: './portal.scss',
})
export class PerfilPage extends ConEnvio {
  private readonly api = inject(CuentaApi);
  private readonly auth = inject(AuthService);
  private readonly notify = inject(NotifyService);
  private readonly fb = inject(FormBuilder);

  readonly usuario = signal<Usuario | null>(null);

  readonly form = this.fb.group({
    nombre: ['', [Validators.required, Validators.maxLength(120)]],
    telefono: [''],
    direccion: [''],
    pais: [''],
    ciudad: [''],
    fecha_nacimiento: [''],
  });

  constructor() {
    super();
    this.api.perfil().subscribe((u) => this.cargar(u));
  }

  private cargar(u: Usuario): void {
    this.usuario.set(u);
    this.auth.actualizarUsuario(u);
    this.form.reset({
      nombre: u.nombre,
      telefono: u.telefono ?? '',
      direccion: u.direccion ?? '',
      pais: u.pais ?? '',
      ciudad: u.ciudad ?? '',
      fecha_nacimiento: u.fecha_nacimiento ?? '',
    });
  }

  guardar(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const vacio = (s: string | null) => (s && s.trim() ? s.trim() : null);
    const datos: PerfilDatos = {
      nombre: (v.nombre ?? '').trim(),
      telefono: vacio(v.telefono),
      direccion: vacio(v.direccion),
      pais: vacio(v.pais),
      ciudad: vacio(v.ciudad),
      fecha_nacimiento: vacio(v.fecha_nacimiento),
    };
    this.empezar();
    this.api.guardarPerfil(datos).subscribe({
      next: (u) => {
        this.terminar();
        this.cargar(u);
        this.notify.ok('Perfil actualizado.');
      },
      error: (err: unknown) => this.fallar(err),
    });
  }
}
