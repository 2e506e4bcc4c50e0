"""E-mail notices through a real in-process SMTP server (aiosmtpd); mail failures never fail tickets."""

from __future__ import annotations

import email
from email import policy

import pytest
from aiosmtpd.controller import Controller

import services
from tests.conftest import free_port


class _Buzon:
    def __init__(self):
        self.mensajes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook name
        self.mensajes.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content, policy=policy.default)))
        return "250 OK"


@pytest.fixture
def smtp(app, monkeypatch):
    buzon = _Buzon()
    controller = Controller(buzon, hostname="127.0.0.1", port=free_port())
    controller.start()
    monkeypatch.setitem(app.config, "SMTP_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", controller.port)
    monkeypatch.setitem(app.config, "SMTP_USERNAME", None)
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "SUPPORT_NOTIFY_EMAIL", "soporte@tratios.co")
    yield buzon
    controller.stop()


def _texto(mensaje) -> str:
    return mensaje.get_body(preferencelist=("plain",)).get_content()


def test_aviso_al_crear_y_al_responder(smtp, contrato, make, nuevo_ticket, client, admin_headers):
    empresa = make.empresa(contacto="gerencia@cliente.co")
    c = contrato("mensual", empresa=empresa)
    t = nuevo_ticket(c.empresa_id, titulo="No imprime <b>facturas</b>").json["ticket"]
    assert len(smtp.mensajes) == 1
    destinos, mensaje = smtp.mensajes[0]
    assert destinos == ["soporte@tratios.co"]
    assert f"#{t['id']}" in mensaje["Subject"]
    assert "No imprime <b>facturas</b>" in _texto(mensaje)
    html = mensaje.get_body(preferencelist=("html",)).get_content()
    assert "&lt;b&gt;facturas&lt;/b&gt;" in html  # escaped in HTML

    url = f"/admin/soporte-tickets/{t['id']}/comentarios"
    client.post(url, json={"contenido": "nota interna", "interno": True}, headers=admin_headers)
    assert len(smtp.mensajes) == 1  # internal notes are not mailed
    client.post(url, json={"contenido": "Ya lo revisamos"}, headers=admin_headers)
    assert len(smtp.mensajes) == 2
    destinos, mensaje = smtp.mensajes[1]
    assert destinos == ["gerencia@cliente.co"]
    assert "Ya lo revisamos" in _texto(mensaje)


def test_contacto_no_email_usa_el_usuario_del_ticket(smtp, contrato, make, nuevo_ticket, client, admin_headers):
    empresa = make.empresa(contacto="Juan Pérez - 3001234567")
    c = contrato("mensual", empresa=empresa)
    usuario = make.usuario(empresa_id=empresa.id, email="juan@cliente.co")
    t = nuevo_ticket(c.empresa_id, usuario_id=usuario.id).json["ticket"]
    client.post(f"/admin/soporte-tickets/{t['id']}/comentarios", json={"contenido": "Hola"}, headers=admin_headers)
    assert smtp.mensajes[-1][0] == ["juan@cliente.co"]


def test_fallo_de_correo_no_falla_el_ticket(app, contrato, nuevo_ticket, client, admin_headers, monkeypatch, caplog):
    monkeypatch.setitem(app.config, "SMTP_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", free_port())  # nobody listens there
    monkeypatch.setitem(app.config, "SUPPORT_NOTIFY_EMAIL", "soporte@tratios.co")
    c = contrato("mensual")
    r = nuevo_ticket(c.empresa_id)
    assert r.status_code == 201
    r = client.post(f"/admin/soporte-tickets/{r.json['ticket']['id']}/comentarios", json={"contenido": "Hola"},
                    headers=admin_headers)
    assert r.status_code == 201
    assert any("No se pudo enviar el aviso" in rec.getMessage() for rec in caplog.records)


def test_sin_smtp_configurado_no_falla(app, contrato, nuevo_ticket, monkeypatch):
    monkeypatch.setitem(app.config, "SMTP_SERVER", None)
    monkeypatch.setitem(app.config, "SUPPORT_NOTIFY_EMAIL", "soporte@tratios.co")
    c = contrato("mensual")
    assert nuevo_ticket(c.empresa_id).status_code == 201


def test_sin_commit_no_hay_correo(smtp, contrato, make, nuevo_ticket, client, admin_headers, monkeypatch):
    """Notices leave only after the commit: a use case that fails to store sends nothing."""
    c = contrato("mensual", empresa=make.empresa(contacto="gerencia@cliente.co"))
    t = nuevo_ticket(c.empresa_id).json["ticket"]
    assert len(smtp.mensajes) == 1

    def commit_roto():
        raise RuntimeError("fallo simulado al confirmar")

    with monkeypatch.context() as m:
        m.setattr(services, "confirmar", commit_roto)
        r = client.post(f"/admin/soporte-tickets/{t['id']}/comentarios", json={"contenido": "Hola"},
                        headers=admin_headers)
        assert r.status_code == 500
        assert nuevo_ticket(c.empresa_id).status_code == 500
    assert len(smtp.mensajes) == 1
