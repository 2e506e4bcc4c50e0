import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';

import { ESTADOS_TICKET, PRIORIDADES, etiqueta } from '../../core/models';
import { NotifyService } from '../../core/notify.service';
import { EmptyState } from '../../shared/empty-state';
import { AdminApi, Empresa, TicketAdmin, UsuarioAdmin } from './admin-api';
import { Listado } from './admin-comun';
import { CAMPOS_TICKET_NUEVO } from './campos';
import { abrirFormulario } from './form-dialog';

/** The help-desk queue: every company's tickets with filters in the URL. */
@Component({
  selector: 'app-admin-tickets',
  imports: [DatePipe, RouterLink, MatTableModule, MatPaginatorModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatIconModule, EmptyState],
  styleUrl: './admin.scss',
  template: `
    <div class="cabecera">
      <h1>Mesa de ayuda</h1>
      <button mat-flat-button type="button" (click)="nuevo()" data-testid="nuevo-ticket"><mat-icon>add</mat-icon> Ticket a nombre de una empresa</button>
    </div>
    <div class="filtros" role="search">
      <mat-form-field>
        <mat-label>Buscar en título o descripción</mat-label>
        <input matInput [value]="l.get('q')" (input)="l.buscar('q', $any($event.target).value)" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Estado</mat-label>
        <mat-select [value]="l.get('estado')" (selectionChange)="l.filtrar({ estado: $event.value })" data-testid="filtro-estado">
          <mat-option value="">Todos</mat-option>
          @for (e of estados; track e.valor) { <mat-option [value]="e.valor">{{ e.etiqueta }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Prioridad</mat-label>
        <mat-select [value]="l.get('prioridad')" (selectionChange)="l.filtrar({ prioridad: $event.value })" data-testid="filtro-prioridad">
          <mat-option value="">Todas</mat-option>
          @for (p of prioridades; track p.valor) { <mat-option [value]="p.valor">{{ p.etiqueta }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Asignado a</mat-label>
        <mat-select [value]="l.get('asignado_a')" (selectionChange)="l.filtrar({ asignado_a: $event.value })">
          <mat-option value="">Cualquiera</mat-option>
          @for (a of admins(); track a.id) { <mat-option [value]="'' + a.id">{{ a.nombre }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Empresa</mat-label>
        <mat-select [value]="l.get('empresa_id')" (selectionChange)="l.filtrar({ empresa_id: $event.value })">
          <mat-option value="">Todas</mat-option>
          @for (e of empresas(); track e.id) { <mat-option [value]="'' + e.id">{{ e.nombre }}</mat-option> }
        </mat-select>
      </mat-form-field>
    </div>
    @if (l.pagina(); as p) {
      @if (p.items.length === 0) {
        <app-empty-state icono="support_agent" [titulo]="l.hayFiltros('q', 'estado', 'prioridad', 'empresa_id', 'asignado_a') ? 'Ningún ticket coincide' : 'No hay tickets'" />
      } @else {
        <div class="tabla">
          <table mat-table [dataSource]="p.items" data-testid="tabla-tickets">
            <caption class="cdk-visually-hidden">Tickets de soporte</caption>
            <ng-container matColumnDef="id">
              <th mat-header-cell *matHeaderCellDef scope="col">N.º</th>
              <td mat-cell *matCellDef="let t">{{ t.id }}</td>
            </ng-container>
            <ng-container matColumnDef="titulo">
              <th mat-header-cell *matHeaderCellDef scope="col">Título</th>
              <td mat-cell *matCellDef="let t"><a [routerLink]="['/consola/tickets', t.id]" (click)="$event.stopPropagation()">{{ t.titulo }}</a></td>
            </ng-container>
            <ng-container matColumnDef="empresa">
              <th mat-header-cell *matHeaderCellDef scope="col">Empresa</th>
              <td mat-cell *matCellDef="let t">{{ nombreEmpresa(t.empresa_id) }}</td>
            </ng-container>
            <ng-container matColumnDef="prioridad">
              <th mat-header-cell *matHeaderCellDef scope="col">Prioridad</th>
              <td mat-cell *matCellDef="let t"><span class="chip" [class]="'chip p-' + t.prioridad">{{ prioridad(t.prioridad) }}</span></td>
            </ng-container>
            <ng-container matColumnDef="estado">
              <th mat-header-cell *matHeaderCellDef scope="col">Estado</th>
              <td mat-cell *matCellDef="let t"><span class="chip" [class]="'chip e-' + t.estado">{{ estado(t.estado) }}</span></td>
            </ng-container>
            <ng-container matColumnDef="created_at">
              <th mat-header-cell *matHeaderCellDef scope="col">Creado</th>
              <td mat-cell *matCellDef="let t">{{ t.created_at | date: 'short' }}</td>
            </ng-container>
            <ng-container matColumnDef="respuesta">
              <th mat-header-cell *matHeaderCellDef scope="col">Primera respuesta</th>
              <td mat-cell *matCellDef="let t">{{ t.first_response_at ? (t.first_response_at | date: 'short') : 'Pendiente' }}</td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columnas"></tr>
            <tr mat-row *matRowDef="let t; columns: columnas" class="fila" (click)="abrir(t)"></tr>
          </table>
        </div>
        <mat-paginator [length]="p.total" [pageIndex]="p.page - 1" [pageSize]="p.per_page" [pageSizeOptions]="[10, 20, 50, 100]"
                       (page)="l.paginar($event)" aria-label="Páginas de tickets" />
      }
    }
  `,
})
export class TicketsAdminPage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotifyService);
  private readonly router = inject(Router);
  readonly estados = ESTADOS_TICKET;
  readonly prioridades = PRIORIDADES;
  readonly columnas = ['id', 'titulo', 'empresa', 'prioridad', 'estado', 'created_at', 'respuesta'];
  readonly empresas = signal<Empresa[]>([]);
  readonly admins = signal<UsuarioAdmin[]>([]);
  readonly l = new Listado<TicketAdmin>((p) =>
    this.api.listar<TicketAdmin>('soporte-tickets', {
      q: p['q'], estado: p['estado'], prioridad: p['prioridad'], empresa_id: p['empresa_id'], asignado_a: p['asignado_a'], page: p['page'], per_page: p['per_page'],
    }),
  );

  constructor() {
    this.api.listar<Empresa>('empresas', { per_page: 100, sort: 'nombre' }, { silencioso: true }).subscribe((p) => this.empresas.set(p.items));
    this.api.listar<UsuarioAdmin>('usuarios', { rol: 'admin', per_page: 100, sort: 'nombre' }, { silencioso: true }).subscribe((p) => this.admins.set(p.items));
  }

  nombreEmpresa(id: number): string {
    return this.empresas().find((e) => e.id === id)?.nombre ?? `#${id}`;
  }

  estado(v: string): string {
    return etiqueta(ESTADOS_TICKET, v);
  }

  prioridad(v: string): string {
    return etiqueta(PRIORIDADES, v);
  }

  abrir(t: TicketAdmin): void {
    void this.router.navigate(['/consola/tickets', t.id]);
  }

  nuevo(): void {
    abrirFormulario<TicketAdmin>(this.dialog, {
      titulo: 'Nuevo ticket a nombre de una empresa',
      campos: CAMPOS_TICKET_NUEVO,
      valores: { prioridad: 'media' },
      boton: 'Crear ticket',
      enviar: (b) => this.api.crear<TicketAdmin>('soporte-tickets', b),
    }).subscribe((t) => {
      this.notify.ok('Ticket creado.');
      void this.router.navigate(['/consola/tickets', t.id]);
    });
  }
}
