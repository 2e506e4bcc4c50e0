import { Component, DestroyRef, OnInit, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, ValidatorFn, Validators } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS, MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Observable, debounceTime, distinctUntilChanged, filter, of, startWith, switchMap } from 'rxjs';

import { erroresDeCampo, mensajeDeError } from '../../../core/errors';
import { nitValidator } from '../../../core/nit';
import { PasswordPolicyService } from '../../../core/password-policy.service';
import { PasswordRules, passwordValidator } from '../../../shared/password-rules';
import { Empresa } from '../../../core/api/backoffice';
import { Opcion } from '../../../core/opciones';
import { AdminApi } from './admin-api';

export type TipoCampo = 'texto' | 'email' | 'password' | 'numero' | 'entero' | 'textarea' | 'select' | 'check' | 'fecha' | 'empresa' | 'nit' | 'url';

/** One field of a generic admin form; the rules mirror the API's schema for that field. */
export interface Campo {
  nombre: string;
  etiqueta: string;
  tipo: TipoCampo;
  requerido?: boolean;
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  /** Empty value sends `null` (nullable field) instead of leaving the field out. */
  nulo?: boolean;
  ayuda?: string;
  opciones?: Opcion<unknown>[];
  /** Options loaded from the API when the form opens. */
  cargarOpciones?: () => Observable<Opcion<unknown>[]>;
  /** Options that depend on another field's value (e.g. the company's subscriptions). */
  opcionesSegun?: { campo: string; cargar: (valor: unknown) => Observable<Opcion<unknown>[]> };
  /** Shown (and sent) only when this returns true for the current values. */
  visible?: (valores: Record<string, unknown>) => boolean;
  /** Read-only in this form (shown, never sent). */
  soloLectura?: boolean;
}

export interface DatosFormulario<R = unknown> {
  titulo: string;
  campos: Campo[];
  /** Initial values: in edit mode only the fields that changed are sent (partial update). */
  valores?: Record<string, unknown>;
  edicion?: boolean;
  boton?: string;
  /** Fixed values always sent (e.g. the plan id of the page). */
  fijos?: Record<string, unknown>;
  enviar: (body: Record<string, unknown>) => Observable<R>;
}

function validadores(c: Campo, policy: PasswordPolicyService, form: () => FormGroup): ValidatorFn[] {
  const v: ValidatorFn[] = [];
  if (c.requerido && c.tipo !== 'check') {
    v.push(Validators.required);
  }
  if (c.minLength !== undefined) {
    v.push(Validators.minLength(c.minLength));
  }
  if (c.maxLength !== undefined) {
    v.push(Validators.maxLength(c.maxLength));
  }
  if (c.min !== undefined) {
    v.push(Validators.min(c.min));
  }
  if (c.max !== undefined) {
    v.push(Validators.max(c.max));
  }
  if (c.tipo === 'email') {
    v.push(Validators.email);
  }
  if (c.tipo === 'entero') {
    v.push(Validators.pattern(/^-?\d+$/));
  }
  if (c.tipo === 'numero') {
    v.push(Validators.pattern(/^-?\d+([.,]\d{1,2})?$/));
  }
  if (c.tipo === 'url') {
    v.push(Validators.pattern(/^https?:\/\/\S+$/i));
  }
  if (c.tipo === 'nit') {
    v.push(nitValidator);
  }
  if (c.tipo === 'password') {
    v.push(passwordValidator(() => policy.politica(), () => String(form().get('email')?.value ?? '')));
  }
  return v;
}

/** Normalises a control value into what the API expects for that field ('' -> omitted or null). */
export function valorParaApi(c: Campo, crudo: unknown): { enviar: boolean; valor: unknown } {
  if (c.tipo === 'check') {
    return { enviar: true, valor: !!crudo };
  }
  const vacio = crudo === null || crudo === undefined || (typeof crudo === 'string' && crudo.trim() === '');
  if (vacio) {
    return c.nulo ? { enviar: true, valor: null } : { enviar: false, valor: undefined };
  }
  switch (c.tipo) {
    case 'numero':
      return { enviar: true, valor: Number(String(crudo).replace(',', '.')) };
    case 'entero':
    case 'empresa':
      return { enviar: true, valor: Number(crudo) };
    case 'password':
      return { enviar: true, valor: String(crudo) };
    case 'select':
      return { enviar: true, valor: crudo };
    default:
      return { enviar: true, valor: String(crudo).trim() };
  }
}

/** The request body: every visible, writable field; in edit mode only those that changed. */
export function cuerpoFormulario(
  campos: Campo[],
  valores: Record<string, unknown>,
  iniciales: Record<string, unknown> = {},
  edicion = false,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const c of campos) {
    if (c.soloLectura || (c.visible && !c.visible(valores))) {
      continue;
    }
    const { enviar, valor } = valorParaApi(c, valores[c.nombre]);
    if (!enviar) {
      continue;
    }
    if (edicion) {
      const antes = valorParaApi(c, iniciales[c.nombre]);
      if (antes.enviar && antes.valor === valor) {
        continue;
      }
    }
    body[c.nombre] = valor;
  }
  return body;
}

