import { CurrencyPipe } from '@angular/common';
import { Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';

import { Suscripcion } from '../../../core/api/backoffice';
import { accionesSuscripcion } from '../../../core/estados';
import { NotifyService } from '../../../core/notify.service';
import { AdminApi } from '../comun/admin-api';
import { confirmar } from '../comun/confirmar-dialog';
import { abrirFormulario } from '../comun/form-dialog';

/** The state-machine actions of a plan subscription; only the ones its state allows are offered. */
@Component({
  selector: 'app-suscripcion-acciones',
  imports: [MatButtonModule, MatIconModule, MatMenuModule],
  providers: [CurrencyPipe],
  template: `
    @if (permitidas().size) {
      <button mat-stroked-button type="button" [matMenuTriggerFor]="menu" data-testid="acciones-suscripcion"
              [attr.aria-label]="'Acciones de la suscripción ' + s().id">
        Acciones <mat-icon iconPositionEnd>arrow_drop_down</mat-icon>
      </button>
      <mat-menu #menu="matMenu">
        <button mat-menu-item type="button" (click)="editar()" data-accion="editar"><mat-icon>edit_note</mat-icon> Renovación automática y notas</button>
        @if (permitidas().has('renovar')) { <button mat-menu-item type="button" (click)="renovar()" data-accion="renovar"><mat-icon>autorenew</mat-icon> Renovar</button> }
        @if (permitidas().has('reactivar')) {
          <button mat-menu-item type="button" (click)="reactivar()" data-accion="reactivar">
            <mat-icon>play_circle</mat-icon> {{ s().cancelar_al_final ? 'Deshacer cancelación programada' : 'Reactivar' }}
          </button>
        }
        @if (permitidas().has('suspender')) { <button mat-menu-item type="button" (click)="suspender()" data-accion="suspender"><mat-icon>pause_circle</mat-icon> Suspender</button> }
        @if (permitidas().has('descuento')) { <button mat-menu-item type="button" (click)="descuento()" data-accion="descuento"><mat-icon>percent</mat-icon> Descuento</button> }
        @if (permitidas().has('cancelar')) { <button mat-menu-item type="button" (click)="cancelar()" data-accion="cancelar" class="peligro"><mat-icon>cancel</mat-icon> Cancelar</button> }
      </mat-menu>
    } @else {
      <span class="muted">Sin acciones</span>
    }
  `,
  styles: `.peligro { color: #b3261e; } .muted { color: #5f6368; font-size: 13px; }`,
})
export class SuscripcionAcciones {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotifyService);
  private readonly moneda = inject(CurrencyPipe);
  readonly s = input.required<Suscripcion>();
  readonly cambio = output<Suscripcion>();
  readonly permitidas = computed(() => accionesSuscripcion(this.s()));

  private listo(mensaje: string) {
    return (r: unknown) => {
      this.notify.ok(mensaje);
      this.cambio.emit(r as Suscripcion);
    };
  }

  private nombre(): string {
    return `la suscripción #${this.s().id} (${this.s().plan.nombre}, ${this.s().empresa.nombre})`;
  }

  /** PUT accepts only `renovacion_automatica` and `notas` (a cancelled one: 409, so not offered). */
  editar(): void {
    abrirFormulario<Suscripcion>(this.dialog, {
      titulo: `Suscripción #${this.s().id}`,
      campos: [
        { nombre: 'renovacion_automatica', etiqueta: 'Renovación automática al vencer', tipo: 'check' },
        { nombre: 'notas', etiqueta: 'Notas', tipo: 'textarea', maxLength: 5000, nulo: true },
      ],
      valores: { renovacion_automatica: this.s().renovacion_automatica, notas: this.s().notas ?? '' },
      edicion: true,
      enviar: (b) => this.api.actualizar<Suscripcion>('suscripciones', this.s().id, b),
    }).subscribe(this.listo('Suscripción actualizada.'));
  }

  renovar(): void {
    confirmar(this.dialog, {
      titulo: 'Renovar suscripción',
      mensaje: `Se renovará ${this.nombre()} por un periodo ${this.s().periodo === 'anual' ? 'anual' : 'mensual'} más, al precio actual del plan.`,
      boton: 'Renovar',
      accion: () => this.api.accion<Suscripcion>('suscripciones', this.s().id, 'renovar'),
    }).subscribe(this.listo('Suscripción renovada.'));
  }

  suspender(): void {
    confirmar(this.dialog, {
      titulo: 'Suspender suscripción',
      mensaje: `Se suspenderá ${this.nombre()}: la licencia de la empresa quedará SUSPENDIDA hasta reactivarla.`,
      boton: 'Suspender',
      peligro: true,
      accion: () => this.api.accion<Suscripcion>('suscripciones', this.s().id, 'suspender'),
    }).subscribe(this.listo('Suscripción suspendida.'));
  }

  reactivar(): void {
    const programada = this.s().estado === 'activa' && this.s().cancelar_al_final;
    confirmar(this.dialog, {
      titulo: programada ? 'Deshacer la cancelación programada' : 'Reactivar suscripción',
      mensaje: programada ? `${this.nombre()} seguirá activa y no se cancelará al final del periodo.` : `Se reactivará ${this.nombre()}.`,
      boton: 'Reactivar',
      accion: () => this.api.accion<Suscripcion>('suscripciones', this.s().id, 'reactivar'),
    }).subscribe(this.listo('Suscripción reactivada.'));
  }

  descuento(): void {
    abrirFormulario<Suscripcion>(this.dialog, {
      titulo: 'Aplicar descuento',
      campos: [
        { nombre: 'porcentaje_descuento', etiqueta: 'Porcentaje de descuento (0 a 100)', tipo: 'numero', requerido: true, min: 0, max: 100,
          ayuda: `Precio pagado actual: ${this.moneda.transform(this.s().precio_pagado, 'COP', 'symbol-narrow', '1.0-2', 'es-CO')}; se recalcula.` },
        { nombre: 'notas', etiqueta: 'Notas', tipo: 'textarea', maxLength: 5000 },
      ],
      valores: { porcentaje_descuento: this.s().porcentaje_descuento ?? 0 },
      boton: 'Aplicar',
      enviar: (b) => this.api.accion<Suscripcion>('suscripciones', this.s().id, 'descuento', b),
    }).subscribe(this.listo('Descuento aplicado.'));
  }

  cancelar(): void {
    const puedeAlFinal = this.permitidas().has('cancelar_al_final');
    abrirFormulario<Suscripcion>(this.dialog, {
      titulo: 'Cancelar suscripción',
      campos: [
        { nombre: 'motivo_cancelacion', etiqueta: 'Motivo de la cancelación', tipo: 'textarea', requerido: true, minLength: 1, maxLength: 500 },
        { nombre: 'al_final_del_periodo', etiqueta: `Al final del periodo (${this.s().fecha_fin})`, tipo: 'check',
          visible: () => puedeAlFinal, ayuda: 'Sin marcar: se cancela ahora y la licencia queda CANCELADA de inmediato.' },
        { nombre: 'notas', etiqueta: 'Notas', tipo: 'textarea', maxLength: 5000 },
      ],
      valores: { al_final_del_periodo: false },
      boton: 'Cancelar suscripción',
      enviar: (b) => this.api.accion<Suscripcion>('suscripciones', this.s().id, 'cancelar', b),
    }).subscribe((r) => this.listo(r.estado === 'cancelada' ? 'Suscripción cancelada.' : 'Cancelación programada para el final del periodo.')(r));
  }
}
