import { Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';

import { NotifyService } from '../../core/notify.service';
import { EmptyState } from '../../shared/empty-state';
import { AdminApi, ResumenPlanesServicios, Servicio } from './admin-api';
import { Listado, SI_NO } from './admin-comun';
import { CAMPOS_SERVICIO } from './campos';
import { confirmar } from './confirmar-dialog';
import { abrirFormulario } from './form-dialog';

@Component({
  selector: 'app-admin-servicios',
  imports: [RouterLink, MatTableModule, MatSortModule, MatPaginatorModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatIconModule, MatSlideToggleModule, MatTooltipModule, EmptyState],
  styleUrl: './admin.scss',
  template: `
    <div class="cabecera">
      <h1>Servicios</h1>
      <div class="acciones">
        <a mat-stroked-button routerLink="/consola/planes"><mat-icon>sell</mat-icon> Planes</a>
        <button mat-flat-button type="button" (click)="nuevo()" data-testid="nuevo-servicio"><mat-icon>add</mat-icon> Nuevo servicio</button>
      </div>
    </div>
    @if (resumen(); as r) {
      <p class="muted">{{ r.totales.servicios }} servicios ({{ r.totales.servicios_activos }} activos) · {{ r.totales.planes }} planes ·
        {{ r.totales.asociaciones }} asociaciones plan-servicio.</p>
    }
    <div class="filtros" role="search">
      <mat-form-field>
        <mat-label>Buscar servicio</mat-label>
        <input matInput [value]="l.get('q')" (input)="l.buscar('q', $any($event.target).value)" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Activo</mat-label>
        <mat-select [value]="l.get('activo')" (selectionChange)="l.filtrar({ activo: $event.value })">
          <mat-option value="">Todos</mat-option>
          @for (o of siNo; track o.valor) { <mat-option [value]="o.valor">{{ o.etiqueta }}</mat-option> }
        </mat-select>
      </mat-form-field>
    </div>
    @if (l.pagina(); as p) {
      @if (p.items.length === 0) {
        <app-empty-state icono="widgets" titulo="No hay servicios" />
      } @else {
        <div class="tabla">
          <table mat-table [dataSource]="p.items" matSort [matSortActive]="l.orden().active" [matSortDirection]="l.orden().direction"
                 (matSortChange)="l.ordenar($event)" data-testid="tabla-servicios">
            <caption class="cdk-visually-hidden">Servicios</caption>
            <ng-container matColumnDef="nombre">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Nombre</th>
              <td mat-cell *matCellDef="let x">{{ x.nombre }}<br /><span class="muted">{{ x.descripcion }}</span></td>
            </ng-container>
            <ng-container matColumnDef="planes">
              <th mat-header-cell *matHeaderCellDef scope="col">En planes</th>
              <td mat-cell *matCellDef="let x">{{ planesDe(x.id) }}</td>
            </ng-container>
            <ng-container matColumnDef="url_api">
              <th mat-header-cell *matHeaderCellDef scope="col">URL de la API</th>
              <td mat-cell *matCellDef="let x">{{ x.url_api ?? '—' }}</td>
            </ng-container>
            <ng-container matColumnDef="activo">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Activo</th>
              <td mat-cell *matCellDef="let x">
                <mat-slide-toggle [checked]="x.activo" (change)="alternar(x)" [attr.aria-label]="'Activo: ' + x.nombre" />
              </td>
            </ng-container>
            <ng-container matColumnDef="acciones">
              <th mat-header-cell *matHeaderCellDef scope="col"><span class="cdk-visually-hidden">Acciones</span></th>
              <td mat-cell *matCellDef="let x" class="acciones-celda">
                <button mat-icon-button type="button" (click)="editar(x)" matTooltip="Editar" [attr.aria-label]="'Editar ' + x.nombre"><mat-icon>edit</mat-icon></button>
                <button mat-icon-button type="button" (click)="eliminar(x)" matTooltip="Eliminar" [attr.aria-label]="'Eliminar ' + x.nombre"><mat-icon>delete</mat-icon></button>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columnas"></tr>
            <tr mat-row *matRowDef="let x; columns: columnas"></tr>
          </table>
        </div>
        <mat-paginator [length]="p.total" [pageIndex]="p.page - 1" [pageSize]="p.per_page" [pageSizeOptions]="[10, 20, 50, 100]"
                       (page)="l.paginar($event)" aria-label="Páginas de servicios" />
      }
    }
  `,
})
export class ServiciosPage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotifyService);
  readonly siNo = SI_NO;
  readonly columnas = ['nombre', 'planes', 'url_api', 'activo', 'acciones'];
  readonly resumen = signal<ResumenPlanesServicios | null>(null);
  readonly l = new Listado<Servicio>((p) =>
    this.api.listar<Servicio>('servicios', { q: p['q'], activo: p['activo'], sort: p['sort'], page: p['page'], per_page: p['per_page'] }),
  );

  constructor() {
    this.cargarResumen();
  }

  private cargarResumen(): void {
    this.api.resumenPlanesServicios().subscribe((r) => this.resumen.set(r));
  }

  planesDe(id: number): string {
    const r = this.resumen();
    const ids = r?.servicios.find((s) => s.id === id)?.planes ?? [];
    return ids.map((pid) => r?.planes.find((p) => p.id === pid)?.nombre ?? `#${pid}`).join(', ') || '—';
  }

  private listo(mensaje: string) {
    return () => {
      this.notify.ok(mensaje);
      this.l.recargar();
      this.cargarResumen();
    };
  }

  nuevo(): void {
    abrirFormulario<Servicio>(this.dialog, {
      titulo: 'Nuevo servicio',
      campos: CAMPOS_SERVICIO,
      valores: { activo: true },
      boton: 'Crear',
      enviar: (b) => this.api.crear<Servicio>('servicios', b),
    }).subscribe(this.listo('Servicio creado.'));
  }

  editar(x: Servicio): void {
    abrirFormulario<Servicio>(this.dialog, {
      titulo: `Editar ${x.nombre}`,
      campos: CAMPOS_SERVICIO,
      valores: { nombre: x.nombre, descripcion: x.descripcion ?? '', url_api: x.url_api ?? '', activo: x.activo },
      edicion: true,
      enviar: (b) => this.api.actualizar<Servicio>('servicios', x.id, b),
    }).subscribe(this.listo('Servicio actualizado.'));
  }

  alternar(x: Servicio): void {
    this.api.accion<Servicio>('servicios', x.id, 'toggle', {}, true).subscribe({
      next: (s) => this.listo(s.activo ? 'Servicio activado.' : 'Servicio desactivado: ya no aparece en las licencias.')(),
      error: () => this.l.recargar(),
    });
  }

  eliminar(x: Servicio): void {
    confirmar(this.dialog, {
      titulo: 'Eliminar servicio',
      mensaje: `Se eliminará «${x.nombre}» y sus asociaciones. Si un plan con suscripciones lo incluye, desactívelo en su lugar.`,
      boton: 'Eliminar',
      peligro: true,
      accion: () => this.api.eliminar('servicios', x.id),
    }).subscribe(this.listo('Servicio eliminado.'));
  }
}
