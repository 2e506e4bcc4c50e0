import { Component, inject } from '@angular/core';

import { AuthService } from '../../core/auth.service';
import { EmptyState } from '../../shared/empty-state';

@Component({
  selector: 'app-consola-inicio',
  imports: [EmptyState],
  template: `
    <h1>Consola de administración</h1>
    <app-empty-state icono="dashboard" [titulo]="'Hola, ' + (auth.usuario()?.nombre ?? '')"
      mensaje="Las secciones del back office (empresas, usuarios, planes, suscripciones y mesa de ayuda) aparecerán aquí." />
  `,
})
export class ConsolaInicioPage {
  protected readonly auth = inject(AuthService);
}
