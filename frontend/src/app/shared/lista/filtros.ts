import { Component, Directive, inject, input } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';

import { Opcion } from '../../core/opciones';
import { Cabecera } from '../cabecera';
import { Celda, DetalleFila, Lista } from './lista';

/** A filter of the enclosing `app-lista`, bound to the query parameter `campo`. */
@Directive()
abstract class Filtro {
  private readonly lista = inject(Lista);
  readonly campo = input.required<string>();
  readonly etiqueta = input.required<string>();
  readonly testid = input<string>();

  valor(): string {
    return this.lista.listado().get(this.campo());
  }

  filtrar(valor: string): void {
    this.lista.listado().filtrar({ [this.campo()]: valor });
  }

  buscar(valor: string): void {
    this.lista.listado().buscar(this.campo(), valor);
  }
}

/** `<app-filtro-select campo="estado">`: a select ("Todos" + the options) bound to `?estado=`. */
@Component({
  selector: 'app-filtro-select',
  imports: [MatFormFieldModule, MatSelectModule],
  template: `
    <mat-form-field>
      <mat-label>{{ etiqueta() }}</mat-label>
      <mat-select [value]="valor()" (selectionChange)="filtrar($event.value)" [attr.data-testid]="testid()">
        <mat-option value="">{{ todos() }}</mat-option>
        @for (o of opciones(); track o.valor) { <mat-option [value]="o.valor">{{ o.etiqueta }}</mat-option> }
      </mat-select>
    </mat-form-field>
  `,
  styleUrl: './filtro.scss',
})
export class FiltroSelect extends Filtro {
  readonly opciones = input.required<readonly Opcion[]>();
  /** The "no filter" option: Todos, Todas, Cualquiera. */
  readonly todos = input('Todos');
}

/** `<app-filtro-texto campo="q">`: free text (debounced), a number or a date bound to `?q=`. */
@Component({
  selector: 'app-filtro-texto',
  imports: [MatFormFieldModule, MatInputModule, MatIconModule],
  template: `
    <mat-form-field>
      <mat-label>{{ etiqueta() }}</mat-label>
      @if (tipo() === 'fecha') {
        <input matInput type="date" [value]="valor()" (change)="filtrar($any($event.target).value)" [attr.data-testid]="testid()" />
      } @else {
        <input matInput [attr.inputmode]="tipo() === 'numero' ? 'numeric' : null" [value]="valor()" (input)="buscar($any($event.target).value)"
               [attr.data-testid]="testid()" />
        @if (tipo() === 'texto') { <mat-icon matSuffix aria-hidden="true">search</mat-icon> }
      }
    </mat-form-field>
  `,
  styleUrl: './filtro.scss',
})
export class FiltroTexto extends Filtro {
  readonly tipo = input<'texto' | 'numero' | 'fecha'>('texto');
}

/** Everything a page imports to build a list. */
export const LISTA = [Cabecera, Lista, Celda, DetalleFila, FiltroSelect, FiltroTexto] as const;
