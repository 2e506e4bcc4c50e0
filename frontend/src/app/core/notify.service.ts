import { Injectable, Injector, inject } from '@angular/core';
import type { MatSnackBar } from '@angular/material/snack-bar';

/** Snackbar messages; the snack-bar code is loaded on first use (keeps the initial bundle small). */
@Injectable({ providedIn: 'root' })
export class NotifyService {
  private readonly injector = inject(Injector);
  private snack: Promise<MatSnackBar> | null = null;

  error(mensaje: string): void {
    void this.bar().then((s) =>
      s.open(mensaje, 'Cerrar', { duration: 8000, panelClass: 'snack-error', politeness: 'assertive' }),
    );
  }

  ok(mensaje: string): void {
    void this.bar().then((s) => s.open(mensaje, 'Cerrar', { duration: 4000, panelClass: 'snack-ok' }));
  }

  private bar(): Promise<MatSnackBar> {
    this.snack ??= import('@angular/material/snack-bar').then((m) => this.injector.get(m.MatSnackBar));
    return this.snack;
  }
}
