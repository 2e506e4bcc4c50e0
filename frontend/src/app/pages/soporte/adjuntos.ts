import { HttpEventType } from '@angular/common/http';
import { Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Observable, concatMap, from, last, map, tap } from 'rxjs';

import { SoporteApi } from '../../core/api.service';
import { problemaArchivo, tamanoLegible } from '../../core/archivos';
import { mensajeDeError } from '../../core/errors';
import { Archivo } from '../../core/api/soporte';

/** Picks files (checked on the client) and uploads them one by one with a progress bar. */
@Component({
  selector: 'app-adjuntos',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule],
  template: `
    <input #selector type="file" multiple class="oculto" (change)="elegir(selector.files); selector.value = ''"
           aria-label="Adjuntar archivos" data-testid="input-archivo" />
    <button mat-stroked-button type="button" (click)="selector.click()" [disabled]="subiendo()">
      <mat-icon>attach_file</mat-icon> Adjuntar archivos
    </button>
    <span class="ayuda"> Máx. 10 MB por archivo y 50 MB por ticket. Imágenes, PDF, documentos de Office, texto, CSV, logs y ZIP.</span>
    @for (p of problemas(); track p) { <p class="error" role="alert">{{ p }}</p> }
    @if (archivos().length) {
      <ul class="archivos" data-testid="archivos-elegidos">
        @for (f of archivos(); track f.name) {
          <li>
            <mat-icon aria-hidden="true">description</mat-icon> {{ f.name }} ({{ tamano(f.size) }})
            @if (!subiendo()) {
              <button mat-icon-button type="button" (click)="quitar(f)" [attr.aria-label]="'Quitar ' + f.name"><mat-icon>close</mat-icon></button>
            }
          </li>
        }
      </ul>
    }
    @if (subiendo()) {
      <p role="status">Subiendo {{ actual() }}… {{ progreso() }} %</p>
      <mat-progress-bar mode="determinate" [value]="progreso()" data-testid="progreso-subida" aria-label="Progreso de la subida" />
    }
  `,
  styleUrl: './soporte.scss',
  styles: `.ayuda { color: #5f6368; font-size: 13px; }`,
})
export class Adjuntos {
  private readonly api = inject(SoporteApi);
  readonly usado = input(0);
  readonly archivos = signal<File[]>([]);
  readonly problemas = signal<string[]>([]);
  readonly subiendo = signal(false);
  readonly progreso = signal(0);
  readonly actual = signal('');
  readonly subido = output<Archivo>();

  elegir(lista: FileList | null): void {
    const problemas: string[] = [];
    const elegidos = [...this.archivos()];
    let usado = this.usado() + elegidos.reduce((s, f) => s + f.size, 0);
    for (const f of Array.from(lista ?? [])) {
      const p = problemaArchivo(f, usado);
      if (p) {
        problemas.push(p);
      } else if (!elegidos.some((x) => x.name === f.name)) {
        elegidos.push(f);
        usado += f.size;
      }
    }
    this.problemas.set(problemas);
    this.archivos.set(elegidos);
  }

  quitar(f: File): void {
    this.archivos.update((l) => l.filter((x) => x !== f));
  }

  /** Uploads every chosen file to the ticket; completes when all are done. */
  subir(ticketId: number): Observable<void> {
    const lista = this.archivos();
    this.subiendo.set(true);
    return from(lista).pipe(
      concatMap((f) => {
        this.actual.set(f.name);
        this.progreso.set(0);
        return this.api.subir(ticketId, f).pipe(
          tap((ev) => {
            if (ev.type === HttpEventType.UploadProgress && ev.total) {
              this.progreso.set(Math.round((100 * ev.loaded) / ev.total));
            } else if (ev.type === HttpEventType.Response && ev.body) {
              this.progreso.set(100);
              this.subido.emit(ev.body.archivo);
              this.archivos.update((l) => l.filter((x) => x !== f));
            }
          }),
          last(),
        );
      }),
      last(undefined, null),
      map(() => {
        this.subiendo.set(false);
      }),
      tap({ error: (err: unknown) => {
        this.subiendo.set(false);
        this.problemas.set([mensajeDeError(err)]);
      } }),
    );
  }

  tamano(b: number): string {
    return tamanoLegible(b);
  }
}
