import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { Routes } from '@angular/router';

import { authGuard, guestGuard, homeRedirect, roleGuard } from './core/guards';

const aviso = () => import('./pages/not-found').then((m) => m.AvisoPage);
const soloClientes = { canActivate: [roleGuard], data: { roles: ['cliente'] } };

// Paths never start with an API prefix (/api, /admin, /auth, /account, /public, /health):
// the backend answers those with JSON, so a deep link there would not reach the SPA.
export const PAGE_ROUTES: Routes = [
  {
    path: '',
    // Material form options live here (lazy) so the form-field code stays out of the initial bundle.
    providers: [{ provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } }],
    children: [
      { path: '', pathMatch: 'full', canActivate: [homeRedirect], children: [] },
      // Public pages and sign-in.
      { path: 'login', canActivate: [guestGuard], title: 'Iniciar sesión · Tratios', loadComponent: () => import('./pages/auth/login').then((m) => m.LoginPage) },
      { path: 'registro', canActivate: [guestGuard], title: 'Crear cuenta · Tratios', loadComponent: () => import('./pages/auth/registro').then((m) => m.RegistroPage) },
      { path: 'planes', title: 'Planes · Tratios', loadComponent: () => import('./pages/public/planes').then((m) => m.PlanesPage) },
      { path: 'contratar', title: 'Contratar · Tratios', loadComponent: () => import('./pages/public/contratar').then((m) => m.ContratarPage) },
      // Any signed-in user.
      {
        path: 'cuenta',
        canActivate: [authGuard],
        children: [
          { path: '', pathMatch: 'full', redirectTo: 'perfil' },
          { path: 'perfil', title: 'Mi perfil · Tratios', loadComponent: () => import('./pages/portal/perfil').then((m) => m.PerfilPage) },
          { path: 'seguridad', title: 'Seguridad · Tratios', loadComponent: () => import('./pages/portal/seguridad').then((m) => m.SeguridadPage) },
        ],
      },
      // The customer portal.
      { path: 'suscripcion', ...soloClientes, title: 'Mi suscripción · Tratios', loadComponent: () => import('./pages/portal/suscripcion').then((m) => m.SuscripcionPage) },
      {
        path: 'soporte',
        ...soloClientes,
        children: [
          { path: '', title: 'Soporte · Tratios', loadComponent: () => import('./pages/soporte/tickets').then((m) => m.TicketsPage) },
          { path: 'nuevo', title: 'Nuevo ticket · Tratios', loadComponent: () => import('./pages/soporte/nuevo-ticket').then((m) => m.NuevoTicketPage) },
          { path: ':id', title: 'Ticket · Tratios', loadComponent: () => import('./pages/soporte/ticket-detalle').then((m) => m.TicketDetallePage) },
        ],
      },
      // The admin console (its pages: pages/admin/admin.routes.ts).
      { path: 'consola', canActivate: [roleGuard], data: { roles: ['admin'] }, loadChildren: () => import('./pages/admin/admin.routes').then((m) => m.ADMIN_ROUTES) },
      {
        path: 'sin-permiso',
        title: 'Sin permiso · Tratios',
        data: { icono: 'block', titulo: 'Sin permiso', mensaje: 'Su cuenta no tiene acceso a esta sección.' },
        loadComponent: aviso,
      },
      {
        path: '**',
        title: 'Página no encontrada · Tratios',
        data: { icono: 'travel_explore', titulo: 'Página no encontrada', mensaje: 'La dirección que abrió no existe o fue movida.' },
        loadComponent: aviso,
      },
    ],
  },
];
