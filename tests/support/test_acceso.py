"""Access: API key and company header of the internal API, tenant isolation for instances and customers."""

from __future__ import annotations

import io

import pytest

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.fixture
def dos_empresas(contrato, nuevo_ticket, client, admin_headers, make):
    """Company A with a ticket (an internal note and a file), company B with its own contract."""
    a = contrato("mensual")
    b = contrato("mensual")
    ticket = nuevo_ticket(a.empresa_id).json["ticket"]
    client.post(f"/admin/soporte-tickets/{ticket['id']}/comentarios",
                json={"contenido": "secreto interno", "interno": True}, headers=admin_headers)
    r = client.post(f"/admin/soporte-tickets/{ticket['id']}/archivos", headers=admin_headers,
                    data={"archivo": (io.BytesIO(PNG), "a.png")}, content_type="multipart/form-data")
    return {"a": a, "b": b, "ticket": ticket, "archivo": r.json["nombre"],
            "cliente_a": make.usuario(empresa_id=a.empresa_id), "cliente_b": make.usuario(empresa_id=b.empresa_id)}


def test_api_key(client, app, contrato, monkeypatch):
    c = contrato("mensual")
    url = "/api/internal/support/status"
    assert client.get(url, headers={"X-Empresa-Id": str(c.empresa_id)}).status_code == 401
    r = client.get(url, headers={"X-API-Key": "mala", "X-Empresa-Id": str(c.empresa_id)})
    assert r.status_code == 401 and r.json["error"] == "api_key_invalida"
    buena = {"X-API-Key": app.config["SAAS_API_KEY"]}
    assert client.get(url, headers=buena).status_code == 400
    assert client.get(url, headers={**buena, "X-Empresa-Id": "abc"}).status_code == 400
    assert client.get(url, headers={**buena, "X-Empresa-Id": "999999"}).status_code == 404
    assert client.get(url, headers={**buena, "X-Empresa-Id": str(c.empresa_id)}).status_code == 200
    assert client.get("/api/internal/support/health", headers=buena).json == {"status": "ok"}
    assert client.get("/api/internal/support/health").status_code == 401
    monkeypatch.setitem(app.config, "SAAS_API_KEY", None)
    r = client.get(url, headers={**buena, "X-Empresa-Id": str(c.empresa_id)})
    assert r.status_code == 503


def test_dev_key_solo_fuera_de_produccion(client, app, contrato, monkeypatch):
    c = contrato("mensual")
    headers = {"X-API-Key": "clave-dev-local-123", "X-Empresa-Id": str(c.empresa_id)}
    assert client.get("/api/internal/support/status", headers=headers).status_code == 401
    monkeypatch.setitem(app.config, "SUPPORT_API_DEV_KEY", "clave-dev-local-123")
    assert client.get("/api/internal/support/status", headers=headers).status_code == 200
    # never for the other API-key endpoints
    assert client.get("/api/suscripcion-activa/900123456", headers=headers).status_code in (401, 404, 405)
    assert client.get("/api/suscripcion-activa/900123456", headers=headers).status_code != 200
    monkeypatch.setitem(app.config, "APP_ENV", "production")
    assert client.get("/api/internal/support/status", headers=headers).status_code == 401


def test_aislamiento_api_interna(api, dos_empresas):
    t, b = dos_empresas["ticket"], dos_empresas["b"].empresa_id
    tid, nombre = t["id"], dos_empresas["archivo"]
    assert api("GET", f"/ticket_id/{tid}", b).status_code == 404
    assert api("POST", f"/tickets/{tid}/comentarios", b, json={"contenido": "x"}).status_code == 404
    r = api("POST", f"/tickets/{tid}/upload", b, data={"archivo": (io.BytesIO(PNG), "x.png")},
            content_type="multipart/form-data")
    assert r.status_code == 404
    assert api("GET", f"/tickets/{tid}/archivos/{nombre}", b).status_code == 404
    assert api("GET", "/tickets", b).json["total"] == 0
    # company A sees its own ticket, without internal notes
    a = dos_empresas["a"].empresa_id
    assert api("GET", "/tickets", a).json["total"] == 1
    detalle = api("GET", f"/ticket_id/{tid}", a).json
    assert detalle["comentarios"] == []
    assert "secreto" not in str(detalle)
    assert api("GET", f"/tickets/{tid}/archivos/{nombre}", a).status_code == 200


