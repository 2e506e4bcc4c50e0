import { CurrencyPipe } from '@angular/common';
import { Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';

import { PublicoApi } from '../../core/api.service';
import { Periodo, PlanPublico } from '../../core/api/backoffice';
import { EmptyState } from '../../shared/empty-state';

@Component({
  selector: 'app-planes',
  imports: [CurrencyPipe, RouterLink, MatCardModule, MatButtonModule, MatButtonToggleModule, MatIconModule, MatProgressSpinnerModule, EmptyState],
  template: `
    <h1>Planes</h1>
    <p>Elija el plan que mejor se ajuste a su empresa. Precios en pesos colombianos.</p>
    <mat-button-toggle-group [value]="periodo()" (change)="periodo.set($event.value)" aria-label="Periodo de facturación">
      <mat-button-toggle value="mensual">Mensual</mat-button-toggle>
      <mat-button-toggle value="anual">Anual</mat-button-toggle>
    </mat-button-toggle-group>
    @if (cargando()) {
      <mat-spinner diameter="40" aria-label="Cargando planes" />
    } @else if (planes().length === 0) {
      <app-empty-state icono="sell" titulo="No hay planes publicados" mensaje="Vuelva pronto o contáctenos." />
    } @else {
      <div class="rejilla">
        @for (p of planes(); track p.id) {
          <mat-card appearance="outlined" [class.destacado]="p.seleccionado" [attr.data-testid]="'plan-' + p.id">
            <mat-card-header>
              <mat-card-title><h2>{{ p.nombre }}</h2></mat-card-title>
              @if (p.seleccionado) { <mat-card-subtitle>Recomendado</mat-card-subtitle> }
            </mat-card-header>
            <mat-card-content>
              <p class="precio">
                {{ (periodo() === 'anual' ? p.precio_anual : p.precio_mensual) | currency: 'COP' : 'symbol-narrow' : '1.0-0' }}
                <span>/ {{ periodo() === 'anual' ? 'año' : 'mes' }}</span>
              </p>
              @if (p.descripcion) { <p>{{ p.descripcion }}</p> }
              <ul>
                @for (s of p.servicios; track s.id) {
                  <li><mat-icon aria-hidden="true">check</mat-icon> {{ s.nombre }}
                    @if (s.cantidad !== null && s.cantidad !== undefined) { <span class="limite">({{ s.cantidad }})</span> }</li>
                }
              </ul>
            </mat-card-content>
            <mat-card-actions>
              <a mat-flat-button [routerLink]="['/contratar']" [queryParams]="{ plan: p.id, periodo: periodo() }">Contratar {{ p.nombre }}</a>
            </mat-card-actions>
          </mat-card>
        }
      </div>
    }
  `,
  styles: `
    h1 { font-size: 26px; margin: 0 0 8px; }
    .rejilla { display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 16px; margin-top: 16px; }
    .destacado { border: 2px solid #005cbb; }
    h2 { margin: 0; font-size: 20px; }
    .precio { font-size: 26px; font-weight: 600; margin: 8px 0; }
    .precio span { font-size: 14px; font-weight: 400; color: #5f6368; }
    ul { list-style: none; padding: 0; }
    li { display: flex; align-items: center; gap: 6px; margin: 4px 0; }
    .limite { color: #5f6368; font-size: 13px; }
  `,
})
export class PlanesPage {
  private readonly api = inject(PublicoApi);
  readonly planes = signal<PlanPublico[]>([]);
  readonly cargando = signal(true);
  readonly periodo = signal<Periodo>('mensual');

  constructor() {
    this.api.planes().subscribe({
      next: (p) => {
        this.planes.set(p);
        this.cargando.set(false);
      },
      error: () => this.cargando.set(false),
    });
  }
}
