import { CurrencyPipe, DecimalPipe } from '@angular/common';
import { Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { Plan, Suscripcion } from '../../../core/api/backoffice';
import { opcionesEstado } from '../../../core/estados';
import { PERIODOS, SI_NO } from '../../../core/opciones';
import { Chip } from '../../../shared/chip';
import { LISTA } from '../../../shared/lista/filtros';
import { ACCIONES, Columna } from '../../../shared/lista/lista';
import { Catalogo, listadoAdmin } from '../comun/admin-comun';
import { nuevaSuscripcion } from '../comun/dialogos';
import { PaginaLista } from '../comun/paginas';
import { SuscripcionAcciones } from './suscripcion-acciones';

@Component({
  selector: 'app-admin-suscripciones',
  imports: [CurrencyPipe, DecimalPipe, RouterLink, MatButtonModule, MatIconModule, Chip, SuscripcionAcciones, LISTA],
  template: `
    <app-cabecera titulo="Suscripciones">
      <button mat-flat-button type="button" (click)="nueva()" data-testid="nueva-suscripcion"><mat-icon>add</mat-icon> Nueva suscripción</button>
    </app-cabecera>
    <app-lista [listado]="l" [columnas]="columnas" nombre="suscripciones" titulo="Suscripciones de plan" testid="tabla-suscripciones"
               [vacio]="{ icono: 'workspace_premium', titulo: 'Ninguna suscripción coincide' }">
      <app-filtro-select campo="estado" etiqueta="Estado" [opciones]="estados" testid="filtro-estado" />
      <app-filtro-select campo="plan_id" etiqueta="Plan" [opciones]="planes.opciones()" />
      <app-filtro-select campo="periodo" etiqueta="Periodo" [opciones]="periodos" />
      <app-filtro-select campo="renovacion_automatica" etiqueta="Autorrenovación" [opciones]="siNo" todos="Todas" />
      <app-filtro-texto campo="vence_despues" etiqueta="Vence desde" tipo="fecha" />
      <app-filtro-texto campo="vence_antes" etiqueta="Vence hasta" tipo="fecha" />
      @if (l.get('empresa_id')) {
        <p class="muted">Filtrado por la empresa #{{ l.get('empresa_id') }} · <a [routerLink]="[]" [queryParams]="{ empresa_id: null }" queryParamsHandling="merge">quitar</a></p>
      }
      <ng-template celda="empresa" let-s><a [routerLink]="['/consola/empresas', s.empresa_id]">{{ s.empresa.nombre }}</a></ng-template>
      <ng-template celda="plan" let-s>{{ s.plan.nombre }} · {{ s.periodo }}</ng-template>
      <ng-template celda="estado" let-s>
        <app-chip de="suscripcion" [valor]="s.estado" [attr.data-testid]="'estado-' + s.id" />
        @if (s.cancelar_al_final) { <span class="chip aviso">Cancela al final</span> }
      </ng-template>
      <ng-template celda="precio_pagado" let-s>
        {{ s.precio_pagado | currency: 'COP' : 'symbol-narrow' : '1.0-2' }}
        @if (s.porcentaje_descuento) { <span class="muted">(-{{ s.porcentaje_descuento | number: '1.0-2' }} %)</span> }
      </ng-template>
      <ng-template celda="acciones" let-s><app-suscripcion-acciones [s]="s" (cambio)="l.recargar()" /></ng-template>
    </app-lista>
  `,
  styleUrl: '../comun/admin.scss',
})
export class SuscripcionesPage extends PaginaLista<Suscripcion> {
  readonly estados = opcionesEstado('suscripcion');
  readonly periodos = PERIODOS;
  readonly siNo = SI_NO;
  readonly planes = new Catalogo<Plan>(this.api, 'planes');
  readonly columnas: Columna[] = [
    { id: 'id', titulo: 'N.º', orden: true }, { id: 'empresa', titulo: 'Empresa' }, { id: 'plan', titulo: 'Plan' }, { id: 'estado', titulo: 'Estado', orden: true },
    { id: 'fecha_inicio', titulo: 'Inicio', orden: true, formato: 'fecha' }, { id: 'fecha_fin', titulo: 'Vence', orden: true, formato: 'fecha' },
    { id: 'precio_pagado', titulo: 'Precio', orden: true }, ACCIONES,
  ];
  readonly l = listadoAdmin<Suscripcion>(
    this.api,
    'suscripciones',
    ['empresa_id', 'plan_id', 'estado', 'periodo', 'renovacion_automatica', 'vence_antes', 'vence_despues', 'sort'],
    { sort: '-created_at' },
  );

  nueva(): void {
    nuevaSuscripcion(this.dialog, this.api).subscribe(this.listo('Suscripción creada.'));
  }
}
