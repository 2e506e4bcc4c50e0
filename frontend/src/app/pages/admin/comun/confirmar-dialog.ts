import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { Observable, filter } from 'rxjs';

import { mensajeDeError } from '../../../core/errors';

export interface DatosConfirmar {
  titulo: string;
  mensaje: string;
  boton?: string;
  peligro?: boolean;
  /** Runs when confirmed; the dialog stays open (showing the API error) if it fails. */
  accion?: () => Observable<unknown>;
}

/** "Are you sure?" for destructive or state-changing actions. Resolves with the action's result. */
@Component({
  selector: 'app-confirmar-dialog',
  imports: [MatDialogModule, MatButtonModule, FormsModule],
  template: `
    <h2 mat-dialog-title>{{ data.titulo }}</h2>
    <mat-dialog-content>
      <p>{{ data.mensaje }}</p>
      @if (error()) { <p class="error" role="alert">{{ error() }}</p> }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancelar</button>
      <button mat-flat-button type="button" [class.peligro]="data.peligro" [disabled]="enviando()" (click)="confirmar()"
              data-testid="confirmar">{{ data.boton ?? 'Confirmar' }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .error { color: #b3261e; }
    .peligro { --mat-button-filled-container-color: #b3261e; }
  `,
})
export class ConfirmarDialog {
  protected readonly data = inject<DatosConfirmar>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<ConfirmarDialog>);
  readonly enviando = signal(false);
  readonly error = signal<string | null>(null);

  confirmar(): void {
    if (!this.data.accion) {
      this.ref.close(true);
      return;
    }
    this.enviando.set(true);
    this.error.set(null);
    this.data.accion().subscribe({
      next: (r) => this.ref.close(r ?? true),
      error: (err: unknown) => {
        this.enviando.set(false);
        this.error.set(mensajeDeError(err));
      },
    });
  }
}

/** Opens the confirmation; emits the action's result once confirmed (nothing if cancelled). */
export function confirmar(dialog: MatDialog, datos: DatosConfirmar): Observable<unknown> {
  return dialog
    .open(ConfirmarDialog, { data: datos, width: '440px', autoFocus: 'dialog' })
    .afterClosed()
    .pipe(filter((r) => r !== undefined && r !== null && r !== false && r !== '')); // '' = closed with mat-dialog-close
}
