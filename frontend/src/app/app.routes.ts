import { Routes } from '@angular/router';

// Every page (and its providers) is lazy: the initial bundle holds only the shell.
export const routes: Routes = [{ path: '', loadChildren: () => import('./pages.routes').then((m) => m.PAGE_ROUTES) }];
