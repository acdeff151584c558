"""Probes as an attacker would send them, as tables: ``next`` after sign-in and ``Host`` values.

Routes against roles and methods, and the CSRF variants, are walked in tests/web/test_routes.py.
"""

from __future__ import annotations

import pytest

from tests.fixtures.dashboard import csrf_token

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://localhost/login"}

# next values that must send the user home (the query string is percent-encoded by the test client,
# so "%E3%80%82" below arrives as the text "%E3%80%82", and "／" as the fullwidth solidus).
LEAVING_THE_SITE = [
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "/%0d%0a",
    "/\r\nSet-Cookie:x=1",
    " //evil.example",
    "\t//evil.example",
    "evil.example",
    "http://[evil.example/",  # not even a URL
    # look-alikes: fullwidth solidus, ideographic full stop, fullwidth dot, a division slash...
    "/／evil.example",
    "/。evil.example",
    "/．evil.example",
    "/\u2215evil.example",
    "／／evil.example",
    "https：//evil.example",
    "/\u200b/evil.example",
    "/\u202e/evil.example",
    # ... and the same percent-encoded, once or twice
    "/%E3%80%82evil",
    "/%EF%BC%8Fevil.example",
    "/%2F%2Fevil.example",
    "/%2fevil.example",
    "/%252F%252Fevil.example",
    "/%5Cevil.example",
    "/%C3%28",
    # dot segments that a browser resolves into "//"
    "/..//evil.example",
    "/%2e%2e//evil.example",
    "/./",
    "",
]

# next values on this site, and where the user lands (always plain ASCII).
ON_THE_SITE = {
    "/orders/lookup?order_id=abc": "/orders/lookup?order_id=abc",
    "/audit?user=Müller": "/audit?user=M%C3%BCller",
    "/audit?next=//evil.example": "/audit?next=//evil.example",
    "/admin/staff#new": "/admin/staff#new",
}


def _sign_in_with_next(client, account, next_url: str, *, htmx: bool):
    token = csrf_token(client)
    form = {"username": account.username, "password": account.password, "csrf_token": token}
    return client.post("/login", data=form, query_string={"next": next_url}, headers=HTMX if htmx else {})


def _landing(response, *, htmx: bool) -> str:
    if htmx:
        assert response.status_code == 204
        return response.headers["HX-Redirect"]
    assert response.status_code == 303
    return response.headers["Location"]


@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
def test_a_next_that_leaves_the_site_sends_the_user_home(app, make_user, htmx):
    account = make_user("agent")
    for next_url in LEAVING_THE_SITE:
        response = _sign_in_with_next(app.test_client(), account, next_url, htmx=htmx)
        assert _landing(response, htmx=htmx) == "/", repr(next_url)


@pytest.mark.parametrize("htmx", [False, True], ids=["form", "htmx"])
def test_a_next_on_the_site_is_where_the_user_lands(app, make_user, htmx):
    account = make_user("agent")
    for next_url, landing in ON_THE_SITE.items():
        response = _sign_in_with_next(app.test_client(), account, next_url, htmx=htmx)
        assert _landing(response, htmx=htmx) == landing, repr(next_url)


def test_a_signed_in_user_visiting_login_with_a_crafted_next_goes_home(logged_in):
    client = logged_in("viewer")
    for next_url in LEAVING_THE_SITE:
        response = client.get("/login", query_string={"next": next_url})
        assert response.status_code == 302 and response.headers["Location"] == "/", repr(next_url)


# --- Host ------------------------------------------------------------------------------------------

ALLOWED = ["backoffice.example.com", ".internal.example"]
ANSWERED_HOSTS = ["backoffice.example.com", "BACKOFFICE.example.com", "backoffice.example.com:8443",
                  "a.internal.example", "internal.example"]
REFUSED_HOSTS = ["evil.example", "backoffice.example.com.evil.example", "evilbackoffice.example.com",
                 "internal.example.evil", "backoffice.example.com:99999", "backoffice.example.com@evil.example",
                 "backoffice.example.com/evil", "127.0.0.1", "bäckoffice.example.com", "backoffice.example.com."]
# What a client may ask for with a host the dashboard does not answer for: nothing gets past the 400.
PAGES = ["/", "/login", "/login?next=/audit", "/orders/0b1d9815-165e-42e2-8867-35bc03789e00", "/nowhere", "/static/app.css"]


def _get(client, path: str, host: str, **headers: str):
    return client.get(path, headers={"Host": host, **headers})


@pytest.mark.parametrize("proxies", [0, 1])
def test_only_the_allowed_hosts_are_answered(make_app, proxies):
    """The Host header without a trusted proxy; X-Forwarded-Host (the proxy passes the client's) with one."""
    client = make_app(ALLOWED_HOSTS=ALLOWED, TRUSTED_PROXIES=proxies).test_client()
    for host in ANSWERED_HOSTS:
        asked = {"X-Forwarded-Host": host} if proxies else {}
        response = _get(client, "/login", host if not proxies else "10.0.0.5:8000", **asked)
        assert response.status_code == 200, host
    for host in REFUSED_HOSTS:
        asked = {"X-Forwarded-Host": host} if proxies else {}
        for path in PAGES:
            response = _get(client, path, host if not proxies else "backoffice.example.com", **asked)
            assert response.status_code == 400, (host, path)
            assert "Bad request" in response.get_data(as_text=True)
            assert "Location" not in response.headers and host not in response.get_data(as_text=True)


def test_forwarded_host_counts_only_from_a_trusted_proxy(make_app):
    direct = make_app(ALLOWED_HOSTS=ALLOWED).test_client()
    assert _get(direct, "/login", "backoffice.example.com", **{"X-Forwarded-Host": "evil.example"}).status_code == 200
    assert _get(direct, "/login", "evil.example", **{"X-Forwarded-Host": "backoffice.example.com"}).status_code == 400


def test_unsafe_requests_for_another_host_are_refused_before_any_view(make_app, make_user):
    app = make_app(ALLOWED_HOSTS=ALLOWED)
    account = make_user("agent")
    client = app.test_client()
    token = csrf_token(client, "/login", headers={"Host": "backoffice.example.com"})
    form = {"username": account.username, "password": account.password, "csrf_token": token}
    refused = client.post("/login", data=form, headers={"Host": "evil.example"})
    assert refused.status_code == 400
    assert _get(client, "/", "backoffice.example.com").headers["Location"].startswith("/login")  # not signed in
    signed_in = client.post("/login", data=form, headers={"Host": "backoffice.example.com"})
    assert signed_in.status_code == 303 and signed_in.headers["Location"] == "/"


@pytest.mark.parametrize("proxies", [0, 1])
def test_health_checks_answer_whatever_the_host(make_app, proxies):
    client = make_app(ALLOWED_HOSTS=ALLOWED, TRUSTED_PROXIES=proxies).test_client()
    for host in ["10.0.0.5:8000", "evil.example"]:
        assert _get(client, "/healthz", host, **{"X-Forwarded-Host": host}).status_code == 200
        assert _get(client, "/readyz", host, **{"X-Forwarded-Host": host}).status_code == 503  # Klarna unreachable here


def test_without_allowed_hosts_any_host_is_answered(client):
    assert _get(client, "/login", "anything.example").status_code == 200
