import { Directive, effect, inject, input, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { Router } from '@angular/router';

import { NotifyService } from '../../../core/notify.service';
import { Listado } from '../../../shared/lista/listado';
import { AdminApi } from './admin-api';

/** What every console page uses: the admin API, dialogs, messages and navigation. */
@Directive()
abstract class PaginaAdmin {
  protected readonly api = inject(AdminApi);
  protected readonly dialog = inject(MatDialog);
  protected readonly notify = inject(NotifyService);
  protected readonly router = inject(Router);

  /** Reloads what the page shows after a change. */
  abstract recargar(): void;

  /** A change went through: say so, then reload. */
  protected hecho(mensaje: string): void {
    this.notify.ok(mensaje);
    this.recargar();
  }

  /** {@link hecho} as a `subscribe` callback. */
  protected listo(mensaje: string): () => void {
    return () => this.hecho(mensaje);
  }
}

/** A list page: its {@link Listado} reloads after a change. */
@Directive()
export abstract class PaginaLista<T> extends PaginaAdmin {
  abstract readonly l: Listado<T>;

  recargar(): void {
    this.l.recargar();
  }
}

/** A detail page (`/consola/<recurso>/:id`): loads on the route id; a 404 shows "no encontrado". */
@Directive()
export abstract class PaginaDetalle extends PaginaAdmin {
  readonly id = input.required<string>();
  readonly noEncontrado = signal(false);

  constructor() {
    super();
    effect(() => this.cargar(Number(this.id())));
  }

  abstract cargar(id: number): void;

  recargar(): void {
    this.cargar(Number(this.id()));
  }
}
