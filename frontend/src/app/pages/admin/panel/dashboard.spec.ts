import { escalar } from './dashboard';

describe('consola: panel', () => {
  it('escala las barras al valor mayor', () => {
    const r = escalar([{ etiqueta: 'a', valor: 2, clase: '' }, { etiqueta: 'b', valor: 4, clase: '' }, { etiqueta: 'c', valor: 0, clase: '' }]);
    expect(r.map((b) => b.ancho)).toEqual([50, 100, 0]);
  });
});
