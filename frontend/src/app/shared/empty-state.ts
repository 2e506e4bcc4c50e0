import { Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

@Component({
  selector: 'app-empty-state',
  imports: [MatIconModule],
  template: `
    <div class="vacio" role="status">
      <mat-icon aria-hidden="true">{{ icono() }}</mat-icon>
      <h2>{{ titulo() }}</h2>
      @if (mensaje()) {
        <p>{{ mensaje() }}</p>
      }
      <ng-content />
    </div>
  `,
  styles: `
    .vacio { text-align: center; padding: 48px 16px; color: #5f6368; }
    mat-icon { font-size: 56px; width: 56px; height: 56px; color: #9aa0a6; }
    h2 { margin: 8px 0; font-weight: 500; color: #3c4043; }
  `,
})
export class EmptyState {
  readonly icono = input('inbox');
  readonly titulo = input.required<string>();
  readonly mensaje = input<string>('');
}
