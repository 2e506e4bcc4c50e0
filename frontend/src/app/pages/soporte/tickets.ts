import { Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';

import { SoporteApi } from '../../core/api.service';
import { Disponibilidad, Ticket } from '../../core/api/soporte';
import { opcionesEstado } from '../../core/estados';
import { PRIORIDADES } from '../../core/opciones';
import { Chip } from '../../shared/chip';
import { LISTA } from '../../shared/lista/filtros';
import { COLUMNAS_TICKET } from '../../shared/lista/lista';
import { Listado, soloCampos } from '../../shared/lista/listado';
import { DisponibilidadBanner } from './disponibilidad-banner';

/** The company's tickets; filters and page live in the URL (?estado=&prioridad=&page=) so links are shareable. */
@Component({
  selector: 'app-tickets',
  imports: [RouterLink, MatButtonModule, MatIconModule, Chip, DisponibilidadBanner, LISTA],
  templateUrl: './tickets.html',
  styleUrl: './soporte.scss',
})
export class TicketsPage {
  private readonly api = inject(SoporteApi);

  readonly estados = opcionesEstado('ticket');
  readonly prioridades = PRIORIDADES;
  readonly columnas = COLUMNAS_TICKET;
  readonly disponibilidad = signal<Disponibilidad | null>(null);
  readonly l = new Listado<Ticket>((p) => this.api.tickets(soloCampos(p, ['estado', 'prioridad', 'page', 'per_page'])));
  readonly enlace = (t: Ticket) => ['/soporte', t.id];

  constructor() {
    this.api
      .disponibilidad()
      .pipe(catchError(() => of(null)))
      .subscribe((d) => this.disponibilidad.set(d));
  }
}
