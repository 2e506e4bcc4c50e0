"""Signed licences: Ed25519 keys on disk, the CLI, the signed token and the JWKS checked by an independent
verifier (PyJWT), and the docs snippet run against the app."""

from __future__ import annotations

import stat

import pytest

from services import licencias_firmadas


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
    assert len(licencias_firmadas.jwks()["keys"]) == 2


def test_kid_es_el_thumbprint_rfc7638():
    # RFC 8037, appendix A.3: the JWK thumbprint of the example Ed25519 public key.
    x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    assert licencias_firmadas._thumbprint(x) == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
