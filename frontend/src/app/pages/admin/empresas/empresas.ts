import { Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { Observable, map } from 'rxjs';

import { Empresa } from '../../../core/api/backoffice';
import { MAQUINA_EMPRESA, opcionesEstado, puede } from '../../../core/estados';
import { Chip } from '../../../shared/chip';
import { LISTA } from '../../../shared/lista/filtros';
import { ACCIONES, Columna } from '../../../shared/lista/lista';
import { AdminApi } from '../comun/admin-api';
import { listadoAdmin } from '../comun/admin-comun';
import { CAMPOS_EMPRESA } from '../comun/campos';
import { confirmar } from '../comun/confirmar-dialog';
import { abrirFormulario } from '../comun/form-dialog';
import { PaginaLista } from '../comun/paginas';

@Component({
  selector: 'app-admin-empresas',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatTooltipModule, Chip, LISTA],
  template: `
    <app-cabecera titulo="Empresas">
      <a mat-stroked-button [routerLink]="[]" [queryParams]="{ estado: 'pendiente' }" data-testid="empresas-pendientes"><mat-icon>pending_actions</mat-icon> Pendientes de aprobación</a>
      <button mat-flat-button type="button" (click)="nueva()" data-testid="nueva-empresa"><mat-icon>add</mat-icon> Nueva empresa</button>
    </app-cabecera>
    <app-lista [listado]="l" [columnas]="columnas" nombre="empresas" titulo="Empresas clientes" testid="tabla-empresas"
               [vacio]="{ icono: 'domain_disabled', titulo: 'Aún no hay empresas' }" [sinCoincidencias]="{ icono: 'domain_disabled', titulo: 'Ninguna empresa coincide' }">
      <app-filtro-texto campo="q" etiqueta="Buscar por NIT o nombre" testid="buscar" />
      <app-filtro-select campo="estado" etiqueta="Estado" [opciones]="estados" />
      <ng-template celda="nombre" let-e><a [routerLink]="['/consola/empresas', e.id]">{{ e.nombre }}</a></ng-template>
      <ng-template celda="estado" let-e><app-chip de="empresa" [valor]="e.estado" /></ng-template>
      <ng-template celda="acciones" let-e>
        <button mat-icon-button type="button" (click)="gestionar('editar', e)" matTooltip="Editar" [attr.aria-label]="'Editar ' + e.nombre"><mat-icon>edit</mat-icon></button>
        @if (pendiente(e)) {
          <button mat-icon-button type="button" (click)="gestionar('aprobar', e)" matTooltip="Aprobar" [attr.aria-label]="'Aprobar ' + e.nombre" data-testid="aprobar-empresa"><mat-icon>task_alt</mat-icon></button>
          <button mat-icon-button type="button" class="peligro" (click)="gestionar('rechazar', e)" matTooltip="Rechazar" [attr.aria-label]="'Rechazar ' + e.nombre" data-testid="rechazar-empresa"><mat-icon>delete_forever</mat-icon></button>
        } @else if (puedeDesactivar(e)) {
          <button mat-icon-button type="button" (click)="gestionar('desactivar', e)" matTooltip="Desactivar" [attr.aria-label]="'Desactivar ' + e.nombre"><mat-icon>block</mat-icon></button>
        } @else {
          <button mat-icon-button type="button" (click)="gestionar('activar', e)" matTooltip="Activar" [attr.aria-label]="'Activar ' + e.nombre"><mat-icon>check_circle</mat-icon></button>
        }
      </ng-template>
    </app-lista>
  `,
  styleUrl: '../comun/admin.scss',
})
export class EmpresasPage extends PaginaLista<Empresa> {
  readonly estados = opcionesEstado('empresa');
  readonly columnas: Columna[] = [
    { id: 'nit', titulo: 'NIT', orden: true }, { id: 'nombre', titulo: 'Nombre', orden: true }, { id: 'plan', titulo: 'Plan' },
    { id: 'estado', titulo: 'Estado', orden: true }, { id: 'created_at', titulo: 'Alta', orden: true, formato: 'fecha' }, ACCIONES,
  ];
  readonly l = listadoAdmin<Empresa>(this.api, 'empresas', ['q', 'estado', 'sort']);

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

  puedeDesactivar(e: Empresa): boolean {
    return puede(MAQUINA_EMPRESA, e.estado, 'desactivar');
  }

  pendiente(e: Empresa): boolean {
    return empresaPendiente(e);
  }

  gestionar(accion: AccionEmpresa, e: Empresa): void {
    gestionarEmpresa(this.dialog, this.api, accion, e).subscribe((mensaje) => this.hecho(mensaje));
  }
}

/** A self-service company waiting for an admin: it is approved or rejected, nothing else. */
export function empresaPendiente(e: Empresa): boolean {
  return puede(MAQUINA_EMPRESA, e.estado, 'aprobar');
}

export type AccionEmpresa = 'editar' | 'desactivar' | 'activar' | 'aprobar' | 'rechazar';

/** Edits, deactivates, activates, approves or rejects a company (list and detail pages); emits the message to
 * show once done. */
export function gestionarEmpresa(dialog: MatDialog, api: AdminApi, accion: AccionEmpresa, e: Empresa): Observable<string> {
  switch (accion) {
    case 'editar':
      return abrirFormulario<Empresa>(dialog, {
        titulo: `Editar ${e.nombre}`,
        campos: CAMPOS_EMPRESA,
        valores: { nit: e.nit, nombre: e.nombre, contacto: e.contacto ?? '', estado: e.estado },
        edicion: true,
        enviar: (b) => api.actualizar<Empresa>('empresas', e.id, b),
      }).pipe(map(() => 'Empresa actualizada.'));
    case 'desactivar':
      return confirmar(dialog, {
        titulo: 'Desactivar empresa',
        mensaje: `«${e.nombre}» quedará inactiva y su licencia bloqueada (EMPRESA_INACTIVA). Puede activarla de nuevo después.`,
        boton: 'Desactivar',
        peligro: true,
        accion: () => api.eliminar('empresas', e.id),
      }).pipe(map(() => 'Empresa desactivada.'));
    case 'aprobar':
      return confirmar(dialog, {
        titulo: 'Aprobar empresa',
        mensaje: `«${e.nombre}» (NIT ${e.nit}) se registró sola. Compruebe que el NIT es de quien la registró: al aprobarla queda activa y su licencia deja de estar pendiente.`,
        boton: 'Aprobar',
        accion: () => api.accion<Empresa>('empresas', e.id, 'aprobar'),
      }).pipe(map(() => 'Empresa aprobada.'));
    case 'rechazar':
      return confirmar(dialog, {
        titulo: 'Rechazar empresa',
        mensaje: `«${e.nombre}» se borrará con sus usuarios y suscripciones; el NIT ${e.nit} y los correos quedarán libres. No se puede deshacer.`,
        boton: 'Rechazar',
        peligro: true,
        accion: () => api.accion<Empresa>('empresas', e.id, 'rechazar'),
      }).pipe(map(() => 'Empresa rechazada y borrada.'));
    case 'activar':
      // No dialog to show an error: the global snackbar does.
      return api.accion<Empresa>('empresas', e.id, 'activar', {}, true).pipe(map(() => 'Empresa activada.'));
  }
}
