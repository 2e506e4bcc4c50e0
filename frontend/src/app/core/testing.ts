import { Usuario } from './api/identidad';

/** Test data shared by the unit tests. */
export const USUARIO: Usuario = {
  id: 7,
  nombre: 'Ana',
  email: 'ana@cliente.co',
  rol: 'cliente',
  empresa_id: 3,
  is_active: true,
  otp_enabled: false,
  telefono: null,
  direccion: null,
  ciudad: null,
  pais: null,
  fecha_nacimiento: null,
  created_at: '2026-11-28T14:03:00+00:00',
};
