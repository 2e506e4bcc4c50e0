import { CurrencyPipe, DatePipe, DecimalPipe } from '@angular/common';
import { Component, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';

import { AuditLog, Empresa, Suscripcion } from '../../../core/api/backoffice';
import { UsuarioAdmin } from '../../../core/api/identidad';
import { Contrato, DisponibilidadAdmin, Pago, TicketAdmin } from '../../../core/api/soporte';
import { MAQUINA_CONTRATO, MAQUINA_EMPRESA, MAQUINA_SUSCRIPCION, esFinal, puede } from '../../../core/estados';
import { MODALIDADES, ROLES, etiquetaDe } from '../../../core/opciones';
import { Chip } from '../../../shared/chip';
import { EmptyState } from '../../../shared/empty-state';
import { CupoSoporte } from '../comun/cupo-soporte';
import { nuevaSuscripcion, nuevoContrato, nuevoUsuario, registrarPago } from '../comun/dialogos';
import { PaginaDetalle } from '../comun/paginas';
import { SuscripcionAcciones } from '../suscripciones/suscripcion-acciones';
import { AccionEmpresa, empresaPendiente, gestionarEmpresa } from './empresas';

/** Everything about one company at a glance: users, plan, support contract, payments, tickets, audit. */
@Component({
  selector: 'app-admin-empresa-detalle',
  imports: [CurrencyPipe, DatePipe, DecimalPipe, RouterLink, MatCardModule, MatButtonModule, MatIconModule, MatProgressSpinnerModule, Chip, EmptyState, SuscripcionAcciones, CupoSoporte],
  templateUrl: './empresa-detalle.html',
  styleUrl: '../comun/admin.scss',
})
export class EmpresaDetallePage extends PaginaDetalle {
  readonly empresa = signal<Empresa | null>(null);
  readonly suscripciones = signal<Suscripcion[]>([]);
  readonly contratos = signal<Contrato[]>([]);
  readonly pagos = signal<Pago[]>([]);
  readonly usuarios = signal<UsuarioAdmin[]>([]);
  readonly tickets = signal<TicketAdmin[]>([]);
  readonly ticketsTotal = signal(0);
  readonly auditoria = signal<AuditLog[]>([]);
  readonly disponibilidad = signal<DisponibilidadAdmin | null>(null);

  cargar(id: number): void {
    this.api.obtener<Empresa>('empresas', id).subscribe({
      next: (e) => this.empresa.set(e),
      error: () => this.noEncontrado.set(true),
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

  /** The current subscription: the latest one not in a final state. */
  vigente(): Suscripcion | null {
    return this.suscripciones().find((s) => !esFinal(MAQUINA_SUSCRIPCION, s.estado)) ?? null;
  }

  /** A payment activates a contract pending payment. */
  puedePagar(c: Contrato): boolean {
    return puede(MAQUINA_CONTRATO, c.estado, 'activar');
  }

  puedeDesactivar(e: Empresa): boolean {
    return puede(MAQUINA_EMPRESA, e.estado, 'desactivar');
  }

  pendiente(e: Empresa): boolean {
    return empresaPendiente(e);
  }

  gestionar(accion: AccionEmpresa, e: Empresa): void {
    gestionarEmpresa(this.dialog, this.api, accion, e).subscribe((mensaje) => {
      if (accion !== 'rechazar') {
        this.hecho(mensaje);
        return;
      }
      // The company no longer exists: back to the list.
      this.notify.ok(mensaje);
      void this.router.navigate(['/consola/empresas']);
    });
  }

  nuevaSuscripcion(): void {
    nuevaSuscripcion(this.dialog, this.api, Number(this.id())).subscribe(this.listo('Suscripción creada.'));
  }

  nuevoContrato(): void {
    nuevoContrato(this.dialog, this.api, Number(this.id())).subscribe(this.listo('Contrato de soporte creado: queda pendiente de pago.'));
  }

  registrarPago(c: Contrato): void {
    registrarPago(this.dialog, this.api, c).subscribe((p) =>
      this.hecho(p.estado === 'exitoso' ? 'Pago registrado.' : 'Pago registrado (no activa el contrato).'),
    );
  }

  nuevoUsuario(): void {
    nuevoUsuario(this.dialog, this.api, Number(this.id())).subscribe(this.listo('Usuario creado.'));
  }

  e(lista: 'rol' | 'modalidad', v: string | null): string {
    return etiquetaDe(lista === 'rol' ? ROLES : MODALIDADES, v);
  }
}
