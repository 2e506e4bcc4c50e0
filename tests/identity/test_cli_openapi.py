"""`flask tokens purgar` and the OpenAPI document of the identity endpoints."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from database.db import db
from models import CodigoVerificacion, ContadorAcceso, SesionToken, TokenRevocado


def test_tokens_purgar_removes_only_expired(runner, make):
    usuario = make.usuario()
    ahora = datetime.now(UTC)
    pasado, futuro = ahora - timedelta(hours=1), ahora + timedelta(hours=1)
    db.session.add_all([
        TokenRevocado(jti="a" * 36, tipo="refresh", usuario_id=usuario.id, expira_en=pasado),
        TokenRevocado(jti="b" * 36, tipo="access", usuario_id=usuario.id, expira_en=futuro),
        SesionToken(familia="f" * 36, usuario_id=usuario.id, expira_en=pasado),
        SesionToken(familia="g" * 36, usuario_id=usuario.id, expira_en=futuro),
        CodigoVerificacion(usuario_id=usuario.id, proposito="cambio_password", codigo_hash="x" * 64,
                           expira_en=pasado),
        ContadorAcceso(clave="ip:1.1.1.1", fallos=2, actualizado_en=ahora - timedelta(days=2)),
        ContadorAcceso(clave="ip:2.2.2.2", fallos=5, bloqueado_hasta=futuro, actualizado_en=ahora - timedelta(days=2)),
    ])
    db.session.commit()
    result = runner.invoke(args=["tokens", "purgar"])
    assert result.exit_code == 0, result.output
    assert "tokens_revocados: 1" in result.output
    assert db.session.execute(sa.select(TokenRevocado.jti)).scalars().all() == ["b" * 36]
    assert db.session.execute(sa.select(SesionToken.familia)).scalars().all() == ["g" * 36]
    assert db.session.execute(sa.select(CodigoVerificacion)).first() is None
    assert db.session.execute(sa.select(ContadorAcceso.clave)).scalars().all() == ["ip:2.2.2.2"]


def test_openapi_documents_identity_endpoints(client):
    spec = client.get("/api/openapi.json").get_json()
    paths = spec["paths"]
    esperados = {
        "/auth/registro": "post", "/auth/registro/confirmar-otp": "post", "/auth/login": "post",
        "/auth/login/otp": "post", "/auth/refresh": "post", "/auth/logout": "post", "/auth/otp/setup": "post",
        "/auth/otp/activate": "post", "/auth/otp/disable": "post", "/auth/otp/backup-codes": "post",
        "/account/profile": "put", "/account/password": "post", "/account/password/request-code": "post",
        "/account/password/verify-code": "post", "/account/subscriptions": "get",
        "/account/suscripciones": "get", "/account/subscriptions/{suscripcion_id}": "patch",
        "/public/password-policy": "get",
    }
    for path, metodo in esperados.items():
        assert metodo in paths.get(path, {}), path
    login = paths["/auth/login"]["post"]["responses"]
    assert {"200", "202", "401", "403", "422", "429"} <= set(login)
    assert "503" in paths["/account/password/request-code"]["post"]["responses"]
