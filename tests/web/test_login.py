"""Signing in and out: generic failures, disabled accounts, fresh sessions, safe redirects."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.extensions import db
from app.models.user import User
from tests.fixtures.dashboard import age_sessions, csrf_token, post_form, sign_in

GENERIC = "That username and password do not match an active account."
COOKIE = "backoffice_session"


def _is_login_redirect(response) -> bool:
    return response.status_code in (302, 303) and response.headers["Location"].startswith("/login")


def test_sign_in_lands_on_home_with_name_and_role(client, make_user):
    account = make_user("agent", "alice")
    response = sign_in(client, account, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.request.path == "/"
    assert "Signed in as alice (agent)." in page
    assert "Welcome, alice" in page


def test_username_is_case_insensitive_and_trimmed(client, make_user):
    account = make_user("agent", "alice")
    response = post_form(client, "/login", {"username": "  ALICE ", "password": account.password})
    assert response.status_code == 303
    assert "Signed in as alice (agent)." in client.get(response.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize("username,password", [("alice", "wrong password!"), ("nobody", "whatever it is")])
def test_unknown_user_and_wrong_password_get_the_same_message(client, make_user, username, password):
    make_user("agent", "alice")
    response = post_form(client, "/login", {"username": username, "password": password})
    assert response.status_code == 401
    page = response.get_data(as_text=True)
    assert GENERIC in page
    assert "Welcome" not in page
    assert _is_login_redirect(client.get("/"))


def test_empty_form_is_refused_with_field_messages(client):
    response = post_form(client, "/login", {"username": "", "password": ""})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Enter your username." in page and "Enter your password." in page
    assert 'aria-invalid="true"' in page


def test_disabled_account_cannot_sign_in(app, client, make_user):
    account = make_user("agent", "alice")
    with app.app_context():
        User.by_username("alice").disable()
        db.session.commit()
    response = sign_in(client, account)
    assert response.status_code == 401
    assert GENERIC in response.get_data(as_text=True)


def test_disabling_ends_an_existing_session_at_the_next_request(app, logged_in, runner):
    client = logged_in("agent", "alice")
    assert client.get("/").status_code == 200
    assert runner.invoke(args=["users", "disable", "alice"]).exit_code == 0
    assert _is_login_redirect(client.get("/"))
    with app.app_context():
        assert runner.invoke(args=["users", "enable", "alice"]).exit_code == 0
    # Enabling again does not revive the old session.
    assert _is_login_redirect(client.get("/"))


def test_new_password_ends_existing_sessions(app, logged_in):
    client = logged_in("agent", "alice")
    with app.app_context():
        User.by_username("alice").set_password("another long password")
        db.session.commit()
    assert _is_login_redirect(client.get("/"))


def test_session_is_renewed_at_sign_in(client, make_user):
    account = make_user("agent")
    token_before = csrf_token(client)
    with client.session_transaction() as session:
        session["planted"] = "set before sign-in"
        raw_token_before = session["csrf_token"]
    cookie_before = client.get_cookie(COOKIE).value
    sign_in(client, account)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("csrf_token") != raw_token_before
    assert client.get_cookie(COOKIE).value != cookie_before
    assert csrf_token(client, "/") != token_before


def test_session_ends_after_its_lifetime_whatever_the_activity(app, logged_in):
    client = logged_in("agent", "alice")
    age_sessions(app, "alice", signed_in=timedelta(hours=8) - timedelta(seconds=60))
    assert client.get("/").status_code == 200
    age_sessions(app, "alice", signed_in=timedelta(seconds=61))
    assert _is_login_redirect(client.get("/"))


def test_session_dies_when_the_browser_changes(logged_in):
    client = logged_in("agent")
    assert client.get("/").status_code == 200
    assert _is_login_redirect(client.get("/", headers={"User-Agent": "another browser/1.0"}))


def test_no_remember_me_cookie(client, make_user):
    response = sign_in(client, make_user("agent"))
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1 and cookies[0].startswith(f"{COOKIE}=")


def test_sign_out_is_post_only_and_ends_the_session(logged_in):
    client = logged_in("agent")
    assert client.get("/logout").status_code == 405
    response = post_form(client, "/logout", follow_redirects=True)
    assert response.request.path == "/login"
    assert "You are signed out." in response.get_data(as_text=True)
    assert _is_login_redirect(client.get("/"))


def test_signed_in_user_visiting_login_goes_home(logged_in):
    response = logged_in("viewer").get("/login")
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_next_brings_the_user_back(client, make_user):
    target = "/orders/lookup?order_id=abc"
    first = client.get(target)
    assert first.headers["Location"] == "/login?next=/orders/lookup?order_id%3Dabc"
    response = post_form(client, first.headers["Location"], {"username": make_user("agent").username, "password": "correct horse battery staple"})
    assert response.headers["Location"] == target


def test_expired_session_on_an_htmx_request_redirects_the_whole_page(app, logged_in):
    client = logged_in("agent", "alice")
    age_sessions(app, "alice", signed_in=timedelta(hours=8, seconds=1))
    headers = {"HX-Request": "true", "HX-Current-URL": "http://localhost/"}
    response = client.get("/orders/lookup?order_id=abc", headers=headers)
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/login?next=/"
    assert response.get_data(as_text=True) == ""
