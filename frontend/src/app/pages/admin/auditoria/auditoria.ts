import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { AuditLog } from '../../../core/api/backoffice';
import { Opcion } from '../../../core/opciones';
import { LISTA } from '../../../shared/lista/filtros';
import { Columna } from '../../../shared/lista/lista';
import { AdminApi } from '../comun/admin-api';
import { listadoAdmin } from '../comun/admin-comun';

export interface Cambio {
  campo: string;
  antes: string;
  despues: string;
}

function texto(v: unknown): string {
  if (v === undefined) {
    return '';
  }
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Fields that differ between the `antes` and `despues` snapshots of an audit record. */
export function cambiosDe(r: Pick<AuditLog, 'antes' | 'despues'>): Cambio[] {
  const antes = r.antes ?? {};
  const despues = r.despues ?? {};
  const campos = [...new Set([...Object.keys(antes), ...Object.keys(despues)])].filter((c) => c !== 'updated_at');
  return campos
    .map((campo) => ({ campo, antes: texto(antes[campo]), despues: texto(despues[campo]) }))
    .filter((c) => c.antes !== c.despues);
}

const ENTIDADES = ['empresa', 'usuario', 'plan', 'servicio', 'suscripcion', 'soporte_tipo', 'soporte_suscripcion', 'soporte_pago', 'soporte_ticket'];

const ACCIONES = [
  'crear', 'actualizar', 'eliminar', 'activar', 'desactivar', 'cambiar_password', 'asociar_servicio',
  'quitar_servicio', 'cambiar_cantidad', 'reemplazar_servicios', 'renovar', 'cancelar', 'suspender',
  'reactivar', 'descuento', 'vencer', 'renovar_automatica', 'renovacion_automatica', 'cancelar_fin_periodo', 'cerrar', 'reabrir',
  'comentar', 'adjuntar', 'borrar_adjunto', 'borrar',
];

/** Codes shown as they are (the audit log speaks the API's words). */
const literal = (valores: string[]): Opcion[] => valores.map((v) => ({ valor: v, etiqueta: v }));

/** Who changed what and when, with filters in the URL and the before/after of each change. */
@Component({
  selector: 'app-admin-auditoria',
  imports: [DatePipe, RouterLink, MatButtonModule, MatIconModule, LISTA],
  template: `
    <app-cabecera titulo="Auditoría" />
    <app-lista [listado]="l" [columnas]="columnas" nombre="la auditoría" titulo="Registro de auditoría (más reciente primero)" testid="tabla-auditoria"
               mensajeError="Revise los filtros: la búsqueda no es válida."
               [vacio]="{ icono: 'history', titulo: 'Sin registros', mensaje: 'Ningún cambio coincide con los filtros.' }">
      <app-filtro-select campo="entidad" etiqueta="Entidad" [opciones]="entidades" todos="Todas" testid="filtro-entidad" />
      <app-filtro-select campo="accion" etiqueta="Acción" [opciones]="acciones" todos="Todas" />
      <app-filtro-texto campo="entidad_id" etiqueta="N.º de la entidad" tipo="numero" />
      <app-filtro-texto campo="empresa_id" etiqueta="Empresa (n.º)" tipo="numero" />
      <app-filtro-texto campo="usuario_id" etiqueta="Usuario (n.º)" tipo="numero" />
      <app-filtro-texto campo="desde" etiqueta="Desde" tipo="fecha" />
      <app-filtro-texto campo="hasta" etiqueta="Hasta" tipo="fecha" />
      <ng-template celda="created_at" let-r>{{ r.created_at | date: 'medium' }}</ng-template>
      <ng-template celda="usuario_email" let-r>{{ r.usuario_email ?? 'Sistema' }}</ng-template>
      <ng-template celda="accion" let-r><span class="chip">{{ r.accion }}</span></ng-template>
      <ng-template celda="entidad" let-r>{{ r.entidad }} #{{ r.entidad_id }}</ng-template>
      <ng-template celda="empresa_id" let-r>@if (r.empresa_id) { <a [routerLink]="['/consola/empresas', r.empresa_id]">#{{ r.empresa_id }}</a> }</ng-template>
      <ng-template celda="ver" let-r>
        <button mat-icon-button type="button" (click)="alternar(r.id)" [attr.aria-expanded]="abierto() === r.id"
                [attr.aria-label]="'Ver cambios del registro ' + r.id"><mat-icon>{{ abierto() === r.id ? 'expand_less' : 'expand_more' }}</mat-icon></button>
      </ng-template>
      <ng-template [detalleFila]="visible" let-r>
        <table class="simple" aria-label="Cambios">
          <thead><tr><th scope="col">Campo</th><th scope="col">Antes</th><th scope="col">Después</th></tr></thead>
          <tbody>
            @for (c of cambios(r); track c.campo) { <tr><td>{{ c.campo }}</td><td>{{ c.antes }}</td><td>{{ c.despues }}</td></tr> }
            @empty { <tr><td colspan="3" class="muted">Sin diferencias registradas.</td></tr> }
          </tbody>
        </table>
        <p class="muted">Solicitud {{ r.request_id }}</p>
      </ng-template>
    </app-lista>
  `,
  styleUrl: '../comun/admin.scss',
})
export class AuditoriaPage {
  private readonly api = inject(AdminApi);
  readonly entidades = literal(ENTIDADES);
  readonly acciones = literal(ACCIONES);
  readonly abierto = signal<number | null>(null);
  readonly columnas: Columna[] = [
    { id: 'created_at', titulo: 'Fecha' }, { id: 'usuario_email', titulo: 'Quién' }, { id: 'accion', titulo: 'Acción' }, { id: 'entidad', titulo: 'Entidad' },
    { id: 'empresa_id', titulo: 'Empresa' }, { id: 'ip', titulo: 'IP' }, { id: 'ver', titulo: 'Cambios', oculto: true },
  ];
  readonly l = listadoAdmin<AuditLog>(this.api, 'auditoria', ['entidad', 'accion', 'entidad_id', 'empresa_id', 'usuario_id', 'desde', 'hasta']);
  readonly visible = (r: AuditLog) => this.abierto() === r.id;

  alternar(id: number): void {
    this.abierto.update((a) => (a === id ? null : id));
  }

  cambios(r: AuditLog): Cambio[] {
    return cambiosDe(r);
  }
}
