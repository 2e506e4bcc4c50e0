import { Component, inject, signal, viewChild } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';

import { SoporteApi } from '../../core/api.service';
import { Disponibilidad } from '../../core/api/soporte';
import { PRIORIDADES } from '../../core/opciones';
import { NotifyService } from '../../core/notify.service';
import { ConEnvio } from '../../shared/envio';
import { Adjuntos } from './adjuntos';
import { DisponibilidadBanner } from './disponibilidad-banner';

@Component({
  selector: 'app-nuevo-ticket',
  imports: [ReactiveFormsModule, RouterLink, MatCardModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatProgressSpinnerModule, Adjuntos, DisponibilidadBanner],
  template: `
    <div class="cabecera"><h1>Nuevo ticket</h1></div>
    <app-disponibilidad-banner [d]="disponibilidad()" />
    <mat-card appearance="outlined">
      <mat-card-content>
        <form [formGroup]="form" (ngSubmit)="crear()" novalidate>
          <mat-form-field>
            <mat-label>Título</mat-label>
            <input matInput formControlName="titulo" maxlength="200" required data-testid="ticket-titulo" />
            @if (form.controls.titulo.invalid) { <mat-error>El título es obligatorio (máx. 200 caracteres).</mat-error> }
            @if (campo('titulo')) { <mat-hint class="error">{{ campo('titulo') }}</mat-hint> }
          </mat-form-field>
          <mat-form-field>
            <mat-label>Prioridad</mat-label>
            <mat-select formControlName="prioridad" data-testid="ticket-prioridad">
              @for (p of prioridades; track p.valor) { <mat-option [value]="p.valor">{{ p.etiqueta }}</mat-option> }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Descripción</mat-label>
            <textarea matInput formControlName="descripcion" rows="6" required data-testid="ticket-descripcion"></textarea>
            @if (form.controls.descripcion.invalid) { <mat-error>Describa el problema.</mat-error> }
            @if (campo('descripcion')) { <mat-hint class="error">{{ campo('descripcion') }}</mat-hint> }
          </mat-form-field>
          <app-adjuntos #adjuntos />
          @if (error()) { <p class="error" role="alert" data-testid="ticket-error">{{ error() }}</p> }
          <div class="acciones">
            <button mat-flat-button type="submit" [disabled]="enviando() || disponibilidad()?.activo === false" data-testid="ticket-crear">
              @if (enviando()) { <mat-spinner diameter="18" aria-label="Enviando" /> }
              Crear ticket
            </button>
            <a mat-button routerLink="/soporte">Cancelar</a>
          </div>
        </form>
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './soporte.scss',
})
export class NuevoTicketPage extends ConEnvio {
  private readonly api = inject(SoporteApi);
  private readonly router = inject(Router);
  private readonly notify = inject(NotifyService);
  private readonly fb = inject(FormBuilder).nonNullable;
  private readonly adjuntos = viewChild.required<Adjuntos>('adjuntos');

  readonly prioridades = PRIORIDADES;
  readonly disponibilidad = signal<Disponibilidad | null>(null);

  readonly form = this.fb.group({
    titulo: ['', [Validators.required, Validators.maxLength(200)]],
    descripcion: ['', Validators.required],
    prioridad: ['media', Validators.required],
  });

  constructor() {
    super();
    this.api
      .disponibilidad()
      .pipe(catchError(() => of(null)))
      .subscribe((d) => this.disponibilidad.set(d));
  }

  crear(): void {
    if (this.form.invalid || this.enviando()) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    this.empezar();
    this.api.crear({ titulo: v.titulo.trim(), descripcion: v.descripcion.trim(), prioridad: v.prioridad }).subscribe({
      next: (ticket) => {
        const adj = this.adjuntos();
        const ir = () => void this.router.navigate(['/soporte', ticket.id]);
        if (adj.archivos().length === 0) {
          this.notify.ok(`Ticket #${ticket.id} creado.`);
          ir();
          return;
        }
        adj.subir(ticket.id).subscribe({
          next: () => {
            this.notify.ok(`Ticket #${ticket.id} creado con sus adjuntos.`);
            ir();
          },
          error: () => {
            this.notify.error(`El ticket #${ticket.id} se creó, pero un adjunto no se pudo subir. Puede intentarlo de nuevo desde el ticket.`);
            ir();
          },
        });
      },
      error: (err: unknown) => this.fallar(err),
    });
  }
}
