"""Walk every route: who may reach it, and that no unsafe request gets past CSRF protection."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from werkzeug.routing import Rule

from app import upstream
from app.actions import all_actions
from app.actions.base import CAPTURE_SCOPE
from app.models.user import User
from app.permissions import PUBLIC, SIGNED_IN, Permission, Role, access_of, role_has
from tests.fixtures.dashboard import csrf_token

# Klarna's push notifications come without a login or a CSRF token: the only such unsafe route,
# guarded by its token instead (tests/web/orders/test_push_notifications.py).
PUSH = "notifications.klarna"
PUBLIC_ENDPOINTS = {"auth.login", "health.healthz", "health.readyz", "static", PUSH}
# Unsafe endpoints open to every signed-in user: signing out, and the actions' form, which asks
# for the permission of the action named in its URL (see the test below).
# Signing out, ending one's own sessions and "Stay signed in" are for everyone, about themselves.
UNSAFE_FOR_ANY_ROLE = {"auth.logout", "actions.submit", "account.end_one", "account.end_others", "account.keep_alive"}
SAFE = {"GET", "HEAD", "OPTIONS"}
SAMPLE_VALUES = {"int": 1, "default": "sample", "path": "app.css", "uuid": "0b1d9815-165e-42e2-8867-35bc03789e00"}


def _url(app: Flask, rule: Rule, **given: object) -> str:
    values = {}
    for argument in rule.arguments:
        converter = type(rule._converters[argument]).__name__.replace("Converter", "").lower()
        values[argument] = SAMPLE_VALUES.get("int" if converter == "integer" else converter, "sample")
        values[argument] = given.get(argument, values[argument])
    with app.test_request_context():
        return rule.build(values)[1]


def _routes(app: Flask) -> list[tuple[str, str, str]]:
    """(endpoint, method, url) for every route and method except HEAD and OPTIONS."""
    return [
        (rule.endpoint, method, _url(app, rule))
        for rule in app.url_map.iter_rules()
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]


def _protected(app: Flask) -> list[tuple[str, str, str]]:
    return [route for route in _routes(app) if route[0] not in PUBLIC_ENDPOINTS]


def _assert_sent_to_login(response, url: str | None) -> None:
    assert response.status_code in (302, 303)
    location = urlsplit(response.headers["Location"])
    assert location.path == "/login"
    if url is not None:
        assert parse_qs(location.query)["next"] == [url]


def test_only_login_health_static_and_klarnas_push_are_public(app):
    public = {endpoint for endpoint in app.view_functions if access_of(app, endpoint) == PUBLIC}
    assert public == PUBLIC_ENDPOINTS


def test_every_endpoint_declares_its_access(app):
    undeclared = [endpoint for endpoint in app.view_functions if access_of(app, endpoint) is None]
    assert undeclared == []


def test_every_unsafe_route_but_signing_in_and_out_and_the_actions_form_needs_a_permission(app):
    access = {endpoint: access_of(app, endpoint) for endpoint, method, _ in _routes(app) if method not in SAFE}
    assert {endpoint for endpoint, needs in access.items() if needs == PUBLIC} == {"auth.login", PUSH}
    assert {endpoint for endpoint, needs in access.items() if needs == SIGNED_IN} == UNSAFE_FOR_ANY_ROLE
    others = set(access) - UNSAFE_FOR_ANY_ROLE - {"auth.login", PUSH}
    assert others and all(isinstance(access[endpoint], Permission) for endpoint in others)


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
ROLES = [role.value for role in Role]
NO_SUCH_USER = 999_999  # the staff pages' user id: an admin gets 404, and nobody's account changes
NO_SUCH_SESSION = 999_999  # "end this session": 404, so the walk's own session goes on


def _walk(app: Flask) -> list[tuple[str, dict[str, Permission | str]]]:
    """(url, {method: access}) for every protected route; the actions' routes once per action of
    their scope, with that action's permission. Signing out comes last."""
    walk: dict[str, dict[str, Permission | str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC_ENDPOINTS:
            continue
        steps = [(_url(app, rule, user_id=NO_SUCH_USER, session_id=NO_SUCH_SESSION), access_of(app, rule.endpoint))]
        if rule.endpoint.startswith("actions."):
            capture_rule = "capture_id" in rule.arguments
            steps = [(_url(app, rule, name=action.name), action.permission)
                     for action in all_actions() if (action.scope == CAPTURE_SCOPE) == capture_rule]
        for url, access in steps:
            walk.setdefault(url, {}).update(dict.fromkeys(rule.methods - {"HEAD", "OPTIONS"}, access))
    return sorted(walk.items(), key=lambda step: step[0] == "/logout")


def _staff(app: Flask) -> list[tuple[str, str, bool]]:
    with app.app_context():
        return sorted((user.username, user.role.value, user.active) for user in User.query.all())


def _no_waits_between_attempts(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    """Klarna is unreachable here: its clients give up at once instead of backing off three times."""
    for client in app.extensions[upstream.EXTENSION].clients.values():
        monkeypatch.setattr(client._transport, "_sleep", lambda seconds: None)


@pytest.mark.parametrize("role", ROLES)
def test_no_route_does_more_than_the_role_allows(app, logged_in, role, monkeypatch):
    """Every route, every method: 405 for a method it does not take, 403 (before Klarna is asked: it is
    unreachable here, which would be a 502) without the permission, and never a 500."""
    _no_waits_between_attempts(app, monkeypatch)
    client = logged_in(role)
    token = csrf_token(client, "/")
    staff = _staff(app)
    refused = 0
    for url, accesses in _walk(app):
        for method in METHODS:
            response = client.open(url, method=method, data={"csrf_token": token}, headers={"X-CSRFToken": token})
            where, access = (role, method, url), accesses.get(method)
            if access is None:
                assert response.status_code == 405, where
            elif isinstance(access, Permission) and not role_has(role, access):
                assert response.status_code == 403, where
                assert "Your role does not allow this" in response.get_data(as_text=True)
                refused += 1
            else:
                assert response.status_code not in (401, 403, 500), where
    assert (refused > 0) is (role != "admin")
    assert _staff(app) == staff


def test_there_are_protected_routes_of_both_kinds(app):
    methods = {method for _, method, _ in _protected(app)}
    assert {"GET", "POST"} <= methods


def test_anonymous_get_is_sent_to_login_and_back(app, client):
    for endpoint, method, url in _protected(app):
        if method == "GET":
            _assert_sent_to_login(client.get(url), url)


def _cleared_cookie_token(client) -> str:
    """A token of a session whose cookie is gone."""
    token = csrf_token(client)
    with client.session_transaction() as session:
        session.clear()
    return token


def _ended_session_token(client) -> str:
    """A token of a session that has ended since (signed out in another tab): the browser's
    session now holds another token."""
    token = _cleared_cookie_token(client)
    csrf_token(client)
    return token


TOKENS = {"valid": csrf_token, "of an ended session": _ended_session_token, "without its cookie": _cleared_cookie_token}


@pytest.fixture(params=TOKENS)
def anonymous_token(request, client) -> str:
    """An anonymous browser's CSRF token: valid, or left over from a session that ended."""
    return TOKENS[request.param](client)


def test_anonymous_unsafe_request_is_sent_to_login(app, client, anonymous_token):
    for endpoint, method, url in _protected(app):
        if method not in SAFE:
            response = client.open(url, method=method, data={"csrf_token": anonymous_token})
            _assert_sent_to_login(response, None)


def test_anonymous_htmx_request_gets_401_with_hx_redirect_to_login(app, client, anonymous_token):
    page = "/orders/lookup?order_id=x"
    headers = {"HX-Request": "true", "HX-Current-URL": f"http://localhost{page}", "X-CSRFToken": anonymous_token}
    for endpoint, method, url in _protected(app):
        response = client.open(url, method=method, headers=headers)
        assert response.status_code == 401, (endpoint, method)
        assert response.get_data(as_text=True) == ""
        target = urlsplit(response.headers["HX-Redirect"])
        assert target.path == "/login"
        assert parse_qs(target.query)["next"] == [page]


def _token_of_another_session(app, client) -> str:
    return csrf_token(app.test_client())


def _token_from_before_sign_in(app, client) -> str:
    return client.token_before_sign_in


# How an unsafe request may carry a CSRF token it should not be let through with: (form, headers, query).
CSRF_VARIANTS = {
    "missing": lambda token: ({}, {}, {}),
    "empty": lambda token: ({"csrf_token": ""}, {}, {}),
    "forged": lambda token: ({"csrf_token": "forged"}, {"X-CSRFToken": "forged"}, {}),
    "tampered": lambda token: ({"csrf_token": token[:-2] + ("AA" if not token.endswith("AA") else "BB")}, {}, {}),
    "forged first, valid second": lambda token: ({"csrf_token": ["forged", token]}, {}, {}),
    "in an unknown header": lambda token: ({}, {"X-XSRF-Token": token, "X-CSRF": token}, {}),
    "in the query string": lambda token: ({}, {}, {"csrf_token": token}),
    "in a cookie": lambda token: ({}, {"Cookie": f"csrf_token={token}"}, {}),
    "htmx without the header": lambda token: ({}, {"HX-Request": "true"}, {}),
}
OTHER_TOKENS = {"of another session": _token_of_another_session, "from before signing in": _token_from_before_sign_in}


def _unsafe(app: Flask) -> list[tuple[str, str, str]]:
    return [route for route in _routes(app) if route[1] not in SAFE and route[0] != PUSH]


@pytest.fixture
def admin_client(app, make_user, login):
    """A signed-in admin whose browser kept the token its login page had."""
    client = app.test_client()
    client.token_before_sign_in = csrf_token(client)
    return login(client, make_user("admin"))


def _refused_as_expired(response, where) -> None:
    assert response.status_code == 400, where
    assert "This form has expired" in response.get_data(as_text=True), where


@pytest.mark.parametrize("variant", CSRF_VARIANTS)
def test_every_unsafe_route_refuses_a_request_without_a_good_csrf_token(app, admin_client, variant):
    token = csrf_token(admin_client, "/")
    form, headers, query = CSRF_VARIANTS[variant](token)
    for endpoint, method, url in _unsafe(app):
        response = admin_client.open(url, method=method, data=form, headers=headers, query_string=query)
        _refused_as_expired(response, (variant, endpoint))


@pytest.mark.parametrize("source", OTHER_TOKENS)
def test_every_unsafe_route_refuses_a_token_of_another_session(app, admin_client, source):
    token = OTHER_TOKENS[source](app, admin_client)
    for endpoint, method, url in _unsafe(app):
        for form, headers in (({"csrf_token": token}, {}), ({}, {"X-CSRFToken": token, "HX-Request": "true"})):
            _refused_as_expired(admin_client.open(url, method=method, data=form, headers=headers), (source, endpoint))


def test_a_good_token_in_the_form_or_the_htmx_header_gets_past_csrf(app, admin_client):
    """The control for the tests above: the same requests with the session's own token are not refused."""
    token = csrf_token(admin_client, "/")
    for endpoint, method, url in sorted(_unsafe(app), key=lambda route: route[0] == "auth.logout"):
        for form, headers in (({"csrf_token": token}, {}), ({}, {"X-CSRFToken": token, "HX-Request": "true"})):
            response = admin_client.open(url, method=method, data=form, headers=headers)
            assert "This form has expired" not in response.get_data(as_text=True), endpoint
            if endpoint == "auth.logout":
                break


def test_public_endpoints_answer_without_login(client):
    assert client.get("/login").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 503  # answered, not sent to login: Klarna is unreachable here
    with client.get("/static/app.css") as response:
        assert response.status_code == 200
        assert response.mimetype == "text/css"
