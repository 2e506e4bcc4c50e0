import { DatePipe, DecimalPipe } from '@angular/common';
import { Component, effect, inject, input, signal, viewChild } from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';

import { SoporteApi } from '../../core/api.service';
import { Archivo, Comentario, TicketDetalle, autorComentario } from '../../core/api/soporte';
import { tamanoLegible } from '../../core/archivos';
import { descargar } from '../../core/descargas';
import { mensajeDeError } from '../../core/errors';
import { etiquetaEstado, ticketAbierto } from '../../core/estados';
import { NotifyService } from '../../core/notify.service';
import { Chip } from '../../shared/chip';
import { EmptyState } from '../../shared/empty-state';
import { Adjuntos } from './adjuntos';

@Component({
  selector: 'app-ticket-detalle',
  imports: [DatePipe, DecimalPipe, ReactiveFormsModule, RouterLink, MatCardModule, MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule, MatProgressSpinnerModule, Chip, EmptyState, Adjuntos],
  templateUrl: './ticket-detalle.html',
  styleUrl: './soporte.scss',
})
export class TicketDetallePage {
  private readonly api = inject(SoporteApi);
  private readonly notify = inject(NotifyService);
  private readonly fb = inject(FormBuilder).nonNullable;
  private readonly adjuntos = viewChild<Adjuntos>('adjuntos');
  private readonly formDir = viewChild(FormGroupDirective);

  readonly id = input.required<string>();
  readonly detalle = signal<TicketDetalle | null>(null);
  readonly noEncontrado = signal(false);
  readonly enviando = signal(false);
  readonly error = signal<string | null>(null);
  readonly form = this.fb.group({ contenido: ['', [Validators.required, Validators.maxLength(10000)]] });

  constructor() {
    effect(() => this.cargar(Number(this.id())));
  }

  cargar(id: number): void {
    this.api.ticket(id).subscribe({
      next: (d) => this.detalle.set(d),
      error: () => this.noEncontrado.set(true),
    });
  }

  /** Closed or cancelled: no more replies nor attachments. */
  cerrado(): boolean {
    return !ticketAbierto(this.detalle()?.ticket.estado);
  }

  usado(): number {
    return (this.detalle()?.ticket.archivos ?? []).reduce((s, a) => s + (a.tamano ?? 0), 0);
  }

  comentar(): void {
    if (this.form.invalid || this.enviando()) {
      this.form.markAllAsTouched();
      return;
    }
    const id = Number(this.id());
    this.enviando.set(true);
    this.error.set(null);
    this.api.comentar(id, this.form.getRawValue().contenido.trim()).subscribe({
      next: () => {
        this.enviando.set(false);
        // resetForm() also clears the "submitted" state, so the empty field is not shown as an error.
        const dir = this.formDir();
        if (dir) {
          dir.resetForm();
        } else {
          this.form.reset();
        }
        this.notify.ok('Comentario enviado.');
        this.cargar(id);
      },
      error: (err: unknown) => {
        this.enviando.set(false);
        this.error.set(mensajeDeError(err));
      },
    });
  }

  subirAdjuntos(): void {
    const adj = this.adjuntos();
    if (!adj || adj.archivos().length === 0) {
      return;
    }
    const id = Number(this.id());
    adj.subir(id).subscribe({
      next: () => {
        this.notify.ok('Archivos adjuntados.');
        this.cargar(id);
      },
      error: () => this.cargar(id),
    });
  }

  descargar(a: Archivo): void {
    descargar(this.api.descargar(Number(this.id()), a.nombre), a.nombre_original || a.nombre);
  }

  autor(c: Comentario): string {
    return autorComentario(c, { admin: 'Equipo de soporte', cliente: 'Usted' });
  }

  estado(v: string): string {
    return etiquetaEstado('ticket', v);
  }

  tamano(b: number): string {
    return tamanoLegible(b);
  }
}
