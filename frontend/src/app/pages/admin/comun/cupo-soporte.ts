import { DatePipe, DecimalPipe } from '@angular/common';
import { Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';

import { DisponibilidadAdmin } from '../../../core/api/soporte';
import { MODALIDADES, etiquetaDe } from '../../../core/opciones';

/** A company's remaining support quota (tickets or hours), shown beside its tickets. */
@Component({
  selector: 'app-cupo-soporte',
  imports: [DatePipe, DecimalPipe, MatIconModule, MatProgressBarModule],
  template: `
    @if (d(); as d) {
      <div class="cupo" role="status" data-testid="cupo-soporte" [class.inactivo]="!d.activo">
        @if (!d.activo) {
          <p><mat-icon aria-hidden="true">warning</mat-icon> Sin soporte activo: la empresa no puede abrir tickets.</p>
        } @else {
          <p><strong>{{ modalidad(d.modalidad) }}</strong> · vigente hasta {{ d.fecha_fin | date: 'mediumDate' }}</p>
          @if (d.modalidad === 'por_tickets') {
            <p data-testid="cupo-tickets">Tickets disponibles: <strong>{{ d.tickets_disponibles }}</strong> de {{ d.max_tickets }}
              ({{ d.tickets_consumidos }} usados)</p>
            <mat-progress-bar mode="determinate" [value]="porcentaje(d.tickets_consumidos, d.max_tickets)" aria-label="Tickets usados" />
          } @else if (d.modalidad === 'por_horas') {
            <p data-testid="cupo-horas">Horas disponibles: <strong>{{ d.horas_disponibles | number: '1.0-2' }}</strong> de {{ d.max_horas | number: '1.0-2' }}
              ({{ d.horas_consumidas | number: '1.0-2' }} usadas)</p>
            <mat-progress-bar mode="determinate" [value]="porcentaje(d.horas_consumidas, d.max_horas)" aria-label="Horas usadas" />
            @if (d.agotado) { <p class="agotado">Cupo de horas agotado.</p> }
          } @else {
            <p>Tickets ilimitados durante el periodo.</p>
          }
        }
      </div>
    } @else {
      <p class="muted">Sin información de soporte.</p>
    }
  `,
  styles: `
    .cupo { border: 1px solid #bbd6fb; background: #f3f8ff; border-radius: 8px; padding: 8px 12px; }
    .cupo.inactivo { border-color: #f3c5c0; background: #fdf3f2; }
    p { margin: 4px 0; }
    mat-icon { vertical-align: middle; }
    .agotado { color: #b3261e; }
    .muted { color: #5f6368; font-size: 13px; }
  `,
})
export class CupoSoporte {
  readonly d = input<DisponibilidadAdmin | null>(null);

  modalidad(v: string | null): string {
    return etiquetaDe(MODALIDADES, v);
  }

  porcentaje(usado: number | null, max: number | null): number {
    return max ? Math.min(100, Math.round((100 * (usado ?? 0)) / max)) : 0;
  }
}
