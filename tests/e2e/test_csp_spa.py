"""The SPA's Content-Security-Policy, checked in real Chromium with the real build.

Lives with the e2e tests so it shares their single Playwright browser (two sync_playwright
instances cannot run in one process)."""

from __future__ import annotations

import pytest


@pytest.mark.e2e
@pytest.mark.slow
def test_la_spa_compilada_funciona_bajo_su_csp(page, spa_server):
    """The real Angular build in Chromium: no CSP violation, the deferred stylesheet switched to media=all."""
    violaciones: list[str] = []
    page.on("console", lambda msg: violaciones.append(msg.text) if "Content Security Policy" in msg.text else None)
    response = page.goto(spa_server + "/login")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("app-root *")
    page.wait_for_function(
        "() => [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.media !== 'print')")
    assert "Roboto" in page.evaluate("getComputedStyle(document.body).fontFamily")
    inyectado = page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__inyectado = true'; document.head.appendChild(s);
        return window.__inyectado === true; }""")
    assert inyectado is False, "un script en línea se ejecutó: la CSP no lo bloquea"
    page.goto(spa_server + "/")
    page.wait_for_selector("app-root *")
    assert [v for v in violaciones if "__inyectado" not in v and "inline script" not in v.lower()] == []
    assert page.console_errors == [] or all("Content Security Policy" in e for e in page.console_errors)
