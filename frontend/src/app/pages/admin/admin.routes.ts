import { Routes } from '@angular/router';

/**
 * Admin console routes (lazy, under `/consola`, admin role only), grouped by area: panel, empresas
 * (and users), catalogo (plans, services, support types), suscripciones, soporte (contracts and the
 * help desk) and auditoria; `comun/` holds what they share. Every page is its own chunk; list filters,
 * page and sort live in the query string so links are shareable.
 */
export const ADMIN_ROUTES: Routes = [
  { path: '', pathMatch: 'full', title: 'Consola · Tratios', loadComponent: () => import('./panel/dashboard').then((m) => m.DashboardPage) },
  { path: 'empresas', title: 'Empresas · Consola', loadComponent: () => import('./empresas/empresas').then((m) => m.EmpresasPage) },
  { path: 'empresas/:id', title: 'Empresa · Consola', loadComponent: () => import('./empresas/empresa-detalle').then((m) => m.EmpresaDetallePage) },
  { path: 'usuarios', title: 'Usuarios · Consola', loadComponent: () => import('./empresas/usuarios').then((m) => m.UsuariosPage) },
  { path: 'planes', title: 'Planes · Consola', loadComponent: () => import('./catalogo/planes').then((m) => m.PlanesPage) },
  { path: 'planes/:id', title: 'Plan · Consola', loadComponent: () => import('./catalogo/plan-detalle').then((m) => m.PlanDetallePage) },
  { path: 'servicios', title: 'Servicios · Consola', loadComponent: () => import('./catalogo/servicios').then((m) => m.ServiciosPage) },
  { path: 'soporte-tipos', title: 'Tipos de soporte · Consola', loadComponent: () => import('./catalogo/soporte-tipos').then((m) => m.SoporteTiposPage) },
  { path: 'suscripciones', title: 'Suscripciones · Consola', loadComponent: () => import('./suscripciones/suscripciones').then((m) => m.SuscripcionesPage) },
  { path: 'contratos', title: 'Contratos de soporte · Consola', loadComponent: () => import('./soporte/contratos').then((m) => m.ContratosPage) },
  { path: 'contratos/:id', title: 'Contrato · Consola', loadComponent: () => import('./soporte/contrato-detalle').then((m) => m.ContratoDetallePage) },
  { path: 'tickets', title: 'Mesa de ayuda · Consola', loadComponent: () => import('./soporte/tickets').then((m) => m.TicketsAdminPage) },
  { path: 'tickets/:id', title: 'Ticket · Consola', loadComponent: () => import('./soporte/ticket-detalle').then((m) => m.TicketAdminDetallePage) },
  { path: 'auditoria', title: 'Auditoría · Consola', loadComponent: () => import('./auditoria/auditoria').then((m) => m.AuditoriaPage) },
];
