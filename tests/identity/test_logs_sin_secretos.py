"""Every flow, with the logs captured *before* redaction: no password, token, code or secret appears."""

from __future__ import annotations

import logging
from pathlib import Path

from tests.factories import DEFAULT_PASSWORD


def test_no_secrets_in_logs(app, client, make, smtp_server, logs_crudos, totp, bearer):
    secretos: list[str] = [DEFAULT_PASSWORD]
    wrong = "Wrong-Pass-987"
    nueva = "Nueva-Clave-456"
    secretos += [wrong, nueva]

    # Registration with 2FA + confirmation
    registro = client.post("/auth/registro", json={"nombre": "Ana", "email": "ana@x.co", "password": DEFAULT_PASSWORD,
                                                   "activar_otp": True}).get_json()
    secreto = registro["otp"]["secret"]
    secretos += [registro["pending_token"], secreto]
    codigo1 = totp(secreto, 0)
    confirmado = client.post("/auth/registro/confirmar-otp",
                             json={"pending_token": registro["pending_token"], "code": codigo1}).get_json()
    secretos += [codigo1, confirmado["access_token"], confirmado["refresh_token"], *confirmado["backup_codes"]]

    # Wrong logins (known and unknown), lockout, login with 2FA (wrong code, right code, backup code)
    for email in ("ana@x.co", "nadie@x.co"):
        client.post("/auth/login", json={"email": email, "password": wrong})
    reto = client.post("/auth/login", json={"email": "ana@x.co", "password": DEFAULT_PASSWORD}).get_json()
    secretos.append(reto["challenge_token"])
    client.post("/auth/login/otp", json={"challenge_token": reto["challenge_token"], "code": "000001"})
    codigo2 = totp(secreto, 1)
    sesion = client.post("/auth/login/otp", json={"challenge_token": reto["challenge_token"], "code": codigo2})
    sesion = sesion.get_json()
    secretos += [codigo2, sesion["access_token"], sesion["refresh_token"]]

    # Refresh, replay
    par = client.post("/auth/refresh", headers=bearer(sesion["refresh_token"])).get_json()
    secretos += [par["access_token"], par["refresh_token"]]
    client.post("/auth/refresh", headers=bearer(sesion["refresh_token"]))

    # Disable 2FA, then change the password with an e-mailed code
    reto = client.post("/auth/login", json={"email": "ana@x.co", "password": DEFAULT_PASSWORD}).get_json()
    sesion = client.post("/auth/login/otp", json={"challenge_token": reto["challenge_token"],
                                                  "code": confirmado["backup_codes"][0]}).get_json()
    secretos += [reto["challenge_token"], sesion["access_token"], sesion["refresh_token"]]
    apagado = client.post("/auth/otp/disable", headers=bearer(sesion["access_token"]),
                          json={"password": DEFAULT_PASSWORD, "code": confirmado["backup_codes"][1]}).get_json()
    secretos += [apagado["access_token"], apagado["refresh_token"]]
    h = bearer(apagado["access_token"])
    client.post("/account/password/request-code", headers=h)
    codigo_correo = smtp_server.ultimo_codigo()
    secretos.append(codigo_correo)
    client.post("/account/password/verify-code", headers=h, json={"code": codigo_correo})
    cambio = client.post("/account/password", headers=h, json={
        "current_password": DEFAULT_PASSWORD, "new_password": nueva, "verification_code": codigo_correo})
    assert cambio.status_code == 200, cambio.get_json()
    secretos += [cambio.get_json()["access_token"], cambio.get_json()["refresh_token"]]
    client.post("/auth/logout", headers=bearer(cambio.get_json()["access_token"]),
                json={"refresh_token": cambio.get_json()["refresh_token"]})

    assert len(logs_crudos.textos) > 20, "the flows should have logged"
    texto = "\n".join(logs_crudos.textos)
    for handler in logging.getLogger("tratios").handlers:
        handler.flush()
    archivos = "\n".join(p.read_text(encoding="utf-8") for p in Path(app.config["LOG_DIR"]).glob("*.log"))
    for secreto_ in secretos:
        assert secreto_ not in texto, f"secret found in captured log records: {secreto_[:6]}..."
        assert secreto_ not in archivos, f"secret found in log files: {secreto_[:6]}..."
    assert "Inicio de sesión fallido" in texto  # the failures were logged, without secrets
