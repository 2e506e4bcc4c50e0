import { parsearCantidad } from './plan-detalle';

describe('consola: plan', () => {
  it('cantidad de un servicio: entero positivo o vacío (ilimitado)', () => {
    expect(parsearCantidad('')).toEqual({ valor: null });
    expect(parsearCantidad(' 25 ')).toEqual({ valor: 25 });
    expect('error' in parsearCantidad('0')).toBe(true);
    expect('error' in parsearCantidad('2.5')).toBe(true);
    expect('error' in parsearCantidad('-1')).toBe(true);
  });
});
