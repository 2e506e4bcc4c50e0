import { Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { RouterLink } from '@angular/router';

import { Empresa } from '../../../core/api/backoffice';
import { UsuarioAdmin } from '../../../core/api/identidad';
import { AuthService } from '../../../core/auth.service';
import { ROLES, SI_NO, etiquetaDe } from '../../../core/opciones';
import { LISTA } from '../../../shared/lista/filtros';
import { ACCIONES, Columna } from '../../../shared/lista/lista';
import { Catalogo, listadoAdmin } from '../comun/admin-comun';
import { confirmar } from '../comun/confirmar-dialog';
import { cambiarPassword, editarUsuario, nuevoUsuario } from '../comun/dialogos';
import { PaginaLista } from '../comun/paginas';

/**
 * Users with filters (role, company, active). The backend's safety rules are reflected here:
 * an admin cannot deactivate, delete or demote themself, and the last active admin cannot be
 * deactivated, deleted or demoted (those options are disabled with the reason; the API answers 409).
 */
@Component({
  selector: 'app-admin-usuarios',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatMenuModule, LISTA],
  template: `
    <app-cabecera titulo="Usuarios">
      <button mat-flat-button type="button" (click)="nuevo()" data-testid="nuevo-usuario"><mat-icon>person_add</mat-icon> Nuevo usuario</button>
    </app-cabecera>
    <app-lista [listado]="l" [columnas]="columnas" nombre="usuarios" titulo="Usuarios" testid="tabla-usuarios"
               [vacio]="{ icono: 'person_off', titulo: 'Ningún usuario coincide' }">
      <app-filtro-texto campo="q" etiqueta="Buscar por nombre o correo" testid="buscar" />
      <app-filtro-select campo="rol" etiqueta="Rol" [opciones]="roles" testid="filtro-rol" />
      <app-filtro-select campo="is_active" etiqueta="Activo" [opciones]="siNo" />
      <app-filtro-select campo="empresa_id" etiqueta="Empresa" [opciones]="empresas.opciones()" todos="Todas" />
      <ng-template celda="nombre" let-u>{{ u.nombre }} @if (u.id === yo()) { <span class="chip">Usted</span> }</ng-template>
      <ng-template celda="rol" let-u>{{ rol(u.rol) }}</ng-template>
      <ng-template celda="empresa" let-u>
        @if (u.empresa_id) { <a [routerLink]="['/consola/empresas', u.empresa_id]">{{ empresas.nombre(u.empresa_id) }}</a> } @else { — }
      </ng-template>
      <ng-template celda="estado" let-u>
        <span class="chip" [class.ok]="u.is_active" [attr.data-testid]="'estado-' + u.email">{{ u.is_active ? 'Activo' : 'Inactivo' }}</span>
        @if (u.otp_enabled) { <span class="chip">2FA</span> }
      </ng-template>
      <ng-template celda="acciones" let-u>
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
      </ng-template>
    </app-lista>
  `,
  styleUrl: '../comun/admin.scss',
  styles: `.motivo { padding: 0 16px; max-width: 240px; }`,
})
export class UsuariosPage extends PaginaLista<UsuarioAdmin> {
  private readonly auth = inject(AuthService);
  readonly roles = ROLES;
  readonly siNo = SI_NO;
  readonly columnas: Columna[] = [
    { id: 'nombre', titulo: 'Nombre', orden: true }, { id: 'email', titulo: 'Correo', orden: true }, { id: 'rol', titulo: 'Rol', orden: true },
    { id: 'empresa', titulo: 'Empresa' }, { id: 'estado', titulo: 'Estado' }, { id: 'created_at', titulo: 'Alta', orden: true, formato: 'fecha' }, ACCIONES,
  ];
  readonly empresas = new Catalogo<Empresa>(this.api, 'empresas');
  /** Active admins in the system (to reflect the "last admin" rule). */
  readonly adminsActivos = signal<number>(0);
  readonly l = listadoAdmin<UsuarioAdmin>(this.api, 'usuarios', ['q', 'rol', 'empresa_id', 'is_active', 'sort']);

  constructor() {
    super();
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

  override recargar(): void {
    super.recargar();
    this.contarAdmins();
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
