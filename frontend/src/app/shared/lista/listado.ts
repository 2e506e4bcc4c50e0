import { DestroyRef, Signal, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { PageEvent } from '@angular/material/paginator';
import { Sort, SortDirection } from '@angular/material/sort';
import { ActivatedRoute, Params, Router } from '@angular/router';
import { Observable, Subscription } from 'rxjs';

import { Page } from '../../core/api/comun';

/** Query parameters that are not filters. */
const NO_FILTROS = ['page', 'per_page', 'sort'];

/** `sort=-campo` -> {active: 'campo', direction: 'desc'}. */
export function ordenDesdeUrl(sort: string | null | undefined): { active: string; direction: SortDirection } {
  if (!sort) {
    return { active: '', direction: '' };
  }
  return sort.startsWith('-') ? { active: sort.slice(1), direction: 'desc' } : { active: sort, direction: 'asc' };
}

/** MatSort event -> `sort` query value (`campo`, `-campo` or null when cleared). */
export function ordenParaUrl(s: Sort): string | null {
  if (!s.direction) {
    return null;
  }
  return s.direction === 'desc' ? `-${s.active}` : s.active;
}

/** Only the given query parameters (a loader sends the API nothing else). */
export function soloCampos(p: Params, campos: string[]): Params {
  return Object.fromEntries(campos.filter((c) => p[c] !== undefined).map((c) => [c, p[c]]));
}

/**
 * A server-side paginated list whose filters, page and sort live in the URL query string
 * (shareable links, restored on reload): every change of the query string reloads; `filtrar()`
 * navigates. Must be created in an injection context (a component field initializer).
 */
export class Listado<T> {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private sub: Subscription | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly recargas = signal(0);

  readonly params: Signal<Params> = toSignal(this.route.queryParams, { initialValue: {} as Params });
  readonly pagina = signal<Page<T> | null>(null);
  readonly cargando = signal(true);
  readonly error = signal(false);
  readonly orden = computed(() => ordenDesdeUrl(this.get('sort')));
  /** Some filter (not page, size or sort) is set in the URL. */
  readonly hayFiltros = computed(() => Object.keys(this.params()).some((k) => !NO_FILTROS.includes(k) && this.get(k) !== ''));

  constructor(
    cargar: (p: Params) => Observable<Page<T>>,
    readonly porPagina = 20,
  ) {
    effect(() => {
      const p = this.params();
      this.recargas();
      untracked(() => {
        this.sub?.unsubscribe();
        this.cargando.set(true);
        this.sub = cargar({ per_page: this.porPagina, ...p }).subscribe({
          next: (pg) => {
            this.pagina.set(pg);
            this.cargando.set(false);
            this.error.set(false);
          },
          error: () => {
            this.cargando.set(false);
            this.error.set(true);
          },
        });
      });
    });
    inject(DestroyRef).onDestroy(() => {
      this.sub?.unsubscribe();
      if (this.timer) {
        clearTimeout(this.timer);
      }
    });
  }

  get(nombre: string): string {
    const v = this.params()[nombre];
    return v === undefined || v === null ? '' : String(v);
  }

  /** Changes filters in the URL; any filter change goes back to page 1. */
  filtrar(cambios: Record<string, string | number | null | undefined>): void {
    const queryParams: Params = {};
    for (const [k, v] of Object.entries(cambios)) {
      queryParams[k] = v === '' || v === undefined ? null : v;
    }
    if (!('page' in cambios)) {
      queryParams['page'] = null;
    }
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge' });
  }

  /** Free-text search, debounced. */
  buscar(campo: string, valor: string): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => this.filtrar({ [campo]: valor.trim() || null }), 350);
  }

  paginar(e: PageEvent): void {
    this.filtrar({ page: e.pageIndex + 1, per_page: e.pageSize });
  }

  ordenar(s: Sort): void {
    this.filtrar({ sort: ordenParaUrl(s) });
  }

  recargar(): void {
    this.recargas.update((n) => n + 1);
  }
}
