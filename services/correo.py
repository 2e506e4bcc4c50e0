"""The mail service: every e-mail the system sends (codes, security notices, ticket notices),
rendered from templates/emails (HTML + plain text, Spanish).

SMTP per configuration: port 465 -> implicit TLS (SMTP_SSL), 587 -> STARTTLS, any other port ->
plain SMTP (local relays and test servers). `MAIL_BACKEND=console` prints the message to stdout
instead (development only).

Errors: `CorreoNoConfigurado` (no SMTP_SERVER and not console) and `CorreoError` (the send
failed). Endpoints that must send answer 503 with a clear Spanish message in both cases.
"""

from __future__ import annotations

import smtplib
import ssl
import sys
from email.message import EmailMessage
from email.utils import formataddr, formatdate, make_msgid

from flask import current_app, render_template

from utils.logger import AppLogger

log = AppLogger.get("auth")


class CorreoNoConfigurado(RuntimeError):
    """SMTP is not configured (SMTP_SERVER missing) and MAIL_BACKEND is not `console`."""


class CorreoError(RuntimeError):
    """The message could not be sent (connection, TLS, authentication or SMTP refusal)."""


class ServicioCorreo:
    """Renders `templates/emails/<plantilla>.html|.txt` and sends them per the app configuration."""

    def __init__(self, config: dict | None = None):
        self.config = config if config is not None else current_app.config

    # -- configuration ------------------------------------------------------------------------
    @property
    def backend(self) -> str:
        return (self.config.get("MAIL_BACKEND") or "smtp").lower()

    def configurado(self) -> bool:
        return self.backend == "console" or bool(self.config.get("SMTP_SERVER"))

    def asegurar_configurado(self) -> None:
        if not self.configurado():
            raise CorreoNoConfigurado(
                "El envío de correo no está configurado (SMTP_SERVER); contacte al administrador."
            )

    # -- message ------------------------------------------------------------------------------
    def construir(self, destinatario: str, asunto: str, plantilla: str, contexto: dict) -> EmailMessage:
        datos = {"app_nombre": self.config.get("SENDER_NAME") or "Tratios", **contexto}
        texto = render_template(f"emails/{plantilla}.txt", **datos)
        html = render_template(f"emails/{plantilla}.html", **datos)
        mensaje = EmailMessage()
        sender = self.config.get("SENDER_EMAIL") or "no-reply@tratios.local"
        mensaje["From"] = formataddr((self.config.get("SENDER_NAME") or "Tratios", sender))
        mensaje["To"] = destinatario
        mensaje["Subject"] = asunto
        mensaje["Date"] = formatdate(localtime=False)
        mensaje["Message-ID"] = make_msgid(domain=sender.split("@")[-1] or None)
        mensaje.set_content(texto)
        mensaje.add_alternative(html, subtype="html")
        return mensaje

    def enviar(self, destinatario: str, asunto: str, plantilla: str, contexto: dict) -> None:
        self.asegurar_configurado()
        mensaje = self.construir(destinatario, asunto, plantilla, contexto)
        if self.backend == "console":
            sys.stdout.write(mensaje.as_string() + "\n")
            sys.stdout.flush()
            return
        self._smtp(mensaje)
        log.info("Correo '%s' enviado (plantilla %s)", asunto, plantilla)

    def _smtp(self, mensaje: EmailMessage) -> None:
        host = self.config["SMTP_SERVER"]
        port = int(self.config.get("SMTP_PORT") or 587)
        timeout = int(self.config.get("SMTP_TIMEOUT") or 10)
        usuario = self.config.get("SMTP_USERNAME")
        clave = self.config.get("SMTP_PASSWORD")
        contexto_tls = ssl.create_default_context()
        try:
            if port == 465:
                conexion = smtplib.SMTP_SSL(host, port, timeout=timeout, context=contexto_tls)
            else:
                conexion = smtplib.SMTP(host, port, timeout=timeout)
            with conexion:
                conexion.ehlo()
                if port == 587:
                    conexion.starttls(context=contexto_tls)
                    conexion.ehlo()
                if usuario:
                    conexion.login(usuario, clave or "")
                conexion.send_message(mensaje)
        except (smtplib.SMTPException, OSError, ssl.SSLError) as exc:
            # Server and error class only: never the message (it may carry a code).
            log.error("Fallo al enviar correo por SMTP %s:%s (%s)", host, port, exc.__class__.__name__)
            raise CorreoError("No se pudo enviar el correo; intente de nuevo más tarde.") from exc


def enviar_correo(destinatario: str, asunto: str, plantilla: str, contexto: dict) -> None:
    """Render `templates/emails/<plantilla>.html` and `.txt` and send (or print, in console mode)."""
    ServicioCorreo().enviar(destinatario, asunto, plantilla, contexto)


def enviar_aviso(destinatario: str, asunto: str, plantilla: str, contexto: dict) -> bool:
    """Security notices are best effort: a failure is logged, never turns the change into an error."""
    try:
        enviar_correo(destinatario, asunto, plantilla, contexto)
    except CorreoNoConfigurado:
        log.info("Aviso '%s' no enviado: SMTP no configurado", plantilla)
        return False
    except CorreoError:
        log.warning("Aviso '%s' no enviado: fallo SMTP", plantilla)
        return False
    return True
