import { DatePipe } from '@angular/common';
import { Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { Empresa } from '../../../core/api/backoffice';
import { UsuarioAdmin } from '../../../core/api/identidad';
import { TicketAdmin } from '../../../core/api/soporte';
import { opcionesEstado } from '../../../core/estados';
import { PRIORIDADES } from '../../../core/opciones';
import { Chip } from '../../../shared/chip';
import { LISTA } from '../../../shared/lista/filtros';
import { COLUMNAS_TICKET, Columna } from '../../../shared/lista/lista';
import { Catalogo, listadoAdmin } from '../comun/admin-comun';
import { CAMPOS_TICKET_NUEVO } from '../comun/campos';
import { abrirFormulario } from '../comun/form-dialog';
import { PaginaLista } from '../comun/paginas';

/** The help-desk queue: every company's tickets with filters in the URL. */
@Component({
  selector: 'app-admin-tickets',
  imports: [DatePipe, RouterLink, MatButtonModule, MatIconModule, Chip, LISTA],
  template: `
    <app-cabecera titulo="Mesa de ayuda">
      <button mat-flat-button type="button" (click)="nuevo()" data-testid="nuevo-ticket"><mat-icon>add</mat-icon> Ticket a nombre de una empresa</button>
    </app-cabecera>
    <app-lista [listado]="l" [columnas]="columnas" nombre="tickets" titulo="Tickets de soporte" testid="tabla-tickets" [enlace]="enlace"
               [vacio]="{ icono: 'support_agent', titulo: 'No hay tickets' }" [sinCoincidencias]="{ icono: 'support_agent', titulo: 'Ningún ticket coincide' }">
      <app-filtro-texto campo="q" etiqueta="Buscar en título o descripción" />
      <app-filtro-select campo="estado" etiqueta="Estado" [opciones]="estados" testid="filtro-estado" />
      <app-filtro-select campo="prioridad" etiqueta="Prioridad" [opciones]="prioridades" todos="Todas" testid="filtro-prioridad" />
      <app-filtro-select campo="asignado_a" etiqueta="Asignado a" [opciones]="admins.opciones()" todos="Cualquiera" />
      <app-filtro-select campo="empresa_id" etiqueta="Empresa" [opciones]="empresas.opciones()" todos="Todas" />
      <ng-template celda="titulo" let-t><a [routerLink]="enlace(t)" (click)="$event.stopPropagation()">{{ t.titulo }}</a></ng-template>
      <ng-template celda="empresa" let-t>{{ empresas.nombre(t.empresa_id) }}</ng-template>
      <ng-template celda="prioridad" let-t><app-chip de="prioridad" [valor]="t.prioridad" /></ng-template>
      <ng-template celda="estado" let-t><app-chip de="ticket" [valor]="t.estado" /></ng-template>
      <ng-template celda="respuesta" let-t>{{ t.first_response_at ? (t.first_response_at | date: 'short') : 'Pendiente' }}</ng-template>
    </app-lista>
  `,
  styleUrl: '../comun/admin.scss',
})
export class TicketsAdminPage extends PaginaLista<TicketAdmin> {
  readonly estados = opcionesEstado('ticket');
  readonly prioridades = PRIORIDADES;
  readonly columnas: Columna[] = [
    ...COLUMNAS_TICKET.slice(0, 2), { id: 'empresa', titulo: 'Empresa' }, ...COLUMNAS_TICKET.slice(2), { id: 'respuesta', titulo: 'Primera respuesta' },
  ];
  readonly empresas = new Catalogo<Empresa>(this.api, 'empresas');
  readonly admins = new Catalogo<UsuarioAdmin>(this.api, 'usuarios', { rol: 'admin' });
  readonly l = listadoAdmin<TicketAdmin>(this.api, 'soporte-tickets', ['q', 'estado', 'prioridad', 'empresa_id', 'asignado_a']);
  readonly enlace = (t: TicketAdmin) => ['/consola/tickets', t.id];

  nuevo(): void {
    abrirFormulario<TicketAdmin>(this.dialog, {
      titulo: 'Nuevo ticket a nombre de una empresa',
      campos: CAMPOS_TICKET_NUEVO,
      valores: { prioridad: 'media' },
      boton: 'Crear ticket',
      enviar: (b) => this.api.crear<TicketAdmin>('soporte-tickets', b),
    }).subscribe((t) => {
      this.notify.ok('Ticket creado.');
      void this.router.navigate(this.enlace(t));
    });
  }
}
