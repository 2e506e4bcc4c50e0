import { CurrencyPipe, DatePipe, DecimalPipe, JsonPipe } from '@angular/common';
import { Component, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';

import { Empresa } from '../../../core/api/backoffice';
import { Contrato, DisponibilidadAdmin, Pago, SoporteTipo } from '../../../core/api/soporte';
import { MAQUINA_CONTRATO, MAQUINA_PAGO, destino, puede } from '../../../core/estados';
import { MODALIDADES, etiquetaDe } from '../../../core/opciones';
import { Chip } from '../../../shared/chip';
import { EmptyState } from '../../../shared/empty-state';
import { DatosConfirmar, confirmar } from '../comun/confirmar-dialog';
import { CupoSoporte } from '../comun/cupo-soporte';
import { registrarPago } from '../comun/dialogos';
import { abrirFormulario } from '../comun/form-dialog';
import { PaginaDetalle } from '../comun/paginas';

type AccionConfirmada = 'renovar' | 'cancelar';

/** The confirmation of each contract action and payment change, and what is said once done. */
const CONFIRMACIONES: Record<AccionConfirmada | 'confirmar' | 'rechazar', Omit<DatosConfirmar, 'accion'> & { hecho: string }> = {
  renovar: { titulo: 'Renovar contrato', mensaje: 'Empieza un periodo nuevo desde hoy con los contadores en cero y el precio vigente del tipo.', boton: 'Renovar', hecho: 'Contrato renovado.' },
  cancelar: { titulo: 'Cancelar contrato', mensaje: 'La empresa no podrá abrir tickets nuevos con este contrato.', boton: 'Cancelar contrato', peligro: true, hecho: 'Contrato cancelado.' },
  confirmar: { titulo: 'Confirmar pago', mensaje: 'El pago quedará exitoso (no se puede deshacer) y activará el contrato si está pendiente de pago.', boton: 'Marcar exitoso', hecho: 'Pago marcado como exitoso.' },
  rechazar: { titulo: 'Pago fallido', mensaje: 'El pago quedará fallido (no se puede deshacer).', boton: 'Marcar fallido', peligro: true, hecho: 'Pago marcado como fallido.' },
};

/** One support contract: state, consumption, payments (a successful one activates it), renew/cancel. */
@Component({
  selector: 'app-admin-contrato-detalle',
  imports: [CurrencyPipe, DatePipe, DecimalPipe, JsonPipe, RouterLink, MatCardModule, MatButtonModule, MatIconModule, MatProgressSpinnerModule, Chip, EmptyState, CupoSoporte],
  template: `
    @if (noEncontrado()) {
      <app-empty-state icono="search_off" titulo="Contrato no encontrado"><a mat-flat-button routerLink="/consola/contratos">Volver</a></app-empty-state>
    } @else if (contrato(); as c) {
      <div class="cabecera">
        <div>
          <a mat-button routerLink="/consola/contratos"><mat-icon>arrow_back</mat-icon> Contratos</a>
          <h1>Contrato de soporte #{{ c.id }}</h1>
          <p class="muted">
            @if (empresa(); as e) { <a [routerLink]="['/consola/empresas', e.id]">{{ e.nombre }}</a> · }
            {{ tipo()?.nombre }} · {{ modalidad(c.modalidad) }} ·
            <app-chip de="contrato" [valor]="c.estado" data-testid="contrato-estado" />
          </p>
        </div>
        <div class="acciones">
          @if (puede(c, 'activar')) {
            <button mat-flat-button type="button" (click)="pago(c)" data-testid="registrar-pago"><mat-icon>payments</mat-icon> Registrar pago</button>
          }
          @if (puede(c, 'renovar')) {
            <button mat-stroked-button type="button" (click)="accion(c, 'renovar')" data-testid="renovar-contrato"><mat-icon>autorenew</mat-icon> Renovar</button>
          }
          @if (puede(c, 'cancelar')) {
            <button mat-stroked-button type="button" class="peligro" (click)="accion(c, 'cancelar')" data-testid="cancelar-contrato"><mat-icon>cancel</mat-icon> Cancelar</button>
          }
          <button mat-stroked-button type="button" (click)="notas(c)"><mat-icon>notes</mat-icon> Notas</button>
        </div>
      </div>
      <div class="grid">
        <mat-card appearance="outlined">
          <mat-card-content>
            <h2>Datos</h2>
            <dl class="datos">
              <dt>Periodo</dt><dd>{{ c.fecha_inicio | date: 'mediumDate' }} – {{ c.fecha_fin | date: 'mediumDate' }}</dd>
              <dt>Precio</dt><dd>{{ c.precio_actual | currency: 'COP' : 'symbol-narrow' : '1.0-2' }}</dd>
              <dt>Tickets usados</dt><dd>{{ c.tickets_consumidos }} @if (c.max_tickets) { de {{ c.max_tickets }} }</dd>
              <dt>Horas usadas</dt><dd>{{ c.horas_consumidas | number: '1.0-2' }} @if (c.max_horas) { de {{ c.max_horas | number: '1.0-2' }} }</dd>
              <dt>Suscripción</dt><dd>#{{ c.suscripcion_id }}</dd>
              <dt>Notas</dt><dd>{{ c.notas ?? '—' }}</dd>
            </dl>
          </mat-card-content>
        </mat-card>
        <mat-card appearance="outlined">
          <mat-card-content>
            <h2>Disponibilidad de la empresa</h2>
            <app-cupo-soporte [d]="disponibilidad()" />
          </mat-card-content>
        </mat-card>
      </div>
      <mat-card appearance="outlined">
        <mat-card-content>
          <h2>Pagos</h2>
          @if (pagos().length) {
            <table class="simple" data-testid="tabla-pagos">
              <thead><tr><th scope="col">Fecha</th><th scope="col">Monto</th><th scope="col">Estado</th><th scope="col">Detalle</th><th scope="col"></th></tr></thead>
              <tbody>
                @for (p of pagos(); track p.id) {
                  <tr>
                    <td>{{ p.fecha_pago | date: 'medium' }}</td>
                    <td>{{ p.monto | currency: 'COP' : 'symbol-narrow' : '1.0-2' }}</td>
                    <td><app-chip de="pago" [valor]="p.estado" /></td>
                    <td><code>{{ p.detalle ? (p.detalle | json) : '—' }}</code></td>
                    <td>
                      @if (pagoPendiente(p)) {
                        <button mat-button type="button" (click)="cambiarPago(p, 'confirmar')">Marcar exitoso</button>
                        <button mat-button type="button" class="peligro" (click)="cambiarPago(p, 'rechazar')">Marcar fallido</button>
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          } @else {
            <p class="muted">Sin pagos. Un pago exitoso activa el contrato pendiente de pago.</p>
          }
        </mat-card-content>
      </mat-card>
    } @else {
      <mat-spinner diameter="40" aria-label="Cargando contrato" />
    }
  `,
  styleUrl: '../comun/admin.scss',
})
export class ContratoDetallePage extends PaginaDetalle {
  readonly contrato = signal<Contrato | null>(null);
  readonly empresa = signal<Empresa | null>(null);
  readonly tipo = signal<SoporteTipo | null>(null);
  readonly pagos = signal<Pago[]>([]);
  readonly disponibilidad = signal<DisponibilidadAdmin | null>(null);

  cargar(id: number): void {
    this.api.obtener<Contrato>('soporte-suscripciones', id).subscribe({
      next: (c) => {
        this.contrato.set(c);
        this.api.obtener<Empresa>('empresas', c.empresa_id).subscribe((e) => this.empresa.set(e));
        this.api.obtener<SoporteTipo>('soporte-tipos', c.soporte_tipo_id).subscribe((t) => this.tipo.set(t));
        this.api.disponibilidad(c.empresa_id).pipe(catchError(() => of(null))).subscribe((d) => this.disponibilidad.set(d));
      },
      error: () => this.noEncontrado.set(true),
    });
    this.api.listar<Pago>('soporte-pagos', { soporte_suscripcion_id: id, per_page: 100 }).subscribe((p) => this.pagos.set(p.items));
  }

  /** Buttons follow the contract's state machine (a payment activates one pending payment). */
  puede(c: Contrato, accion: 'activar' | AccionConfirmada): boolean {
    return puede(MAQUINA_CONTRATO, c.estado, accion);
  }

  /** Only a pending payment can still become successful or failed. */
  pagoPendiente(p: Pago): boolean {
    return puede(MAQUINA_PAGO, p.estado, 'confirmar');
  }

  modalidad(v: string): string {
    return etiquetaDe(MODALIDADES, v);
  }

  pago(c: Contrato): void {
    registrarPago(this.dialog, this.api, c).subscribe((p) =>
      this.hecho(p.estado === 'exitoso' ? 'Pago registrado: el contrato quedó activo.' : 'Pago registrado.'),
    );
  }

  /** Renews or cancels the contract, once confirmed. */
  accion(c: Contrato, accion: AccionConfirmada): void {
    const { hecho, ...datos } = CONFIRMACIONES[accion];
    confirmar(this.dialog, { ...datos, accion: () => this.api.accion('soporte-suscripciones', c.id, accion) }).subscribe(this.listo(hecho));
  }

  /** Marks a pending payment successful or failed, once confirmed (neither can be undone). */
  cambiarPago(p: Pago, accion: 'confirmar' | 'rechazar'): void {
    const { hecho, ...datos } = CONFIRMACIONES[accion];
    const estado = destino(MAQUINA_PAGO, p.estado, accion);
    confirmar(this.dialog, { ...datos, accion: () => this.api.actualizar('soporte-pagos', p.id, { estado }, 'patch') }).subscribe(this.listo(hecho));
  }

  notas(c: Contrato): void {
    abrirFormulario<Contrato>(this.dialog, {
      titulo: 'Notas del contrato',
      campos: [{ nombre: 'notas', etiqueta: 'Notas', tipo: 'textarea', maxLength: 5000, nulo: true }],
      valores: { notas: c.notas ?? '' },
      edicion: true,
      enviar: (b) => this.api.actualizar<Contrato>('soporte-suscripciones', c.id, b, 'patch'),
    }).subscribe(this.listo('Notas guardadas.'));
  }
}
