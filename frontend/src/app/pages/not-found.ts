import { Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { EmptyState } from '../shared/empty-state';

@Component({
  selector: 'app-not-found',
  imports: [EmptyState, MatButtonModule, RouterLink],
  template: `
    <app-empty-state icono="travel_explore" titulo="Página no encontrada" mensaje="La dirección que abrió no existe o fue movida.">
      <a mat-flat-button routerLink="/">Ir al inicio</a>
    </app-empty-state>
  `,
})
export class NotFoundPage {}

@Component({
  selector: 'app-sin-permiso',
  imports: [EmptyState, MatButtonModule, RouterLink],
  template: `
    <app-empty-state icono="block" titulo="Sin permiso" mensaje="Su cuenta no tiene acceso a esta sección.">
      <a mat-flat-button routerLink="/">Ir al inicio</a>
    </app-empty-state>
  `,
})
export class SinPermisoPage {}
