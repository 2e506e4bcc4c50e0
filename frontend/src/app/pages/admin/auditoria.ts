import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';

import { EmptyState } from '../../shared/empty-state';
import { AdminApi, AuditLog } from './admin-api';
import { ACCIONES_AUDITORIA, Listado } from './admin-comun';

export interface Cambio {
  campo: string;
  antes: string;
  despues: string;
}

function texto(v: unknown): string {
  if (v === undefined) {
    return '';
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Fields that differ between the `antes` and `despues` snapshots of an audit record. */
export function cambiosDe(r: Pick<AuditLog, 'antes' | 'despues'>): Cambio[] {
  const antes = r.antes ?? {};
  const despues = r.despues ?? {};
  const campos = [...new Set([...Object.keys(antes), ...Object.keys(despues)])].filter((c) => c !== 'updated_at');
  return campos
    .map((campo) => ({ campo, antes: texto(antes[campo]), despues: texto(despues[campo]) }))
    .filter((c) => c.antes !== c.despues);
}

const ENTIDADES = ['empresa', 'usuario', 'plan', 'servicio', 'suscripcion', 'soporte_tipo', 'soporte_suscripcion', 'soporte_pago', 'soporte_ticket'];

/** Who changed what and when, with filters in the URL and the before/after of each change. */
@Component({
  selector: 'app-admin-auditoria',
  imports: [DatePipe, RouterLink, MatFormFieldModule, MatInputModule, MatSelectModule, MatPaginatorModule, MatButtonModule, MatIconModule, EmptyState],
  styleUrl: './admin.scss',
  template: `
    <div class="cabecera"><h1>Auditoría</h1></div>
    <div class="filtros" role="search">
      <mat-form-field>
        <mat-label>Entidad</mat-label>
        <mat-select [value]="l.get('entidad')" (selectionChange)="l.filtrar({ entidad: $event.value })" data-testid="filtro-entidad">
          <mat-option value="">Todas</mat-option>
          @for (e of entidades; track e) { <mat-option [value]="e">{{ e }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Acción</mat-label>
        <mat-select [value]="l.get('accion')" (selectionChange)="l.filtrar({ accion: $event.value })">
          <mat-option value="">Todas</mat-option>
          @for (a of acciones; track a) { <mat-option [value]="a">{{ a }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>N.º de la entidad</mat-label>
        <input matInput inputmode="numeric" [value]="l.get('entidad_id')" (input)="l.buscar('entidad_id', $any($event.target).value)" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Empresa (n.º)</mat-label>
        <input matInput inputmode="numeric" [value]="l.get('empresa_id')" (input)="l.buscar('empresa_id', $any($event.target).value)" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Usuario (n.º)</mat-label>
        <input matInput inputmode="numeric" [value]="l.get('usuario_id')" (input)="l.buscar('usuario_id', $any($event.target).value)" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Desde</mat-label>
        <input matInput type="date" [value]="l.get('desde')" (change)="l.filtrar({ desde: $any($event.target).value })" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Hasta</mat-label>
        <input matInput type="date" [value]="l.get('hasta')" (change)="l.filtrar({ hasta: $any($event.target).value })" />
      </mat-form-field>
    </div>
    @if (l.error()) { <p class="error" role="alert">Revise los filtros: la búsqueda no es válida.</p> }
    @if (l.pagina(); as p) {
      @if (p.items.length === 0) {
        <app-empty-state icono="history" titulo="Sin registros" mensaje="Ningún cambio coincide con los filtros." />
      } @else {
        <div class="tabla">
          <table class="simple" style="width: 100%" data-testid="tabla-auditoria">
            <caption class="cdk-visually-hidden">Registro de auditoría (más reciente primero)</caption>
            <thead><tr><th scope="col">Fecha</th><th scope="col">Quién</th><th scope="col">Acción</th><th scope="col">Entidad</th><th scope="col">Empresa</th><th scope="col">IP</th><th scope="col"></th></tr></thead>
            <tbody>
              @for (r of p.items; track r.id) {
                <tr>
                  <td>{{ r.created_at | date: 'medium' }}</td>
                  <td>{{ r.usuario_email ?? 'Sistema' }}</td>
                  <td><span class="chip">{{ r.accion }}</span></td>
                  <td>{{ r.entidad }} #{{ r.entidad_id }}</td>
                  <td>@if (r.empresa_id) { <a [routerLink]="['/consola/empresas', r.empresa_id]">#{{ r.empresa_id }}</a> }</td>
                  <td>{{ r.ip }}</td>
                  <td><button mat-icon-button type="button" (click)="alternar(r.id)" [attr.aria-expanded]="abierto() === r.id"
                              [attr.aria-label]="'Ver cambios del registro ' + r.id"><mat-icon>{{ abierto() === r.id ? 'expand_less' : 'expand_more' }}</mat-icon></button></td>
                </tr>
                @if (abierto() === r.id) {
                  <tr>
                    <td colspan="7">
                      <table class="simple" aria-label="Cambios">
                        <thead><tr><th scope="col">Campo</th><th scope="col">Antes</th><th scope="col">Después</th></tr></thead>
                        <tbody>
                          @for (c of cambios(r); track c.campo) { <tr><td>{{ c.campo }}</td><td>{{ c.antes }}</td><td>{{ c.despues }}</td></tr> }
                          @empty { <tr><td colspan="3" class="muted">Sin diferencias registradas.</td></tr> }
                        </tbody>
                      </table>
                      <p class="muted">Solicitud {{ r.request_id }}</p>
                    </td>
                  </tr>
                }
              }
            </tbody>
          </table>
        </div>
        <mat-paginator [length]="p.total" [pageIndex]="p.page - 1" [pageSize]="p.per_page" [pageSizeOptions]="[10, 20, 50, 100]"
                       (page)="l.paginar($event)" aria-label="Páginas de la auditoría" />
      }
    }
  `,
})
export class AuditoriaPage {
  private readonly api = inject(AdminApi);
  readonly entidades = ENTIDADES;
  readonly acciones = ACCIONES_AUDITORIA;
  readonly abierto = signal<number | null>(null);
  readonly l = new Listado<AuditLog>((p) =>
    this.api.listar<AuditLog>('auditoria', {
      entidad: p['entidad'], accion: p['accion'], entidad_id: p['entidad_id'], empresa_id: p['empresa_id'], usuario_id: p['usuario_id'],
      desde: p['desde'], hasta: p['hasta'], page: p['page'], per_page: p['per_page'],
    }),
  );

  alternar(id: number): void {
    this.abierto.update((a) => (a === id ? null : id));
  }

  cambios(r: AuditLog): Cambio[] {
    return cambiosDe(r);
  }
}
