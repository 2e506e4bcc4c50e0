import { Component, computed, input } from '@angular/core';

import { Entidad, etiquetaEstado, tonoEstado } from '../core/estados';
import { PRIORIDADES, Tono, etiquetaDe } from '../core/opciones';

/**
 * A state (or priority) as a coloured chip; label and colour come from core/estados.ts (and
 * PRIORIDADES). Keeps the `e-<state>` / `p-<priority>` classes.
 */
@Component({
  selector: 'app-chip',
  template: `<span class="chip" [class]="clase()">{{ prefijo() }}{{ texto() }}</span>`,
  styles: `
    .chip { display: inline-block; padding: 2px 8px; border-radius: 12px; font-size: 12px; white-space: nowrap; background: #eceff1; color: #263238; }
    .t-ok { background: #e6f4ea; color: #0d5223; }
    .t-info { background: #e3f2fd; color: #0d3c61; }
    .t-aviso { background: #fff4e5; color: #5a3800; }
    .t-peligro { background: #fdecea; color: #8c1d18; }
    .t-neutro { background: #e0e0e0; color: #424242; }
  `,
})
export class Chip {
  /** What the value is: a state of that entity, or a ticket priority. */
  readonly de = input.required<Entidad | 'prioridad'>();
  readonly valor = input.required<string | null | undefined>();
  /** `cliente`: the customer portal's wording. */
  readonly para = input<'admin' | 'cliente'>('admin');
  readonly prefijo = input('');

  readonly texto = computed(() =>
    this.de() === 'prioridad' ? etiquetaDe(PRIORIDADES, this.valor()) : etiquetaEstado(this.de() as Entidad, this.valor(), this.para()),
  );
  readonly tono = computed<Tono>(() =>
    this.de() === 'prioridad' ? (PRIORIDADES.find((p) => p.valor === this.valor())?.tono ?? 'neutro') : tonoEstado(this.valor()),
  );
  readonly clase = computed(() => `chip ${this.de() === 'prioridad' ? 'p' : 'e'}-${this.valor()} t-${this.tono()}`);
}
