import { Injectable, inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';

@Injectable({ providedIn: 'root' })
export class NotifyService {
  private readonly snack = inject(MatSnackBar);

  error(mensaje: string): void {
    this.snack.open(mensaje, 'Cerrar', { duration: 8000, panelClass: 'snack-error', politeness: 'assertive' });
  }

  ok(mensaje: string): void {
    this.snack.open(mensaje, 'Cerrar', { duration: 4000, panelClass: 'snack-ok' });
  }
}