def test_aislamiento_cliente(client, auth_headers, dos_empresas):
    t, nombre = dos_empresas["ticket"], dos_empresas["archivo"]
    hb = auth_headers(dos_empresas["cliente_b"])
    base = f"/account/soporte/tickets/{t['id']}"
    assert client.get(base, headers=hb).status_code == 404
    assert client.post(base + "/comentarios", json={"contenido": "x"}, headers=hb).status_code == 404
    r = client.post(base + "/archivos", headers=hb, data={"archivo": (io.BytesIO(PNG), "x.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 404
    assert client.get(f"{base}/archivos/{nombre}", headers=hb).status_code == 404
    assert client.get("/account/soporte/tickets", headers=hb).json["total"] == 0

    ha = auth_headers(dos_empresas["cliente_a"])
    detalle = client.get(base, headers=ha).json
    assert detalle["ticket"]["id"] == t["id"] and detalle["comentarios"] == []
    assert client.get(f"{base}/archivos/{nombre}", headers=ha).status_code == 200


def test_cliente_flujo_completo(client, auth_headers, contrato, make, admin_headers):
    c = contrato("por_tickets", tipo_kw={"max_tickets": 3})
    usuario = make.usuario(empresa_id=c.empresa_id)
    h = auth_headers(usuario)
    d = client.get("/account/soporte/disponibilidad", headers=h).json
    assert d == {"activo": True, "modalidad": "por_tickets", "fecha_fin": c.fecha_fin.isoformat(),
                 "tickets_disponibles": 3, "horas_disponibles": None}
    r = client.post("/account/soporte/tickets", json={"titulo": "Ayuda", "descripcion": "No abre", "prioridad": "alta"},
                    headers=h)
    assert r.status_code == 201
    t = r.json["ticket"]
    assert t["usuario_id"] == usuario.id and t["empresa_id"] == c.empresa_id
    # a customer may not choose another user or company, nor internal notes
    body = {"titulo": "x", "descripcion": "y", "usuario_id": usuario.id}
    assert client.post("/account/soporte/tickets", json=body, headers=h).status_code == 422
    body = {"titulo": "x", "descripcion": "y", "empresa_id": 1}
    assert client.post("/account/soporte/tickets", json=body, headers=h).status_code == 422
    url = f"/account/soporte/tickets/{t['id']}"
    assert client.post(url + "/comentarios", json={"contenido": "x", "interno": True}, headers=h).status_code == 422
    r = client.post(url + "/comentarios", json={"contenido": "Más datos"}, headers=h)
    assert r.status_code == 201 and r.json["comentario"]["autor"] == usuario.nombre
    r = client.post(url + "/archivos", headers=h, data={"archivo": (io.BytesIO(PNG), "p.png")},
                    content_type="multipart/form-data")
    assert r.status_code == 201
    assert client.post(url + "/archivos", json={}, headers=h).status_code == 415
    assert client.get("/account/soporte/disponibilidad", headers=h).json["tickets_disponibles"] == 2
    assert client.get("/account/soporte/tickets?estado=abierto", headers=h).json["total"] == 1
    # customers cannot reach admin routes
    assert client.get("/admin/soporte-tickets", headers=h).status_code == 403
    assert client.post(f"/admin/soporte-tickets/{t['id']}/cerrar", json={}, headers=h).status_code == 403


def test_cliente_sin_empresa_o_sin_token(client, auth_headers, make):
    assert client.get("/account/soporte/tickets").status_code == 401
    sin = make.usuario()
    assert client.get("/account/soporte/tickets", headers=auth_headers(sin)).status_code == 403
    assert client.get("/account/soporte/disponibilidad", headers=auth_headers(sin)).status_code == 403


def test_cliente_sin_soporte(client, auth_headers, make):
    empresa = make.empresa()
    h = auth_headers(make.usuario(empresa_id=empresa.id))
    assert client.get("/account/soporte/disponibilidad", headers=h).json["activo"] is False
    r = client.post("/account/soporte/tickets", json={"titulo": "x", "descripcion": "y"}, headers=h)
    assert r.status_code == 403 and r.json["error"] == "sin_soporte_activo"


def test_openapi_documenta_soporte(client):
    spec = client.get("/api/openapi.json").json
    paths = spec["paths"]
    assert "409" in paths["/api/internal/support/create_tickets"]["post"]["responses"]
    assert "403" in paths["/api/internal/support/create_tickets"]["post"]["responses"]
    assert "415" in paths["/admin/soporte-tickets/{ticket_id}/archivos"]["post"]["responses"]
    assert "multipart/form-data" in paths["/account/soporte/tickets/{ticket_id}/archivos"]["post"]["requestBody"][
        "content"]
