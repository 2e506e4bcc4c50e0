import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { MAT_DIALOG_DATA, MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { of, throwError } from 'rxjs';

import { SKIP_ERROR_TOAST } from '../../../core/http-context';
import { AdminApi } from './admin-api';
import { CAMPOS_EMPRESA, camposSoporteTipo } from './campos';
import { Campo, DatosFormulario, FormDialog, cuerpoFormulario, mensajesDeControl, valorParaApi } from './form-dialog';

describe('consola: cuerpo de los formularios', () => {
  const campos: Campo[] = [
    { nombre: 'nombre', etiqueta: 'Nombre', tipo: 'texto', requerido: true },
    { nombre: 'contacto', etiqueta: 'Contacto', tipo: 'texto', nulo: true },
    { nombre: 'precio', etiqueta: 'Precio', tipo: 'numero' },
    { nombre: 'max_tickets', etiqueta: 'Máx', tipo: 'entero', visible: (v) => v['modalidad'] === 'por_tickets' },
    { nombre: 'modalidad', etiqueta: 'Modalidad', tipo: 'select' },
    { nombre: 'activo', etiqueta: 'Activo', tipo: 'check' },
    { nombre: 'email', etiqueta: 'Correo', tipo: 'email', soloLectura: true },
  ];

  it('normaliza tipos, omite vacíos y envía null en los campos anulables', () => {
    expect(valorParaApi(campos[2], '1500,5')).toEqual({ enviar: true, valor: 1500.5 });
    expect(valorParaApi(campos[1], '  ')).toEqual({ enviar: true, valor: null });
    expect(valorParaApi(campos[0], '')).toEqual({ enviar: false, valor: undefined });
    const body = cuerpoFormulario(campos, { nombre: ' Soporte ', contacto: '', precio: '90000', max_tickets: '3', modalidad: 'mensual', activo: 1, email: 'x@y.co' });
    // max_tickets is hidden for "mensual"; read-only fields are never sent.
    expect(body).toEqual({ nombre: 'Soporte', contacto: null, precio: 90000, modalidad: 'mensual', activo: true });
  });

  it('en edición envía solo lo que cambió', () => {
    const iniciales = { nombre: 'A', contacto: 'c@x.co', precio: 10, modalidad: 'por_tickets', max_tickets: 3, activo: true };
    const body = cuerpoFormulario(campos, { ...iniciales, precio: '12', max_tickets: '3' }, iniciales, true);
    expect(body).toEqual({ precio: 12 });
  });

  it('los campos de soporte siguen las reglas del API (límite solo en su modalidad)', () => {
    const campos = camposSoporteTipo(false);
    const maxTickets = campos.find((c) => c.nombre === 'max_tickets')!;
    expect(maxTickets.visible!({ modalidad: 'por_tickets' })).toBe(true);
    expect(maxTickets.visible!({ modalidad: 'por_horas' })).toBe(false);
    expect(maxTickets.min).toBe(1);
    expect(CAMPOS_EMPRESA.find((c) => c.nombre === 'nit')!.tipo).toBe('nit');
  });
});

describe('AdminApi', () => {
  let api: AdminApi;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    api = TestBed.inject(AdminApi);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('lista con filtros, sin parámetros vacíos', () => {
    api.listar('empresas', { q: 'ferre', estado: '', sort: '-nombre', page: 2, per_page: undefined }).subscribe();
    const req = backend.expectOne((r) => r.url === '/admin/empresas');
    expect(req.request.params.keys().sort()).toEqual(['page', 'q', 'sort']);
    expect(req.request.params.get('sort')).toBe('-nombre');
    req.flush({ items: [], total: 0, page: 2, per_page: 20, pages: 0 });
  });

  it('las escrituras muestran el error en línea; las acciones directas, con aviso global', () => {
    api.crear('usuarios', { nombre: 'A' }).subscribe({ error: () => undefined });
    const crear = backend.expectOne('/admin/usuarios');
    expect(crear.request.method).toBe('POST');
    expect(crear.request.context.get(SKIP_ERROR_TOAST)).toBe(true);
    crear.flush({}, { status: 201, statusText: 'Created' });

    api.accion('suscripciones', 7, 'cancelar', { motivo_cancelacion: 'x' }).subscribe();
    const cancelar = backend.expectOne('/admin/suscripciones/7/cancelar');
    expect(cancelar.request.body).toEqual({ motivo_cancelacion: 'x' });
    expect(cancelar.request.context.get(SKIP_ERROR_TOAST)).toBe(true);
    cancelar.flush({});

    api.accion('empresas', 3, 'activar', {}, true).subscribe();
    const activar = backend.expectOne('/admin/empresas/3/activar');
    expect(activar.request.context.get(SKIP_ERROR_TOAST)).toBe(false);
    activar.flush({});
  });

  it('cuenta con una sola fila por página', () => {
    let total = -1;
    api.contar('suscripciones', { estado: 'activa' }).subscribe((n) => (total = n));
    const req = backend.expectOne((r) => r.url === '/admin/suscripciones');
    expect(req.request.params.get('per_page')).toBe('1');
    req.flush({ items: [{}], total: 42, page: 1, per_page: 1, pages: 42 });
    expect(total).toBe(42);
  });
});

describe('FormDialog', () => {
  function crear(datos: DatosFormulario, cerrar = vi.fn()) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        { provide: MAT_DIALOG_DATA, useValue: datos },
        { provide: MatDialogRef, useValue: { close: cerrar } },
      ],
    });
    const fixture = TestBed.createComponent(FormDialog);
    fixture.detectChanges();
    return { fixture, dialog: fixture.componentInstance, cerrar };
  }

  it('pinta los detalles del 422 del servidor junto a cada campo', () => {
    const err = new HttpErrorResponse({
      status: 422,
      error: { error: 'validacion', message: 'Datos inválidos.', details: { url_api: ['URL no válida (http/https).'], otro: ['x'] } },
    });
    const url: Campo = { nombre: 'url_api', etiqueta: 'URL', tipo: 'url', nulo: true };
    const { fixture, dialog, cerrar } = crear({
      titulo: 'Nuevo servicio',
      campos: [{ nombre: 'nombre', etiqueta: 'Nombre', tipo: 'texto', requerido: true }, url],
      enviar: () => throwError(() => err),
    });
    dialog.form.controls['nombre'].setValue('Nómina');
    dialog.form.controls['url_api'].setValue('http://a..b');
    dialog.guardar();
    fixture.detectChanges();
    expect(mensajesDeControl(dialog.form.controls['url_api'], url)).toEqual(['URL no válida (http/https).']);
    expect(dialog.errores()).toEqual(['Datos inválidos.', 'otro: x']);
    expect(cerrar).not.toHaveBeenCalled();
  });

  it('no envía si el cliente ya sabe que es inválido, y cierra con la respuesta al guardar', () => {
    const enviar = vi.fn(() => of({ id: 9 }));
    const { dialog, cerrar } = crear({
      titulo: 'Nueva empresa',
      campos: CAMPOS_EMPRESA,
      valores: { estado: 'activa' },
      enviar,
    });
    dialog.form.controls['nit'].setValue('900123456-1');
    dialog.form.controls['nombre'].setValue('ACME');
    dialog.guardar();
    expect(enviar).not.toHaveBeenCalled();
    expect(mensajesDeControl(dialog.form.controls['nit'], CAMPOS_EMPRESA[0])).toEqual(['El dígito de verificación no corresponde al NIT.']);
    dialog.form.controls['nit'].setValue('900123456-8');
    dialog.guardar();
    expect(enviar).toHaveBeenCalledWith({ nit: '900123456-8', nombre: 'ACME', contacto: null, estado: 'activa' });
    expect(cerrar).toHaveBeenCalledWith({ id: 9 });
  });
});
