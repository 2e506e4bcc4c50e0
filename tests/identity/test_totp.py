"""TOTP against RFC 6238 (appendix B, SHA1) and an independent implementation (oathtool)."""

from __future__ import annotations

import base64
import shutil
import subprocess
import time
from urllib.parse import parse_qs, urlparse

import pytest

from services import otp

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()
# (unix time, 8-digit SHA1 code) from RFC 6238 appendix B
RFC_VECTORS = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]


@pytest.mark.parametrize(("instante", "esperado"), RFC_VECTORS)
def test_rfc6238_sha1_vectors(instante, esperado):
    paso = otp.paso_actual(instante)
    assert otp.codigo_totp(RFC_SECRET, paso, digitos=8) == esperado
    # The 6-digit code the project uses is the same truncation modulo 10^6.
    assert otp.codigo_totp(RFC_SECRET, paso) == esperado[-6:]
    assert otp.paso_que_coincide(RFC_SECRET, esperado[-6:], ahora=instante) == paso


def test_cross_check_with_oathtool():
    oathtool = shutil.which("oathtool")
    if oathtool is None:
        print("oathtool no está instalado (apt-get install oathtool): se omite la verificación cruzada")
        pytest.skip("oathtool no disponible")
    secreto = otp.nuevo_secreto()
    for instante in (59, 1111111109, 1234567890, int(time.time())):
        salida = subprocess.run(  # noqa: S603 - fixed binary, no shell
            [oathtool, "--totp=SHA1", "--base32", "--digits=6", "--time-step-size=30s",
             f"--now=@{instante}", secreto],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
        assert otp.codigo_totp(secreto, otp.paso_actual(instante)) == salida
    salida_rfc = subprocess.run(  # noqa: S603
        [oathtool, "--totp=SHA1", "--digits=8", "--now=@59", base64.b16encode(b"12345678901234567890").decode()],
        capture_output=True, text=True, check=True,
    ).stdout.strip()
    assert salida_rfc == "94287082"


def test_window_is_one_step_each_side():
    secreto = otp.nuevo_secreto()
    ahora = 1_700_000_000
    paso = otp.paso_actual(ahora)
    for delta in (-1, 0, 1):
        assert otp.paso_que_coincide(secreto, otp.codigo_totp(secreto, paso + delta), ahora) == paso + delta
    for delta in (-3, -2, 2, 3):
        assert otp.paso_que_coincide(secreto, otp.codigo_totp(secreto, paso + delta), ahora) is None


@pytest.mark.parametrize("malo", ["", "12345", "1234567", "abcdef", None])
def test_malformed_codes_rejected(malo):
    assert otp.paso_que_coincide(otp.nuevo_secreto(), malo) is None


def test_secret_is_160_bits_and_uri_has_issuer():
    secreto = otp.nuevo_secreto()
    assert len(base64.b32decode(secreto)) == 20
    uri = otp.otpauth_uri(secreto, "ana@empresa.co")
    parsed = urlparse(uri)
    assert parsed.scheme == "otpauth" and parsed.netloc == "totp"
    query = parse_qs(parsed.query)
    assert query["issuer"] == ["Tratios"] and query["secret"] == [secreto]
    assert parsed.path.startswith("/Tratios:ana")
    svg = otp.qr_svg(uri)
    assert svg.startswith("<svg") and "</svg>" in svg


def test_code_accepted_once_then_replay_refused(make):
    usuario = make.usuario()
    usuario.otp_secret = otp.nuevo_secreto()
    ahora = time.time()
    codigo = otp.codigo_totp(usuario.otp_secret, otp.paso_actual(ahora))
    assert otp.verificar_totp(usuario, codigo, ahora=ahora) is True
    assert otp.verificar_totp(usuario, codigo, ahora=ahora) is False  # same step
    anterior = otp.codigo_totp(usuario.otp_secret, otp.paso_actual(ahora) - 1)
    assert otp.verificar_totp(usuario, anterior, ahora=ahora) is False  # earlier step
    siguiente = otp.codigo_totp(usuario.otp_secret, otp.paso_actual(ahora) + 1)
    assert otp.verificar_totp(usuario, siguiente, ahora=ahora) is True


def test_backup_codes_are_hashed_and_single_use(make):
    usuario = make.usuario()
    codigos, hashes = otp.generar_backup_codes()
    assert len(codigos) == 10 == len(set(codigos))
    assert not set(codigos) & set(hashes)
    usuario.otp_backup_codes = hashes
    assert otp.consumir_backup_code(usuario, codigos[3].upper()) is True  # case/format tolerant
    assert otp.consumir_backup_code(usuario, codigos[3]) is False
    assert len(usuario.otp_backup_codes) == 9
