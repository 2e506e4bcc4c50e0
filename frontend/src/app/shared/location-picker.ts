import { Component, DestroyRef, OnInit, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { catchError, debounceTime, distinctUntilChanged, of, switchMap } from 'rxjs';

import { PublicoApi } from '../core/api.service';
import { Ciudad, Pais } from '../core/api/comun';

/** Country and city pickers backed by /public/location/*. Writes the names into the given controls. */
@Component({
  selector: 'app-location-picker',
  imports: [ReactiveFormsModule, MatAutocompleteModule, MatFormFieldModule, MatInputModule],
  template: `
    <div class="fila">
      <mat-form-field>
        <mat-label>País</mat-label>
        <input matInput [formControl]="pais()" [matAutocomplete]="autoPais" autocomplete="off" data-testid="pais" />
        <mat-autocomplete #autoPais="matAutocomplete" (optionSelected)="elegirPais($event.option.value)">
          @for (p of paises(); track p.iso2) {
            <mat-option [value]="p.nombre">{{ p.nombre }} ({{ p.iso2 }})</mat-option>
          }
        </mat-autocomplete>
        <mat-hint>Escriba para buscar</mat-hint>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Ciudad</mat-label>
        <input matInput [formControl]="ciudad()" [matAutocomplete]="autoCiudad" autocomplete="off" data-testid="ciudad" />
        <mat-autocomplete #autoCiudad="matAutocomplete">
          @for (c of ciudades(); track c.id) {
            <mat-option [value]="c.nombre">{{ c.nombre }}@if (c.region) {, {{ c.region }}}</mat-option>
          }
        </mat-autocomplete>
        <mat-hint>{{ iso2() ? 'Escriba para buscar' : 'Elija primero el país' }}</mat-hint>
      </mat-form-field>
    </div>
  `,
  styles: `.fila { display: flex; gap: 12px; flex-wrap: wrap; } mat-form-field { flex: 1 1 220px; }`,
})
export class LocationPicker implements OnInit {
  private readonly api = inject(PublicoApi);
  private readonly destroyRef = inject(DestroyRef);
  readonly pais = input.required<FormControl<string | null>>();
  readonly ciudad = input.required<FormControl<string | null>>();
  readonly paises = signal<Pais[]>([]);
  readonly ciudades = signal<Ciudad[]>([]);
  readonly iso2 = signal<string | null>(null);

  ngOnInit(): void {
    this.pais()
      .valueChanges.pipe(
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) => (q && q.length >= 2 ? this.api.paises(q).pipe(catchError(() => of([]))) : of([]))),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((lista) => {
        this.paises.set(lista);
        const exacto = lista.find((p) => p.nombre.toLowerCase() === (this.pais().value ?? '').toLowerCase());
        if (exacto) {
          this.iso2.set(exacto.iso2);
        }
      });
    this.ciudad()
      .valueChanges.pipe(
        debounceTime(250),
        distinctUntilChanged(),
        switchMap((q) => {
          const iso = this.iso2();
          return iso && q && q.length >= 2 ? this.api.ciudades(iso, q).pipe(catchError(() => of([]))) : of([]);
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((lista) => this.ciudades.set(lista));
    // A saved country name: find its ISO code so the city search works right away.
    const inicial = this.pais().value;
    if (inicial && inicial.length >= 2) {
      this.api
        .paises(inicial)
        .pipe(catchError(() => of([])))
        .subscribe((lista) => {
          const p = lista.find((x) => x.nombre.toLowerCase() === inicial.toLowerCase());
          this.iso2.set(p?.iso2 ?? null);
        });
    }
  }

  elegirPais(nombre: string): void {
    const p = this.paises().find((x) => x.nombre === nombre);
    if (p && p.iso2 !== this.iso2()) {
      this.iso2.set(p.iso2);
      this.ciudad().setValue('');
      this.ciudades.set([]);
    }
  }
}
