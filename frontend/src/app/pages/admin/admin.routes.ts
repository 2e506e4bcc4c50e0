import { Routes } from '@angular/router';

/** Admin console routes. Issue 8 (SPA part 2) adds empresas, usuarios, planes, ... here. */
export const ADMIN_ROUTES: Routes = [
  { path: '', title: 'Consola · Tratios', loadComponent: () => import('./consola-inicio').then((m) => m.ConsolaInicioPage) },
];
