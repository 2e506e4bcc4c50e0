import type { Rol } from './api/identidad';
import type { Modalidad, Prioridad } from './api/soporte';

/** Value/label pairs used by selects, filters and chips. */
export interface Opcion<T = string> {
  valor: T;
  etiqueta: string;
}

/** Colour family of a chip (state or priority). */
export type Tono = 'ok' | 'info' | 'aviso' | 'peligro' | 'neutro';

export function etiquetaDe(lista: readonly Opcion<string>[], valor: string | null | undefined): string {
  return lista.find((o) => o.valor === valor)?.etiqueta ?? valor ?? '';
}

export const PRIORIDADES: (Opcion<Prioridad> & { tono: Tono })[] = [
  { valor: 'baja', etiqueta: 'Baja', tono: 'neutro' },
  { valor: 'media', etiqueta: 'Media', tono: 'aviso' },
  { valor: 'alta', etiqueta: 'Alta', tono: 'peligro' },
  { valor: 'urgente', etiqueta: 'Urgente', tono: 'peligro' },
];

export const MODALIDADES: Opcion<Modalidad>[] = [
  { valor: 'mensual', etiqueta: 'Mensual (ilimitado)' },
  { valor: 'anual', etiqueta: 'Anual (ilimitado)' },
  { valor: 'por_tickets', etiqueta: 'Por tickets' },
  { valor: 'por_horas', etiqueta: 'Por horas' },
];

export const PERIODOS: Opcion[] = [
  { valor: 'mensual', etiqueta: 'Mensual' },
  { valor: 'anual', etiqueta: 'Anual' },
];

export const ROLES: Opcion<Rol>[] = [
  { valor: 'admin', etiqueta: 'Administrador' },
  { valor: 'cliente', etiqueta: 'Cliente' },
];

export const SI_NO: Opcion[] = [
  { valor: 'true', etiqueta: 'Sí' },
  { valor: 'false', etiqueta: 'No' },
];