export function mensajesDeControl(ctrl: AbstractControl | null, c: Campo): string[] {
  const e: ValidationErrors | null = ctrl?.errors ?? null;
  if (!e) {
    return [];
  }
  const out: string[] = [];
  if (e['required']) out.push('Este campo es obligatorio.');
  if (e['minlength']) out.push(`Mínimo ${c.minLength} caracteres.`);
  if (e['maxlength']) out.push(`Máximo ${c.maxLength} caracteres.`);
  if (e['min']) out.push(`El valor mínimo es ${c.min}.`);
  if (e['max']) out.push(`El valor máximo es ${c.max}.`);
  if (e['email']) out.push('Escriba un correo electrónico válido.');
  if (e['pattern']) {
    out.push(
      c.tipo === 'entero' ? 'Escriba un número entero.' : c.tipo === 'url' ? 'Escriba una URL http:// o https://.' : 'Escriba un número (hasta 2 decimales).',
    );
  }
  if (e['nit']) out.push(String(e['nit']));
  if (e['politica']) out.push('La contraseña no cumple: ' + (e['politica'] as string[]).join(', ').toLowerCase() + '.');
  if (e['servidor']) out.push(...(e['servidor'] as string[]));
  return out;
}

/**
 * Generic create/edit dialog for the admin resources. Client rules mirror the API schema; the
 * server's 422 `details` are shown under the matching field, other errors above the buttons.
 */
@Component({
  selector: 'app-form-dialog',
  imports: [ReactiveFormsModule, MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatCheckboxModule, MatAutocompleteModule, PasswordRules],
  // Dialogs are created from the root injector: the console's outline fields are set here too.
  providers: [{ provide: MAT_FORM_FIELD_DEFAULT_OPTIONS, useValue: { appearance: 'outline' } }],
  templateUrl: './form-dialog.html',
  styles: `
    mat-dialog-content { display: flex; flex-direction: column; gap: 10px; }
    mat-form-field { width: 100%; }
    .check { margin: 4px 0 12px; }
    .error { color: #b3261e; margin: 4px 0; }
    .ayuda-check { color: #5f6368; font-size: 12px; margin: -8px 0 8px 40px; }
  `,
})
export class FormDialog implements OnInit {
  protected readonly data = inject<DatosFormulario>(MAT_DIALOG_DATA);
  private readonly ref = inject(MatDialogRef<FormDialog>);
  private readonly api = inject(AdminApi);
  private readonly destroy = inject(DestroyRef);
  protected readonly policy = inject(PasswordPolicyService);

  readonly form = new FormGroup<Record<string, FormControl<unknown>>>({});
  readonly enviando = signal(false);
  readonly errores = signal<string[]>([]);
  readonly opciones = signal<Record<string, Opcion<unknown>[] | undefined>>({});
  readonly empresas = signal<Record<string, Empresa[] | undefined>>({});
  /** Text typed in company pickers (the control itself holds the id). */
  readonly busquedas: Record<string, FormControl<string | Empresa | null>> = {};

  ngOnInit(): void {
    const iniciales = this.data.valores ?? {};
    for (const c of this.data.campos) {
      const inicial = iniciales[c.nombre] ?? (c.tipo === 'check' ? false : '');
      const ctrl = new FormControl<unknown>({ value: inicial, disabled: !!c.soloLectura }, validadores(c, this.policy, () => this.form));
      this.form.addControl(c.nombre, ctrl);
      if (c.opciones) {
        this.opciones.update((o) => ({ ...o, [c.nombre]: c.opciones! }));
      }
      if (c.cargarOpciones) {
        c.cargarOpciones().pipe(takeUntilDestroyed(this.destroy)).subscribe((ops) => this.opciones.update((o) => ({ ...o, [c.nombre]: ops })));
      }
      if (c.tipo === 'password') {
        this.policy.cargar();
      }
      if (c.tipo === 'empresa') {
        this.prepararEmpresa(c, ctrl);
      }
    }
    for (const c of this.data.campos) {
      if (c.opcionesSegun) {
        const dep = this.form.controls[c.opcionesSegun.campo];
        dep.valueChanges
          .pipe(startWith(dep.value), distinctUntilChanged(), switchMap((v) => (v === '' || v === null ? of([]) : c.opcionesSegun!.cargar(v))), takeUntilDestroyed(this.destroy))
          .subscribe((ops) => {
            this.opciones.update((o) => ({ ...o, [c.nombre]: ops }));
            const actual = this.form.controls[c.nombre].value;
            if (ops.length === 1 && (actual === '' || actual === null)) {
              this.form.controls[c.nombre].setValue(ops[0].valor);
            }
          });
      }
    }
    // A server error on a field goes away as soon as the user edits it.
    for (const ctrl of Object.values(this.form.controls)) {
      ctrl.valueChanges.pipe(takeUntilDestroyed(this.destroy)).subscribe(() => {
        if (ctrl.errors?.['servidor']) {
          ctrl.updateValueAndValidity({ emitEvent: false });
        }
      });
    }
  }

