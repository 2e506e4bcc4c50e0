import { MatDialog } from '@angular/material/dialog';
import { Observable } from 'rxjs';

import { Suscripcion } from '../../../core/api/backoffice';
import { UsuarioAdmin } from '../../../core/api/identidad';
import { Contrato, Pago } from '../../../core/api/soporte';
import { AdminApi } from './admin-api';
import { CAMPOS_PASSWORD, camposContrato, camposPago, camposSuscripcion, camposUsuario } from './campos';
import { abrirFormulario } from './form-dialog';

/** Create dialogs shared by several pages (lists and the company detail). */

export function nuevaSuscripcion(dialog: MatDialog, api: AdminApi, empresaId?: number): Observable<Suscripcion> {
  return abrirFormulario<Suscripcion>(dialog, {
    titulo: 'Nueva suscripción de plan',
    campos: camposSuscripcion(api, !!empresaId),
    valores: { empresa_id: empresaId ?? '', periodo: 'mensual', estado: 'activa', renovacion_automatica: false },
    fijos: empresaId ? { empresa_id: empresaId } : undefined,
    boton: 'Crear suscripción',
    enviar: (b) => api.crear<Suscripcion>('suscripciones', b),
  });
}

export function nuevoContrato(dialog: MatDialog, api: AdminApi, empresaId?: number): Observable<Contrato> {
  return abrirFormulario<Contrato>(dialog, {
    titulo: 'Nuevo contrato de soporte',
    campos: camposContrato(api, !!empresaId),
    valores: { empresa_id: empresaId ?? '' },
    fijos: empresaId ? { empresa_id: empresaId } : undefined,
    boton: 'Crear contrato',
    enviar: (b) => api.crear<Contrato>('soporte-suscripciones', b),
  });
}

/** `referencia` is stored in the payment's free `detalle` JSON. */
export function registrarPago(dialog: MatDialog, api: AdminApi, contrato: Contrato | null): Observable<Pago> {
  return abrirFormulario<Pago>(dialog, {
    titulo: contrato ? `Registrar pago del contrato #${contrato.id}` : 'Registrar pago',
    campos: camposPago(contrato),
    valores: { soporte_suscripcion_id: contrato?.id ?? '', monto: contrato?.precio_actual ?? '', estado: 'exitoso' },
    fijos: contrato ? { soporte_suscripcion_id: contrato.id } : undefined,
    boton: 'Registrar pago',
    enviar: (b) => {
      const { referencia, ...resto } = b;
      return api.crear<Pago>('soporte-pagos', referencia ? { ...resto, detalle: { referencia } } : resto);
    },
  });
}

export function nuevoUsuario(dialog: MatDialog, api: AdminApi, empresaId?: number): Observable<UsuarioAdmin> {
  return abrirFormulario<UsuarioAdmin>(dialog, {
    titulo: 'Nuevo usuario',
    campos: camposUsuario({ nuevo: true }),
    valores: { rol: 'cliente', empresa_id: empresaId ?? '', is_active: true },
    boton: 'Crear usuario',
    enviar: (b) => api.crear<UsuarioAdmin>('usuarios', b),
  });
}

export function editarUsuario(dialog: MatDialog, api: AdminApi, u: UsuarioAdmin, esUnoMismo: boolean): Observable<UsuarioAdmin> {
  return abrirFormulario<UsuarioAdmin>(dialog, {
    titulo: `Editar ${u.nombre}`,
    campos: camposUsuario({ nuevo: false, esUnoMismo }),
    valores: {
      nombre: u.nombre, email: u.email, rol: u.rol, empresa_id: u.empresa_id ?? '', is_active: u.is_active,
      telefono: u.telefono ?? '', ciudad: u.ciudad ?? '', pais: u.pais ?? '',
    },
    edicion: true,
    enviar: (b) => api.actualizar<UsuarioAdmin>('usuarios', u.id, b),
  });
}

export function cambiarPassword(dialog: MatDialog, api: AdminApi, u: UsuarioAdmin): Observable<UsuarioAdmin> {
  return abrirFormulario<UsuarioAdmin>(dialog, {
    titulo: `Cambiar la contraseña de ${u.nombre}`,
    campos: [{ nombre: 'email', etiqueta: 'Correo', tipo: 'email', soloLectura: true }, ...CAMPOS_PASSWORD],
    valores: { email: u.email },
    boton: 'Cambiar contraseña',
    enviar: (b) => api.accion<UsuarioAdmin>('usuarios', u.id, 'cambiar-password', b),
  });
}
