import { CurrencyPipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';

import { NotifyService } from '../../core/notify.service';
import { EmptyState } from '../../shared/empty-state';
import { AdminApi, Plan } from './admin-api';
import { Listado } from './admin-comun';
import { CAMPOS_PLAN } from './campos';
import { confirmar } from './confirmar-dialog';
import { abrirFormulario } from './form-dialog';

@Component({
  selector: 'app-admin-planes',
  imports: [CurrencyPipe, RouterLink, MatTableModule, MatSortModule, MatPaginatorModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, MatTooltipModule, EmptyState],
  styleUrl: './admin.scss',
  template: `
    <div class="cabecera">
      <h1>Planes</h1>
      <div class="acciones">
        <a mat-stroked-button routerLink="/consola/servicios"><mat-icon>widgets</mat-icon> Servicios</a>
        <button mat-flat-button type="button" (click)="nuevo()" data-testid="nuevo-plan"><mat-icon>add</mat-icon> Nuevo plan</button>
      </div>
    </div>
    <div class="filtros" role="search">
      <mat-form-field>
        <mat-label>Buscar plan</mat-label>
        <input matInput [value]="l.get('q')" (input)="l.buscar('q', $any($event.target).value)" />
      </mat-form-field>
    </div>
    @if (l.pagina(); as p) {
      @if (p.items.length === 0) {
        <app-empty-state icono="sell" titulo="No hay planes" />
      } @else {
        <div class="tabla">
          <table mat-table [dataSource]="p.items" matSort [matSortActive]="l.orden().active" [matSortDirection]="l.orden().direction"
                 (matSortChange)="l.ordenar($event)" data-testid="tabla-planes">
            <caption class="cdk-visually-hidden">Planes</caption>
            <ng-container matColumnDef="nombre">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Nombre</th>
              <td mat-cell *matCellDef="let x"><a [routerLink]="['/consola/planes', x.id]">{{ x.nombre }}</a>
                @if (x.seleccionado) { <span class="chip ok">Destacado</span> }</td>
            </ng-container>
            <ng-container matColumnDef="precio_mensual">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Mensual</th>
              <td mat-cell *matCellDef="let x">{{ x.precio_mensual | currency: 'COP' : 'symbol-narrow' : '1.0-2' }}</td>
            </ng-container>
            <ng-container matColumnDef="precio_anual">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Anual</th>
              <td mat-cell *matCellDef="let x">{{ x.precio_anual | currency: 'COP' : 'symbol-narrow' : '1.0-2' }}</td>
            </ng-container>
            <ng-container matColumnDef="servicios">
              <th mat-header-cell *matHeaderCellDef scope="col">Servicios</th>
              <td mat-cell *matCellDef="let x">{{ resumen(x) }}</td>
            </ng-container>
            <ng-container matColumnDef="acciones">
              <th mat-header-cell *matHeaderCellDef scope="col"><span class="cdk-visually-hidden">Acciones</span></th>
              <td mat-cell *matCellDef="let x" class="acciones-celda">
                <a mat-icon-button [routerLink]="['/consola/planes', x.id]" matTooltip="Servicios y cantidades" [attr.aria-label]="'Servicios de ' + x.nombre"><mat-icon>tune</mat-icon></a>
                <button mat-icon-button type="button" (click)="editar(x)" matTooltip="Editar" [attr.aria-label]="'Editar ' + x.nombre"><mat-icon>edit</mat-icon></button>
                <button mat-icon-button type="button" (click)="eliminar(x)" matTooltip="Eliminar" [attr.aria-label]="'Eliminar ' + x.nombre"><mat-icon>delete</mat-icon></button>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columnas"></tr>
            <tr mat-row *matRowDef="let x; columns: columnas"></tr>
          </table>
        </div>
        <mat-paginator [length]="p.total" [pageIndex]="p.page - 1" [pageSize]="p.per_page" [pageSizeOptions]="[10, 20, 50, 100]"
                       (page)="l.paginar($event)" aria-label="Páginas de planes" />
      }
    }
  `,
})
export class PlanesPage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotifyService);
  private readonly router = inject(Router);
  readonly columnas = ['nombre', 'precio_mensual', 'precio_anual', 'servicios', 'acciones'];
  readonly l = new Listado<Plan>((p) =>
    this.api.listar<Plan>('planes', { q: p['q'], sort: p['sort'], page: p['page'], per_page: p['per_page'] }),
  );

  resumen(x: Plan): string {
    return x.servicios.map((s) => `${s.nombre} (${s.cantidad ?? '∞'})`).join(', ') || '—';
  }

  nuevo(): void {
    abrirFormulario<Plan>(this.dialog, {
      titulo: 'Nuevo plan',
      campos: CAMPOS_PLAN,
      valores: { seleccionado: false },
      boton: 'Crear',
      enviar: (b) => this.api.crear<Plan>('planes', b),
    }).subscribe((plan) => {
      this.notify.ok(`Plan «${plan.nombre}» creado. Agregue sus servicios.`);
      void this.router.navigate(['/consola/planes', plan.id]);
    });
  }

  editar(x: Plan): void {
    editarPlan(this.dialog, this.api, x).subscribe(() => {
      this.notify.ok('Plan actualizado.');
      this.l.recargar();
    });
  }

  eliminar(x: Plan): void {
    confirmar(this.dialog, {
      titulo: 'Eliminar plan',
      mensaje: `Se eliminará el plan «${x.nombre}». Un plan con suscripciones no se puede eliminar.`,
      boton: 'Eliminar',
      peligro: true,
      accion: () => this.api.eliminar('planes', x.id),
    }).subscribe(() => {
      this.notify.ok('Plan eliminado.');
      this.l.recargar();
    });
  }
}

export function editarPlan(dialog: MatDialog, api: AdminApi, x: Plan) {
  return abrirFormulario<Plan>(dialog, {
    titulo: `Editar ${x.nombre}`,
    campos: CAMPOS_PLAN,
    valores: { nombre: x.nombre, descripcion: x.descripcion ?? '', precio_mensual: x.precio_mensual, precio_anual: x.precio_anual, seleccionado: x.seleccionado },
    edicion: true,
    enviar: (b) => api.actualizar<Plan>('planes', x.id, b),
  });
}
