"""Signed licences: Ed25519 keys on disk, the CLI, the signed token and the JWKS checked by an independent
verifier (PyJWT), and the docs snippet run against the app."""

from __future__ import annotations

import json
import re
import stat
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services import licencias_firmadas

URL_FIRMADA = "/api/licencia-firmada/{}"
URL_JWKS = "/api/licencia/jwks.json"


@pytest.fixture(autouse=True)
def claves_dir(app, tmp_path, monkeypatch):
    """Each test starts with no keys, in its own directory."""
    ruta = tmp_path / "licencias"
    monkeypatch.setitem(app.config, "LICENCIA_CLAVES_DIR", str(ruta))
    return ruta


def cli(app, *args):
    return app.test_cli_runner().invoke(args=["licencias", *args])


# --- keys and CLI -----------------------------------------------------------------------------


def test_primera_clave_se_crea_al_primer_uso_con_permisos_0600(app, claves_dir):
    assert not claves_dir.exists()
    kid = licencias_firmadas.clave_actual()
    assert stat.S_IMODE(claves_dir.stat().st_mode) == 0o700
    pem = claves_dir / f"{kid}.pem"
    assert stat.S_IMODE(pem.stat().st_mode) == 0o600
    assert pem.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    # Same key on the next use (no new key per call).
    assert licencias_firmadas.clave_actual() == kid
    assert [p.name for p in claves_dir.glob("*.pem")] == [f"{kid}.pem"]


def test_rotar_clave_la_nueva_firma_y_la_vieja_sigue_publicada(app, claves_dir):
    vieja = licencias_firmadas.clave_actual()
    resultado = cli(app, "rotar-clave")
    assert resultado.exit_code == 0, resultado.output
    nueva = licencias_firmadas.clave_actual()
    assert nueva != vieja and nueva in resultado.output
    assert stat.S_IMODE((claves_dir / f"{nueva}.pem").stat().st_mode) == 0o600
    assert [k["kid"] for k in licencias_firmadas.jwks()["keys"]] == [vieja, nueva]
    listado = cli(app, "claves")
    assert listado.exit_code == 0 and f"{nueva}" in listado.output and "(firma)" in listado.output


def test_retirar_clave_deja_de_publicarla(app):
    vieja = licencias_firmadas.clave_actual()
    cli(app, "rotar-clave")
    resultado = cli(app, "retirar-clave", vieja)
    assert resultado.exit_code == 0, resultado.output
    assert [k["kid"] for k in licencias_firmadas.jwks()["keys"]] == [licencias_firmadas.clave_actual()]
    otra_vez = cli(app, "retirar-clave", vieja)
    assert otra_vez.exit_code != 0 and "ya está retirada" in otra_vez.output


def test_no_se_retira_la_clave_que_firma_ni_una_desconocida(app):
    unica = licencias_firmadas.clave_actual()
    resultado = cli(app, "retirar-clave", unica)
    assert resultado.exit_code != 0 and "es la que firma" in resultado.output
    assert licencias_firmadas.clave_actual() == unica
    cli(app, "rotar-clave")
    actual = licencias_firmadas.clave_actual()
    assert cli(app, "retirar-clave", actual).exit_code != 0
    desconocida = cli(app, "retirar-clave", "no-existe")
    assert desconocida.exit_code != 0 and "No existe la clave" in desconocida.output
    # base64url kids may start with "-": still a kid, not an option.
    guion = cli(app, "retirar-clave", "-V3UXZZC03ZQvbbHJ2qG9m0MPSY9d")
    assert guion.exit_code == 1 and "No existe la clave -V3UXZZC03ZQvbbHJ2qG9m0MPSY9d" in guion.output
    assert len(licencias_firmadas.jwks()["keys"]) == 2


def test_kid_es_el_thumbprint_rfc7638():
    # RFC 8037, appendix A.3: the JWK thumbprint of the example Ed25519 public key.
    x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    assert licencias_firmadas._thumbprint(x) == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"


# --- signed token and JWKS, checked by an independent verifier (PyJWT) ------------------------


def firmada(client, api_key_headers, nit):
    response = client.get(URL_FIRMADA.format(nit), headers=api_key_headers())
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def publicadas(client):
    response = client.get(URL_JWKS)
    assert response.status_code == 200
    return response.get_json()


