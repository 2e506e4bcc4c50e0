import { DecimalPipe } from '@angular/common';
import { Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';

import { SoporteTipo } from '../../../core/api/soporte';
import { MODALIDADES, SI_NO, etiquetaDe } from '../../../core/opciones';
import { LISTA } from '../../../shared/lista/filtros';
import { ACCIONES, Columna } from '../../../shared/lista/lista';
import { listadoAdmin } from '../comun/admin-comun';
import { camposSoporteTipo } from '../comun/campos';
import { confirmar } from '../comun/confirmar-dialog';
import { abrirFormulario } from '../comun/form-dialog';
import { PaginaLista } from '../comun/paginas';

@Component({
  selector: 'app-admin-soporte-tipos',
  imports: [DecimalPipe, MatButtonModule, MatIconModule, MatTooltipModule, LISTA],
  template: `
    <app-cabecera titulo="Tipos de soporte">
      <button mat-flat-button type="button" (click)="nuevo()" data-testid="nuevo-tipo"><mat-icon>add</mat-icon> Nuevo tipo</button>
    </app-cabecera>
    <app-lista [listado]="l" [columnas]="columnas" nombre="tipos de soporte" titulo="Tipos de soporte" testid="tabla-tipos"
               [vacio]="{ icono: 'support', titulo: 'No hay tipos de soporte' }">
      <app-filtro-texto campo="q" etiqueta="Buscar" />
      <app-filtro-select campo="modalidad" etiqueta="Modalidad" [opciones]="modalidades" todos="Todas" />
      <app-filtro-select campo="activo" etiqueta="Activo" [opciones]="siNo" />
      <ng-template celda="nombre" let-t>{{ t.nombre }}<br /><span class="muted">{{ t.descripcion }}</span></ng-template>
      <ng-template celda="modalidad" let-t>{{ modalidad(t.modalidad) }}</ng-template>
      <ng-template celda="limite" let-t>
        @if (t.max_tickets) { {{ t.max_tickets }} tickets } @else if (t.max_horas) { {{ t.max_horas | number: '1.0-2' }} horas } @else { Ilimitado }
      </ng-template>
      <ng-template celda="activo" let-t><span class="chip" [class.ok]="t.activo">{{ t.activo ? 'Activo' : 'Inactivo' }}</span></ng-template>
      <ng-template celda="acciones" let-t>
        <button mat-icon-button type="button" (click)="editar(t)" matTooltip="Editar" [attr.aria-label]="'Editar ' + t.nombre"><mat-icon>edit</mat-icon></button>
        <button mat-icon-button type="button" (click)="eliminar(t)" matTooltip="Eliminar" [attr.aria-label]="'Eliminar ' + t.nombre"><mat-icon>delete</mat-icon></button>
      </ng-template>
    </app-lista>
  `,
  styleUrl: '../comun/admin.scss',
})
export class SoporteTiposPage extends PaginaLista<SoporteTipo> {
  readonly modalidades = MODALIDADES;
  readonly siNo = SI_NO;
  readonly columnas: Columna[] = [
    { id: 'nombre', titulo: 'Nombre' }, { id: 'modalidad', titulo: 'Modalidad' }, { id: 'limite', titulo: 'Límite' },
    { id: 'precio', titulo: 'Precio', formato: 'moneda' }, { id: 'activo', titulo: 'Estado' }, ACCIONES,
  ];
  readonly l = listadoAdmin<SoporteTipo>(this.api, 'soporte-tipos', ['q', 'modalidad', 'activo']);

  modalidad(v: string): string {
    return etiquetaDe(MODALIDADES, v);
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
