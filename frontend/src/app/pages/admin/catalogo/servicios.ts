import { Component, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';

import { ResumenPlanesServicios, Servicio } from '../../../core/api/backoffice';
import { SI_NO } from '../../../core/opciones';
import { LISTA } from '../../../shared/lista/filtros';
import { ACCIONES, Columna } from '../../../shared/lista/lista';
import { listadoAdmin } from '../comun/admin-comun';
import { CAMPOS_SERVICIO } from '../comun/campos';
import { confirmar } from '../comun/confirmar-dialog';
import { abrirFormulario } from '../comun/form-dialog';
import { PaginaLista } from '../comun/paginas';

@Component({
  selector: 'app-admin-servicios',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatSlideToggleModule, MatTooltipModule, LISTA],
  template: `
    <app-cabecera titulo="Servicios">
      <a mat-stroked-button routerLink="/consola/planes"><mat-icon>sell</mat-icon> Planes</a>
      <button mat-flat-button type="button" (click)="nuevo()" data-testid="nuevo-servicio"><mat-icon>add</mat-icon> Nuevo servicio</button>
    </app-cabecera>
    @if (resumen(); as r) {
      <p class="muted">{{ r.totales.servicios }} servicios ({{ r.totales.servicios_activos }} activos) · {{ r.totales.planes }} planes ·
        {{ r.totales.asociaciones }} asociaciones plan-servicio.</p>
    }
    <app-lista [listado]="l" [columnas]="columnas" nombre="servicios" titulo="Servicios" testid="tabla-servicios" [vacio]="{ icono: 'widgets', titulo: 'No hay servicios' }">
      <app-filtro-texto campo="q" etiqueta="Buscar servicio" />
      <app-filtro-select campo="activo" etiqueta="Activo" [opciones]="siNo" />
      <ng-template celda="nombre" let-x>{{ x.nombre }}<br /><span class="muted">{{ x.descripcion }}</span></ng-template>
      <ng-template celda="planes" let-x>{{ planesDe(x.id) }}</ng-template>
      <ng-template celda="activo" let-x><mat-slide-toggle [checked]="x.activo" (change)="alternar(x)" [attr.aria-label]="'Activo: ' + x.nombre" /></ng-template>
      <ng-template celda="acciones" let-x>
        <button mat-icon-button type="button" (click)="editar(x)" matTooltip="Editar" [attr.aria-label]="'Editar ' + x.nombre"><mat-icon>edit</mat-icon></button>
        <button mat-icon-button type="button" (click)="eliminar(x)" matTooltip="Eliminar" [attr.aria-label]="'Eliminar ' + x.nombre"><mat-icon>delete</mat-icon></button>
      </ng-template>
    </app-lista>
  `,
  styleUrl: '../comun/admin.scss',
})
export class ServiciosPage extends PaginaLista<Servicio> {
  readonly siNo = SI_NO;
  readonly columnas: Columna[] = [
    { id: 'nombre', titulo: 'Nombre', orden: true }, { id: 'planes', titulo: 'En planes' }, { id: 'url_api', titulo: 'URL de la API' },
    { id: 'activo', titulo: 'Activo', orden: true }, ACCIONES,
  ];
  readonly resumen = signal<ResumenPlanesServicios | null>(null);
  readonly l = listadoAdmin<Servicio>(this.api, 'servicios', ['q', 'activo', 'sort']);

  constructor() {
    super();
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

  override recargar(): void {
    super.recargar();
    this.cargarResumen();
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
      next: (s) => this.hecho(s.activo ? 'Servicio activado.' : 'Servicio desactivado: ya no aparece en las licencias.'),
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