def verificar(token, jwks, **opciones):
    """What an instance does: pick the JWKS key by kid, verify signature, iss, exp and nbf."""
    kid = jwt.get_unverified_header(token)["kid"]
    claves = {k["kid"]: k for k in jwks["keys"]}
    if kid not in claves:
        raise jwt.InvalidKeyError(f"kid {kid} no publicado")
    return jwt.decode(token, jwt.PyJWK(claves[kid]).key, algorithms=["EdDSA"], issuer="tratios",
                      options={"require": ["iss", "sub", "iat", "nbf", "exp"]}, **opciones)


def test_jwks_publico_y_cacheable(client):
    response = client.get(URL_JWKS)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=300"
    [clave] = response.get_json()["keys"]
    assert set(clave) == {"kty", "crv", "x", "kid", "use", "alg"}
    assert (clave["kty"], clave["crv"], clave["use"], clave["alg"]) == ("OKP", "Ed25519", "sig", "EdDSA")


def test_token_firmado_verificado_con_el_jwks(app, client, api_key_headers, licencia_setup):
    datos = licencia_setup()
    nit = datos["empresa"].nit
    antes = datetime.now(UTC).replace(microsecond=0)
    body = firmada(client, api_key_headers, nit.split("-")[0])
    assert set(body) == {"token", "expira"}
    cabecera = jwt.get_unverified_header(body["token"])
    assert cabecera["alg"] == "EdDSA" and cabecera["kid"] == publicadas(client)["keys"][0]["kid"]
    claims = verificar(body["token"], publicadas(client), subject=nit)
    assert claims["iss"] == "tratios" and claims["sub"] == nit
    assert claims["nbf"] == claims["iat"] and antes.timestamp() <= claims["iat"] <= datetime.now(UTC).timestamp()
    assert claims["exp"] == claims["iat"] + 72 * 3600
    assert datetime.fromisoformat(body["expira"]).timestamp() == claims["exp"]
    assert claims["gracia_dias"] == 7
    # Exactly the answer of /api/suscripcion-activa (dates as strings).
    directa = client.get(f"/api/suscripcion-activa/{nit}", headers=api_key_headers()).get_json()
    assert claims["licencia"] == directa
    assert claims["licencia"]["valida"] is True and claims["licencia"]["codigo"] == "VALIDA"


def test_ajustes_horas_y_gracia(app, client, api_key_headers, licencia_setup, monkeypatch):
    monkeypatch.setitem(app.config, "LICENCIA_TOKEN_HORAS", 1)
    monkeypatch.setitem(app.config, "LICENCIA_GRACIA_DIAS", 3)
    claims = verificar(firmada(client, api_key_headers, licencia_setup()["empresa"].nit)["token"], publicadas(client))
    assert claims["exp"] - claims["iat"] == 3600 and claims["gracia_dias"] == 3


def test_sin_api_key_401_y_nit_desconocido_404(client, api_key_headers):
    assert client.get(URL_FIRMADA.format("900123456")).status_code == 401
    assert client.get(URL_FIRMADA.format("900123456"), headers={"X-API-Key": "otra"}).status_code == 401
    response = client.get(URL_FIRMADA.format("900999999"), headers=api_key_headers())
    assert response.status_code == 404 and response.get_json()["error"] == "empresa_no_encontrada"


def test_suspendida_recibe_token_firmado_no_valido(client, api_key_headers, admin_headers, licencia_setup):
    datos = licencia_setup()
    sid = datos["suscripcion"].id
    assert client.post(f"/admin/suscripciones/{sid}/suspender", json={}, headers=admin_headers).status_code == 200
    claims = verificar(firmada(client, api_key_headers, datos["empresa"].nit)["token"], publicadas(client))
    assert (claims["licencia"]["valida"], claims["licencia"]["codigo"]) == (False, "SUSPENDIDA")
    assert claims["licencia"]["servicios"] == []


