import { DatePipe, DecimalPipe, JsonPipe } from '@angular/common';
import { HttpEventType } from '@angular/common/http';
import { Component, computed, signal } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { catchError, concatMap, filter, from, of } from 'rxjs';

import { Empresa } from '../../../core/api/backoffice';
import { UsuarioAdmin } from '../../../core/api/identidad';
import { Archivo, Comentario, DisponibilidadAdmin, TicketAdmin, TicketAdminDetalle, autorComentario } from '../../../core/api/soporte';
import { problemaArchivo, tamanoLegible } from '../../../core/archivos';
import { descargar } from '../../../core/descargas';
import { erroresDeCampo, mensajeDeError } from '../../../core/errors';
import { MAQUINA_TICKET, cambiosEstadoTicket, etiquetaEstado, puede, ticketAbierto } from '../../../core/estados';
import { PRIORIDADES, etiquetaDe } from '../../../core/opciones';
import { Chip } from '../../../shared/chip';
import { EmptyState } from '../../../shared/empty-state';
import { Catalogo } from '../comun/admin-comun';
import { confirmar } from '../comun/confirmar-dialog';
import { CupoSoporte } from '../comun/cupo-soporte';
import { abrirFormulario } from '../comun/form-dialog';
import { PaginaDetalle } from '../comun/paginas';

/**
 * A ticket for the support team: the whole conversation (internal notes visually distinct and never
 * shown to the customer), public replies and internal notes, attachments, state changes, close with
 * hours, reopen, cancel, and the company's remaining quota beside it.
 */
