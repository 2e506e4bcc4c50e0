import { DatePipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule } from '@angular/material/sort';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth.service';
import { NotifyService } from '../../core/notify.service';
import { EmptyState } from '../../shared/empty-state';
import { AdminApi, Empresa, UsuarioAdmin } from './admin-api';
import { Listado, ROLES, SI_NO, etiquetaDe } from './admin-comun';
import { confirmar } from './confirmar-dialog';
import { cambiarPassword, editarUsuario, nuevoUsuario } from './dialogos';

/**
 * Users with filters (role, company, active). The backend's safety rules are reflected here:
 * an admin cannot deactivate, delete or demote themself, and the last active admin cannot be
 * deactivated, deleted or demoted (those options are disabled with the reason; the API answers 409).
 */
@Component({
  selector: 'app-admin-usuarios',
  imports: [DatePipe, RouterLink, MatTableModule, MatSortModule, MatPaginatorModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatIconModule, MatMenuModule, EmptyState],
  styleUrl: './admin.scss',
  template: `
    <div class="cabecera">
      <h1>Usuarios</h1>
      <button mat-flat-button type="button" (click)="nuevo()" data-testid="nuevo-usuario"><mat-icon>person_add</mat-icon> Nuevo usuario</button>
    </div>
    <div class="filtros" role="search">
      <mat-form-field>
        <mat-label>Buscar por nombre o correo</mat-label>
        <input matInput [value]="l.get('q')" (input)="l.buscar('q', $any($event.target).value)" data-testid="buscar" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>Rol</mat-label>
        <mat-select [value]="l.get('rol')" (selectionChange)="l.filtrar({ rol: $event.value })" data-testid="filtro-rol">
          <mat-option value="">Todos</mat-option>
          @for (r of roles; track r.valor) { <mat-option [value]="r.valor">{{ r.etiqueta }}</mat-option> }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Activo</mat-label>
        <mat-select [value]="l.get('is_active')" (selectionChange)="l.filtrar({ is_active: $event.value })">
          <mat-option value="">Todos</mat-option>
          @for (o of siNo; track o.valor) { <mat-option [value]="o.valor">{{ o.etiqueta }}</mat-option> }
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
        <app-empty-state icono="person_off" titulo="Ningún usuario coincide" />
      } @else {
        <div class="tabla">
          <table mat-table [dataSource]="p.items" matSort [matSortActive]="l.orden().active" [matSortDirection]="l.orden().direction"
                 (matSortChange)="l.ordenar($event)" data-testid="tabla-usuarios">
            <caption class="cdk-visually-hidden">Usuarios</caption>
            <ng-container matColumnDef="nombre">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Nombre</th>
              <td mat-cell *matCellDef="let u">{{ u.nombre }} @if (u.id === yo()) { <span class="chip">Usted</span> }</td>
            </ng-container>
            <ng-container matColumnDef="email">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Correo</th>
              <td mat-cell *matCellDef="let u">{{ u.email }}</td>
            </ng-container>
            <ng-container matColumnDef="rol">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Rol</th>
              <td mat-cell *matCellDef="let u">{{ rol(u.rol) }}</td>
            </ng-container>
            <ng-container matColumnDef="empresa">
              <th mat-header-cell *matHeaderCellDef scope="col">Empresa</th>
              <td mat-cell *matCellDef="let u">
                @if (u.empresa_id) { <a [routerLink]="['/consola/empresas', u.empresa_id]">{{ nombreEmpresa(u.empresa_id) }}</a> } @else { — }
              </td>
            </ng-container>
            <ng-container matColumnDef="estado">
              <th mat-header-cell *matHeaderCellDef scope="col">Estado</th>
              <td mat-cell *matCellDef="let u"><span class="chip" [class.ok]="u.is_active" [attr.data-testid]="'estado-' + u.email">{{ u.is_active ? 'Activo' : 'Inactivo' }}</span>
                @if (u.otp_enabled) { <span class="chip">2FA</span> }</td>
            </ng-container>
            <ng-container matColumnDef="created_at">
              <th mat-header-cell *matHeaderCellDef mat-sort-header scope="col">Alta</th>
              <td mat-cell *matCellDef="let u">{{ u.created_at | date: 'mediumDate' }}</td>
            </ng-container>
            <ng-container matColumnDef="acciones">
              <th mat-header-cell *matHeaderCellDef scope="col"><span class="cdk-visually-hidden">Acciones</span></th>
              <td mat-cell *matCellDef="let u" class="acciones-celda">
                <button mat-icon-button type="button" [matMenuTriggerFor]="menu" [attr.aria-label]="'Acciones de ' + u.email" [attr.data-testid]="'acciones-' + u.email">
                  <mat-icon>more_vert</mat-icon>
                </button>
                <mat-menu #menu="matMenu">
                  <button mat-menu-item type="button" (click)="editar(u)"><mat-icon>edit</mat-icon> Editar</button>
                  <button mat-menu-item type="button" (click)="password(u)" data-accion="password"><mat-icon>key</mat-icon> Cambiar contraseña</button>
                  <button mat-menu-item type="button" (click)="alternar(u)" [disabled]="!!bloqueo(u, 'desactivar') && u.is_active" data-accion="toggle">
                    <mat-icon>{{ u.is_active ? 'block' : 'check_circle' }}</mat-icon> {{ u.is_active ? 'Desactivar' : 'Activar' }}
                  </button>
                  <button mat-menu-item type="button" (click)="eliminar(u)" [disabled]="!!bloqueo(u, 'eliminar')" class="peligro" data-accion="eliminar">
                    <mat-icon>delete</mat-icon> Eliminar
                  </button>
                  @if (bloqueo(u, 'eliminar'); as motivo) { <p class="muted motivo" role="note">{{ motivo }}</p> }
                </mat-menu>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columnas"></tr>
            <tr mat-row *matRowDef="let u; columns: columnas"></tr>
          </table>
        </div>
        <mat-paginator [length]="p.total" [pageIndex]="p.page - 1" [pageSize]="p.per_page" [pageSizeOptions]="[10, 20, 50, 100]"
                       (page)="l.paginar($event)" aria-label="Páginas de usuarios" />
      }
    }
  `,
  styles: `.motivo { padding: 0 16px; max-width: 240px; }`,
})
export class UsuariosPage {
  private readonly api = inject(AdminApi);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(NotifyService);
  private readonly auth = inject(AuthService);
  readonly roles = ROLES;
  readonly siNo = SI_NO;
  readonly columnas = ['nombre', 'email', 'rol', 'empresa', 'estado', 'created_at', 'acciones'];
  readonly empresas = signal<Empresa[]>([]);
  /** Active admins in the system (to reflect the "last admin" rule). */
  readonly adminsActivos = signal<number>(0);
  readonly l = new Listado<UsuarioAdmin>((p) =>
    this.api.listar<UsuarioAdmin>('usuarios', {
      q: p['q'], rol: p['rol'], empresa_id: p['empresa_id'], is_active: p['is_active'], sort: p['sort'], page: p['page'], per_page: p['per_page'],
    }),
  );

