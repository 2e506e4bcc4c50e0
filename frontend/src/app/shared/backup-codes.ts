import { Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

import { guardarArchivo } from '../core/descargas';
import { NotifyService } from '../core/notify.service';

/** Backup codes are shown once: copy or download them now. */
@Component({
  selector: 'app-backup-codes',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <div class="aviso" role="alert">
      <strong>Guarde estos códigos de respaldo ahora.</strong>
      Cada uno sirve una sola vez para iniciar sesión si pierde su teléfono. No se volverán a mostrar.
    </div>
    <ol class="codigos" data-testid="backup-codes">
      @for (c of codigos(); track c) {
        <li><code>{{ c }}</code></li>
      }
    </ol>
    <div class="acciones">
      <button mat-stroked-button type="button" (click)="copiar()"><mat-icon>content_copy</mat-icon> Copiar</button>
      <button mat-stroked-button type="button" (click)="descargar()"><mat-icon>download</mat-icon> Descargar</button>
    </div>
  `,
  styles: `
    .aviso { background: #fff8e1; border-left: 4px solid #f9a825; padding: 8px 12px; margin-bottom: 12px; }
    .codigos { columns: 2; font-size: 16px; }
    .acciones { display: flex; gap: 8px; margin-top: 8px; }
  `,
})
export class BackupCodes {
  private readonly notify = inject(NotifyService);
  readonly codigos = input.required<string[]>();

  copiar(): void {
    const texto = this.codigos().join('\n');
    navigator.clipboard?.writeText(texto).then(
      () => this.notify.ok('Códigos copiados al portapapeles.'),
      () => this.notify.error('No se pudo copiar; descárguelos en su lugar.'),
    );
  }

  descargar(): void {
    const texto = `Códigos de respaldo de Tratios\n\n${this.codigos().join('\n')}\n`;
    guardarArchivo(new Blob([texto], { type: 'text/plain;charset=utf-8' }), 'tratios-codigos-respaldo.txt');
  }
}
