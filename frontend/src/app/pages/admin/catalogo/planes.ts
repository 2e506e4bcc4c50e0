import { Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';

import { Plan } from '../../../core/api/backoffice';
import { LISTA } from '../../../shared/lista/filtros';
import { ACCIONES, Columna } from '../../../shared/lista/lista';
import { AdminApi } from '../comun/admin-api';
import { listadoAdmin } from '../comun/admin-comun';
import { CAMPOS_PLAN } from '../comun/campos';
import { confirmar } from '../comun/confirmar-dialog';
import { abrirFormulario } from '../comun/form-dialog';
import { PaginaLista } from '../comun/paginas';

@Component({
  selector: 'app-admin-planes',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatTooltipModule, LISTA],
  template: `
    <app-cabecera titulo="Planes">
      <a mat-stroked-button routerLink="/consola/servicios"><mat-icon>widgets</mat-icon> Servicios</a>
      <button mat-flat-button type="button" (click)="nuevo()" data-testid="nuevo-plan"><mat-icon>add</mat-icon> Nuevo plan</button>
    </app-cabecera>
    <app-lista [listado]="l" [columnas]="columnas" nombre="planes" titulo="Planes" testid="tabla-planes" [vacio]="{ icono: 'sell', titulo: 'No hay planes' }">
      <app-filtro-texto campo="q" etiqueta="Buscar plan" />
      <ng-template celda="nombre" let-x>
        <a [routerLink]="['/consola/planes', x.id]">{{ x.nombre }}</a> @if (x.seleccionado) { <span class="chip ok">Destacado</span> }
      </ng-template>
      <ng-template celda="servicios" let-x>{{ resumen(x) }}</ng-template>
      <ng-template celda="acciones" let-x>
        <a mat-icon-button [routerLink]="['/consola/planes', x.id]" matTooltip="Servicios y cantidades" [attr.aria-label]="'Servicios de ' + x.nombre"><mat-icon>tune</mat-icon></a>
        <button mat-icon-button type="button" (click)="editar(x)" matTooltip="Editar" [attr.aria-label]="'Editar ' + x.nombre"><mat-icon>edit</mat-icon></button>
        <button mat-icon-button type="button" (click)="eliminar(x)" matTooltip="Eliminar" [attr.aria-label]="'Eliminar ' + x.nombre"><mat-icon>delete</mat-icon></button>
      </ng-template>
    </app-lista>
  `,
  styleUrl: '../comun/admin.scss',
})
export class PlanesPage extends PaginaLista<Plan> {
  readonly columnas: Columna[] = [
    { id: 'nombre', titulo: 'Nombre', orden: true }, { id: 'precio_mensual', titulo: 'Mensual', orden: true, formato: 'moneda' },
    { id: 'precio_anual', titulo: 'Anual', orden: true, formato: 'moneda' }, { id: 'servicios', titulo: 'Servicios' }, ACCIONES,
  ];
  readonly l = listadoAdmin<Plan>(this.api, 'planes', ['q', 'sort']);

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
    editarPlan(this.dialog, this.api, x).subscribe(this.listo('Plan actualizado.'));
  }

  eliminar(x: Plan): void {
    confirmar(this.dialog, {
      titulo: 'Eliminar plan',
      mensaje: `Se eliminará el plan «${x.nombre}». Un plan con suscripciones no se puede eliminar.`,
      boton: 'Eliminar',
      peligro: true,
      accion: () => this.api.eliminar('planes', x.id),
    }).subscribe(this.listo('Plan eliminado.'));
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
