import { DatePipe, DecimalPipe } from '@angular/common';
import { Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

import { Disponibilidad } from '../../core/api/soporte';

const MODALIDAD: Record<string, string> = {
  mensual: 'mensual',
  anual: 'anual',
  por_tickets: 'por número de tickets',
  por_horas: 'por horas',
};

@Component({
  selector: 'app-disponibilidad-banner',
  imports: [DatePipe, DecimalPipe, MatIconModule],
  template: `
    @if (d(); as d) {
      <div class="banner" [class.inactivo]="!d.activo" role="status" data-testid="disponibilidad">
        <mat-icon aria-hidden="true">{{ d.activo ? 'support_agent' : 'warning' }}</mat-icon>
        @if (d.activo) {
          <div>
            <strong>Soporte activo</strong> (modalidad {{ modalidad(d.modalidad) }})
            @if (d.fecha_fin) { hasta el {{ d.fecha_fin | date: 'longDate' }}}.
            <br />
            Tickets disponibles: <strong>{{ d.tickets_disponibles === null ? 'ilimitados' : d.tickets_disponibles }}</strong>
            · Horas disponibles: <strong>{{ d.horas_disponibles === null ? 'ilimitadas' : (d.horas_disponibles | number: '1.0-2') }}</strong>
          </div>
        } @else {
          <div>
            <strong>Su empresa no tiene soporte activo.</strong>
            Puede consultar sus tickets, pero para abrir uno nuevo necesita un contrato de soporte vigente.
          </div>
        }
      </div>
    }
  `,
  styles: `
    .banner { display: flex; gap: 12px; align-items: flex-start; padding: 12px 16px; border-radius: 8px; background: #e8f5e9; color: #1b3d1f; margin-bottom: 16px; }
    .banner.inactivo { background: #fff4e5; color: #5a3800; }
  `,
})
export class DisponibilidadBanner {
  readonly d = input<Disponibilidad | null>(null);

  modalidad(m: string | null): string {
    return (m && MODALIDAD[m]) || m || '—';
  }
}
