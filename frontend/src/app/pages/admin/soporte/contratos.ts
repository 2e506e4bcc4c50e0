import { DatePipe, DecimalPipe } from '@angular/common';
import { Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { Empresa } from '../../../core/api/backoffice';
import { Contrato, SoporteTipo } from '../../../core/api/soporte';
import { MAQUINA_CONTRATO, opcionesEstado, puede } from '../../../core/estados';
import { MODALIDADES, etiquetaDe } from '../../../core/opciones';
import { Chip } from '../../../shared/chip';
import { LISTA } from '../../../shared/lista/filtros';
import { ACCIONES, Columna } from '../../../shared/lista/lista';
import { Catalogo, listadoAdmin } from '../comun/admin-comun';
import { nuevoContrato, registrarPago } from '../comun/dialogos';
import { PaginaLista } from '../comun/paginas';

/** Support contracts of the companies, with their consumption and payments. */
@Component({
  selector: 'app-admin-contratos',
  imports: [DatePipe, DecimalPipe, RouterLink, MatButtonModule, MatIconModule, Chip, LISTA],
  template: `
    <app-cabecera titulo="Contratos de soporte">
      <button mat-stroked-button type="button" (click)="pago()" data-testid="nuevo-pago"><mat-icon>payments</mat-icon> Registrar pago</button>
      <button mat-flat-button type="button" (click)="nuevo()" data-testid="nuevo-contrato"><mat-icon>add</mat-icon> Nuevo contrato</button>
    </app-cabecera>
    <app-lista [listado]="l" [columnas]="columnas" nombre="contratos" titulo="Contratos de soporte" testid="tabla-contratos"
               [vacio]="{ icono: 'support', titulo: 'Ningún contrato coincide' }">
      <app-filtro-select campo="estado" etiqueta="Estado" [opciones]="estados" testid="filtro-estado" />
      <app-filtro-select campo="empresa_id" etiqueta="Empresa" [opciones]="empresas.opciones()" todos="Todas" />
      <app-filtro-select campo="soporte_tipo_id" etiqueta="Tipo" [opciones]="tipos.opciones()" />
      <ng-template celda="id" let-c><a [routerLink]="['/consola/contratos', c.id]">#{{ c.id }}</a></ng-template>
      <ng-template celda="empresa" let-c><a [routerLink]="['/consola/empresas', c.empresa_id]">{{ empresas.nombre(c.empresa_id, 'Empresa #' + c.empresa_id) }}</a></ng-template>
      <ng-template celda="tipo" let-c>{{ tipos.nombre(c.soporte_tipo_id) }} · {{ modalidad(c.modalidad) }}</ng-template>
      <ng-template celda="consumo" let-c>
        @if (c.modalidad === 'por_tickets') { {{ c.tickets_consumidos }} / {{ c.max_tickets }} tickets }
        @else if (c.modalidad === 'por_horas') { {{ c.horas_consumidas | number: '1.0-2' }} / {{ c.max_horas | number: '1.0-2' }} h }
        @else { {{ c.tickets_consumidos }} tickets }
      </ng-template>
      <ng-template celda="periodo" let-c>{{ c.fecha_inicio | date: 'mediumDate' }} – {{ c.fecha_fin | date: 'mediumDate' }}</ng-template>
      <ng-template celda="estado" let-c><app-chip de="contrato" [valor]="c.estado" /></ng-template>
      <ng-template celda="acciones" let-c>
        @if (puedePagar(c)) { <button mat-button type="button" (click)="pago(c)"><mat-icon>payments</mat-icon> Pago</button> }
      </ng-template>
    </app-lista>
  `,
  styleUrl: '../comun/admin.scss',
})
export class ContratosPage extends PaginaLista<Contrato> {
  readonly estados = opcionesEstado('contrato');
  readonly columnas: Columna[] = [
    { id: 'id', titulo: 'N.º' }, { id: 'empresa', titulo: 'Empresa' }, { id: 'tipo', titulo: 'Tipo' }, { id: 'consumo', titulo: 'Consumo' },
    { id: 'periodo', titulo: 'Periodo' }, { id: 'precio_actual', titulo: 'Precio', formato: 'moneda' }, { id: 'estado', titulo: 'Estado' }, ACCIONES,
  ];
  readonly empresas = new Catalogo<Empresa>(this.api, 'empresas');
  readonly tipos = new Catalogo<SoporteTipo>(this.api, 'soporte-tipos', { sort: undefined });
  readonly l = listadoAdmin<Contrato>(this.api, 'soporte-suscripciones', ['empresa_id', 'estado', 'soporte_tipo_id']);

  /** A payment activates a contract pending payment. */
  puedePagar(c: Contrato): boolean {
    return puede(MAQUINA_CONTRATO, c.estado, 'activar');
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
    registrarPago(this.dialog, this.api, c).subscribe(this.listo('Pago registrado.'));
  }
}
