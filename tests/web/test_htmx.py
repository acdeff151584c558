"""The htmx seam (app/htmx.py) and what the layout gives htmx."""

from __future__ import annotations

import html
import json
import logging
import re

import pytest
from flask import Response

from app import htmx as seam


def _in_request(app, headers=None):
    return app.test_request_context("/", headers=headers or {})


def test_is_htmx_and_wants_fragment(app):
    with _in_request(app):
        assert not seam.is_htmx() and not seam.wants_fragment()
    with _in_request(app, {"HX-Request": "true"}):
        assert seam.is_htmx() and seam.wants_fragment()
    with _in_request(app, {"HX-Request": "true", "HX-Boosted": "true"}):
        assert seam.is_htmx() and not seam.wants_fragment()
    with _in_request(app, {"HX-Request": "true", "HX-History-Restore-Request": "true"}):
        assert not seam.wants_fragment()


def test_redirect_is_http_or_hx_redirect(app):
    with _in_request(app):
        response = seam.redirect("/somewhere")
        assert response.status_code == 303 and response.headers["Location"] == "/somewhere"
        assert "HX-Redirect" not in response.headers
    with _in_request(app, {"HX-Request": "true"}):
        response = seam.redirect("/somewhere")
        assert response.status_code == 204 and response.headers["HX-Redirect"] == "/somewhere"
        assert "Location" not in response.headers


def test_trigger_adds_events_without_losing_earlier_ones():
    response = Response()
    seam.trigger(response, "order-updated")
    assert response.headers["HX-Trigger"] == "order-updated"
    seam.trigger(response, "audit-updated")
    assert response.headers["HX-Trigger"] == "order-updated, audit-updated"
    seam.trigger(response, "notice", {"text": "Captured"})
    assert json.loads(response.headers["HX-Trigger"]) == {
        "order-updated": None,
        "audit-updated": None,
        "notice": {"text": "Captured"},
    }


@pytest.mark.parametrize("style", ["afterbegin", "beforebegin", "outerHTML show:top", "none"])
def test_reswap_accepts_every_htmx_swap_style(style):
    assert seam.reswap(Response(), style).headers["HX-Reswap"] == style


def test_reswap_refuses_unknown_styles():
    with pytest.raises(ValueError):
        seam.reswap(Response(), "beforebeginafterbegin")


def test_retarget():
    response = seam.retarget(Response(), "#panel", "outerHTML")
    assert (response.headers["HX-Retarget"], response.headers["HX-Reswap"]) == ("#panel", "outerHTML")


def test_current_path_prefers_the_page_the_user_sees(app):
    page = {"HX-Request": "true", "HX-Current-URL": "http://localhost/orders/lookup?order_id=1"}
    with app.test_request_context("/fragment", headers=page):
        assert seam.current_path() == "/orders/lookup?order_id=1"
    for other in ("http://evil.example/steal", "http://[localhost/orders"):  # another site; not a URL
        with app.test_request_context("/fragment?a=1", headers={"HX-Request": "true", "HX-Current-URL": other}):
            assert seam.current_path() == "/fragment?a=1"


def test_a_signed_out_htmx_request_from_a_page_whose_address_is_not_a_url_goes_to_login(client):
    response = client.get("/audit", headers={"HX-Request": "true", "HX-Current-URL": "http://[localhost/orders"})
    assert response.status_code == 401 and response.headers["HX-Redirect"] == "/login?next=/audit"


def _meta(page: str, name: str) -> str:
    match = re.search(rf'<meta name="{name}" content="([^"]*)"', page)
    assert match, name
    return html.unescape(match.group(1))


def test_layout_configures_htmx_and_sends_the_csrf_token_as_a_header(logged_in):
    client = logged_in("agent")
    page = client.get("/").get_data(as_text=True)
    config = json.loads(_meta(page, "htmx-config"))
    assert config["includeIndicatorStyles"] is False and config["allowEval"] is False
    swapped = {rule["code"] for rule in config["responseHandling"] if rule["swap"]}
    assert swapped == {"[23]..", "422", "50[23]"}
    assert config["responseHandling"][-2] == {"code": "[45]..", "swap": False, "error": True}
    body = re.search(r'<body hx-headers="([^"]*)"', page).group(1)
    token = json.loads(html.unescape(body))["X-CSRFToken"]
    assert token == _meta(page, "csrf-token")
    # The header alone is enough for an unsafe htmx request.
    response = client.post("/logout", headers={"HX-Request": "true", "X-CSRFToken": token})
    assert response.status_code == 204 and response.headers["HX-Redirect"] == "/login"
    assert client.get("/").status_code == 303


def test_layout_includes_htmx_when_present(make_app, monkeypatch):
    monkeypatch.setattr(seam, "SCRIPT", "app.css")  # a file the repository holds, in place of the vendored htmx
    page = make_app().test_client().get("/login").get_data(as_text=True)
    assert re.search(r'<script src="/static/app\.[0-9a-f]{12}\.css" defer></script>', page.split("</head>")[0])


def test_without_htmx_the_app_warns_and_serves_plain_forms(make_app, monkeypatch, caplog):
    monkeypatch.setattr(seam, "SCRIPT", "vendor/htmx/not-installed.js")
    with caplog.at_level(logging.WARNING):
        app = make_app()
    assert any("htmx is missing" in record.getMessage() for record in caplog.records)
    page = app.test_client().get("/login").get_data(as_text=True)
    assert "htmx" not in page.split("</head>")[0].replace('name="htmx-config"', "")
    assert '<form method="post"' in page
