import { cambiosDe } from './auditoria';

describe('consola: auditoría', () => {
  it('muestra solo los campos que cambiaron', () => {
    expect(cambiosDe({ antes: { estado: 'activa', nombre: 'X', updated_at: 'a' }, despues: { estado: 'suspendida', nombre: 'X', updated_at: 'b' } }))
      .toEqual([{ campo: 'estado', antes: 'activa', despues: 'suspendida' }]);
    expect(cambiosDe({ antes: null, despues: { id: 1 } })).toEqual([{ campo: 'id', antes: '', despues: '1' }]);
  });
});
