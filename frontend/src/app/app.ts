import { BreakpointObserver } from '@angular/cdk/layout';
import { Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { map } from 'rxjs';

import { AuthService } from './core/auth.service';
import { LoadingService } from './core/loading.service';

interface Enlace {
  ruta: string;
  texto: string;
  icono: string;
  /** Active only on this exact URL (the console home would otherwise match every console page). */
  exacta?: boolean;
}

const PUBLICO: Enlace[] = [
  { ruta: '/planes', texto: 'Planes', icono: 'sell' },
  { ruta: '/contratar', texto: 'Contratar', icono: 'add_business' },
];

const CLIENTE: Enlace[] = [
  { ruta: '/suscripcion', texto: 'Mi suscripción', icono: 'workspace_premium' },
  { ruta: '/soporte', texto: 'Soporte', icono: 'support_agent' },
  { ruta: '/cuenta/perfil', texto: 'Mi perfil', icono: 'person' },
  { ruta: '/cuenta/seguridad', texto: 'Seguridad', icono: 'security' },
  { ruta: '/planes', texto: 'Planes', icono: 'sell' },
];

const ADMIN: Enlace[] = [
  { ruta: '/consola', texto: 'Consola', icono: 'dashboard', exacta: true },
  { ruta: '/consola/empresas', texto: 'Empresas', icono: 'domain' },
  { ruta: '/consola/usuarios', texto: 'Usuarios', icono: 'group' },
  { ruta: '/consola/planes', texto: 'Planes', icono: 'sell' },
  { ruta: '/consola/servicios', texto: 'Servicios', icono: 'widgets' },
  { ruta: '/consola/suscripciones', texto: 'Suscripciones', icono: 'workspace_premium' },
  { ruta: '/consola/soporte-tipos', texto: 'Tipos de soporte', icono: 'support' },
  { ruta: '/consola/contratos', texto: 'Contratos de soporte', icono: 'handshake' },
  { ruta: '/consola/tickets', texto: 'Mesa de ayuda', icono: 'support_agent' },
  { ruta: '/consola/auditoria', texto: 'Auditoría', icono: 'history' },
  { ruta: '/cuenta/perfil', texto: 'Mi perfil', icono: 'person' },
  { ruta: '/cuenta/seguridad', texto: 'Seguridad', icono: 'security' },
];

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatSidenavModule, MatIconModule, MatButtonModule, MatMenuModule, MatProgressBarModule],
  templateUrl: './app.html',
  styleUrl: './app.scss',
})
export class App {
  protected readonly auth = inject(AuthService);
  protected readonly loading = inject(LoadingService);
  protected readonly movil = toSignal(
    inject(BreakpointObserver)
      .observe('(max-width: 800px)')
      .pipe(map((r) => r.matches)),
    { initialValue: false },
  );
  protected readonly enlaces = computed(() => {
    const rol = this.auth.rol();
    return rol === 'admin' ? ADMIN : rol === 'cliente' ? CLIENTE : PUBLICO;
  });

  salir(): void {
    this.auth.logout().subscribe();
  }
}