def test_token_alterado_rechazado(client, api_key_headers, licencia_setup):
    token = firmada(client, api_key_headers, licencia_setup()["empresa"].nit)["token"]
    cabecera, carga, firma = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["licencia"]["servicios"] = []
    claims["exp"] += 365 * 86400
    otra_carga = licencias_firmadas._b64url(json.dumps(claims, separators=(",", ":")).encode())
    with pytest.raises(jwt.InvalidSignatureError):
        verificar(f"{cabecera}.{otra_carga}.{firma}", publicadas(client))
    firma_cambiada = ("A" if firma[0] != "A" else "B") + firma[1:]
    with pytest.raises(jwt.InvalidSignatureError):
        verificar(f"{cabecera}.{carga}.{firma_cambiada}", publicadas(client))


def test_token_de_otra_clave_rechazado(client, api_key_headers, licencia_setup):
    token = firmada(client, api_key_headers, licencia_setup()["empresa"].nit)["token"]
    claims = jwt.decode(token, options={"verify_signature": False})
    kid = jwt.get_unverified_header(token)["kid"]
    # Same kid, same claims, signed by a key that is not the server's.
    falso = jwt.encode(claims, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": kid})
    with pytest.raises(jwt.InvalidSignatureError):
        verificar(falso, publicadas(client))
    # Unknown kid and a symmetric "alg" are refused too.
    otro_kid = jwt.encode(claims, Ed25519PrivateKey.generate(), algorithm="EdDSA", headers={"kid": "otro"})
    with pytest.raises(jwt.InvalidKeyError):
        verificar(otro_kid, publicadas(client))
    hs = jwt.encode(claims, "secreto-compartido-de-32-bytes-min!", algorithm="HS256", headers={"kid": kid})
    with pytest.raises(jwt.InvalidAlgorithmError):
        verificar(hs, publicadas(client))


def test_exp_y_nbf_se_cumplen(client, api_key_headers, licencia_setup, monkeypatch):
    nit = licencia_setup()["empresa"].nit
    ahora = datetime.now(UTC)
    # Signed 73 hours ago: expired one hour ago (a small leeway does not save it).
    monkeypatch.setattr(licencias_firmadas, "_ahora", lambda: ahora - timedelta(hours=73))
    viejo = firmada(client, api_key_headers, nit)["token"]
    with pytest.raises(jwt.ExpiredSignatureError):
        verificar(viejo, publicadas(client), leeway=60)
    assert verificar(viejo, publicadas(client), leeway=3700)["sub"] == nit
    # Signed "in the future" (server clock ahead): not valid before nbf.
    monkeypatch.setattr(licencias_firmadas, "_ahora", lambda: ahora + timedelta(hours=1))
    futuro = firmada(client, api_key_headers, nit)["token"]
    with pytest.raises(jwt.ImmatureSignatureError):
        verificar(futuro, publicadas(client))


def test_rotacion_mantiene_tokens_viejos_hasta_retirar_la_clave(app, client, api_key_headers, licencia_setup):
    nit = licencia_setup()["empresa"].nit
    viejo = firmada(client, api_key_headers, nit)["token"]
    kid_viejo = jwt.get_unverified_header(viejo)["kid"]
    assert cli(app, "rotar-clave").exit_code == 0
    nuevo = firmada(client, api_key_headers, nit)["token"]
    kid_nuevo = jwt.get_unverified_header(nuevo)["kid"]
    assert kid_nuevo != kid_viejo
    jwks = publicadas(client)
    assert {k["kid"] for k in jwks["keys"]} == {kid_viejo, kid_nuevo}
    assert verificar(viejo, jwks)["sub"] == verificar(nuevo, jwks)["sub"] == nit
    assert cli(app, "retirar-clave", kid_viejo).exit_code == 0
    jwks = publicadas(client)
    assert [k["kid"] for k in jwks["keys"]] == [kid_nuevo]
    with pytest.raises(jwt.InvalidKeyError):
        verificar(viejo, jwks)
    assert verificar(nuevo, jwks)["sub"] == nit


def test_archivos_de_clave_0600(client, api_key_headers, licencia_setup, claves_dir, app):
    firmada(client, api_key_headers, licencia_setup()["empresa"].nit)
    cli(app, "rotar-clave")
    pems = list(claves_dir.glob("*.pem"))
    assert len(pems) == 2
    assert {stat.S_IMODE(p.stat().st_mode) for p in pems} == {0o600}
    assert stat.S_IMODE(claves_dir.stat().st_mode) == 0o700
    # The private key never leaves the server.
    assert "d" not in publicadas(client)["keys"][0]


# --- the docs snippet, run against the app ----------------------------------------------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "licencias.md"


def ejemplo_de_la_doc() -> dict:
    texto = DOC.read_text(encoding="utf-8")
    patron = r"<!-- ejemplo-verificacion-inicio -->\s*```python\n(.*?)```\s*<!-- ejemplo-verificacion-fin -->"
    bloque = re.search(patron, texto, re.S)
    assert bloque, "falta el ejemplo de verificación en docs/licencias.md"
    espacio: dict = {"__name__": "ejemplo_licencias"}
    exec(compile(bloque.group(1), str(DOC), "exec"), espacio)  # noqa: S102 - our own docs, under test
    return espacio


def fetch_de_prueba(client):
    """The snippet's `fetch`, through the Flask test client; raises like urllib on non-2xx."""
    estado = {"caido": False}

    def fetch(url, headers=None):
        if estado["caido"]:
            raise OSError("sin conexión")
        response = client.get(urlsplit(url).path, headers=headers or {})
        if response.status_code >= 400:
            raise OSError(f"HTTP {response.status_code}")
        return response.get_json()

    return fetch, estado


def test_ejemplo_de_la_doc_funciona_contra_la_app(app, client, licencia_setup, admin_headers, monkeypatch):
    ejemplo = ejemplo_de_la_doc()
    datos = licencia_setup()
    nit = datos["empresa"].nit
    fetch, red = fetch_de_prueba(client)
    instancia = ejemplo["Licencia"](nit, fetch=fetch, base="http://tratios.test", api_key=app.config["SAAS_API_KEY"])
    # Online: valid licence.
    assert instancia.vigente()["codigo"] == "VALIDA"
    # Offline: the stored token keeps working.
    red["caido"] = True
    assert instancia.vigente()["codigo"] == "VALIDA"
    # Grace: after fecha_fin + gracia_dias the stored token no longer lets the instance work.
    fin = date.fromisoformat(instancia.vigente()["suscripcion"]["fecha_fin"])
    assert ejemplo["verificar"](instancia.token, instancia.jwks, nit, hoy=fin + timedelta(days=7))["valida"]
    with pytest.raises(ejemplo["LicenciaNoValida"], match="gracia_agotada"):
        ejemplo["verificar"](instancia.token, instancia.jwks, nit, hoy=fin + timedelta(days=8))
    # Another company's token (wrong sub) and a tampered one are refused.
    with pytest.raises(ejemplo["LicenciaNoValida"], match="token_invalido"):
        ejemplo["verificar"](instancia.token, instancia.jwks, "900000001-1")
    with pytest.raises(ejemplo["LicenciaNoValida"], match="token_invalido"):
        ejemplo["verificar"](instancia.token[:-4] + "AAAA", instancia.jwks, nit)
    # Key rotation: a token signed by a key not in the stored JWKS makes the instance refresh.
    red["caido"] = False
    assert cli(app, "rotar-clave").exit_code == 0
    instancia.token = client.get(URL_FIRMADA.format(nit), headers={"X-API-Key": app.config["SAAS_API_KEY"]}
                                 ).get_json()["token"]
    assert instancia.vigente()["codigo"] == "VALIDA"
    assert len(instancia.jwks["keys"]) == 2
    # Expired token while offline: the instance must stop.
    monkeypatch.setattr(licencias_firmadas, "_ahora", lambda: datetime.now(UTC) - timedelta(hours=73))
    assert instancia.refrescar()
    red["caido"] = True
    with pytest.raises(ejemplo["LicenciaNoValida"], match="token_expirado"):
        instancia.vigente()
    # Back online: a new token; a suspended company gets a signed `valida: false`.
    monkeypatch.setattr(licencias_firmadas, "_ahora", lambda: datetime.now(UTC))
    red["caido"] = False
    assert instancia.vigente()["codigo"] == "VALIDA"
    sid = datos["suscripcion"].id
    assert client.post(f"/admin/suscripciones/{sid}/suspender", json={}, headers=admin_headers).status_code == 200
    assert instancia.refrescar()
    with pytest.raises(ejemplo["LicenciaNoValida"], match="SUSPENDIDA"):
        instancia.vigente()
