"""Input abuse: oversized and deeply nested bodies, wrong content types, invalid UTF-8, absurd pagination,
bad ids, SQL/HTML stored inert, hostile upload names. Every answer is the JSON envelope, never a 500."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from database.db import db
from models import Empresa, SoporteTicket, SoporteTicketArchivo

SOPORTE = "/api/internal/support"


def _envelope(response, status: int, error: str | None = None) -> dict:
    cuerpo = response.get_json()
    assert response.status_code == status, (response.status_code, cuerpo)
    assert response.mimetype == "application/json"
    assert set(cuerpo) >= {"error", "message"}
    if error:
        assert cuerpo["error"] == error, cuerpo
    return cuerpo


# --- size ---------------------------------------------------------------------------------------

def test_cuerpo_mayor_al_limite_es_413(client, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_JSON_BYTES", 4096)
    cuerpo = json.dumps({"email": "a@b.co", "password": "x" * 5000})
    _envelope(client.post("/auth/login", data=cuerpo, content_type="application/json"), 413)
    _envelope(client.post(f"{SOPORTE}/create_tickets", data=cuerpo, content_type="application/json",
                          headers=world.api_key_a), 413)


def test_cuerpo_chunked_sin_longitud_tambien_tiene_limite(client, app, monkeypatch):
    """Without Content-Length at most MAX_JSON_BYTES + 1 bytes are read: the cut body is never processed."""
    monkeypatch.setitem(app.config, "MAX_JSON_BYTES", 4096)
    cuerpo = json.dumps({"email": "a@b.co", "password": "x" * 5000}).encode()
    # As gunicorn presents a chunked body: no Content-Length, input terminated by the server.
    response = client.post("/auth/login", input_stream=io.BytesIO(cuerpo), content_type="application/json",
                           headers={"Transfer-Encoding": "chunked"},
                           environ_overrides={"wsgi.input_terminated": True})
    _envelope(response, 413, "demasiado_grande")


def test_texto_enorme_en_un_campo_es_422(client, world):
    response = client.post(f"{SOPORTE}/create_tickets", headers=world.api_key_a,
                           json={"titulo": "t" * 100_000, "descripcion": "d", "prioridad": "media"})
    assert "titulo" in _envelope(response, 422, "validacion")["details"]


def test_adjunto_de_mas_de_10_mb_es_413_sin_fila_ni_archivo(client, world, app):
    grande = io.BytesIO(b"a" * (10 * 1024 * 1024 + 1))
    response = client.post(f"{SOPORTE}/tickets/{world.a.ticket.id}/upload", headers=world.api_key_a,
                           data={"archivo": (grande, "grande.txt")}, content_type="multipart/form-data")
    _envelope(response, 413)
    assert db.session.query(SoporteTicketArchivo).count() == 2  # only the fixtures' files
    carpeta = Path(app.config["UPLOAD_FOLDER"]) / "tickets" / str(world.a.ticket.id)
    assert [p.name for p in carpeta.iterdir()] == [world.a.archivo.nombre]


# --- nesting, content types, encodings ---------------------------------------------------------------

@pytest.mark.parametrize("cuerpo", [
    "[" * 100_000 + "]" * 100_000,
    '{"a":' * 5_000 + "1" + "}" * 5_000,
    json.dumps({"titulo": "t", "descripcion": "d", "metadata": json.loads('{"x":' * 40 + "1" + "}" * 40)}),
], ids=["lista-100k", "objeto-5k", "metadata-40"])
def test_json_muy_anidado_es_400(client, world, cuerpo):
    for path, headers in (("/auth/login", {}), (f"{SOPORTE}/create_tickets", world.api_key_a)):
        response = client.post(path, data=cuerpo, content_type="application/json", headers=headers)
        _envelope(response, 400, "json_demasiado_anidado")


def test_json_anidado_razonable_se_acepta(client, world):
    metadata = json.loads('{"x":' * 5 + "1" + "}" * 5)
    response = client.post(f"{SOPORTE}/create_tickets", headers=world.api_key_a,
                           json={"titulo": "t", "descripcion": "d", "metadata": metadata})
    assert response.status_code == 201, response.get_json()


@pytest.mark.parametrize(("content_type", "data"), [
    ("text/plain", "hola"),
    ("application/x-www-form-urlencoded", "email=a%40b.co&password=x"),
    ("application/xml", "<login><email>a@b.co</email></login>"),
    (None, '{"email": "a@b.co", "password": "x"}'),
])
def test_tipo_de_contenido_incorrecto_es_415(client, world, content_type, data):
    kwargs = {"content_type": content_type} if content_type else {}
    _envelope(client.post("/auth/login", data=data, **kwargs), 415, "tipo_contenido_no_soportado")
    _envelope(client.put("/admin/empresas/1", data=data, headers=world.admin_headers, **kwargs), 415)


def test_json_a_un_endpoint_de_subida_es_415(client, world):
    response = client.post(f"{SOPORTE}/tickets/{world.a.ticket.id}/upload", headers=world.api_key_a,
                           json={"archivo": "hola"})
    _envelope(response, 415)


@pytest.mark.parametrize("cuerpo", [
    b'{"email": "\xff\xfe@b.co", "password": "x"}',
    b'{"email": "a@b.co", "password": "\xc3\x28"}',
    b'\xef\xbb\xbf\xff',
    b'{"email": ',
], ids=["latin1", "utf8-truncado", "bom-basura", "truncado"])
def test_utf8_invalido_o_json_roto_es_400(client, cuerpo):
    _envelope(client.post("/auth/login", data=cuerpo, content_type="application/json"), 400, "json_invalido")


def test_json_que_no_es_objeto_es_422(client):
    for cuerpo in ("[]", "1", '"texto"', "null", "NaN"):
        response = client.post("/auth/login", data=cuerpo, content_type="application/json")
        assert response.status_code in {400, 422}, (cuerpo, response.get_json())
        assert response.get_json()["error"]


# --- pagination and ids ------------------------------------------------------------------------

@pytest.mark.parametrize("query", [
    "per_page=101", "per_page=100000000000000000000000", "per_page=0", "per_page=-5", "per_page=abc",
    "page=0", "page=-1", "page=99999999999999999999", "page=1e3", "per_page=%00",
])
def test_paginacion_absurda_es_422(client, world, query):
    for path, headers in (("/admin/empresas", world.admin_headers), (f"{SOPORTE}/tickets", world.api_key_a),
                          ("/account/soporte/tickets", world.a.headers)):
        _envelope(client.get(f"{path}?{query}", headers=headers), 422, "validacion")


def test_per_page_maximo_se_acepta(client, world):
    response = client.get("/admin/empresas?per_page=100", headers=world.admin_headers)
    assert response.status_code == 200
    assert response.get_json()["per_page"] == 100


@pytest.mark.parametrize("id_", ["-1", "0", "abc", "1.5", "1e3", "%00", "99999999999999999999999999", "1%20OR%201=1",
                                 "%2e%2e", "１"])
def test_ids_negativos_no_numericos_o_enormes_son_404(client, world, id_):
    _envelope(client.get(f"/admin/empresas/{id_}", headers=world.admin_headers), 404)
    _envelope(client.get(f"{SOPORTE}/ticket_id/{id_}", headers=world.api_key_a), 404)
    _envelope(client.get(f"/public/empresas/{id_}"), 404)


@pytest.mark.parametrize("id_", ["-1", "abc", "99999999999999999999999999"])
def test_ids_invalidos_en_el_cuerpo_son_422(client, world, id_):
    valor = int(id_) if id_.lstrip("-").isdigit() else id_
    response = client.post("/admin/usuarios", headers=world.admin_headers,
                           json={"nombre": "X", "email": "x@y.co", "password": "Clave-Segura-123", "rol": "cliente",
                                 "empresa_id": valor})
    assert "empresa_id" in _envelope(response, 422)["details"]


# --- SQL and HTML are data ---------------------------------------------------------------------------

PELIGROSOS = [
    "<script>alert(document.cookie)</script>",
    "<img src=x onerror=alert(1)>",
    "'; DROP TABLE empresas; --",
    "\" OR \"1\"=\"1",
    "1' UNION SELECT password_hash FROM usuarios --",
    "%_\\",
    "{{7*7}} ${7*7} <%= 7*7 %>",
]


@pytest.mark.parametrize("texto", PELIGROSOS)
def test_sql_y_html_se_guardan_y_devuelven_intactos(client, world, texto):
    creado = client.post(f"{SOPORTE}/create_tickets", headers=world.api_key_a,
                         json={"titulo": texto, "descripcion": texto, "prioridad": "alta"})
    assert creado.status_code == 201, creado.get_json()
    ticket_id = creado.get_json()["ticket"]["id"]
    leido = client.get(f"{SOPORTE}/ticket_id/{ticket_id}", headers=world.api_key_a)
    assert leido.mimetype == "application/json"
    assert leido.headers["X-Content-Type-Options"] == "nosniff"
    assert leido.get_json()["ticket"]["titulo"] == texto
    assert leido.get_json()["ticket"]["descripcion"] == texto
    # Stored verbatim (not escaped twice, not executed) and the tables are intact.
    assert db.session.get(SoporteTicket, ticket_id).titulo == texto
    assert db.session.query(Empresa).count() == 2


@pytest.mark.parametrize("q", ["' OR 1=1 --", "%", "_", "\\", "A%' OR '1'='1", "<b>"])
def test_busqueda_con_comodines_y_sql_no_devuelve_todo(client, world, q):
    response = client.get("/admin/empresas", query_string={"q": q}, headers=world.admin_headers)
    assert response.status_code == 200
    assert response.get_json()["total"] == 0, (q, response.get_json())


def test_empresa_con_html_en_el_nombre(client, world, make):
    nit = make.nit_valido()
    creado = client.post("/admin/empresas", headers=world.admin_headers,
                         json={"nit": nit, "nombre": PELIGROSOS[1], "contacto": PELIGROSOS[0]})
    assert creado.status_code == 201, creado.get_json()
    leido = client.get(f"/public/empresas/{creado.get_json()['id']}")
    assert leido.get_json()["nombre"] == PELIGROSOS[1]
    assert b"<img" not in leido.get_data().replace(b"\\u003c", b"") or leido.mimetype == "application/json"


# --- hostile upload names ------------------------------------------------------------------------------

NOMBRES = [
    ("../../../../etc/passwd.txt", "passwd.txt"),
    ("..\\..\\windows\\win.ini.txt", None),
    ("/abs/ruta/nota.txt", "nota.txt"),
    ("nota\x00.php.txt", "nota.php.txt"),
    ("nota\r\nContent-Type: text/html.txt", None),
    ("factura ñandú 日本語 🚀.txt", "factura ñandú 日本語 🚀.txt"),
    ("a" * 1000 + ".txt", "a" * 247 + ".txt"),
    ("....txt", "txt"),
]


@pytest.mark.parametrize(("nombre", "esperado"), NOMBRES, ids=[f"nombre{i}" for i in range(len(NOMBRES))])
def test_nombres_de_archivo_hostiles(client, world, app, nombre, esperado):
    carpeta_tickets = Path(app.config["UPLOAD_FOLDER"]).resolve() / "tickets"
    antes = {p for p in Path(app.config["UPLOAD_FOLDER"]).resolve().rglob("*")}
    response = client.post(f"{SOPORTE}/tickets/{world.a.ticket.id}/upload", headers=world.api_key_a,
                           data={"archivo": (io.BytesIO(b"contenido de prueba\n"), nombre)},
                           content_type="multipart/form-data")
    if esperado == "txt" or (esperado is None and response.status_code == 422):
        # No extension left once the dots are stripped (or a name that breaks the multipart headers):
        # refused, nothing stored.
        _envelope(response, 422)
        assert {p for p in Path(app.config["UPLOAD_FOLDER"]).resolve().rglob("*")} == antes
        return
    assert response.status_code == 201, response.get_json()
    archivo = response.get_json()["archivo"]
    if esperado is None:
        # The multipart encoding mangles it on the wire; what matters is that no path survives.
        assert not {"/", "\\", "\r", "\n", "\x00"} & set(archivo["nombre_original"])
    else:
        assert archivo["nombre_original"] == esperado
    assert "/" not in archivo["nombre"] and ".." not in archivo["nombre"]
    nuevos = {p for p in Path(app.config["UPLOAD_FOLDER"]).resolve().rglob("*")} - antes
    assert [p.parent for p in nuevos if p.is_file()] == [carpeta_tickets / str(world.a.ticket.id)]
    descarga = client.get(f"{SOPORTE}/tickets/{world.a.ticket.id}/archivos/{archivo['nombre']}",
                          headers=world.api_key_a)
    assert descarga.status_code == 200
    disposicion = descarga.headers["Content-Disposition"]
    assert disposicion.startswith("attachment")
    assert "\r" not in disposicion and "\n" not in disposicion and "\x00" not in disposicion
    assert descarga.headers["X-Content-Type-Options"] == "nosniff"
    assert descarga.get_data() == b"contenido de prueba\n"


@pytest.mark.parametrize("filename", ["../../../etc/passwd", "..%2f..%2fetc%2fpasswd", "%00", "a" * 300,
                                      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.txt%00.php"])
def test_descargas_con_rutas_hostiles_son_404(client, world, filename):
    response = client.get(f"{SOPORTE}/tickets/{world.a.ticket.id}/archivos/{filename}", headers=world.api_key_a)
    assert response.status_code == 404
    assert response.is_json
