import { CurrencyPipe, DatePipe, NgTemplateOutlet } from '@angular/common';
import { Component, Directive, TemplateRef, computed, contentChild, contentChildren, inject, input } from '@angular/core';
import { MatPaginatorIntl, MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';

import { PaginatorEs } from '../../core/paginator-intl';
import { EmptyState } from '../empty-state';
import { Listado } from './listado';

/** One column of a list: the row's property `id` unless a `celda` template renders it. */
export interface Columna {
  id: string;
  /** Header text (also for hidden headers: screen readers read it). */
  titulo: string;
  /** Sortable with `sort=id` / `sort=-id` in the URL. */
  orden?: boolean;
  /** The header is for screen readers only (action buttons). */
  oculto?: boolean;
  formato?: 'fecha' | 'fecha-hora' | 'moneda';
}

/** The screen-reader-only header of the row actions column. */
export const ACCIONES: Columna = { id: 'acciones', titulo: 'Acciones', oculto: true };

/** The columns of a ticket list (the portal's; the console adds the company and the first reply). */
export const COLUMNAS_TICKET: Columna[] = [
  { id: 'id', titulo: 'N.º' }, { id: 'titulo', titulo: 'Título' }, { id: 'prioridad', titulo: 'Prioridad' }, { id: 'estado', titulo: 'Estado' },
  { id: 'created_at', titulo: 'Creado', formato: 'fecha-hora' },
];

/** What an empty list shows. */
export interface Vacio {
  icono: string;
  titulo: string;
  mensaje?: string;
}

/** `<ng-template celda="columna" let-fila>`: how the cells of that column are rendered. */
@Directive({ selector: 'ng-template[celda]' })
export class Celda {
  readonly celda = input.required<string>();
  readonly plantilla = inject(TemplateRef);
}

/** `<ng-template [detalleFila]="visible" let-fila>`: an extra full-width row under each row shown when `visible(fila)`. */
@Directive({ selector: 'ng-template[detalleFila]' })
export class DetalleFila {
  readonly detalleFila = input.required<(fila: any) => boolean>();
  readonly plantilla = inject(TemplateRef);
}

/**
 * The one list of the SPA: filters (`app-filtro-*` children), then a table of a {@link Listado}
 * (columns, sorting, an optional detail row and row link), its empty state and the paginator;
 * filters, page, size and sort live in the URL query string.
 */
@Component({
  selector: 'app-lista',
  imports: [NgTemplateOutlet, DatePipe, CurrencyPipe, MatTableModule, MatSortModule, MatPaginatorModule, MatProgressSpinnerModule, EmptyState],
  providers: [{ provide: MatPaginatorIntl, useClass: PaginatorEs }],
  templateUrl: './lista.html',
  styleUrl: './lista.scss',
})
export class Lista {
  private readonly router = inject(Router);

  readonly listado = input.required<Listado<unknown>>();
  readonly columnas = input.required<Columna[]>();
  /** Plural name of the rows ("empresas"): "Páginas de empresas", "Cargando empresas". */
  readonly nombre = input.required<string>();
  /** The table's caption (for screen readers). */
  readonly titulo = input.required<string>();
  readonly testid = input<string>();
  readonly vacio = input.required<Vacio>();
  /** Shown instead of `vacio` when some filter is set. */
  readonly sinCoincidencias = input<Vacio>();
  /** Shown when the API refuses the filters. */
  readonly mensajeError = input<string>();
  /** Where a click on the row goes (the row also has a link for keyboards). */
  readonly enlace = input<(fila: any) => unknown[]>();

  private readonly celdas = contentChildren(Celda);
  readonly detalle = contentChild(DetalleFila);
  readonly ids = computed(() => this.columnas().map((c) => c.id));
  readonly plantillas = computed(() => new Map(this.celdas().map((c) => [c.celda(), c.plantilla])));

  vacioActual(): Vacio {
    return (this.listado().hayFiltros() && this.sinCoincidencias()) || this.vacio();
  }

  abrir(fila: unknown): void {
    const enlace = this.enlace();
    if (enlace) {
      void this.router.navigate(enlace(fila));
    }
  }
}
