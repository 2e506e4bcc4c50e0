import { CurrencyPipe, DatePipe, DecimalPipe, JsonPipe } from '@angular/common';
import { Component, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';

import { NotifyService } from '../../core/notify.service';
import { EmptyState } from '../../shared/empty-state';
import { AdminApi, Contrato, DisponibilidadAdmin, Empresa, Pago, SoporteTipo } from './admin-api';
import { ESTADOS_CONTRATO, ESTADOS_PAGO, MODALIDADES, etiquetaDe } from './admin-comun';
import { confirmar } from './confirmar-dialog';
import { CupoSoporte } from './cupo-soporte';
import { registrarPago } from './dialogos';
import { abrirFormulario } from './form-dialog';

/** One support contract: state, consumption, payments (a successful one activates it), renew/cancel. */
@Component({
  selector: 'app-admin-contrato-detalle',
  imports: [CurrencyPipe, DatePipe, DecimalPipe, JsonPipe, RouterLink, MatCardModule, MatButtonModule, MatIconModule, MatProgressSpinnerModule, EmptyState, CupoSoporte],
  styleUrl: './admin.scss',
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
            <span class="chip" [class]="'chip e-' + c.estado" data-testid="contrato-estado">{{ estado(c.estado) }}</span>
          </p>
        </div>
        <div class="acciones">
          @if (c.estado === 'pendiente_pago') {
            <button mat-flat-button type="button" (click)="pago(c)" data-testid="registrar-pago"><mat-icon>payments</mat-icon> Registrar pago</button>
          }
          @if (c.estado === 'activo' || c.estado === 'vencido') {
            <button mat-stroked-button type="button" (click)="renovar(c)" data-testid="renovar-contrato"><mat-icon>autorenew</mat-icon> Renovar</button>
          }
          @if (c.estado === 'activo' || c.estado === 'pendiente_pago') {
            <button mat-stroked-button type="button" class="peligro" (click)="cancelar(c)" data-testid="cancelar-contrato"><mat-icon>cancel</mat-icon> Cancelar</button>
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
                    <td><span class="chip" [class]="'chip e-' + p.estado">{{ estadoPago(p.estado) }}</span></td>
                    <td><code>{{ p.detalle ? (p.detalle | json) : '—' }}</code></td>
                    <td>
                      @if (p.estado === 'pendiente') {
                        <button mat-button type="button" (click)="confirmarPago(p)">Marcar exitoso</button>
                        <button mat-button type="button" class="peligro" (click)="fallarPago(p)">Marcar fallido</button>
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
})
export class ContratoDetallePage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotifyService);
  readonly id = input.required<string>();
  readonly contrato = signal<Contrato | null>(null);
  readonly noEncontrado = signal(false);
  readonly empresa = signal<Empresa | null>(null);
  readonly tipo = signal<SoporteTipo | null>(null);
  readonly pagos = signal<Pago[]>([]);
  readonly disponibilidad = signal<DisponibilidadAdmin | null>(null);

  constructor() {
    effect(() => this.cargar(Number(this.id())));
  }

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

  private listo(mensaje: string) {
    return () => {
      this.notify.ok(mensaje);
      this.cargar(Number(this.id()));
    };
  }

  estado(v: string): string {
    return etiquetaDe(ESTADOS_CONTRATO, v);
  }

  estadoPago(v: string): string {
    return etiquetaDe(ESTADOS_PAGO, v);
  }

  modalidad(v: string): string {
    return etiquetaDe(MODALIDADES, v);
  }

  pago(c: Contrato): void {
    registrarPago(this.dialog, this.api, c).subscribe((p) =>
      this.listo(p.estado === 'exitoso' ? 'Pago registrado: el contrato quedó activo.' : 'Pago registrado.')(),
    );
  }

  confirmarPago(p: Pago): void {
    confirmar(this.dialog, {
      titulo: 'Confirmar pago',
      mensaje: 'El pago quedará exitoso (no se puede deshacer) y activará el contrato si está pendiente de pago.',
      boton: 'Marcar exitoso',
      accion: () => this.api.actualizar('soporte-pagos', p.id, { estado: 'exitoso' }, 'patch'),
    }).subscribe(this.listo('Pago marcado como exitoso.'));
  }

  fallarPago(p: Pago): void {
    confirmar(this.dialog, {
      titulo: 'Pago fallido',
      mensaje: 'El pago quedará fallido (no se puede deshacer).',
      boton: 'Marcar fallido',
      peligro: true,
      accion: () => this.api.actualizar('soporte-pagos', p.id, { estado: 'fallido' }, 'patch'),
    }).subscribe(this.listo('Pago marcado como fallido.'));
  }

  renovar(c: Contrato): void {
    confirmar(this.dialog, {
      titulo: 'Renovar contrato',
      mensaje: 'Empieza un periodo nuevo desde hoy con los contadores en cero y el precio vigente del tipo.',
      boton: 'Renovar',
      accion: () => this.api.accion('soporte-suscripciones', c.id, 'renovar'),
    }).subscribe(this.listo('Contrato renovado.'));
  }

  cancelar(c: Contrato): void {
    confirmar(this.dialog, {
      titulo: 'Cancelar contrato',
      mensaje: 'La empresa no podrá abrir tickets nuevos con este contrato.',
      boton: 'Cancelar contrato',
      peligro: true,
      accion: () => this.api.accion('soporte-suscripciones', c.id, 'cancelar'),
    }).subscribe(this.listo('Contrato cancelado.'));
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
