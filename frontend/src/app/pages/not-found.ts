import { Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

import { EmptyState } from '../shared/empty-state';

/** A dead end (page not found, no permission): its texts come from the route's `data`. */
@Component({
  selector: 'app-aviso',
  imports: [EmptyState, MatButtonModule, RouterLink],
  template: `
    <app-empty-state [icono]="icono()" [titulo]="titulo()" [mensaje]="mensaje()">
      <a mat-flat-button routerLink="/">Ir al inicio</a>
    </app-empty-state>
  `,
})
export class AvisoPage {
  readonly icono = input.required<string>();
  readonly titulo = input.required<string>();
  readonly mensaje = input.required<string>();
}
