import { computed, signal } from '@angular/core';

import { Filtros } from '../../../core/http-context';
import { Opcion } from '../../../core/opciones';
import { Listado, soloCampos } from '../../../shared/lista/listado';
import { AdminApi } from './admin-api';

/**
 * An admin list (`GET /admin/<recurso>`) driven by the URL: only the named query parameters (plus
 * page and size) reach the API; `fijos` are defaults the URL may override (e.g. the sort).
 */
export function listadoAdmin<T>(api: AdminApi, recurso: string, filtros: string[], fijos: Filtros = {}): Listado<T> {
  return new Listado<T>((p) => api.listar<T>(recurso, { ...fijos, ...soloCampos(p, [...filtros, 'page', 'per_page']) }));
}

/**
 * A small look-up list (up to 100 rows, sorted by name, no loading bar) for filters and names:
 * companies, plans, support types, admins. Create it in a field initializer.
 */
export class Catalogo<T extends { id: number; nombre: string }> {
  readonly items = signal<T[]>([]);
  /** As filter options (the id as text, like the query string). */
  readonly opciones = computed<Opcion[]>(() => this.items().map((x) => ({ valor: String(x.id), etiqueta: x.nombre })));

  constructor(api: AdminApi, recurso: string, filtros: Filtros = {}) {
    api.listar<T>(recurso, { per_page: 100, sort: 'nombre', ...filtros }, { silencioso: true }).subscribe((p) => this.items.set(p.items));
  }

  nombre(id: number | null | undefined, respaldo = `#${id}`): string {
    return this.items().find((x) => x.id === id)?.nombre ?? respaldo;
  }
}
