"""Security headers on every response, cookie flags, and trusted proxies."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models.audit import AuditEntry
from tests.fixtures.dashboard import csrf_token

NUL = "\x00"
ORDER = "0b1d9815-165e-42e2-8867-35bc03789e00"

CSP_PARTS = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
}


def _csp(response) -> set[str]:
    return {part.strip() for part in response.headers["Content-Security-Policy"].split(";")}


@pytest.mark.parametrize("path", ["/login", "/healthz", "/nowhere", "/"])
def test_headers_on_every_kind_of_response(client, path):
    response = client.get(path)
    assert _csp(response) == CSP_PARTS
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Strict-Transport-Security" not in response.headers


def test_static_files_get_the_headers_but_may_be_cached(client):
    with client.get("/static/app.js") as response:
        assert _csp(response) == CSP_PARTS
        assert response.headers.get("Cache-Control") != "no-store"


def test_hsts_over_https(client):
    response = client.get("/login", base_url="https://backoffice.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_pages_have_no_inline_script_or_style(logged_in):
    page = logged_in("admin").get("/admin/staff").get_data(as_text=True)
    assert "<script>" not in page and "<script " not in page.replace('<script src="', "")
    assert " style=" not in page and "<style" not in page
    assert "hx-on" not in page


def test_session_cookie_flags(app, make_user):
    app.config["SESSION_COOKIE_SECURE"] = True
    account = make_user("agent")
    client = app.test_client()
    site = "https://backoffice.example"
    form = {"csrf_token": csrf_token(client, base_url=site), "username": account.username, "password": account.password}
    response = client.post("/login", data=form, base_url=site, headers={"Referer": f"{site}/login"})
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("backoffice_session=")
    for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"):
        assert flag in cookie
    assert "Expires" not in cookie  # ends with the browser; the server enforces the lifetime


def test_secure_cookie_is_on_by_default_outside_testing_and_demo(make_app):
    app = make_app(TESTING=False)
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


def test_trusted_proxy_headers_are_used_only_when_configured(make_app):
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    plain = make_app().test_client().get("/healthz", headers=headers)
    assert "Strict-Transport-Security" not in plain.headers
    proxied = make_app(TRUSTED_PROXIES=1).test_client().get("/healthz", headers=headers)
    assert "Strict-Transport-Security" in proxied.headers


def test_a_nul_character_anywhere_in_a_request_is_a_400_and_nothing_is_done(app, client, logged_in):
    """No one types a NUL, and PostgreSQL cannot store one: refused before any view reads it."""
    login = client.post("/login", data={"csrf_token": csrf_token(client), "username": f"ada{NUL}", "password": "x"})
    assert login.status_code == 400 and "Bad request" in login.get_data(as_text=True)
    agent = logged_in("agent")
    assert agent.get("/audit", query_string={"order_id": NUL}).status_code == 400
    assert agent.get("/audit", query_string={f"order{NUL}": "x"}).status_code == 400
    assert agent.get("/audit?order_id=x&order_id=%00").status_code == 400
    assert agent.get(f"/orders/{ORDER}/captures/a%00b").status_code == 400
    form = {"csrf_token": csrf_token(agent, "/"), "idempotency_key": str(uuid.uuid4()), "amount": f"1{NUL}"}
    assert agent.post(f"/orders/{ORDER}/actions/capture", data=form).status_code == 400  # not 502: Klarna, unreachable here, is not asked
    with app.app_context():
        attempts = select(func.count()).select_from(AuditEntry).where(AuditEntry.order_id.is_not(None))
        assert db.session.scalar(attempts) == 0
