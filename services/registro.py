"""Self-service signup (`POST /public/suscripcion`): company + first user + `inactiva` subscription.

All three rows are written in ONE transaction: any failure rolls everything back, so a failed
signup never leaves a company without a user or a user without a subscription. An admin activates
the subscription later (back office).
"""

from __future__ import annotations

import sqlalchemy as sa

from database.db import db
from models import Empresa, Plan, Usuario
from services.suscripciones import crear_suscripcion
from utils.errors import APIError
from utils.logger import AppLogger
from utils.nit import NitInvalido, normalizar_nit
from utils.passwords import hash_password

log = AppLogger.get("public")


def _invalido(details: dict) -> APIError:
    return APIError(422, "validacion", "Los datos enviados no son válidos.", details=details)


def _politica_password(password: str, email: str) -> list[str]:
    from utils.password_validator import validar_password

    return list(validar_password(password, email))


def registrar_suscripcion(data: dict) -> dict:
    """Validate, then create everything and commit. Returns {empresa, usuario, suscripcion}."""
    datos_empresa, datos_usuario = data["empresa"], data["usuario"]
    try:
        nit, nit_base = normalizar_nit(datos_empresa["nit"])
    except NitInvalido as exc:
        raise _invalido({"empresa": {"nit": [str(exc)]}}) from exc
    email = datos_usuario["email"].strip().lower()
    errores = _politica_password(datos_usuario["password"], email)
    if errores:
        raise _invalido({"usuario": {"password": errores}})
    plan = db.session.get(Plan, data["plan_id"])
    if plan is None:
        raise _invalido({"plan_id": ["El plan no existe."]})
    if db.session.execute(sa.select(Empresa.id).where(Empresa.nit_base == nit_base).limit(1)).first():
        raise APIError(409, "nit_duplicado", "Ya existe una empresa registrada con ese NIT.")
    if db.session.execute(
        sa.select(Usuario.id).where(sa.func.lower(Usuario.email) == email).limit(1)
    ).first():
        raise APIError(409, "email_duplicado", "Ya existe un usuario con ese correo electrónico.")
    # Hash before writing anything: the slow part never runs inside the transaction's row locks.
    password_hash = hash_password(datos_usuario["password"])

    try:
        empresa = Empresa(nit=nit, nit_base=nit_base, nombre=datos_empresa["nombre"].strip(),
                          contacto=datos_empresa["contacto"].strip(), estado="activa")
        db.session.add(empresa)
        db.session.flush()
        usuario = Usuario(nombre=datos_usuario["nombre"].strip(), email=email, password_hash=password_hash,
                          rol="cliente", empresa_id=empresa.id, is_active=True)
        db.session.add(usuario)
        db.session.flush()
        suscripcion = crear_suscripcion(empresa, plan, data["periodo"], estado="inactiva",
                                        notas="Alta desde el registro público; pendiente de activación.",
                                        creado_por=usuario.id)
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.warning("Registro público revertido (NIT base %s): nada quedó guardado", nit_base)
        raise
    log.info("Registro público: empresa_id=%s usuario_id=%s suscripcion_id=%s plan_id=%s (inactiva)",
             empresa.id, usuario.id, suscripcion.id, plan.id)
    return {"empresa": empresa, "usuario": usuario, "suscripcion": suscripcion}
