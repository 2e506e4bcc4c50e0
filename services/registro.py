"""Self-service signup (`POST /public/suscripcion`): company + first user + `inactiva` subscription.

The three rows belong to one unit of work (the view's): any failure rolls everything back, so a
failed signup never leaves a company without a user or a user without a subscription. The rules are
the same as everywhere: `empresas.nueva` (NIT), `usuarios.exigir_email_libre` (e-mail) and
`exigir_password_valida` (password). The company starts `pendiente` (licence EMPRESA_PENDIENTE) until an
admin approves it; an admin activates the subscription later (back office).
"""

from __future__ import annotations

from database.db import db
from models import Plan, Usuario
from models.usuario import normalizar_email
from services import al_deshacer, empresas, usuarios
from services.suscripciones import crear_suscripcion
from utils.errors import APIError
from utils.logger import AppLogger
from utils.password_validator import exigir_password_valida
from utils.passwords import hash_password

log = AppLogger.get("public")


def registrar_suscripcion(data: dict) -> dict:
    """Validate, then create everything. Returns {empresa, usuario, suscripcion}."""
    datos_empresa, datos_usuario = data["empresa"], data["usuario"]
    email = normalizar_email(datos_usuario["email"])
    exigir_password_valida(datos_usuario["password"], email, campo="usuario.password")
    plan = db.session.get(Plan, data["plan_id"])
    if plan is None:
        raise APIError(422, "validacion", "Los datos enviados no son válidos.",
                       details={"plan_id": ["El plan no existe."]})
    empresas.exigir_nit_libre(datos_empresa["nit"])
    usuarios.exigir_email_libre(email)
    # Hash before writing anything: the slow part never runs inside the transaction's row locks.
    password_hash = hash_password(datos_usuario["password"])
    empresa = empresas.nueva(datos_empresa, autoservicio=True)  # `pendiente` until an admin approves it
    al_deshacer(lambda: log.warning("Registro público revertido (NIT %s): nada quedó guardado", empresa.nit_base))
    usuario = Usuario(nombre=datos_usuario["nombre"].strip(), email=email, password_hash=password_hash,
                      rol="cliente", empresa_id=empresa.id, is_active=True)
    db.session.add(usuario)
    db.session.flush()
    suscripcion = crear_suscripcion(empresa, plan, data["periodo"], estado="inactiva",
                                    notas="Alta desde el registro público; pendiente de activación.",
                                    creado_por=usuario.id)
    log.info("Registro público: empresa_id=%s usuario_id=%s suscripcion_id=%s plan_id=%s (inactiva)",
             empresa.id, usuario.id, suscripcion.id, plan.id)
    return {"empresa": empresa, "usuario": usuario, "suscripcion": suscripcion}
