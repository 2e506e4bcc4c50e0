import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Params, Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { of } from 'rxjs';

import { LISTA } from './filtros';
import { Columna } from './lista';
import { Listado, ordenDesdeUrl, ordenParaUrl, soloCampos } from './listado';

interface Cosa {
  id: number;
  nombre: string;
  alta: string;
}

const COSAS: Cosa[] = [
  { id: 1, nombre: 'Tornillo', alta: '2026-11-28' },
  { id: 2, nombre: 'Tuerca', alta: '2026-11-29' },
];

@Component({
  imports: [LISTA],
  template: `
    <app-lista [listado]="l" [columnas]="columnas" nombre="cosas" titulo="Cosas del inventario" testid="tabla-cosas"
               [vacio]="{ icono: 'inbox', titulo: 'Aún no hay cosas' }" [sinCoincidencias]="{ icono: 'inbox', titulo: 'Ninguna cosa coincide' }">
      <app-filtro-select campo="estado" etiqueta="Estado" [opciones]="[{ valor: 'nueva', etiqueta: 'Nueva' }]" testid="filtro-estado" />
      <app-filtro-texto campo="q" etiqueta="Buscar" testid="buscar" />
      <ng-template celda="nombre" let-x><strong>{{ x.nombre }}</strong></ng-template>
    </app-lista>
  `,
})
class ListaDePrueba {
  static pedidos: Params[] = [];
  static items: Cosa[] = COSAS;
  readonly columnas: Columna[] = [{ id: 'id', titulo: 'N.º', orden: true }, { id: 'nombre', titulo: 'Nombre' }, { id: 'alta', titulo: 'Alta' }];
  readonly l = new Listado<Cosa>((p) => {
    ListaDePrueba.pedidos.push(p);
    const items = ListaDePrueba.items;
    return of({ items, total: items.length, page: Number(p['page'] ?? 1), per_page: Number(p['per_page']), pages: 1 });
  });
}

describe('lista: orden y filtros en la URL', () => {
  it('convierte sort=-campo en la dirección de MatSort y viceversa', () => {
    expect(ordenDesdeUrl('-fecha_fin')).toEqual({ active: 'fecha_fin', direction: 'desc' });
    expect(ordenDesdeUrl('nombre')).toEqual({ active: 'nombre', direction: 'asc' });
    expect(ordenDesdeUrl('')).toEqual({ active: '', direction: '' });
    expect(ordenParaUrl({ active: 'nit', direction: 'desc' })).toBe('-nit');
    expect(ordenParaUrl({ active: 'nit', direction: 'asc' })).toBe('nit');
    expect(ordenParaUrl({ active: 'nit', direction: '' })).toBeNull();
    expect(soloCampos({ q: 'x', otro: 'y', page: '2' }, ['q', 'page', 'estado'])).toEqual({ q: 'x', page: '2' });
  });
});

describe('app-lista', () => {
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    ListaDePrueba.pedidos = [];
    ListaDePrueba.items = COSAS;
    TestBed.configureTestingModule({ providers: [provideRouter([{ path: 'cosas', component: ListaDePrueba }])] });
    harness = await RouterTestingHarness.create();
  });

  async function abrir(url: string): Promise<HTMLElement> {
    await harness.navigateByUrl(url);
    await harness.fixture.whenStable();
    return harness.routeNativeElement!;
  }

  it('carga con los filtros, la página y el orden de la URL y pinta tabla, celdas y paginador', async () => {
    const el = await abrir('/cosas?estado=nueva&page=2&sort=-id');
    expect(ListaDePrueba.pedidos.at(-1)).toEqual({ per_page: 20, estado: 'nueva', page: '2', sort: '-id' });
    const tabla = el.querySelector('[data-testid=tabla-cosas]')!;
    expect(tabla.querySelector('caption')?.textContent).toBe('Cosas del inventario');
    expect(tabla.querySelectorAll('tbody tr').length).toBe(2);
    expect(tabla.querySelector('tbody strong')?.textContent).toBe('Tornillo');
    expect(tabla.querySelector('th[aria-sort]')?.getAttribute('aria-sort')).toBe('descending');
    expect(el.querySelector('mat-paginator')?.getAttribute('aria-label')).toBe('Páginas de cosas');
    expect(el.querySelector('[role=search] [data-testid=filtro-estado]')?.textContent).toContain('Nueva');
  });

  it('un filtro cambia la URL y vuelve a la página 1', async () => {
    await abrir('/cosas?page=3');
    const lista = harness.routeDebugElement!.componentInstance as ListaDePrueba;
    lista.l.filtrar({ estado: 'nueva' });
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/cosas?estado=nueva');
    expect(ListaDePrueba.pedidos.at(-1)).toEqual({ per_page: 20, estado: 'nueva' });
  });

  it('vacía: distingue "sin datos" de "ninguna coincide" con filtros', async () => {
    ListaDePrueba.items = [];
    expect((await abrir('/cosas')).querySelector('app-empty-state h2')?.textContent).toBe('Aún no hay cosas');
    expect((await abrir('/cosas?q=zzz')).querySelector('app-empty-state h2')?.textContent).toBe('Ninguna cosa coincide');
  });
});
