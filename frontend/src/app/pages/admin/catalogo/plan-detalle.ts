import { CurrencyPipe } from '@angular/common';
import { Component, computed, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';

import { erroresDeCampo, mensajeDeError } from '../../../core/errors';
import { EmptyState } from '../../../shared/empty-state';
import { Plan, PlanServicio, Servicio } from '../../../core/api/backoffice';
import { Catalogo } from '../comun/admin-comun';
import { confirmar } from '../comun/confirmar-dialog';
import { abrirFormulario } from '../comun/form-dialog';
import { PaginaDetalle } from '../comun/paginas';
import { editarPlan } from './planes';

/** `''` -> null (unlimited); a positive integer -> number; anything else -> an error message. */
export function parsearCantidad(texto: string): { valor: number | null } | { error: string } {
  const t = texto.trim();
  if (t === '' || t === '∞') {
    return { valor: null };
  }
  if (!/^\d+$/.test(t) || Number(t) < 1) {
    return { error: 'Use un entero positivo, o deje vacío para ilimitado.' };
  }
  return { valor: Number(t) };
}

/** A plan and its services; each service's `cantidad` is edited in place (Enter or leaving the field saves). */
@Component({
  selector: 'app-admin-plan-detalle',
  imports: [CurrencyPipe, RouterLink, MatCardModule, MatButtonModule, MatIconModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatProgressSpinnerModule, EmptyState],
  template: `
    @if (noEncontrado()) {
      <app-empty-state icono="search_off" titulo="Plan no encontrado"><a mat-flat-button routerLink="/consola/planes">Volver a planes</a></app-empty-state>
    } @else if (plan(); as p) {
      <div class="cabecera">
        <div>
          <a mat-button routerLink="/consola/planes"><mat-icon>arrow_back</mat-icon> Planes</a>
          <h1 data-testid="plan-nombre">{{ p.nombre }} @if (p.seleccionado) { <span class="chip ok">Destacado</span> }</h1>
          <p class="muted">{{ p.precio_mensual | currency: 'COP' : 'symbol-narrow' : '1.0-2' }} al mes ·
            {{ p.precio_anual | currency: 'COP' : 'symbol-narrow' : '1.0-2' }} al año. {{ p.descripcion }}</p>
        </div>
        <div class="acciones">
          <button mat-stroked-button type="button" (click)="elegirServicios()" data-testid="elegir-servicios"><mat-icon>checklist</mat-icon> Elegir servicios</button>
          <button mat-stroked-button type="button" (click)="editar(p)"><mat-icon>edit</mat-icon> Editar plan</button>
        </div>
      </div>

      <mat-card appearance="outlined">
        <mat-card-content>
          <h2>Servicios incluidos</h2>
          <p class="muted">Cantidad: límite del servicio en el plan (entero positivo); vacío = ilimitado. Se guarda al pulsar Enter o salir del campo.</p>
          @if (items().length) {
            <table class="simple" data-testid="plan-servicios">
              <thead><tr><th scope="col">Servicio</th><th scope="col">Cantidad</th><th scope="col"><span class="cdk-visually-hidden">Quitar</span></th></tr></thead>
              <tbody>
                @for (ps of items(); track ps.servicio_id) {
                  <tr [attr.data-servicio]="ps.nombre">
                    <td>{{ ps.nombre }} @if (!ps.activo) { <span class="chip">Inactivo</span> }</td>
                    <td>
                      <mat-form-field subscriptSizing="dynamic" class="cantidad">
                        <mat-label>Cantidad</mat-label>
                        <input matInput [value]="ps.cantidad ?? ''" placeholder="Ilimitado" inputmode="numeric"
                               (keydown.enter)="guardarCantidad(ps, $any($event.target).value)" (blur)="guardarCantidad(ps, $any($event.target).value)"
                               [attr.aria-label]="'Cantidad de ' + ps.nombre" data-testid="cantidad" />
                        @if (errores()[ps.servicio_id]; as err) { <mat-hint class="error" role="alert">{{ err }}</mat-hint> }
                        @if (guardado() === ps.servicio_id) { <mat-hint role="status">Guardado</mat-hint> }
                      </mat-form-field>
                    </td>
                    <td><button mat-icon-button type="button" (click)="quitar(ps)" [attr.aria-label]="'Quitar ' + ps.nombre"><mat-icon>remove_circle</mat-icon></button></td>
                  </tr>
                }
              </tbody>
            </table>
          } @else {
            <p class="muted">El plan aún no tiene servicios.</p>
          }
          <h2>Agregar servicio</h2>
          <div class="filtros">
            <mat-form-field>
              <mat-label>Servicio</mat-label>
              <mat-select [value]="nuevoServicio()" (selectionChange)="nuevoServicio.set($event.value)" data-testid="agregar-servicio">
                @for (s of disponibles(); track s.id) { <mat-option [value]="s.id">{{ s.nombre }}</mat-option> }
              </mat-select>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Cantidad (vacío = ilimitado)</mat-label>
              <input matInput #cant inputmode="numeric" data-testid="agregar-cantidad" />
              @if (errorAgregar()) { <mat-hint class="error" role="alert">{{ errorAgregar() }}</mat-hint> }
            </mat-form-field>
            <button mat-flat-button type="button" [disabled]="!nuevoServicio()" (click)="agregar(cant.value); cant.value = ''" data-testid="agregar">
              <mat-icon>add</mat-icon> Agregar
            </button>
          </div>
        </mat-card-content>
      </mat-card>
    } @else {
      <mat-spinner diameter="40" aria-label="Cargando plan" />
    }
  `,
  styleUrl: '../comun/admin.scss',
  styles: `.cantidad { width: 140px; }`,
})
export class PlanDetallePage extends PaginaDetalle {
  readonly plan = signal<Plan | null>(null);
  readonly items = signal<PlanServicio[]>([]);
  readonly servicios = new Catalogo<Servicio>(this.api, 'servicios');
  readonly errores = signal<Record<number, string>>({});
  readonly guardado = signal<number | null>(null);
  readonly nuevoServicio = signal<number | null>(null);
  readonly errorAgregar = signal<string | null>(null);
  readonly disponibles = computed(() => this.servicios.items().filter((s) => !this.items().some((i) => i.servicio_id === s.id)));

  cargar(id: number): void {
    this.api.obtener<Plan>('planes', id).subscribe({ next: (p) => this.plan.set(p), error: () => this.noEncontrado.set(true) });
    this.api.planServicios(id).subscribe((items) => this.items.set(items));
  }

  private error(servicioId: number, msg: string | null): void {
    this.errores.update((e) => {
      const copia = { ...e };
      if (msg) {
        copia[servicioId] = msg;
      } else {
        delete copia[servicioId];
      }
      return copia;
    });
  }

  guardarCantidad(ps: PlanServicio, texto: string): void {
    const r = parsearCantidad(texto);
    if ('error' in r) {
      this.error(ps.servicio_id, r.error);
      return;
    }
    if (r.valor === ps.cantidad) {
      this.error(ps.servicio_id, null);
      return;
    }
    this.api.cambiarCantidad(ps.plan_id, ps.servicio_id, r.valor).subscribe({
      next: (nuevo) => {
        this.error(ps.servicio_id, null);
        this.items.update((l) => l.map((x) => (x.servicio_id === ps.servicio_id ? { ...x, cantidad: nuevo.cantidad } : x)));
        this.guardado.set(ps.servicio_id);
        setTimeout(() => this.guardado.set(null), 2500);
      },
      error: (err: unknown) => this.error(ps.servicio_id, erroresDeCampo(err)['cantidad']?.join(' ') ?? mensajeDeError(err)),
    });
  }

  agregar(texto: string): void {
    const servicioId = this.nuevoServicio();
    const r = parsearCantidad(texto);
    if (!servicioId) {
      return;
    }
    if ('error' in r) {
      this.errorAgregar.set(r.error);
      return;
    }
    this.errorAgregar.set(null);
    this.api.asociarServicio(Number(this.id()), servicioId, r.valor).subscribe({
      next: () => {
        this.nuevoServicio.set(null);
        this.hecho('Servicio agregado al plan.');
      },
      error: (err: unknown) => this.errorAgregar.set(erroresDeCampo(err)['cantidad']?.join(' ') ?? mensajeDeError(err)),
    });
  }

  quitar(ps: PlanServicio): void {
    confirmar(this.dialog, {
      titulo: 'Quitar servicio',
      mensaje: `«${ps.nombre}» dejará de estar incluido en el plan (también en las licencias de sus suscripciones).`,
      boton: 'Quitar',
      peligro: true,
      accion: () => this.api.quitarServicio(ps.plan_id, ps.servicio_id),
    }).subscribe(this.listo('Servicio quitado del plan.'));
  }

  /** Replace-all (`POST /admin/planes/:id/servicios`, atomic): kept services keep their cantidad. */
  elegirServicios(): void {
    const actuales = new Map(this.items().map((i) => [i.servicio_id, i.cantidad]));
    abrirFormulario<PlanServicio[]>(this.dialog, {
      titulo: 'Servicios incluidos en el plan',
      campos: this.servicios.items().map((s) => ({
        nombre: `s${s.id}`,
        etiqueta: s.activo ? s.nombre : `${s.nombre} (inactivo)`,
        tipo: 'check' as const,
      })),
      valores: Object.fromEntries(this.servicios.items().map((s) => [`s${s.id}`, actuales.has(s.id)])),
      boton: 'Guardar selección',
      enviar: (b) =>
        this.api.reemplazarServicios(
          Number(this.id()),
          this.servicios.items()
            .filter((s) => b[`s${s.id}`])
            .map((s) => ({ servicio_id: s.id, cantidad: actuales.get(s.id) ?? null })),
        ),
    }).subscribe(this.listo('Servicios del plan actualizados.'));
  }

  editar(p: Plan): void {
    editarPlan(this.dialog, this.api, p).subscribe((nuevo) => {
      this.plan.set(nuevo);
      this.notify.ok('Plan actualizado.');
    });
  }
}
