"""Failed sign-ins are limited per account and per client address; successes do not count."""

from __future__ import annotations

import pytest

from tests.fixtures.dashboard import csrf_token

WRONG = "not the password at all"


@pytest.fixture
def app_config(app_config):
    return {**app_config, "LOGIN_LIMIT_PER_ACCOUNT": "3/minute", "LOGIN_LIMIT_PER_ADDRESS": "5/minute"}


def _attempt(client, username, password, address="10.0.0.1"):
    token = csrf_token(client)
    return client.post(
        "/login",
        data={"csrf_token": token, "username": username, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def test_account_is_locked_after_its_failed_tries_from_any_address(app, make_user):
    account = make_user("agent", "alice")
    for number in range(3):
        assert _attempt(app.test_client(), "alice", WRONG, f"10.0.0.{number}").status_code == 401
    response = _attempt(app.test_client(), "alice", account.password, "10.0.0.99")
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Too many sign-in attempts" in page and "Wait a minute" in page
    assert "even the right password is refused" in page
    assert "Retry-After" in response.headers
    # Another account from the same address is not affected.
    other = make_user("agent", "bob")
    assert _attempt(app.test_client(), "bob", other.password, "10.0.0.99").status_code == 303


def test_address_is_locked_after_its_failed_tries_on_any_account(app, make_user):
    account = make_user("agent", "alice")
    client = app.test_client()
    for number in range(5):
        assert _attempt(client, f"guess{number}", WRONG).status_code == 401
    assert _attempt(client, "alice", account.password).status_code == 429
    # The same account from another address still signs in.
    assert _attempt(app.test_client(), "alice", account.password, "10.0.0.2").status_code == 303


def test_successful_sign_ins_do_not_count(app, make_user):
    account = make_user("agent", "alice")
    for _ in range(6):
        client = app.test_client()
        assert _attempt(client, "alice", account.password).status_code == 303


def test_usernames_differing_in_case_share_one_count(app, make_user):
    make_user("agent", "alice")
    for name in ("alice", "ALICE", " Alice "):
        assert _attempt(app.test_client(), name, WRONG, "10.0.0.7").status_code == 401
    assert _attempt(app.test_client(), "alice", WRONG, "10.0.0.8").status_code == 429


def test_showing_the_login_page_is_never_throttled(app):
    client = app.test_client()
    for _ in range(5):
        _attempt(client, "alice", WRONG)
    assert client.get("/login").status_code == 200