@Component({
  selector: 'app-admin-ticket-detalle',
  imports: [DatePipe, DecimalPipe, JsonPipe, ReactiveFormsModule, RouterLink, MatCardModule, MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatProgressBarModule, MatProgressSpinnerModule, Chip, EmptyState, CupoSoporte],
  templateUrl: './ticket-detalle.html',
  styleUrls: ['../comun/admin.scss', './ticket-detalle.scss'],
})
export class TicketAdminDetallePage extends PaginaDetalle {
  readonly t = signal<TicketAdminDetalle | null>(null);
  readonly empresa = signal<Empresa | null>(null);
  readonly disponibilidad = signal<DisponibilidadAdmin | null>(null);
  readonly enviando = signal(false);
  readonly error = signal<string | null>(null);
  readonly subiendo = signal<string | null>(null);
  readonly progreso = signal(0);
  readonly problemasArchivo = signal<string[]>([]);
  readonly prioridades = PRIORIDADES;
  readonly admins = new Catalogo<UsuarioAdmin>(this.api, 'usuarios', { rol: 'admin', is_active: 'true' });
  readonly form = new FormGroup({
    contenido: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(20000)] }),
    interno: new FormControl(false, { nonNullable: true }),
  });
  readonly abierto = computed(() => ticketAbierto(this.t()?.estado));
  readonly reabrible = computed(() => puede(MAQUINA_TICKET, this.t()?.estado, 'reabrir'));
  /** PATCH-able state changes (closing and cancelling have their own actions). */
  readonly cambiosEstado = computed(() => {
    const t = this.t();
    return t ? cambiosEstadoTicket(t.estado) : [];
  });

  cargar(id: number): void {
    this.api.ticket(id).subscribe({
      next: (t) => {
        this.t.set(t);
        if (this.empresa()?.id !== t.empresa_id) {
          this.api.obtener<Empresa>('empresas', t.empresa_id).subscribe((e) => this.empresa.set(e));
        }
        this.api.disponibilidad(t.empresa_id).pipe(catchError(() => of(null))).subscribe((d) => this.disponibilidad.set(d));
      },
      error: () => this.noEncontrado.set(true),
    });
  }

  estado(v: string): string {
    return etiquetaEstado('ticket', v);
  }

  prioridad(v: string): string {
    return etiquetaDe(PRIORIDADES, v);
  }

  tamano(b: number): string {
    return tamanoLegible(b);
  }

  autor(c: Comentario): string {
    return autorComentario(c, { admin: 'Soporte', cliente: 'Cliente' });
  }

  responder(dir: FormGroupDirective): void {
    if (this.form.invalid || this.enviando()) {
      this.form.markAllAsTouched();
      return;
    }
    const { contenido, interno } = this.form.getRawValue();
    this.enviando.set(true);
    this.error.set(null);
    this.api.comentar(Number(this.id()), contenido.trim(), interno).subscribe({
      next: () => {
        this.enviando.set(false);
        dir.resetForm({ contenido: '', interno: false });
        this.hecho(interno ? 'Nota interna guardada.' : 'Respuesta enviada al cliente.');
      },
      error: (err: unknown) => {
        this.enviando.set(false);
        this.error.set(erroresDeCampo(err)['contenido']?.join(' ') ?? mensajeDeError(err));
      },
    });
  }

  cambiar(campo: 'estado' | 'prioridad' | 'asignado_a', valor: string | number | null): void {
    const mensajes = {
      estado: () => `Estado: ${this.estado(String(valor))}.`,
      prioridad: () => `Prioridad: ${this.prioridad(String(valor))}.`,
      asignado_a: () => (valor ? `Asignado a ${this.admins.nombre(Number(valor))}.` : 'Sin asignar.'),
    };
    this.api.actualizar<TicketAdmin>('soporte-tickets', Number(this.id()), { [campo]: valor }, 'patch').subscribe({
      next: () => this.hecho(mensajes[campo]()),
      error: (err: unknown) => {
        this.notify.error(mensajeDeError(err));
        this.recargar();
      },
    });
  }

  cerrar(): void {
    const porHoras = this.disponibilidad()?.modalidad === 'por_horas';
    abrirFormulario<TicketAdmin>(this.dialog, {
      titulo: 'Cerrar ticket',
      campos: [
        {
          nombre: 'horas_dedicadas',
          etiqueta: 'Horas dedicadas',
          tipo: 'numero',
          requerido: porHoras,
          min: 0,
          max: 10000,
          nulo: !porHoras,
          ayuda: porHoras ? 'Obligatorio: se descuentan del contrato por horas de la empresa.' : 'Opcional (para las estadísticas).',
        },
      ],
      boton: 'Cerrar ticket',
      enviar: (b) => this.api.accion<TicketAdmin>('soporte-tickets', Number(this.id()), 'cerrar', b),
    }).subscribe(this.listo('Ticket cerrado.'));
  }

  reabrir(): void {
    confirmar(this.dialog, {
      titulo: 'Reabrir ticket',
      mensaje: 'El ticket vuelve a estado abierto. Si se cierra otra vez, las horas del nuevo cierre se suman.',
      boton: 'Reabrir',
      accion: () => this.api.accion('soporte-tickets', Number(this.id()), 'reabrir'),
    }).subscribe(this.listo('Ticket reabierto.'));
  }

  cancelar(): void {
    const t = this.t();
    confirmar(this.dialog, {
      titulo: 'Cancelar ticket',
      mensaje:
        t?.consumio_cupo && this.disponibilidad()?.modalidad === 'por_tickets'
          ? 'El ticket se cancela y su cupo vuelve al contrato por tickets de la empresa.'
          : 'El ticket se cancela y no admitirá más respuestas públicas.',
      boton: 'Cancelar ticket',
      peligro: true,
      accion: () => this.api.accion('soporte-tickets', Number(this.id()), 'cancelar'),
    }).subscribe(this.listo('Ticket cancelado.'));
  }

  subir(lista: FileList | null): void {
    const archivos = Array.from(lista ?? []);
    let usado = (this.t()?.archivos ?? []).reduce((s, a) => s + (a.tamano ?? 0), 0);
    const problemas: string[] = [];
    const validos = archivos.filter((f) => {
      const p = problemaArchivo(f, usado);
      if (p) {
        problemas.push(p);
        return false;
      }
      usado += f.size;
      return true;
    });
    this.problemasArchivo.set(problemas);
    if (!validos.length) {
      return;
    }
    const id = Number(this.id());
    from(validos)
      .pipe(
        concatMap((f) => {
          this.subiendo.set(f.name);
          this.progreso.set(0);
          return this.api.subirArchivo(id, f);
        }),
        filter((ev) => {
          if (ev.type === HttpEventType.UploadProgress && ev.total) {
            this.progreso.set(Math.round((100 * ev.loaded) / ev.total));
          }
          return ev.type === HttpEventType.Response;
        }),
      )
      .subscribe({
        complete: () => {
          this.subiendo.set(null);
          this.hecho('Archivos adjuntados.');
        },
        error: (err: unknown) => {
          this.subiendo.set(null);
          this.problemasArchivo.set([mensajeDeError(err)]);
          this.recargar();
        },
      });
  }

  descargar(a: Archivo): void {
    descargar(this.api.descargarArchivo(Number(this.id()), a.nombre), a.nombre_original || a.nombre);
  }

  borrarArchivo(a: Archivo): void {
    confirmar(this.dialog, {
      titulo: 'Eliminar adjunto',
      mensaje: `Se eliminará «${a.nombre_original}» del ticket.`,
      boton: 'Eliminar',
      peligro: true,
      accion: () => this.api.borrarArchivo(Number(this.id()), a.nombre),
    }).subscribe(this.listo('Adjunto eliminado.'));
  }
}
