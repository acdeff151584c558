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
