import { CurrencyPipe, DatePipe, DecimalPipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';

import { NotifyService } from '../../core/notify.service';
import { EmptyState } from '../../shared/empty-state';
import { AdminApi, Plan, Suscripcion } from './admin-api';
import { ESTADOS_SUSCRIPCION, Listado, PERIODOS, SI_NO, etiquetaDe } from './admin-comun';
import { nuevaSuscripcion } from './dialogos';
import { SuscripcionAcciones } from './suscripcion-acciones';

@Component({
  selector: 'app-admin-suscripciones',
  imports: [CurrencyPipe, DatePipe, DecimalPipe, RouterLink, MatTableModule, MatSortModule, MatPaginatorModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatIconModule, EmptyState, SuscripcionAcciones],
  styleUrl: './admin.scss',
  template: `
    <div class="cabecera">
      <h1>Suscripciones</h1>
      <button mat-flat-button type="button" (click)="nueva()" data-testid="nueva-suscripcion"><mat-icon>add</mat-icon> Nueva suscripción</button>
    </div>
    <div class="filtros" role="search">
      <mat-form-field>
        <mat-label>Estado</mat-label>
        <mat-select [value]="l.get('estado')" (selectionChange)="l.filtrar({ estado: $event.value })" data-testid="filtro-estado">
          <mat-option value="">Todos</mat-option>
          @for (e of estados; track e.valor) { <mat-option [value]="e.valor">{{ e.etiqueta }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Plan</mat-label>
        <mat-select [value]="l.get('plan_id')" (selectionChange)="l.filtrar({ plan_id: $event.value })">
          <mat-option value="">Todos</mat-option>
          @for (p of planes(); track p.id) { <mat-option [value]="'' + p.id">{{ p.nombre }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Periodo</mat-label>
        <mat-select [value]="l.get('periodo')" (selectionChange)="l.filtrar({ periodo: $event.value })">
          <mat-option value="">Todos</mat-option>
          @for (p of periodos; track p.valor) { <mat-option [value]="p.valor">{{ p.etiqueta }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Autorrenovación</mat-label>
        <mat-select [value]="l.get('renovacion_automatica')" (selectionChange)="l.filtrar({ renovacion_automatica: $event.value })">
          <mat-option value="">Todas</mat-option>
          @for (o of siNo; track o.valor) { <mat-option [value]="o.valor">{{ o.etiqueta }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Vence desde</mat-label>
        <input matInput type="date" [value]="l.get('vence_despues')" (change)="l.filtrar({ vence_despues: $any($event.target).value })" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Vence hasta</mat-label>
        <input matInput type="date" [value]="l.get('vence_antes')" (change)="l.filtrar({ vence_antes: $any($event.target).value })" />
      </mat-form-field>
    </div>
    @if (l.get('empresa_id')) {
      <p class="muted">Filtrado por la empresa #{{ l.get('empresa_id') }} · <a [routerLink]="[]" [queryParams]="{ empresa_id: null }" queryParamsHandling="merge">quitar</a></p>
    }
    @if (l.pagina(); as p) {
      @if (p.items.length === 0) {
        <app-empty-state icono="workspace_premium" titulo="Ninguna suscripción coincide" />
      } @else {
        <div class="tabla">
          <table mat-table [dataSource]="p.items" matSort [matSortActive]="l.orden().active" [matSortDirection]="l.orden().direction"
                 (matSortChange)="l.ordenar($event)" data-testid="tabla-suscripciones">
            <caption class="cdk-visually-hidden">Suscripciones de plan</caption>
            <ng-container matColumnDef="id">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">N.º</th>
              <td mat-cell *matCellDef="let s">{{ s.id }}</td>
            </ng-container>
            <ng-container matColumnDef="empresa">
              <th mat-header-cell *matHeaderCellDef scope="col">Empresa</th>
              <td mat-cell *matCellDef="let s"><a [routerLink]="['/consola/empresas', s.empresa_id]">{{ s.empresa.nombre }}</a></td>
            </ng-container>
            <ng-container matColumnDef="plan">
              <th mat-header-cell *matHeaderCellDef scope="col">Plan</th>
              <td mat-cell *matCellDef="let s">{{ s.plan.nombre }} · {{ s.periodo }}</td>
            </ng-container>
            <ng-container matColumnDef="estado">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Estado</th>
              <td mat-cell *matCellDef="let s"><span class="chip" [class]="'chip e-' + s.estado" [attr.data-testid]="'estado-' + s.id">{{ estado(s.estado) }}</span>
                @if (s.cancelar_al_final) { <span class="chip e-pendiente">Cancela al final</span> }</td>
            </ng-container>
            <ng-container matColumnDef="fecha_inicio">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Inicio</th>
              <td mat-cell *matCellDef="let s">{{ s.fecha_inicio | date: 'mediumDate' }}</td>
            </ng-container>
            <ng-container matColumnDef="fecha_fin">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Vence</th>
              <td mat-cell *matCellDef="let s">{{ s.fecha_fin | date: 'mediumDate' }}</td>
            </ng-container>
            <ng-container matColumnDef="precio_pagado">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Precio</th>
              <td mat-cell *matCellDef="let s">{{ s.precio_pagado | currency: 'COP' : 'symbol-narrow' : '1.0-2' }}
                @if (s.porcentaje_descuento) { <span class="muted">(-{{ s.porcentaje_descuento | number: '1.0-2' }} %)</span> }</td>
            </ng-container>
            <ng-container matColumnDef="acciones">
              <th mat-header-cell *matHeaderCellDef scope="col"><span class="cdk-visually-hidden">Acciones</span></th>
              <td mat-cell *matCellDef="let s" class="acciones-celda"><app-suscripcion-acciones [s]="s" (cambio)="l.recargar()" /></td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columnas"></tr>
            <tr mat-row *matRowDef="let s; columns: columnas"></tr>
          </table>
        </div>
        <mat-paginator [length]="p.total" [pageIndex]="p.page - 1" [pageSize]="p.per_page" [pageSizeOptions]="[10, 20, 50, 100]"
                       (page)="l.paginar($event)" aria-label="Páginas de suscripciones" />
      }
    }
  `,
})
export class SuscripcionesPage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotifyService);
  readonly estados = ESTADOS_SUSCRIPCION;
  readonly periodos = PERIODOS;
  readonly siNo = SI_NO;
  readonly planes = signal<Plan[]>([]);
  readonly columnas = ['id', 'empresa', 'plan', 'estado', 'fecha_inicio', 'fecha_fin', 'precio_pagado', 'acciones'];
  readonly l = new Listado<Suscripcion>((p) =>
    this.api.listar<Suscripcion>('suscripciones', {
      empresa_id: p['empresa_id'], plan_id: p['plan_id'], estado: p['estado'], periodo: p['periodo'],
      renovacion_automatica: p['renovacion_automatica'], vence_antes: p['vence_antes'], vence_despues: p['vence_despues'],
      sort: p['sort'] ?? '-created_at', page: p['page'], per_page: p['per_page'],
    }),
  );

  constructor() {
    this.api.listar<Plan>('planes', { per_page: 100, sort: 'nombre' }, { silencioso: true }).subscribe((p) => this.planes.set(p.items));
  }

  estado(v: string): string {
    return etiquetaDe(ESTADOS_SUSCRIPCION, v);
  }

  nueva(): void {
    nuevaSuscripcion(this.dialog, this.api).subscribe(() => {
      this.notify.ok('Suscripción creada.');
      this.l.recargar();
    });
  }
}
