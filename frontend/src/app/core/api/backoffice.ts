/**
 * Back-office API shapes: companies, plans, services, plan subscriptions, audit and the public
 * catalogue (`/admin/*`, `/public/*`, `/account/subscriptions`; README, section Back office).
 */
import type { EstadoEmpresa, EstadoSuscripcion } from '../estados';

export interface Empresa {
  id: number;
  nit: string;
  nombre: string;
  contacto: string | null;
  plan: string | null;
  estado: EstadoEmpresa;
  created_at: string;
  updated_at: string | null;
}

export type Periodo = 'mensual' | 'anual';

/** A service inside a plan with its limit (`null` = unlimited). */
export interface ServicioCantidad {
  id: number;
  nombre: string;
  cantidad: number | null;
}

export interface PlanServicioResumen extends ServicioCantidad {
  activo: boolean;
}

/** A plan as the public catalogue shows it. */
export interface PlanPublico {
  id: number;
  nombre: string;
  descripcion: string | null;
  precio_mensual: number;
  precio_anual: number;
  seleccionado: boolean;
  servicios: ServicioCantidad[];
}

/** A plan as the admin console sees it. */
export interface Plan extends PlanPublico {
  servicios: PlanServicioResumen[];
  created_at: string;
}

export interface Servicio {
  id: number;
  nombre: string;
  descripcion: string | null;
  activo: boolean;
  url_api: string | null;
  created_at: string;
}

export interface PlanServicio {
  id: number;
  plan_id: number;
  servicio_id: number;
  nombre: string;
  activo: boolean;
  cantidad: number | null;
}

interface SuscripcionBase {
  id: number;
  plan: { id: number; nombre: string };
  periodo: Periodo;
  fecha_inicio: string;
  fecha_fin: string;
  estado: EstadoSuscripcion;
  precio_pagado: number;
  porcentaje_descuento: number | null;
  renovacion_automatica: boolean;
}

/** The customer's own subscription (`/account/subscriptions`). */
export interface SuscripcionCuenta extends SuscripcionBase {
  servicios: ServicioCantidad[];
}

/** A subscription in the admin console (`/admin/suscripciones`). */
export interface Suscripcion extends SuscripcionBase {
  empresa_id: number;
  empresa: { id: number; nit: string; nombre: string };
  plan_id: number;
  porcentaje_descuento: number;
  cancelar_al_final: boolean;
  motivo_cancelacion: string | null;
  fecha_cancelacion: string | null;
  notas: string | null;
  created_at: string;
}

export interface AuditLog {
  id: number;
  usuario_id: number | null;
  usuario_email: string | null;
  accion: string;
  entidad: string;
  entidad_id: number | null;
  empresa_id: number | null;
  antes: Record<string, unknown> | null;
  despues: Record<string, unknown> | null;
  ip: string | null;
  request_id: string | null;
  created_at: string;
}

export interface ResumenPlanesServicios {
  planes: { id: number; nombre: string; seleccionado: boolean; servicios: PlanServicioResumen[]; total_servicios: number; suscripciones_activas: number }[];
  servicios: { id: number; nombre: string; activo: boolean; planes: number[] }[];
  totales: { planes: number; servicios: number; servicios_activos: number; asociaciones: number };
}