  private prepararEmpresa(c: Campo, ctrl: FormControl<unknown>): void {
    const busqueda = new FormControl<string | Empresa | null>('');
    this.busquedas[c.nombre] = busqueda;
    const inicial = ctrl.value;
    if (inicial) {
      this.api.obtener<Empresa>('empresas', Number(inicial)).subscribe((e) => busqueda.setValue(e, { emitEvent: false }));
    }
    if (c.soloLectura) {
      busqueda.disable();
    }
    const textos = busqueda.valueChanges.pipe(filter((v): v is string | null => typeof v === 'string' || v === null));
    // Typing again clears the previous choice at once (not debounced: a late search must not undo a pick).
    textos.pipe(takeUntilDestroyed(this.destroy)).subscribe(() => {
      if (ctrl.value !== '' && ctrl.value !== null) {
        ctrl.setValue('');
      }
    });
    textos
      .pipe(
        debounceTime(250),
        startWith(''),
        switchMap((q) => this.api.listar<Empresa>('empresas', { q: q || undefined, per_page: 10, sort: 'nombre' }, { silencioso: true })),
        takeUntilDestroyed(this.destroy),
      )
      .subscribe((p) => this.empresas.update((m) => ({ ...m, [c.nombre]: p.items })));
  }

  elegirEmpresa(c: Campo, e: Empresa): void {
    this.form.controls[c.nombre].setValue(e.id);
    this.form.controls[c.nombre].markAsTouched();
  }

  nombreEmpresa = (e: Empresa | string | null): string => (e && typeof e === 'object' ? `${e.nombre} · NIT ${e.nit}` : (e ?? ''));

  visible(c: Campo): boolean {
    return !c.visible || c.visible(this.form.getRawValue());
  }

  mensajes(c: Campo): string[] {
    const ctrl = this.form.controls[c.nombre];
    return ctrl && (ctrl.touched || ctrl.errors?.['servidor']) ? mensajesDeControl(ctrl, c) : [];
  }

  guardar(): void {
    const visibles = this.data.campos.filter((c) => this.visible(c) && !c.soloLectura);
    if (visibles.some((c) => this.form.controls[c.nombre].invalid) || this.enviando()) {
      visibles.forEach((c) => this.form.controls[c.nombre].markAsTouched());
      for (const c of visibles) {
        const b = this.busquedas[c.nombre];
        b?.markAsTouched();
      }
      return;
    }
    const body = {
      ...cuerpoFormulario(this.data.campos, this.form.getRawValue(), this.data.valores ?? {}, !!this.data.edicion),
      ...(this.data.fijos ?? {}),
    };
    if (this.data.edicion && Object.keys(body).length === Object.keys(this.data.fijos ?? {}).length) {
      this.ref.close(null); // nothing changed
      return;
    }
    this.enviando.set(true);
    this.errores.set([]);
    this.data.enviar(body).subscribe({
      next: (r) => this.ref.close(r ?? true),
      error: (err: unknown) => {
        this.enviando.set(false);
        const porCampo = erroresDeCampo(err);
        const generales: string[] = [];
        for (const [campo, msgs] of Object.entries(porCampo)) {
          const ctrl = this.form.controls[campo.split('.')[0]];
          if (ctrl && this.data.campos.some((c) => c.nombre === campo.split('.')[0] && this.visible(c))) {
            ctrl.setErrors({ ...(ctrl.errors ?? {}), servidor: msgs });
            ctrl.markAsTouched();
          } else {
            generales.push(`${campo}: ${msgs.join(' ')}`);
          }
        }
        if (!Object.keys(porCampo).length || generales.length) {
          generales.unshift(mensajeDeError(err));
        }
        this.errores.set(generales);
      },
    });
  }
}

/** Opens the form; emits the API's answer once saved (nothing if cancelled or unchanged). */
export function abrirFormulario<R>(dialog: MatDialog, datos: DatosFormulario<R>): Observable<R> {
  return dialog
    .open(FormDialog, { data: datos, autoFocus: 'first-tabbable', width: '560px', maxWidth: '95vw' })
    .afterClosed()
    .pipe(filter((r): r is R => r !== undefined && r !== null && r !== false && r !== '')); // '' = closed with mat-dialog-close
}
