import { DestroyRef, Signal, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { PageEvent } from '@angular/material/paginator';
import { Sort, SortDirection } from '@angular/material/sort';
import { ActivatedRoute, Params, Router } from '@angular/router';
import { Observable, Subscription } from 'rxjs';

import { Page } from '../../core/models';
import { EstadoSuscripcion, Suscripcion, TicketAdmin } from './admin-api';

/** Value/label pairs used by selects and chips. */
export interface Opcion<T = string> {
  valor: T;
  etiqueta: string;
}

export const ESTADOS_EMPRESA: Opcion[] = [
  { valor: 'activa', etiqueta: 'Activa' },
  { valor: 'inactiva', etiqueta: 'Inactiva' },
];

export const ROLES: Opcion[] = [
  { valor: 'admin', etiqueta: 'Administrador' },
  { valor: 'cliente', etiqueta: 'Cliente' },
];

export const ESTADOS_SUSCRIPCION: Opcion<EstadoSuscripcion>[] = [
  { valor: 'activa', etiqueta: 'Activa' },
  { valor: 'inactiva', etiqueta: 'Inactiva' },
  { valor: 'suspendida', etiqueta: 'Suspendida' },
  { valor: 'cancelada', etiqueta: 'Cancelada' },
];

export const PERIODOS: Opcion[] = [
  { valor: 'mensual', etiqueta: 'Mensual' },
  { valor: 'anual', etiqueta: 'Anual' },
];

export const MODALIDADES: Opcion[] = [
  { valor: 'mensual', etiqueta: 'Mensual (ilimitado)' },
  { valor: 'anual', etiqueta: 'Anual (ilimitado)' },
  { valor: 'por_tickets', etiqueta: 'Por tickets' },
  { valor: 'por_horas', etiqueta: 'Por horas' },
];

export const ESTADOS_CONTRATO: Opcion[] = [
  { valor: 'pendiente_pago', etiqueta: 'Pendiente de pago' },
  { valor: 'activo', etiqueta: 'Activo' },
  { valor: 'vencido', etiqueta: 'Vencido' },
  { valor: 'cancelado', etiqueta: 'Cancelado' },
];

export const ESTADOS_PAGO: Opcion[] = [
  { valor: 'exitoso', etiqueta: 'Exitoso' },
  { valor: 'pendiente', etiqueta: 'Pendiente' },
  { valor: 'fallido', etiqueta: 'Fallido' },
];

export const ACCIONES_AUDITORIA = [
  'crear', 'actualizar', 'eliminar', 'activar', 'desactivar', 'cambiar_password', 'asociar_servicio',
  'quitar_servicio', 'cambiar_cantidad', 'reemplazar_servicios', 'renovar', 'cancelar', 'suspender',
  'reactivar', 'descuento', 'vencer', 'renovar_automatica', 'renovacion_automatica', 'cancelar_fin_periodo', 'cerrar', 'reabrir',
  'comentar', 'adjuntar', 'borrar_adjunto', 'borrar',
];

export const SI_NO: Opcion[] = [
  { valor: 'true', etiqueta: 'Sí' },
  { valor: 'false', etiqueta: 'No' },
];

export function etiquetaDe(lista: Opcion<string>[], valor: string | null | undefined): string {
  return lista.find((o) => o.valor === valor)?.etiqueta ?? valor ?? '';
}

// --- state machines (mirror services/suscripciones.TRANSICIONES and services/tickets.TRANSICIONES) ---

export type AccionSuscripcion = 'renovar' | 'cancelar' | 'cancelar_al_final' | 'suspender' | 'reactivar' | 'descuento';

const DESDE: Record<Exclude<AccionSuscripcion, 'cancelar_al_final'>, EstadoSuscripcion[]> = {
  renovar: ['activa', 'inactiva'],
  cancelar: ['activa', 'inactiva', 'suspendida'],
  suspender: ['activa'],
  reactivar: ['suspendida', 'inactiva'],
  descuento: ['activa', 'inactiva', 'suspendida'],
};

/** The actions the backend accepts from the subscription's current state (others would be a 409). */
export function accionesSuscripcion(s: Pick<Suscripcion, 'estado' | 'cancelar_al_final'>): Set<AccionSuscripcion> {
  const out = new Set<AccionSuscripcion>();
  for (const [accion, estados] of Object.entries(DESDE) as [AccionSuscripcion, EstadoSuscripcion[]][]) {
    if (estados.includes(s.estado)) {
      out.add(accion);
    }
  }
  if (s.estado === 'activa' && s.cancelar_al_final) {
    out.delete('renovar'); // a scheduled cancellation blocks renewal: undo it first (reactivar)
    out.add('reactivar');
  } else if (s.estado === 'activa') {
    out.add('cancelar_al_final');
  }
  return out;
}

const TRANSICIONES_TICKET: Record<TicketAdmin['estado'], TicketAdmin['estado'][]> = {
  abierto: ['en_proceso', 'pendiente_respuesta', 'cerrado', 'cancelado'],
  en_proceso: ['pendiente_respuesta', 'cerrado', 'cancelado'],
  pendiente_respuesta: ['en_proceso', 'cerrado', 'cancelado'],
  cerrado: ['abierto'],
  cancelado: [],
};

export function transicionesTicket(estado: TicketAdmin['estado']): TicketAdmin['estado'][] {
  return TRANSICIONES_TICKET[estado] ?? [];
}

export function ticketAbierto(estado: TicketAdmin['estado']): boolean {
  return estado !== 'cerrado' && estado !== 'cancelado';
}

// --- sorting and URL state ------------------------------------------------------------------------

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

/** First day of the month and an ISO date (YYYY-MM-DD) in local time. */
export function fechaIso(d: Date): string {
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

export function sumarDias(d: Date, dias: number): Date {
  const r = new Date(d);
  r.setDate(r.getDate() + dias);
  return r;
}

/**
 * A server-side paginated list whose filters, page and sort live in the URL query string
 * (shareable links): every change of the query string reloads; `filtrar()` navigates.
 * Must be created in an injection context (a component field initializer).
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

  orden(): { active: string; direction: SortDirection } {
    return ordenDesdeUrl(this.get('sort'));
  }

  hayFiltros(...campos: string[]): boolean {
    return campos.some((c) => this.get(c) !== '');
  }

  recargar(): void {
    this.recargas.update((n) => n + 1);
  }
}
