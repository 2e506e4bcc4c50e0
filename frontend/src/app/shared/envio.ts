import { Directive, signal } from '@angular/core';

import { erroresDeCampo, mensajeDeError } from '../core/errors';

/**
 * The submission state of a form page: in flight, the general error and the API's errors by
 * field (the 422 `details`), shown under each field with `campo()`.
 */
@Directive()
export abstract class ConEnvio {
  readonly enviando = signal(false);
  readonly error = signal<string | null>(null);
  readonly errores = signal<Record<string, string[]>>({});

  /** A request starts: the previous errors go away. */
  protected empezar(): void {
    this.enviando.set(true);
    this.error.set(null);
    this.errores.set({});
  }

  protected terminar(): void {
    this.enviando.set(false);
  }

  /** The request failed: the API's Spanish message and its field errors. */
  protected fallar(err: unknown): void {
    this.enviando.set(false);
    this.error.set(mensajeDeError(err));
    this.errores.set(erroresDeCampo(err));
  }

  /** The API's error for a field (`nombre`, `usuario.email`), or null. */
  campo(nombre: string): string | null {
    return this.errores()[nombre]?.join(' ') ?? null;
  }
}
