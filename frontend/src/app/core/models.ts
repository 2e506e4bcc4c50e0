/** Shapes of the Tratios API (see /work/shared/API.md). */

export type Rol = 'admin' | 'cliente';

export interface Usuario {
  id: number;
  nombre: string;
  email: string;
  rol: Rol;
  empresa_id: number | null;
  is_active: boolean;
  otp_enabled: boolean;
  telefono: string | null;
  direccion: string | null;
  ciudad: string | null;
  pais: string | null;
  fecha_nacimiento: string | null;
  created_at: string;
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
}

export interface Sesion extends Tokens {
  usuario: Usuario;
}

export interface OtpChallenge {
  requires_otp: true;
  challenge_token: string;
}

export interface OtpSetup {
  secret: string;
  otpauth_uri: string;
  qr_svg: string;
}

export interface RegistroPendiente {
  usuario: Usuario;
  pending_token: string;
  otp: OtpSetup;
}

export interface ConfirmacionOtp extends Sesion {
  backup_codes: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  per_page: number;
  pages: number;
}

export interface ApiErrorBody {
  error: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface ServicioCantidad {
  id: number;
  nombre: string;
  cantidad: number | null;
}

export interface PlanPublico {
  id: number;
  nombre: string;
  descripcion: string | null;
  precio_mensual: number;
  precio_anual: number;
  seleccionado: boolean;
  servicios: ServicioCantidad[];
}

export type Periodo = 'mensual' | 'anual';
export type EstadoSuscripcion = 'activa' | 'inactiva' | 'suspendida' | 'cancelada';

export interface SuscripcionCuenta {
  id: number;
  plan: { id: number; nombre: string };
  periodo: Periodo;
  fecha_inicio: string;
  fecha_fin: string;
  estado: EstadoSuscripcion;
  precio_pagado: number;
  porcentaje_descuento: number | null;
  renovacion_automatica: boolean;
  servicios: ServicioCantidad[];
}

export type Prioridad = 'baja' | 'media' | 'alta' | 'urgente';
export type EstadoTicket = 'abierto' | 'en_proceso' | 'pendiente_respuesta' | 'cerrado' | 'cancelado';

export interface Archivo {
  nombre: string;
  nombre_original: string;
  tamano: number;
  tipo: string;
}

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

export interface Disponibilidad {
  activo: boolean;
  modalidad: 'mensual' | 'anual' | 'por_tickets' | 'por_horas' | null;
  fecha_fin: string | null;
  tickets_disponibles: number | null;
  horas_disponibles: number | null;
}

export interface Pais {
  iso2: string;
  nombre: string;
  nombre_en: string;
}

export interface Ciudad {
  id: number;
  nombre: string;
  region: string | null;
  poblacion: number | null;
}

export const PRIORIDADES: { valor: Prioridad; etiqueta: string }[] = [
  { valor: 'baja', etiqueta: 'Baja' },
  { valor: 'media', etiqueta: 'Media' },
  { valor: 'alta', etiqueta: 'Alta' },
  { valor: 'urgente', etiqueta: 'Urgente' },
];

export const ESTADOS_TICKET: { valor: EstadoTicket; etiqueta: string }[] = [
  { valor: 'abierto', etiqueta: 'Abierto' },
  { valor: 'en_proceso', etiqueta: 'En proceso' },
  { valor: 'pendiente_respuesta', etiqueta: 'Pendiente de respuesta' },
  { valor: 'cerrado', etiqueta: 'Cerrado' },
  { valor: 'cancelado', etiqueta: 'Cancelado' },
];

export function etiqueta(lista: { valor: string; etiqueta: string }[], valor: string | null | undefined): string {
  return lista.find((x) => x.valor === valor)?.etiqueta ?? (valor ?? '');
}
