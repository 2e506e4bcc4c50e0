import { CurrencyPipe, DecimalPipe } from '@angular/common';
import { Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';

import { NotifyService } from '../../core/notify.service';
import { EmptyState } from '../../shared/empty-state';
import { AdminApi, SoporteTipo } from './admin-api';
import { Listado, MODALIDADES, SI_NO, etiquetaDe } from './admin-comun';
import { camposSoporteTipo } from './campos';
import { confirmar } from './confirmar-dialog';
import { abrirFormulario } from './form-dialog';

@Component({
  selector: 'app-admin-soporte-tipos',
  imports: [CurrencyPipe, DecimalPipe, MatTableModule, MatPaginatorModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatIconModule, MatTooltipModule, EmptyState],
  styleUrl: './admin.scss',
  template: `
    <div class="cabecera">
      <h1>Tipos de soporte</h1>
      <button mat-flat-button type="button" (click)="nuevo()" data-testid="nuevo-tipo"><mat-icon>add</mat-icon> Nuevo tipo</button>
    </div>
    <div class="filtros" role="search">
      <mat-form-field>
        <mat-label>Buscar</mat-label>
        <input matInput [value]="l.get('q')" (input)="l.buscar('q', $any($event.target).value)" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Modalidad</mat-label>
        <mat-select [value]="l.get('modalidad')" (selectionChange)="l.filtrar({ modalidad: $event.value })">
          <mat-option value="">Todas</mat-option>
          @for (m of modalidades; track m.valor) { <mat-option [value]="m.valor">{{ m.etiqueta }}</mat-option> }
        </mat-select>
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
        <app-empty-state icono="support" titulo="No hay tipos de soporte" />
      } @else {
        <div class="tabla">
          <table mat-table [dataSource]="p.items" data-testid="tabla-tipos">
            <caption class="cdk-visually-hidden">Tipos de soporte</caption>
            <ng-container matColumnDef="nombre">
              <th mat-header-cell *matHeaderCellDef scope="col">Nombre</th>
              <td mat-cell *matCellDef="let t">{{ t.nombre }}<br /><span class="muted">{{ t.descripcion }}</span></td>
            </ng-container>
            <ng-container matColumnDef="modalidad">
              <th mat-header-cell *matHeaderCellDef scope="col">Modalidad</th>
              <td mat-cell *matCellDef="let t">{{ modalidad(t.modalidad) }}</td>
            </ng-container>
            <ng-container matColumnDef="limite">
              <th mat-header-cell *matHeaderCellDef scope="col">Límite</th>
              <td mat-cell *matCellDef="let t">
                @if (t.max_tickets) { {{ t.max_tickets }} tickets } @else if (t.max_horas) { {{ t.max_horas | number: '1.0-2' }} horas } @else { Ilimitado }
              </td>
            </ng-container>
            <ng-container matColumnDef="precio">
              <th mat-header-cell *matHeaderCellDef scope="col">Precio</th>
              <td mat-cell *matCellDef="let t">{{ t.precio | currency: 'COP' : 'symbol-narrow' : '1.0-2' }}</td>
            </ng-container>
            <ng-container matColumnDef="activo">
              <th mat-header-cell *matHeaderCellDef scope="col">Estado</th>
              <td mat-cell *matCellDef="let t"><span class="chip" [class.ok]="t.activo">{{ t.activo ? 'Activo' : 'Inactivo' }}</span></td>
            </ng-container>
            <ng-container matColumnDef="acciones">
              <th mat-header-cell *matHeaderCellDef scope="col"><span class="cdk-visually-hidden">Acciones</span></th>
              <td mat-cell *matCellDef="let t" class="acciones-celda">
                <button mat-icon-button type="button" (click)="editar(t)" matTooltip="Editar" [attr.aria-label]="'Editar ' + t.nombre"><mat-icon>edit</mat-icon></button>
                <button mat-icon-button type="button" (click)="eliminar(t)" matTooltip="Eliminar" [attr.aria-label]="'Eliminar ' + t.nombre"><mat-icon>delete</mat-icon></button>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columnas"></tr>
            <tr mat-row *matRowDef="let t; columns: columnas"></tr>
          </table>
        </div>
        <mat-paginator [length]="p.total" [pageIndex]="p.page - 1" [pageSize]="p.per_page" [pageSizeOptions]="[10, 20, 50, 100]"
                       (page)="l.paginar($event)" aria-label="Páginas de tipos de soporte" />
      }
    }
  `,
})
export class SoporteTiposPage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotifyService);
  readonly modalidades = MODALIDADES;
  readonly siNo = SI_NO;
  readonly columnas = ['nombre', 'modalidad', 'limite', 'precio', 'activo', 'acciones'];
  readonly l = new Listado<SoporteTipo>((p) =>
    this.api.listar<SoporteTipo>('soporte-tipos', { q: p['q'], modalidad: p['modalidad'], activo: p['activo'], page: p['page'], per_page: p['per_page'] }),
  );

  modalidad(v: string): string {
    return etiquetaDe(MODALIDADES, v);
  }

  private listo(mensaje: string) {
    return () => {
      this.notify.ok(mensaje);
      this.l.recargar();
    };
  }

  nuevo(): void {
    abrirFormulario<SoporteTipo>(this.dialog, {
      titulo: 'Nuevo tipo de soporte',
      campos: camposSoporteTipo(false),
      valores: { activo: true, modalidad: 'mensual' },
      boton: 'Crear',
      enviar: (b) => this.api.crear<SoporteTipo>('soporte-tipos', b),
    }).subscribe(this.listo('Tipo de soporte creado.'));
  }

  editar(t: SoporteTipo): void {
    abrirFormulario<SoporteTipo>(this.dialog, {
      titulo: `Editar ${t.nombre}`,
      campos: camposSoporteTipo(true),
      valores: { ...t, descripcion: t.descripcion ?? '', max_tickets: t.max_tickets ?? '', max_horas: t.max_horas ?? '' },
      edicion: true,
      enviar: (b) => this.api.actualizar<SoporteTipo>('soporte-tipos', t.id, b, 'patch'),
    }).subscribe(this.listo('Tipo de soporte actualizado.'));
  }

  eliminar(t: SoporteTipo): void {
    confirmar(this.dialog, {
      titulo: 'Eliminar tipo de soporte',
      mensaje: `Se eliminará «${t.nombre}». Si ya fue contratado no se puede eliminar: desactívelo en su lugar.`,
      boton: 'Eliminar',
      peligro: true,
      accion: () => this.api.eliminar('soporte-tipos', t.id),
    }).subscribe(this.listo('Tipo de soporte eliminado.'));
  }
}
