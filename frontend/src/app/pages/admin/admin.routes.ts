import { MatPaginatorIntl } from '@angular/material/paginator';
import { Routes } from '@angular/router';

import { PaginatorEs } from '../../core/paginator-intl';

/**
 * Admin console routes (lazy, under `/consola`, admin role only). Every page is its own chunk;
 * list filters, page and sort live in the query string so links are shareable.
 */
export const ADMIN_ROUTES: Routes = [
  {
    path: '',
    providers: [{ provide: MatPaginatorIntl, useClass: PaginatorEs }],
    children: [
      { path: '', title: 'Consola · Tratios', loadComponent: () => import('./dashboard').then((m) => m.DashboardPage) },
      { path: 'empresas', title: 'Empresas · Consola', loadComponent: () => import('./empresas').then((m) => m.EmpresasPage) },
      { path: 'empresas/:id', title: 'Empresa · Consola', loadComponent: () => import('./empresa-detalle').then((m) => m.EmpresaDetallePage) },
      { path: 'usuarios', title: 'Usuarios · Consola', loadComponent: () => import('./usuarios').then((m) => m.UsuariosPage) },
      { path: 'planes', title: 'Planes · Consola', loadComponent: () => import('./planes').then((m) => m.PlanesPage) },
      { path: 'planes/:id', title: 'Plan · Consola', loadComponent: () => import('./plan-detalle').then((m) => m.PlanDetallePage) },
      { path: 'servicios', title: 'Servicios · Consola', loadComponent: () => import('./servicios').then((m) => m.ServiciosPage) },
      { path: 'suscripciones', title: 'Suscripciones · Consola', loadComponent: () => import('./suscripciones').then((m) => m.SuscripcionesPage) },
      { path: 'soporte-tipos', title: 'Tipos de soporte · Consola', loadComponent: () => import('./soporte-tipos').then((m) => m.SoporteTiposPage) },
      { path: 'contratos', title: 'Contratos de soporte · Consola', loadComponent: () => import('./contratos').then((m) => m.ContratosPage) },
      { path: 'contratos/:id', title: 'Contrato · Consola', loadComponent: () => import('./contrato-detalle').then((m) => m.ContratoDetallePage) },
      { path: 'tickets', title: 'Mesa de ayuda · Consola', loadComponent: () => import('./tickets').then((m) => m.TicketsAdminPage) },
      { path: 'tickets/:id', title: 'Ticket · Consola', loadComponent: () => import('./ticket-detalle').then((m) => m.TicketAdminDetallePage) },
      { path: 'auditoria', title: 'Auditoría · Consola', loadComponent: () => import('./auditoria').then((m) => m.AuditoriaPage) },
    ],
  },
];