  constructor() {
    this.api.listar<Empresa>('empresas', { per_page: 100, sort: 'nombre' }, { silencioso: true }).subscribe((p) => this.empresas.set(p.items));
    this.contarAdmins();
  }

  private contarAdmins(): void {
    this.api.contar('usuarios', { rol: 'admin', is_active: 'true' }).subscribe((n) => this.adminsActivos.set(n));
  }

  yo(): number | undefined {
    return this.auth.usuario()?.id;
  }

  rol(v: string): string {
    return etiquetaDe(ROLES, v);
  }

  nombreEmpresa(id: number): string {
    return this.empresas().find((e) => e.id === id)?.nombre ?? `#${id}`;
  }

  /** Why the backend would refuse this operation (null when allowed). */
  bloqueo(u: UsuarioAdmin, _op: 'desactivar' | 'eliminar'): string | null {
    if (u.id === this.yo()) {
      return 'No puede desactivarse ni eliminarse a sí mismo.';
    }
    if (u.rol === 'admin' && u.is_active && this.adminsActivos() <= 1) {
      return 'Es el último administrador activo.';
    }
    return null;
  }

  private listo(mensaje: string) {
    return () => {
      this.notify.ok(mensaje);
      this.l.recargar();
      this.contarAdmins();
    };
  }

  nuevo(): void {
    nuevoUsuario(this.dialog, this.api).subscribe(this.listo('Usuario creado.'));
  }

  editar(u: UsuarioAdmin): void {
    editarUsuario(this.dialog, this.api, u, u.id === this.yo()).subscribe(this.listo('Usuario actualizado.'));
  }

  password(u: UsuarioAdmin): void {
    cambiarPassword(this.dialog, this.api, u).subscribe(this.listo('Contraseña cambiada; sus sesiones se cerraron.'));
  }

  alternar(u: UsuarioAdmin): void {
    confirmar(this.dialog, {
      titulo: u.is_active ? 'Desactivar usuario' : 'Activar usuario',
      mensaje: u.is_active ? `${u.nombre} (${u.email}) no podrá iniciar sesión y sus sesiones abiertas se cerrarán.` : `${u.nombre} (${u.email}) podrá iniciar sesión de nuevo.`,
      boton: u.is_active ? 'Desactivar' : 'Activar',
      peligro: u.is_active,
      accion: () => this.api.accion('usuarios', u.id, 'toggle-estado'),
    }).subscribe(this.listo(u.is_active ? 'Usuario desactivado.' : 'Usuario activado.'));
  }

  eliminar(u: UsuarioAdmin): void {
    confirmar(this.dialog, {
      titulo: 'Eliminar usuario',
      mensaje: `Se eliminará definitivamente a ${u.nombre} (${u.email}). Si tiene registros asociados, desactívelo en su lugar.`,
      boton: 'Eliminar',
      peligro: true,
      accion: () => this.api.eliminar('usuarios', u.id),
    }).subscribe(this.listo('Usuario eliminado.'));
  }
}
