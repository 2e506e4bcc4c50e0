import { Component, input } from '@angular/core';

/** A page's title with its main actions (projected) at the right. */
@Component({
  selector: 'app-cabecera',
  template: `<h1>{{ titulo() }}</h1><div class="acciones"><ng-content /></div>`,
  styles: `
    :host { display: flex; justify-content: space-between; align-items: center; gap: 12px; flex-wrap: wrap; margin-bottom: 16px; }
    h1 { font-size: 26px; margin: 0; }
    .acciones { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
  `,
})
export class Cabecera {
  readonly titulo = input.required<string>();
}
