"""Single use under concurrency: one refresh token, one TOTP code (threads; MariaDB row locks / unique jti)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from database.db import db
from tests.factories import login as login_real


def test_same_refresh_token_in_parallel_wins_once_and_revokes_family(app, client, make):
    make.usuario(email="ana@x.co")
    tokens = login_real(client, "ana@x.co")

    def refrescar(_):
        with app.test_client() as c:
            return c.post("/auth/refresh", headers={"Authorization": f"Bearer {tokens['refresh_token']}"})

    with ThreadPoolExecutor(max_workers=6) as pool:
        respuestas = list(pool.map(refrescar, range(6)))
    codigos = [r.status_code for r in respuestas]
    assert codigos.count(200) <= 1 and set(codigos) <= {200, 401}, codigos
    # Any reuse revoked the family: even the winner's new refresh token is dead.
    db.session.rollback()  # this thread's session: end its REPEATABLE READ snapshot, as a new request would
    for r in respuestas:
        if r.status_code == 200:
            nuevo = r.get_json()["refresh_token"]
            assert client.post("/auth/refresh", headers={"Authorization": f"Bearer {nuevo}"}).status_code == 401


def test_same_totp_code_in_parallel_accepted_once(app, client, usuario_2fa, totp):
    _, secreto, _ = usuario_2fa(email="dos@x.co")
    retos = [client.post("/auth/login", json={"email": "dos@x.co", "password": "Clave-Segura-123"})
             .get_json()["challenge_token"] for _ in range(4)]
    codigo = totp(secreto, 1)

    def segundo_paso(reto):
        with app.test_client() as c:
            return c.post("/auth/login/otp", json={"challenge_token": reto, "code": codigo}).status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        codigos = list(pool.map(segundo_paso, retos))
    assert codigos.count(200) == 1, codigos
    assert codigos.count(401) == 3, codigos
