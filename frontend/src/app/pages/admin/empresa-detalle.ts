import { CurrencyPipe, DatePipe, DecimalPipe } from '@angular/common';
import { Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';

import { ESTADOS_TICKET, PRIORIDADES, etiqueta } from '../../core/models';
import { NotifyService } from '../../core/notify.service';
import { EmptyState } from '../../shared/empty-state';
import { AdminApi, AuditLog, Contrato, DisponibilidadAdmin, Empresa, Pago, Suscripcion, TicketAdmin, UsuarioAdmin } from './admin-api';
import { ESTADOS_CONTRATO, ESTADOS_EMPRESA, ESTADOS_PAGO, ESTADOS_SUSCRIPCION, MODALIDADES, ROLES, etiquetaDe } from './admin-comun';
import { nuevaSuscripcion, nuevoContrato, nuevoUsuario, registrarPago } from './dialogos';
import { desactivarEmpresa, editarEmpresa } from './empresas';
import { CupoSoporte } from './cupo-soporte';
import { SuscripcionAcciones } from './suscripcion-acciones';

/** Everything about one company at a glance: users, plan, support contract, payments, tickets, audit. */
@Component({
  selector: 'app-admin-empresa-detalle',
  imports: [CurrencyPipe, DatePipe, DecimalPipe, RouterLink, MatCardModule, MatButtonModule, MatIconModule, MatProgressSpinnerModule, EmptyState, SuscripcionAcciones, CupoSoporte],
  styleUrl: './admin.scss',
  templateUrl: './empresa-detalle.html',
})
export class EmpresaDetallePage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotifyService);

  readonly id = input.required<string>();
  readonly empresa = signal<Empresa | null>(null);
  readonly noEncontrada = signal(false);
  readonly suscripciones = signal<Suscripcion[]>([]);
  readonly contratos = signal<Contrato[]>([]);
  readonly pagos = signal<Pago[]>([]);
  readonly usuarios = signal<UsuarioAdmin[]>([]);
  readonly tickets = signal<TicketAdmin[]>([]);
  readonly ticketsTotal = signal(0);
  readonly auditoria = signal<AuditLog[]>([]);
  readonly disponibilidad = signal<DisponibilidadAdmin | null>(null);

  constructor() {
    effect(() => this.cargar(Number(this.id())));
  }

  cargar(id: number): void {
    this.api.obtener<Empresa>('empresas', id).subscribe({
      next: (e) => this.empresa.set(e),
      error: () => this.noEncontrada.set(true),
    });
    this.api.listar<Suscripcion>('suscripciones', { empresa_id: id, sort: '-created_at', per_page: 20 }).subscribe((p) => this.suscripciones.set(p.items));
    this.api.listar<Contrato>('soporte-suscripciones', { empresa_id: id, per_page: 20 }).subscribe((p) => this.contratos.set(p.items));
    this.api.listar<Pago>('soporte-pagos', { empresa_id: id, per_page: 20 }).subscribe((p) => this.pagos.set(p.items));
    this.api.listar<UsuarioAdmin>('usuarios', { empresa_id: id, per_page: 50, sort: 'nombre' }).subscribe((p) => this.usuarios.set(p.items));
    this.api.listar<TicketAdmin>('soporte-tickets', { empresa_id: id, per_page: 10 }).subscribe((p) => {
      this.tickets.set(p.items);
      this.ticketsTotal.set(p.total);
    });
    this.api.listar<AuditLog>('auditoria', { empresa_id: id, per_page: 10 }).subscribe((p) => this.auditoria.set(p.items));
    this.api.disponibilidad(id).pipe(catchError(() => of(null))).subscribe((d) => this.disponibilidad.set(d));
  }

  recargar(): void {
    this.cargar(Number(this.id()));
  }

  vigente(): Suscripcion | null {
    return this.suscripciones().find((s) => s.estado !== 'cancelada') ?? null;
  }

  editar(e: Empresa): void {
    editarEmpresa(this.dialog, this.api, e).subscribe(() => {
      this.notify.ok('Empresa actualizada.');
      this.recargar();
    });
  }

  desactivar(e: Empresa): void {
    desactivarEmpresa(this.dialog, this.api, e).subscribe(() => {
      this.notify.ok('Empresa desactivada.');
      this.recargar();
    });
  }

  activar(e: Empresa): void {
    this.api.accion<Empresa>('empresas', e.id, 'activar', {}, true).subscribe(() => {
      this.notify.ok('Empresa activada.');
      this.recargar();
    });
  }

  nuevaSuscripcion(): void {
    nuevaSuscripcion(this.dialog, this.api, Number(this.id())).subscribe(() => {
      this.notify.ok('Suscripción creada.');
      this.recargar();
    });
  }

  nuevoContrato(): void {
    nuevoContrato(this.dialog, this.api, Number(this.id())).subscribe(() => {
      this.notify.ok('Contrato de soporte creado: queda pendiente de pago.');
      this.recargar();
    });
  }

  registrarPago(c: Contrato): void {
    registrarPago(this.dialog, this.api, c).subscribe((p) => {
      this.notify.ok(p.estado === 'exitoso' ? 'Pago registrado.' : 'Pago registrado (no activa el contrato).');
      this.recargar();
    });
  }

  nuevoUsuario(): void {
    nuevoUsuario(this.dialog, this.api, Number(this.id())).subscribe(() => {
      this.notify.ok('Usuario creado.');
      this.recargar();
    });
  }

  e(lista: 'empresa' | 'suscripcion' | 'contrato' | 'pago' | 'rol' | 'modalidad' | 'ticket' | 'prioridad', v: string | null): string {
    switch (lista) {
      case 'empresa': return etiquetaDe(ESTADOS_EMPRESA, v);
      case 'suscripcion': return etiquetaDe(ESTADOS_SUSCRIPCION, v);
      case 'contrato': return etiquetaDe(ESTADOS_CONTRATO, v);
      case 'pago': return etiquetaDe(ESTADOS_PAGO, v);
      case 'rol': return etiquetaDe(ROLES, v);
      case 'modalidad': return etiquetaDe(MODALIDADES, v);
      case 'ticket': return etiqueta(ESTADOS_TICKET, v);
      case 'prioridad': return etiqueta(PRIORIDADES, v);
    }
  }
}
