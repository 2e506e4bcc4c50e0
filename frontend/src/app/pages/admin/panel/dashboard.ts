import { DecimalPipe } from '@angular/common';
import { Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { forkJoin } from 'rxjs';

import { AuthService } from '../../../core/auth.service';
import { Estadisticas } from '../../../core/api/soporte';
import { ESTADOS, MAQUINA_TICKET, estadosCon, tonoEstado } from '../../../core/estados';
import { PRIORIDADES } from '../../../core/opciones';
import { AdminApi } from '../comun/admin-api';

export interface Barra {
  etiqueta: string;
  valor: number;
  clase: string;
}

/** Bars scaled to the largest value (a tiny CSS chart, no chart library). */
export function escalar(barras: Barra[]): (Barra & { ancho: number })[] {
  const max = Math.max(1, ...barras.map((b) => b.valor));
  return barras.map((b) => ({ ...b, ancho: Math.round((100 * b.valor) / max) }));
}

/** Open tickets: the states that can still be closed. */
const ABIERTOS = estadosCon(MAQUINA_TICKET, 'cerrar');

/** An ISO date (YYYY-MM-DD) in local time. */
export function fechaIso(d: Date): string {
  const mm = String(d.getMonth() + 1).padStart(2, '0');
  const dd = String(d.getDate()).padStart(2, '0');
  return `${d.getFullYear()}-${mm}-${dd}`;
}

function sumarDias(d: Date, dias: number): Date {
  const r = new Date(d);
  r.setDate(r.getDate() + dias);
  return r;
}

/** Counts and small charts from the statistics endpoints. */
@Component({
  selector: 'app-admin-dashboard',
  imports: [DecimalPipe, RouterLink, MatCardModule, MatIconModule, MatButtonModule],
  template: `
    <div class="cabecera">
      <h1>Consola de administración</h1>
      <span class="muted">Hola, {{ auth.usuario()?.nombre }} · periodo: {{ desde }} a {{ hoy }}</span>
    </div>

    <div class="kpis">
      <a class="kpi" routerLink="/consola/suscripciones" [queryParams]="{ estado: 'activa' }" data-testid="kpi-activas">
        <span class="n">{{ activas() ?? '…' }}</span><span>Suscripciones activas</span></a>
      <a class="kpi" routerLink="/consola/suscripciones" [queryParams]="{ estado: 'suspendida' }" data-testid="kpi-suspendidas">
        <span class="n">{{ suspendidas() ?? '…' }}</span><span>Suspendidas</span></a>
      <a class="kpi" routerLink="/consola/suscripciones" [queryParams]="{ estado: 'activa', vence_despues: hoy, vence_antes: en30 }" data-testid="kpi-por-vencer">
        <span class="n">{{ porVencer() ?? '…' }}</span><span>Vencen en 30 días</span></a>
      <a class="kpi" routerLink="/consola/tickets" data-testid="kpi-abiertos">
        <span class="n">{{ abiertos() ?? '…' }}</span><span>Tickets abiertos</span></a>
    </div>

    <div class="grid">
      @for (g of graficos(); track g.testid) {
        <mat-card appearance="outlined">
          <mat-card-content>
            <h2>{{ g.titulo }}</h2>
            <div class="barras" [attr.data-testid]="g.testid">
              @for (b of g.barras; track b.etiqueta) {
                <div class="barra"><span class="et">{{ b.etiqueta }}</span>
                  <span class="pista"><span class="relleno" [class]="'relleno ' + b.clase" [style.width.%]="b.ancho"></span></span>
                  <span class="v">{{ b.valor }}</span></div>
              }
            </div>
          </mat-card-content>
        </mat-card>
      }

      <mat-card appearance="outlined">
        <mat-card-content>
          <h2>Consumo del periodo</h2>
          @if (periodo(); as e) {
            <dl class="datos" data-testid="consumo-periodo">
              <dt>Tickets creados</dt><dd data-testid="tickets-periodo">{{ e.total }}</dd>
              <dt>Tickets cerrados</dt><dd data-testid="cerrados-periodo">{{ e.por_estado['cerrado'] || 0 }}</dd>
              <dt>Horas cerradas</dt><dd data-testid="horas-periodo">{{ horasPeriodo() | number: '1.0-2' }} h</dd>
              <dt>1.ª respuesta (prom.)</dt><dd data-testid="primera-respuesta">{{ horas(e.tiempo_primera_respuesta_horas) }}</dd>
              <dt>Resolución (prom.)</dt><dd data-testid="resolucion">{{ horas(e.tiempo_resolucion_horas) }}</dd>
            </dl>
          }
        </mat-card-content>
      </mat-card>
    </div>

    @if (periodo(); as e) {
      @if (e.horas_por_empresa.length) {
        <mat-card appearance="outlined">
          <mat-card-content>
            <h2>Horas y tickets cerrados por empresa</h2>
            <table class="simple" data-testid="horas-por-empresa">
              <thead><tr><th scope="col">Mes</th><th scope="col">Empresa</th><th scope="col">Tickets</th><th scope="col">Horas</th></tr></thead>
              <tbody>
                @for (h of e.horas_por_empresa; track h.empresa_id + h.periodo) {
                  <tr><td>{{ h.periodo }}</td><td><a [routerLink]="['/consola/empresas', h.empresa_id]">{{ h.empresa }}</a></td>
                    <td>{{ h.tickets }}</td><td>{{ h.horas | number: '1.0-2' }}</td></tr>
                }
              </tbody>
            </table>
          </mat-card-content>
        </mat-card>
      }
    }
  `,
  styleUrl: '../comun/admin.scss',
  styles: `
    .kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 12px; margin-bottom: 16px; }
    .kpi { display: flex; flex-direction: column; padding: 14px 16px; border-radius: 12px; background: #fff; border: 1px solid #dadce0;
      text-decoration: none; color: #3c4043; }
    .kpi:hover { border-color: #0b57d0; }
    .kpi .n { font-size: 32px; font-weight: 500; color: #0b57d0; }
    .barras { display: flex; flex-direction: column; gap: 6px; }
    .barra { display: grid; grid-template-columns: 150px 1fr 40px; align-items: center; gap: 8px; font-size: 14px; }
    .pista { background: #eceff1; border-radius: 4px; height: 14px; overflow: hidden; }
    .relleno { display: block; height: 100%; background: #0b57d0; border-radius: 4px; }
    .relleno.t-neutro { background: #78909c; } .relleno.t-aviso { background: #f9a825; }
    .relleno.t-peligro { background: #b3261e; } .relleno.t-ok { background: #1e8e3e; }
    .v { text-align: right; font-variant-numeric: tabular-nums; }
  `,
})
export class DashboardPage {
  private readonly api = inject(AdminApi);
  protected readonly auth = inject(AuthService);
  readonly hoy = fechaIso(new Date());
  readonly desde = fechaIso(new Date(new Date().getFullYear(), new Date().getMonth(), 1));
  readonly en30 = fechaIso(sumarDias(new Date(), 30));
  readonly activas = signal<number | null>(null);
  readonly suspendidas = signal<number | null>(null);
  readonly porVencer = signal<number | null>(null);
  readonly global = signal<Estadisticas | null>(null);
  readonly periodo = signal<Estadisticas | null>(null);
  readonly abiertosPorPrioridad = signal<Record<string, number>>({});

  readonly abiertos = computed(() => {
    const g = this.global();
    return g ? ABIERTOS.reduce((s, e) => s + (g.por_estado[e] ?? 0), 0) : null;
  });
  readonly graficos = computed(() => [
    {
      titulo: 'Tickets abiertos por prioridad',
      testid: 'abiertos-por-prioridad',
      barras: escalar(PRIORIDADES.map((p) => ({ etiqueta: p.etiqueta, valor: this.abiertosPorPrioridad()[p.valor] ?? 0, clase: 't-' + p.tono }))),
    },
    {
      titulo: 'Tickets del periodo por estado',
      testid: 'periodo-por-estado',
      barras: escalar(Object.entries(ESTADOS.ticket).map(([e, etiqueta]) => ({ etiqueta, valor: this.periodo()?.por_estado[e] ?? 0, clase: 't-' + tonoEstado(e) }))),
    },
  ]);
  readonly horasPeriodo = computed(() => (this.periodo()?.horas_por_empresa ?? []).reduce((s, h) => s + Number(h.horas), 0));

  constructor() {
    this.api.contar('suscripciones', { estado: 'activa' }).subscribe((n) => this.activas.set(n));
    this.api.contar('suscripciones', { estado: 'suspendida' }).subscribe((n) => this.suspendidas.set(n));
    this.api.contar('suscripciones', { estado: 'activa', vence_despues: this.hoy, vence_antes: this.en30 }).subscribe((n) => this.porVencer.set(n));
    this.api.estadisticas().subscribe((e) => this.global.set(e));
    this.api.estadisticas({ desde: this.desde }).subscribe((e) => this.periodo.set(e));
    // Open tickets by priority: one count per (priority, open state); the list endpoint filters both.
    const pedidos: Record<string, ReturnType<AdminApi['contar']>> = {};
    for (const p of PRIORIDADES) {
      for (const e of ABIERTOS) {
        pedidos[`${p.valor}|${e}`] = this.api.contar('soporte-tickets', { prioridad: p.valor, estado: e });
      }
    }
    forkJoin(pedidos).subscribe((r) => {
      const out: Record<string, number> = {};
      for (const [k, n] of Object.entries(r)) {
        const p = k.split('|')[0];
        out[p] = (out[p] ?? 0) + n;
      }
      this.abiertosPorPrioridad.set(out);
    });
  }

  horas(v: number | null): string {
    if (v === null || v === undefined) {
      return '—';
    }
    return v < 1 ? `${Math.round(v * 60)} min` : `${v.toLocaleString('es-CO', { maximumFractionDigits: 1 })} h`;
  }
}
