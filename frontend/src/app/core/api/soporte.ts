/** Support API shapes: tickets, attachments, contracts, payments (`/account/soporte/*`, `/admin/soporte-*`; README, section Soporte). */
import type { EstadoContrato, EstadoPago, EstadoTicket } from '../estados';

export type Prioridad = 'baja' | 'media' | 'alta' | 'urgente';
export type Modalidad = 'mensual' | 'anual' | 'por_tickets' | 'por_horas';

export interface Archivo {
  nombre: string;
  nombre_original: string;
  tamano: number;
  tipo: string;
}

/** A ticket as the customer sees it. */
export interface Ticket {
  id: number;
  empresa_id: number;
  usuario_id: number | null;
  titulo: string;
  descripcion: string;
  prioridad: Prioridad;
  estado: EstadoTicket;
  metadata: Record<string, unknown> | null;
  horas_dedicadas: number | null;
  created_at: string;
  updated_at: string | null;
  closed_at: string | null;
  archivos: Archivo[];
}

/** A ticket as the support team sees it. */
export interface TicketAdmin extends Ticket {
  soporte_suscripcion_id: number | null;
  asignado_a: number | null;
  consumio_cupo: boolean;
  first_response_at: string | null;
}

export interface Comentario {
  id: number;
  ticket_id: number;
  contenido: string;
  es_admin: boolean;
  interno: boolean;
  autor: string | { id?: number; nombre?: string } | null;
  adjuntos: Archivo[];
  created_at: string;
}

export interface TicketDetalle {
  ticket: Ticket;
  comentarios: Comentario[];
}

export interface TicketAdminDetalle extends TicketAdmin {
  comentarios: Comentario[];
}

/** The company's support availability (customer view). */
export interface Disponibilidad {
  activo: boolean;
  modalidad: Modalidad | null;
  fecha_fin: string | null;
  tickets_disponibles: number | null;
  horas_disponibles: number | null;
}

/** The same with the contract's counters (admin view). */
export interface DisponibilidadAdmin extends Disponibilidad {
  empresa_id: number;
  soporte_suscripcion_id: number | null;
  tickets_consumidos: number | null;
  max_tickets: number | null;
  horas_consumidas: number | null;
  max_horas: number | null;
  agotado: boolean;
}

export interface SoporteTipo {
  id: number;
  nombre: string;
  descripcion: string | null;
  modalidad: Modalidad;
  precio: number;
  max_tickets: number | null;
  max_horas: number | null;
  activo: boolean;
}

/** A support contract (`/admin/soporte-suscripciones`). */
export interface Contrato {
  id: number;
  empresa_id: number;
  suscripcion_id: number;
  soporte_tipo_id: number;
  fecha_inicio: string;
  fecha_fin: string;
  estado: EstadoContrato;
  precio_actual: number;
  tickets_consumidos: number;
  horas_consumidas: number;
  agotado: boolean;
  modalidad: Modalidad;
  max_tickets: number | null;
  max_horas: number | null;
  notas: string | null;
  created_at: string;
}

export interface Pago {
  id: number;
  soporte_suscripcion_id: number;
  empresa_id: number;
  monto: number;
  estado: EstadoPago;
  detalle: Record<string, unknown> | null;
  fecha_pago: string;
  created_at: string;
}

export interface Estadisticas {
  total: number;
  por_estado: Record<string, number>;
  por_prioridad: Record<string, number>;
  tiempo_primera_respuesta_horas: number | null;
  tiempo_resolucion_horas: number | null;
  horas_por_empresa: { empresa_id: number; empresa: string; periodo: string; horas: number; tickets: number }[];
}

/** Who wrote a comment: the API's author name, else a generic one for each side. */
export function autorComentario(c: Comentario, nombres: { admin: string; cliente: string }): string {
  if (typeof c.autor === 'string' && c.autor) {
    return c.autor;
  }
  if (c.autor && typeof c.autor === 'object' && c.autor.nombre) {
    return c.autor.nombre;
  }
  return c.es_admin ? nombres.admin : nombres.cliente;
}
