import { CurrencyPipe, DatePipe, DecimalPipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';

import { NotifyService } from '../../core/notify.service';
import { EmptyState } from '../../shared/empty-state';
import { AdminApi, Contrato, Empresa, SoporteTipo } from './admin-api';
import { ESTADOS_CONTRATO, Listado, MODALIDADES, etiquetaDe } from './admin-comun';
import { nuevoContrato, registrarPago } from './dialogos';

/** Support contracts of the companies, with their consumption and payments. */
@Component({
  selector: 'app-admin-contratos',
  imports: [CurrencyPipe, DatePipe, DecimalPipe, RouterLink, MatTableModule, MatPaginatorModule, MatFormFieldModule, MatSelectModule, MatButtonModule, MatIconModule, EmptyState],
  styleUrl: './admin.scss',
  template: `
    <div class="cabecera">
      <h1>Contratos de soporte</h1>
      <div class="acciones">
        <button mat-stroked-button type="button" (click)="pago()" data-testid="nuevo-pago"><mat-icon>payments</mat-icon> Registrar pago</button>
        <button mat-flat-button type="button" (click)="nuevo()" data-testid="nuevo-contrato"><mat-icon>add</mat-icon> Nuevo contrato</button>
      </div>
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
        <mat-label>Empresa</mat-label>
        <mat-select [value]="l.get('empresa_id')" (selectionChange)="l.filtrar({ empresa_id: $event.value })">
          <mat-option value="">Todas</mat-option>
          @for (e of empresas(); track e.id) { <mat-option [value]="'' + e.id">{{ e.nombre }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Tipo</mat-label>
        <mat-select [value]="l.get('soporte_tipo_id')" (selectionChange)="l.filtrar({ soporte_tipo_id: $event.value })">
          <mat-option value="">Todos</mat-option>
          @for (t of tipos(); track t.id) { <mat-option [value]="'' + t.id">{{ t.nombre }}</mat-option> }
        </mat-select>
      </mat-form-field>
    </div>
    @if (l.pagina(); as p) {
      @if (p.items.length === 0) {
        <app-empty-state icono="support" titulo="Ningún contrato coincide" />
      } @else {
        <div class="tabla">
          <table mat-table [dataSource]="p.items" data-testid="tabla-contratos">
            <caption class="cdk-visually-hidden">Contratos de soporte</caption>
            <ng-container matColumnDef="id">
              <th mat-header-cell *matHeaderCellDef scope="col">N.º</th>
              <td mat-cell *matCellDef="let c"><a [routerLink]="['/consola/contratos', c.id]">#{{ c.id }}</a></td>
            </ng-container>
            <ng-container matColumnDef="empresa">
              <th mat-header-cell *matHeaderCellDef scope="col">Empresa</th>
              <td mat-cell *matCellDef="let c"><a [routerLink]="['/consola/empresas', c.empresa_id]">{{ nombreEmpresa(c.empresa_id) }}</a></td>
            </ng-container>
            <ng-container matColumnDef="tipo">
              <th mat-header-cell *matHeaderCellDef scope="col">Tipo</th>
              <td mat-cell *matCellDef="let c">{{ nombreTipo(c.soporte_tipo_id) }} · {{ modalidad(c.modalidad) }}</td>
            </ng-container>
            <ng-container matColumnDef="consumo">
              <th mat-header-cell *matHeaderCellDef scope="col">Consumo</th>
              <td mat-cell *matCellDef="let c">
                @if (c.modalidad === 'por_tickets') { {{ c.tickets_consumidos }} / {{ c.max_tickets }} tickets }
                @else if (c.modalidad === 'por_horas') { {{ c.horas_consumidas | number: '1.0-2' }} / {{ c.max_horas | number: '1.0-2' }} h }
                @else { {{ c.tickets_consumidos }} tickets }
              </td>
            </ng-container>
            <ng-container matColumnDef="periodo">
              <th mat-header-cell *matHeaderCellDef scope="col">Periodo</th>
              <td mat-cell *matCellDef="let c">{{ c.fecha_inicio | date: 'mediumDate' }} – {{ c.fecha_fin | date: 'mediumDate' }}</td>
            </ng-container>
            <ng-container matColumnDef="precio">
              <th mat-header-cell *matHeaderCellDef scope="col">Precio</th>
              <td mat-cell *matCellDef="let c">{{ c.precio_actual | currency: 'COP' : 'symbol-narrow' : '1.0-2' }}</td>
            </ng-container>
            <ng-container matColumnDef="estado">
              <th mat-header-cell *matHeaderCellDef scope="col">Estado</th>
              <td mat-cell *matCellDef="let c"><span class="chip" [class]="'chip e-' + c.estado">{{ estado(c.estado) }}</span></td>
            </ng-container>
            <ng-container matColumnDef="acciones">
              <th mat-header-cell *matHeaderCellDef scope="col"><span class="cdk-visually-hidden">Acciones</span></th>
              <td mat-cell *matCellDef="let c" class="acciones-celda">
                @if (c.estado === 'pendiente_pago') {
                  <button mat-button type="button" (click)="pago(c)"><mat-icon>payments</mat-icon> Pago</button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columnas"></tr>
            <tr mat-row *matRowDef="let c; columns: columnas"></tr>
          </table>
        </div>
        <mat-paginator [length]="p.total" [pageIndex]="p.page - 1" [pageSize]="p.per_page" [pageSizeOptions]="[10, 20, 50, 100]"
                       (page)="l.paginar($event)" aria-label="Páginas de contratos" />
      }
    }
  `,
})
export class ContratosPage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotifyService);
  private readonly router = inject(Router);
  readonly estados = ESTADOS_CONTRATO;
  readonly columnas = ['id', 'empresa', 'tipo', 'consumo', 'periodo', 'precio', 'estado', 'acciones'];
  readonly empresas = signal<Empresa[]>([]);
  readonly tipos = signal<SoporteTipo[]>([]);
  readonly l = new Listado<Contrato>((p) =>
    this.api.listar<Contrato>('soporte-suscripciones', {
      empresa_id: p['empresa_id'], estado: p['estado'], soporte_tipo_id: p['soporte_tipo_id'], page: p['page'], per_page: p['per_page'],
    }),
  );

  constructor() {
    this.api.listar<Empresa>('empresas', { per_page: 100, sort: 'nombre' }, { silencioso: true }).subscribe((p) => this.empresas.set(p.items));
    this.api.listar<SoporteTipo>('soporte-tipos', { per_page: 100 }, { silencioso: true }).subscribe((p) => this.tipos.set(p.items));
  }

  nombreEmpresa(id: number): string {
    return this.empresas().find((e) => e.id === id)?.nombre ?? `Empresa #${id}`;
  }

  nombreTipo(id: number): string {
    return this.tipos().find((t) => t.id === id)?.nombre ?? `#${id}`;
  }

  estado(v: string): string {
    return etiquetaDe(ESTADOS_CONTRATO, v);
  }

  modalidad(v: string): string {
    return etiquetaDe(MODALIDADES, v);
  }

  nuevo(): void {
    nuevoContrato(this.dialog, this.api).subscribe((c) => {
      this.notify.ok('Contrato creado: queda pendiente de pago.');
      void this.router.navigate(['/consola/contratos', c.id]);
    });
  }

  pago(c: Contrato | null = null): void {
    registrarPago(this.dialog, this.api, c).subscribe(() => {
      this.notify.ok('Pago registrado.');
      this.l.recargar();
    });
  }
}
