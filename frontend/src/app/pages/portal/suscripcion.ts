import { CurrencyPipe, DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSlideToggleChange, MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';

import { CuentaApi } from '../../core/api.service';
import { SuscripcionCuenta } from '../../core/api/backoffice';
import { MAQUINA_SUSCRIPCION, esFinal } from '../../core/estados';
import { NotifyService } from '../../core/notify.service';
import { Chip } from '../../shared/chip';
import { EmptyState } from '../../shared/empty-state';

/** Whole days from today (local) to `fecha` (YYYY-MM-DD or ISO); negative when past. */
export function diasRestantes(fecha: string, hoy = new Date()): number {
  const fin = new Date(fecha.length === 10 ? `${fecha}T00:00:00` : fecha);
  const a = Date.UTC(hoy.getFullYear(), hoy.getMonth(), hoy.getDate());
  const b = Date.UTC(fin.getFullYear(), fin.getMonth(), fin.getDate());
  return Math.round((b - a) / 86400000);
}

@Component({
  selector: 'app-suscripcion',
  imports: [CurrencyPipe, DatePipe, RouterLink, MatCardModule, MatChipsModule, MatIconModule, MatSlideToggleModule, MatProgressSpinnerModule, MatButtonModule, Chip, EmptyState],
  template: `
    <h1>Mi suscripción</h1>
    @if (pendiente()) {
      <p class="aviso-pendiente" role="status" data-testid="empresa-pendiente">
        <mat-icon aria-hidden="true">hourglass_top</mat-icon>
        Su empresa está pendiente de aprobación: un administrador comprobará sus datos y le avisará. Mientras tanto
        su licencia no está activa.
      </p>
    }
    @if (cargando()) {
      <mat-spinner diameter="40" aria-label="Cargando suscripciones" />
    } @else if (items().length === 0) {
      <app-empty-state icono="workspace_premium" titulo="Aún no tiene suscripciones"
        mensaje="Elija un plan para su empresa; un asesor lo activará.">
        <a mat-flat-button routerLink="/planes">Ver planes</a>
      </app-empty-state>
    } @else {
      @for (s of items(); track s.id) {
        <mat-card appearance="outlined" [attr.data-testid]="'suscripcion-' + s.id">
          <mat-card-header>
            <mat-card-title>Plan {{ s.plan.nombre }}</mat-card-title>
            <mat-card-subtitle>
              <app-chip de="suscripcion" para="cliente" [valor]="s.estado" data-testid="suscripcion-estado" />
              · {{ s.periodo === 'anual' ? 'Anual' : 'Mensual' }}
            </mat-card-subtitle>
          </mat-card-header>
          <mat-card-content>
            <dl class="dato">
              <dt>Inicio</dt><dd>{{ s.fecha_inicio | date: 'longDate' }}</dd>
              <dt>Vence</dt><dd>{{ s.fecha_fin | date: 'longDate' }}</dd>
              <dt>Días restantes</dt>
              <dd data-testid="dias-restantes">
                @if (dias(s.fecha_fin) >= 0) { {{ dias(s.fecha_fin) }} } @else { Vencida hace {{ -dias(s.fecha_fin) }} días }
              </dd>
              <dt>Valor pagado</dt><dd>{{ s.precio_pagado | currency: 'COP' : 'symbol-narrow' : '1.0-2' }}
                @if (s.porcentaje_descuento) { (descuento {{ s.porcentaje_descuento }} %) }</dd>
            </dl>
            <h2 class="sub">Servicios incluidos</h2>
            <ul class="servicios">
              @for (srv of s.servicios; track srv.id) {
                <li><mat-icon aria-hidden="true">check</mat-icon> {{ srv.nombre }}
                  <span class="limite">{{ srv.cantidad === null || srv.cantidad === undefined ? 'sin límite' : 'límite: ' + srv.cantidad }}</span></li>
              } @empty {
                <li>Este plan no tiene servicios asociados.</li>
              }
            </ul>
            <mat-slide-toggle [checked]="s.renovacion_automatica" [disabled]="guardando() === s.id || final(s)"
              (change)="cambiarRenovacion(s, $event)" data-testid="renovacion">
              Renovación automática
            </mat-slide-toggle>
          </mat-card-content>
        </mat-card>
      }
    }
  `,
  styleUrl: './portal.scss',
  styles: `
    .sub { margin-top: 16px; font-size: 16px; }
    .servicios { list-style: none; padding: 0; }
    .servicios li { display: flex; align-items: center; gap: 6px; margin: 4px 0; }
    .limite { color: #5f6368; font-size: 13px; }
    .aviso-pendiente { display: flex; align-items: center; gap: 8px; padding: 12px 16px; border-radius: 8px; background: #fef7e0; color: #5f4b00; }
  `,
})
export class SuscripcionPage {
  private readonly api = inject(CuentaApi);
  private readonly notify = inject(NotifyService);
  readonly items = signal<SuscripcionCuenta[]>([]);
  readonly cargando = signal(true);
  readonly guardando = signal<number | null>(null);
  /** The user's company was created by self-service and awaits an admin (licence EMPRESA_PENDIENTE). */
  readonly pendiente = signal(false);

  constructor() {
    this.api.licencia().pipe(catchError(() => of(null))).subscribe((l) => this.pendiente.set(l?.codigo === 'EMPRESA_PENDIENTE'));
    this.api.suscripciones().subscribe({
      next: (items) => {
        const orden = Object.keys(MAQUINA_SUSCRIPCION);
        this.items.set([...items].sort((a, b) => orden.indexOf(a.estado) - orden.indexOf(b.estado)));
        this.cargando.set(false);
      },
      error: () => this.cargando.set(false),
    });
  }

  /** A cancelled subscription cannot change anymore. */
  final(s: SuscripcionCuenta): boolean {
    return esFinal(MAQUINA_SUSCRIPCION, s.estado);
  }

  dias(fecha: string): number {
    return diasRestantes(fecha);
  }

  cambiarRenovacion(s: SuscripcionCuenta, ev: MatSlideToggleChange): void {
    this.guardando.set(s.id);
    this.api.renovacionAutomatica(s.id, ev.checked).subscribe({
      next: (r) => {
        this.guardando.set(null);
        const valor = r?.renovacion_automatica ?? ev.checked;
        this.items.update((lista) => lista.map((x) => (x.id === s.id ? { ...x, renovacion_automatica: valor } : x)));
        this.notify.ok(valor ? 'Renovación automática activada.' : 'Renovación automática desactivada.');
      },
      error: () => {
        this.guardando.set(null);
        ev.source.checked = s.renovacion_automatica;
      },
    });
  }
}
