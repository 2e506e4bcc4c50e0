/** Identity API shapes: users, sessions and 2FA (`/auth/*`, `/account/*`; README, section Identidad). */

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

/** A user as the admin console lists it (`/admin/usuarios`): the same shape. */
export type UsuarioAdmin = Usuario;

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
