import { DatePipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorIntl, MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';

import { NotifyService } from '../../core/notify.service';
import { PaginatorEs } from '../../core/paginator-intl';
import { EmptyState } from '../../shared/empty-state';
import { AdminApi, Empresa } from './admin-api';
import { ESTADOS_EMPRESA, Listado, etiquetaDe } from './admin-comun';
import { CAMPOS_EMPRESA } from './campos';
import { confirmar } from './confirmar-dialog';
import { abrirFormulario } from './form-dialog';

@Component({
  selector: 'app-admin-empresas',
  imports: [DatePipe, RouterLink, MatTableModule, MatSortModule, MatPaginatorModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatIconModule, MatTooltipModule, EmptyState],
  providers: [{ provide: MatPaginatorIntl, useClass: PaginatorEs }],
  styleUrl: './admin.scss',
  template: `
    <div class="cabecera">
      <h1>Empresas</h1>
      <button mat-flat-button type="button" (click)="nueva()" data-testid="nueva-empresa"><mat-icon>add</mat-icon> Nueva empresa</button>
    </div>
    <div class="filtros" role="search">
      <mat-form-field>
        <mat-label>Buscar por NIT o nombre</mat-label>
        <input matInput [value]="l.get('q')" (input)="l.buscar('q', $any($event.target).value)" data-testid="buscar" />
        <mat-icon matSuffix>search</mat-icon>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Estado</mat-label>
        <mat-select [value]="l.get('estado')" (selectionChange)="l.filtrar({ estado: $event.value })">
          <mat-option value="">Todos</mat-option>
          @for (e of estados; track e.valor) { <mat-option [value]="e.valor">{{ e.etiqueta }}</mat-option> }
        </mat-select>
      </mat-form-field>
    </div>
    @if (l.pagina(); as p) {
      @if (p.items.length === 0) {
        <app-empty-state icono="domain_disabled" [titulo]="l.hayFiltros('q', 'estado') ? 'Ninguna empresa coincide' : 'Aún no hay empresas'" />
      } @else {
        <div class="tabla">
          <table mat-table [dataSource]="p.items" matSort [matSortActive]="l.orden().active" [matSortDirection]="l.orden().direction"
                 (matSortChange)="l.ordenar($event)" data-testid="tabla-empresas">
            <caption class="cdk-visually-hidden">Empresas clientes</caption>
            <ng-container matColumnDef="nit">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">NIT</th>
              <td mat-cell *matCellDef="let e">{{ e.nit }}</td>
            </ng-container>
            <ng-container matColumnDef="nombre">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Nombre</th>
              <td mat-cell *matCellDef="let e"><a [routerLink]="['/consola/empresas', e.id]">{{ e.nombre }}</a></td>
            </ng-container>
            <ng-container matColumnDef="plan">
              <th mat-header-cell *matHeaderCellDef scope="col">Plan</th>
              <td mat-cell *matCellDef="let e">{{ e.plan ?? '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="estado">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Estado</th>
              <td mat-cell *matCellDef="let e"><span class="chip" [class]="'chip e-' + e.estado">{{ etiqueta(e.estado) }}</span></td>
            </ng-container>
            <ng-container matColumnDef="created_at">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Alta</th>
              <td mat-cell *matCellDef="let e">{{ e.created_at | date: 'mediumDate' }}</td>
            </ng-container>
            <ng-container matColumnDef="acciones">
              <th mat-header-cell *matHeaderCellDef scope="col"><span class="cdk-visually-hidden">Acciones</span></th>
              <td mat-cell *matCellDef="let e" class="acciones-celda">
                <button mat-icon-button type="button" (click)="editar(e)" matTooltip="Editar" [attr.aria-label]="'Editar ' + e.nombre"><mat-icon>edit</mat-icon></button>
                @if (e.estado === 'activa') {
                  <button mat-icon-button type="button" (click)="desactivar(e)" matTooltip="Desactivar" [attr.aria-label]="'Desactivar ' + e.nombre"><mat-icon>block</mat-icon></button>
                } @else {
                  <button mat-icon-button type="button" (click)="activar(e)" matTooltip="Activar" [attr.aria-label]="'Activar ' + e.nombre"><mat-icon>check_circle</mat-icon></button>
                }
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columnas"></tr>
            <tr mat-row *matRowDef="let e; columns: columnas"></tr>
          </table>
        </div>
        <mat-paginator [length]="p.total" [pageIndex]="p.page - 1" [pageSize]="p.per_page" [pageSizeOptions]="[10, 20, 50, 100]"
                       (page)="l.paginar($event)" aria-label="Páginas de empresas" />
      }
    }
  `,
})
export class EmpresasPage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotifyService);
  private readonly router = inject(Router);
  readonly estados = ESTADOS_EMPRESA;
  readonly columnas = ['nit', 'nombre', 'plan', 'estado', 'created_at', 'acciones'];
  readonly l = new Listado<Empresa>((p) =>
    this.api.listar<Empresa>('empresas', { q: p['q'], estado: p['estado'], sort: p['sort'], page: p['page'], per_page: p['per_page'] }),
  );

  etiqueta(v: string): string {
    return etiquetaDe(ESTADOS_EMPRESA, v);
  }

  nueva(): void {
    abrirFormulario<Empresa>(this.dialog, {
      titulo: 'Nueva empresa',
      campos: CAMPOS_EMPRESA,
      valores: { estado: 'activa' },
      boton: 'Crear',
      enviar: (b) => this.api.crear<Empresa>('empresas', b),
    }).subscribe((e) => {
      this.notify.ok(`Empresa «${e.nombre}» creada.`);
      void this.router.navigate(['/consola/empresas', e.id]);
    });
  }

  editar(e: Empresa): void {
    editarEmpresa(this.dialog, this.api, e).subscribe(() => {
      this.notify.ok('Empresa actualizada.');
      this.l.recargar();
    });
  }

  desactivar(e: Empresa): void {
    desactivarEmpresa(this.dialog, this.api, e).subscribe(() => {
      this.notify.ok('Empresa desactivada.');
      this.l.recargar();
    });
  }

  activar(e: Empresa): void {
    this.api.accion<Empresa>('empresas', e.id, 'activar', {}, true).subscribe(() => {
      this.notify.ok('Empresa activada.');
      this.l.recargar();
    });
  }
}

export function editarEmpresa(dialog: MatDialog, api: AdminApi, e: Empresa) {
  return abrirFormulario<Empresa>(dialog, {
    titulo: `Editar ${e.nombre}`,
    campos: CAMPOS_EMPRESA,
    valores: { nit: e.nit, nombre: e.nombre, contacto: e.contacto ?? '', estado: e.estado },
    edicion: true,
    enviar: (b) => api.actualizar<Empresa>('empresas', e.id, b),
  });
}

export function desactivarEmpresa(dialog: MatDialog, api: AdminApi, e: Empresa) {
  return confirmar(dialog, {
    titulo: 'Desactivar empresa',
    mensaje: `«${e.nombre}» quedará inactiva y su licencia bloqueada (EMPRESA_INACTIVA). Puede activarla de nuevo después.`,
    boton: 'Desactivar',
    peligro: true,
    accion: () => api.eliminar('empresas', e.id),
  });
}
