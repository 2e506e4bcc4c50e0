import { DatePipe } from '@angular/common';
import { Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorIntl, MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';

import { SoporteApi } from '../../core/api.service';
import { Disponibilidad, ESTADOS_TICKET, PRIORIDADES, Page, Ticket, etiqueta } from '../../core/models';
import { PaginatorEs } from '../../core/paginator-intl';
import { EmptyState } from '../../shared/empty-state';
import { DisponibilidadBanner } from './disponibilidad-banner';

@Component({
  selector: 'app-tickets',
  imports: [
    DatePipe,
    RouterLink,
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatProgressSpinnerModule,
    EmptyState,
    DisponibilidadBanner,
  ],
  providers: [{ provide: MatPaginatorIntl, useClass: PaginatorEs }],
  templateUrl: './tickets.html',
  styleUrl: './soporte.scss',
})
export class TicketsPage {
  private readonly api = inject(SoporteApi);
  private readonly router = inject(Router);

  // Filters live in the URL (?estado=&prioridad=&q=&page=) so links are shareable.
  readonly estado = input<string>();
  readonly prioridad = input<string>();
  readonly page = input<string>();
  readonly per_page = input<string>();

  readonly estados = ESTADOS_TICKET;
  readonly prioridades = PRIORIDADES;
  readonly columnas = ['id', 'titulo', 'prioridad', 'estado', 'created_at'];
  readonly disponibilidad = signal<Disponibilidad | null>(null);
  readonly pagina = signal<Page<Ticket> | null>(null);
  readonly cargando = signal(true);

  constructor() {
    this.api
      .disponibilidad()
      .pipe(catchError(() => of(null)))
      .subscribe((d) => this.disponibilidad.set(d));
    effect(() => {
      const filtros = {
        estado: this.estado() || undefined,
        prioridad: this.prioridad() || undefined,
        page: Number(this.page()) || 1,
        per_page: Number(this.per_page()) || 20,
      };
      this.cargando.set(true);
      this.api.tickets(filtros).subscribe({
        next: (p) => {
          this.pagina.set(p);
          this.cargando.set(false);
        },
        error: () => this.cargando.set(false),
      });
    });
  }

  filtrar(cambios: Record<string, string | number | null>): void {
    void this.router.navigate([], { queryParams: { ...cambios, page: cambios['page'] ?? null }, queryParamsHandling: 'merge' });
  }

  paginar(e: PageEvent): void {
    this.filtrar({ page: e.pageIndex + 1, per_page: e.pageSize });
  }

  abrir(t: Ticket): void {
    void this.router.navigate(['/soporte', t.id]);
  }

  etiquetaEstado(v: string): string {
    return etiqueta(ESTADOS_TICKET, v);
  }

  etiquetaPrioridad(v: string): string {
    return etiqueta(PRIORIDADES, v);
  }

  hayFiltros(): boolean {
    return !!(this.estado() || this.prioridad());
  }
}
