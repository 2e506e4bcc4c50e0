"""`flask suscripciones procesar`: expiries, end-of-term cancellations, auto-renewals, support
contracts; idempotent; prints a summary."""

from __future__ import annotations

from datetime import date, timedelta

from models import AuditLog, Empresa, SoporteSuscripcion, Suscripcion


def _estado(db, model, obj_id):
    db.session.expire_all()
    return db.session.get(model, obj_id)


def test_procesar_applies_every_rule_once(runner, make, catalogo, db):
    plan = catalogo["plan"]
    hoy = date.today()
    hace_40 = hoy - timedelta(days=40)
    vence = make.suscripcion(make.empresa(), plan, fecha_inicio=hace_40)
    renueva = make.suscripcion(make.empresa(), plan, fecha_inicio=hace_40, renovacion_automatica=True)
    cancela = make.suscripcion(make.empresa(), plan, fecha_inicio=hace_40, cancelar_al_final=True,
                               renovacion_automatica=True, motivo_cancelacion="Se va")
    vigente = make.suscripcion(make.empresa(), plan, fecha_inicio=hoy - timedelta(days=10))
    ultimo_dia = make.suscripcion(make.empresa(), plan, fecha_inicio=hoy, fecha_fin=hoy)
    suspendida = make.suscripcion(make.empresa(), plan, fecha_inicio=hace_40, estado="suspendida")
    tipo = make.soporte_tipo("mensual")
    soporte_vencido = make.soporte_suscripcion(vigente, tipo, fecha_inicio=hace_40)
    soporte_vigente = make.soporte_suscripcion(ultimo_dia, tipo)

    result = runner.invoke(args=["suscripciones", "procesar"])
    assert result.exit_code == 0, result.output
    assert "canceladas al final del periodo=1" in result.output
    assert "renovadas automáticamente=1" in result.output
    assert "vencidas=1" in result.output
    assert "soportes vencidos=1" in result.output

    assert _estado(db, Suscripcion, vence.id).estado == "inactiva"
    assert db.session.get(Empresa, vence.empresa_id).plan is None
    renovada = db.session.get(Suscripcion, renueva.id)
    assert renovada.estado == "activa" and renovada.fecha_fin >= hoy
    assert db.session.get(Empresa, renueva.empresa_id).plan == "Pro"
    cancelada = db.session.get(Suscripcion, cancela.id)
    assert cancelada.estado == "cancelada" and cancelada.fecha_cancelacion is not None
    assert db.session.get(Empresa, cancela.empresa_id).plan is None
    assert db.session.get(Suscripcion, vigente.id).estado == "activa"
    assert db.session.get(Suscripcion, ultimo_dia.id).estado == "activa"  # fecha_fin is still covered today
    assert db.session.get(Suscripcion, suspendida.id).estado == "suspendida"
    assert db.session.get(SoporteSuscripcion, soporte_vencido.id).estado == "vencido"
    assert db.session.get(SoporteSuscripcion, soporte_vigente.id).estado == "activo"
    acciones = sorted(a.accion for a in db.session.query(AuditLog))
    assert acciones == ["cancelar_fin_periodo", "renovar_automatica", "vencer", "vencer"]
    assert all(a.usuario_id is None for a in db.session.query(AuditLog))

    # idempotent: the second run the same day changes nothing
    antes = [(s.id, s.estado, s.fecha_inicio, s.fecha_fin) for s in db.session.query(Suscripcion).order_by("id")]
    result = runner.invoke(args=["suscripciones", "procesar"])
    assert result.exit_code == 0
    assert "canceladas al final del periodo=0, renovadas automáticamente=0, vencidas=0, soportes vencidos=0" \
        in result.output
    db.session.expire_all()
    assert antes == [(s.id, s.estado, s.fecha_inicio, s.fecha_fin)
                     for s in db.session.query(Suscripcion).order_by("id")]
    assert db.session.query(AuditLog).count() == 4


def test_procesar_with_a_date_and_auto_renew_keeps_the_anchor(runner, make, catalogo, db):
    s = make.suscripcion(make.empresa(), catalogo["plan"], fecha_inicio=date(2026, 1, 31),
                         renovacion_automatica=True)
    assert s.fecha_fin == date(2026, 2, 28)
    result = runner.invoke(args=["suscripciones", "procesar", "--fecha", "2026-02-28"])
    assert "renovadas automáticamente=0" in result.output  # the last day is still covered
    runner.invoke(args=["suscripciones", "procesar", "--fecha", "2026-03-01"])
    # lapsed by one day: new term from the reference day
    assert _estado(db, Suscripcion, s.id).fecha_fin == date(2026, 4, 1)


def test_procesar_bad_date(runner):
    result = runner.invoke(args=["suscripciones", "procesar", "--fecha", "ayer"])
    assert result.exit_code != 0
    assert "AAAA-MM-DD" in result.output


def test_cancel_at_end_through_the_api_then_procesar(client, ah, runner, make, catalogo, db):
    s = make.suscripcion(make.empresa(), catalogo["plan"], fecha_inicio=date.today() - timedelta(days=5))
    client.post(f"/admin/suscripciones/{s.id}/cancelar", headers=ah,
                json={"motivo_cancelacion": "Cierra el negocio", "al_final_del_periodo": True})
    runner.invoke(args=["suscripciones", "procesar"])
    assert _estado(db, Suscripcion, s.id).estado == "activa"  # still within its term
    runner.invoke(args=["suscripciones", "procesar", "--fecha", (s.fecha_fin + timedelta(days=1)).isoformat()])
    guardada = _estado(db, Suscripcion, s.id)
    assert guardada.estado == "cancelada" and guardada.motivo_cancelacion == "Cierra el negocio"
