"""Sessions kept on the server: a copied cookie dies with its session; idle and absolute limits;
"My account" and the staff admin pages end them; every start and end is in the audit log; one
query per request, and "last seen" written at most once a minute."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import event, select

from app.extensions import db
from app.models.audit import AuditEntry
from app.models.ledger import utcnow
from app.models.staff_session import StaffSession
from app.models.user import User
from app.display import as_utc
from tests.fixtures.dashboard import age_sessions, post_form

COOKIE = "backoffice_session"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0"


@pytest.fixture
def app_config(app_config, request):
    """Tests add settings with ``indirect`` parametrization."""
    return {**app_config, **getattr(request, "param", {})}


def _is_login_redirect(response) -> bool:
    return response.status_code in (302, 303) and response.headers["Location"].startswith("/login")


def _copy_of(app: Flask, client: FlaskClient) -> FlaskClient:
    """Another browser holding a copy of ``client``'s session cookie (a shared PC, a proxy log)."""
    thief = app.test_client()
    thief.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    return thief


def _page(response) -> str:
    return response.get_data(as_text=True)


def _events(app: Flask, operation: str | None = None) -> list[AuditEntry]:
    with app.app_context():
        query = select(AuditEntry).where(AuditEntry.order_id.is_(None)).order_by(AuditEntry.id)
        if operation:
            query = query.where(AuditEntry.operation == operation)
        return list(db.session.scalars(query))


def _sessions_of(app: Flask, username: str) -> list[StaffSession]:
    with app.app_context():
        user = User.by_username(username)
        return list(db.session.scalars(select(StaffSession).where(StaffSession.user_id == user.id)))


@contextmanager
def _statements(app: Flask) -> Iterator[list[str]]:
    """The SQL statements the app sends inside the block."""
    sent: list[str] = []

    def record(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)


# Copied cookies
def test_a_cookie_copied_before_sign_out_is_refused_afterwards(app, logged_in):
    alice = logged_in("agent", "alice")
    thief = _copy_of(app, alice)
    assert thief.get("/").status_code == 200  # the copy works while the session lives
    post_form(alice, "/logout")
    assert _is_login_redirect(thief.get("/"))
    assert _is_login_redirect(alice.get("/"))


def test_the_cookie_holds_a_random_token_and_the_table_only_its_digest(app, logged_in):
    alice = logged_in("agent", "alice")
    with alice.session_transaction() as session:
        token = session["_user_id"]
    assert len(token) >= 43 and str(alice.account.id) != token
    [row] = _sessions_of(app, "alice")
    assert row.token_hash != token and token not in row.token_hash


def test_each_sign_in_is_a_new_session_with_a_new_token(app, make_user, login):
    account = make_user("agent", "alice")
    first, second = login(app.test_client(), account), login(app.test_client(), account)
    tokens = set()
    for client in (first, second):
        with client.session_transaction() as session:
            tokens.add(session["_user_id"])
    assert len(tokens) == 2 and len(_sessions_of(app, "alice")) == 2


# Idle and absolute limits
def test_a_session_idle_for_the_idle_limit_ends(app, logged_in):
    alice = logged_in("agent", "alice")
    age_sessions(app, "alice", idle=timedelta(minutes=29))
    assert alice.get("/").status_code == 200  # 29 minutes idle: still signed in, and seen now
    age_sessions(app, "alice", idle=timedelta(minutes=29))
    assert alice.get("/").status_code == 200
    age_sessions(app, "alice", idle=timedelta(minutes=30))
    assert _is_login_redirect(alice.get("/"))
    [ended] = _events(app, "session_ended")
    assert ended.username == "alice" and ended.staff_member == "alice" and "idle too long" in ended.details


@pytest.mark.parametrize("app_config", [{"SESSION_IDLE_MINUTES": 5}], indirect=True)
def test_the_idle_limit_is_configurable(app, logged_in):
    alice = logged_in("agent", "alice")
    age_sessions(app, "alice", idle=timedelta(minutes=5))
    assert _is_login_redirect(alice.get("/"))


def test_activity_does_not_stretch_the_absolute_lifetime(app, logged_in):
    alice = logged_in("agent", "alice")
    age_sessions(app, "alice", signed_in=timedelta(hours=8, seconds=1))  # last seen just now
    assert _is_login_redirect(alice.get("/"))
    [ended] = _events(app, "session_ended")
    assert "lifetime over" in ended.details


def test_last_seen_is_written_at_most_once_a_minute(app, logged_in):
    alice = logged_in("agent", "alice")
    age_sessions(app, "alice", idle=timedelta(seconds=30))
    with _statements(app) as sent:
        assert alice.get("/account").status_code == 200
    assert not [statement for statement in sent if statement.startswith("UPDATE staff_sessions")]
    age_sessions(app, "alice", idle=timedelta(seconds=31))  # now a minute since it was written
    with _statements(app) as sent:
        assert alice.get("/account").status_code == 200
    assert len([statement for statement in sent if statement.startswith("UPDATE staff_sessions")]) == 1
    [row] = _sessions_of(app, "alice")
    assert utcnow() - as_utc(row.last_seen_at) < timedelta(seconds=5)


def test_a_request_reads_its_session_and_user_in_one_query(app, logged_in):
    alice = logged_in("agent", "alice")
    with _statements(app) as sent:
        assert alice.get("/account/session").status_code == 200
    assert len(sent) == 1
    assert "FROM staff_sessions JOIN staff_users" in sent[0]


def test_looking_at_the_time_left_is_not_activity_but_stay_signed_in_is(app, logged_in):
    alice = logged_in("agent", "alice")
    age_sessions(app, "alice", idle=timedelta(minutes=20))
    status = alice.get("/account/session").get_json()
    assert status["signed_in"] and status["renewable"] and 595 <= status["seconds_left"] <= 600
    assert status["warning_seconds"] == 120
    assert 595 <= alice.get("/account/session").get_json()["seconds_left"] <= 600  # asking did not renew it
    renewed = post_form(alice, "/account/session", headers={"Accept": "application/json"})
    assert 1795 <= renewed.get_json()["seconds_left"] <= 1800


def test_near_the_absolute_limit_stay_signed_in_cannot_renew(app, logged_in):
    alice = logged_in("agent", "alice")
    age_sessions(app, "alice", signed_in=timedelta(hours=8) - timedelta(seconds=90))
    status = post_form(alice, "/account/session").get_json()
    assert status["renewable"] is False and 85 <= status["seconds_left"] <= 90


def test_the_page_tells_its_script_when_the_session_ends(app, logged_in):
    alice = logged_in("agent", "alice")
    age_sessions(app, "alice", idle=timedelta(minutes=10))
    assert 1195 <= alice.get("/account/session").get_json()["seconds_left"] <= 1200
    page = _page(alice.get("/audit"))
    assert 'data-session-seconds-left="' in page and 'data-session-warning-seconds="120"' in page
    assert 'data-session-status-url="/account/session"' in page
    assert "You will be signed out in" in page and "Stay signed in" in page


def test_an_ended_session_asking_for_its_time_is_sent_to_sign_in(app, logged_in):
    alice = logged_in("agent", "alice")
    age_sessions(app, "alice", idle=timedelta(minutes=31))
    assert _is_login_redirect(alice.get("/account/session"))


# Where a session may be used from
def test_a_session_used_from_another_address_ends_for_both(app, logged_in):
    alice = logged_in("agent", "alice")
    thief = _copy_of(app, alice)
    thief.environ_base["REMOTE_ADDR"] = "203.0.113.9"
    assert _is_login_redirect(thief.get("/"))
    assert _is_login_redirect(alice.get("/"))  # a copied cookie seen elsewhere: the session is over
    [ended] = _events(app, "session_ended")
    assert ended.client_address == "203.0.113.9"
    assert "used from another address or browser (signed in from 127.0.0.1)" in ended.details


def test_a_session_used_from_another_browser_ends(app, logged_in):
    alice = logged_in("agent", "alice")
    thief = _copy_of(app, alice)
    assert _is_login_redirect(thief.get("/", headers={"User-Agent": FIREFOX}))
    assert _is_login_redirect(alice.get("/"))


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 1}], indirect=True)
def test_behind_a_trusted_proxy_the_binding_ignores_what_the_client_wrote(app, make_user, login):
    """The proxy appends the peer it saw to X-Forwarded-For; whatever the client put before it is not
    an address anyone checked. The session is bound to the proxy's entry only."""
    account = make_user("agent", "alice")
    alice = app.test_client()
    alice.environ_base.update(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 192.0.2.10")
    login(alice, account)
    [row] = _sessions_of(app, "alice")
    assert row.client_address == "192.0.2.10"
    # Alice's own browser (or a proxy of hers) changes the part she writes: still her session.
    alice.environ_base["HTTP_X_FORWARDED_FOR"] = "203.0.113.50, 192.0.2.10"
    assert alice.get("/").status_code == 200
    # A thief with a copy of the cookie, elsewhere, forges the first value as Alice's was.
    thief = _copy_of(app, alice)
    thief.environ_base.update(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7, 192.0.2.66")
    assert _is_login_redirect(thief.get("/"))
    # ... or writes Alice's real address in it: the proxy's entry still names the thief.
    thief = _copy_of(app, alice)
    thief.environ_base.update(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.10, 192.0.2.66")
    assert _is_login_redirect(thief.get("/"))


def test_without_trusted_proxies_x_forwarded_for_is_ignored(app, make_user, login):
    account = make_user("agent", "alice")
    alice = app.test_client()
    alice.environ_base["HTTP_X_FORWARDED_FOR"] = "198.51.100.7"
    login(alice, account)
    assert [row.client_address for row in _sessions_of(app, "alice")] == ["127.0.0.1"]
    thief = _copy_of(app, alice)
    thief.environ_base.update(REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert _is_login_redirect(thief.get("/"))


# My account
def test_my_account_lists_my_active_sessions_with_browser_and_address(app, make_user, login):
    account = make_user("agent", "alice")
    here = login(app.test_client(), account)
    elsewhere = app.test_client()
    elsewhere.environ_base.update(REMOTE_ADDR="192.0.2.44", HTTP_USER_AGENT=FIREFOX)
    login(elsewhere, account)
    page = _page(here.get("/account"))
    assert "My account" in page and "Where you are signed in" in page
    assert "Firefox 120 on Windows" in page and "192.0.2.44" in page
    assert page.count("End this session") == 1 and page.count("Sign out here") == 1
    assert "this browser" in page and "End all other sessions" in page
    assert 'href="/account"' in _page(here.get("/"))


def test_ending_one_of_my_sessions_signs_that_browser_out(app, make_user, login):
    account = make_user("agent", "alice")
    here, other = login(app.test_client(), account), login(app.test_client(), account)
    other_id = max(row.id for row in _sessions_of(app, "alice"))
    response = post_form(here, f"/account/sessions/{other_id}/end", follow_redirects=True)
    assert "That session has ended" in _page(response)
    assert _is_login_redirect(other.get("/"))
    assert here.get("/").status_code == 200
    [ended] = _events(app, "session_ended")
    assert ended.username == "alice" and "ended by its owner" in ended.details


def test_ending_this_session_from_my_account_is_signing_out(app, logged_in):
    alice = logged_in("agent", "alice")
    [row] = _sessions_of(app, "alice")
    response = post_form(alice, f"/account/sessions/{row.id}/end")
    assert _is_login_redirect(response)
    assert _is_login_redirect(alice.get("/"))
    assert [entry.operation for entry in _events(app)][-1] == "sign_out"


def test_i_cannot_end_someone_elses_session_from_my_account(app, logged_in):
    alice, bob = logged_in("agent", "alice"), logged_in("agent", "bob")
    [bobs] = _sessions_of(app, "bob")
    assert post_form(alice, f"/account/sessions/{bobs.id}/end").status_code == 404
    assert bob.get("/").status_code == 200


def test_end_all_others_keeps_only_this_one(app, make_user, login):
    account = make_user("agent", "alice")
    here, second, third = (login(app.test_client(), account) for _ in range(3))
    response = post_form(here, "/account/sessions/end-others", follow_redirects=True)
    assert "Signed out everywhere else: 2 active sessions ended." in _page(response)
    assert _is_login_redirect(second.get("/")) and _is_login_redirect(third.get("/"))
    assert here.get("/").status_code == 200
    [entry] = _events(app, "sessions_ended")
    assert entry.details == "2 active sessions ended (all but this one)"


# Admins
@pytest.fixture
def admin(logged_in):
    return logged_in("admin", "root")


def test_the_staff_page_counts_active_sessions_and_links_to_them(app, admin, make_user, login):
    vera = make_user("agent", "vera")
    login(app.test_client(), vera), login(app.test_client(), vera)
    page = _page(admin.get("/admin/staff"))
    assert f'href="/admin/staff/{vera.id}/sessions"' in page
    assert "Sessions of vera: 2 active" in page


def test_an_admin_ends_one_session_of_someone(app, admin, make_user, login):
    account = make_user("agent", "vera")
    first, second = login(app.test_client(), account), login(app.test_client(), account)
    first_id = min(row.id for row in _sessions_of(app, "vera"))
    page = _page(admin.get(f"/admin/staff/{account.id}/sessions"))
    assert "Sessions of vera" in page and page.count("End this session") == 2
    response = post_form(admin, f"/admin/staff/{account.id}/sessions/{first_id}/end", follow_redirects=True)
    assert "That session of vera has ended." in _page(response)
    assert _is_login_redirect(first.get("/"))
    assert second.get("/").status_code == 200
    [entry] = _events(app, "session_ended")
    assert (entry.username, entry.staff_member) == ("root", "vera") and "ended by an admin" in entry.details


def test_an_admin_ends_all_sessions_of_someone(app, admin, make_user, login):
    account = make_user("agent", "vera")
    first, second = login(app.test_client(), account), login(app.test_client(), account)
    response = post_form(admin, f"/admin/staff/{account.id}/sessions/end", follow_redirects=True)
    assert "root ended the sessions of vera: 2 active sessions ended." in _page(response)
    assert _is_login_redirect(first.get("/")) and _is_login_redirect(second.get("/"))
    assert "vera is not signed in anywhere." in _page(admin.get(f"/admin/staff/{account.id}/sessions"))
    assert admin.get("/").status_code == 200


def test_an_admin_ending_their_own_sessions_stays_signed_in_here(app, admin, login):
    elsewhere = login(app.test_client(), admin.account)
    post_form(admin, f"/admin/staff/{admin.account.id}/sessions/end")
    assert _is_login_redirect(elsewhere.get("/"))
    assert admin.get("/").status_code == 200


def test_only_admins_see_or_end_others_sessions(app, logged_in):
    supervisor, vera = logged_in("supervisor"), logged_in("agent", "vera")
    [row] = _sessions_of(app, "vera")
    assert supervisor.get(f"/admin/staff/{vera.account.id}/sessions").status_code == 403
    assert post_form(supervisor, f"/admin/staff/{vera.account.id}/sessions/{row.id}/end").status_code == 403
    assert post_form(supervisor, f"/admin/staff/{vera.account.id}/sessions/end").status_code == 403
    assert vera.get("/").status_code == 200


def test_an_admin_setting_their_own_password_goes_on_in_a_new_session(app, admin):
    thief = _copy_of(app, admin)
    prefix = f"user-{admin.account.id}-"
    password = "a fresh long password"
    post_form(admin, f"/admin/staff/{admin.account.id}/password", {prefix + "password": password, prefix + "confirm": password})
    assert admin.get("/admin/staff").status_code == 200
    assert _is_login_redirect(thief.get("/"))


def test_the_command_line_ends_someones_sessions(app, logged_in, runner):
    vera = logged_in("agent", "vera")
    result = runner.invoke(args=["users", "end-sessions", "vera"])
    assert result.exit_code == 0 and "Ended the sessions of vera." in result.output
    assert _is_login_redirect(vera.get("/"))
    [entry] = _events(app, "sessions_ended")
    assert (entry.username, entry.staff_member, entry.user_id) == ("(command line)", "vera", None)


# The audit log
def test_sign_in_sign_out_and_account_changes_are_in_the_audit_log(app, admin, make_user, login):
    vera = make_user("agent", "vera")
    client = login(app.test_client(), vera)
    post_form(client, "/logout")
    post_form(admin, f"/admin/staff/{vera.id}/role", {f"user-{vera.id}-role": "supervisor"})
    post_form(admin, f"/admin/staff/{vera.id}/disable")
    post_form(admin, f"/admin/staff/{vera.id}/enable")
    rows = [(entry.operation, entry.username, entry.staff_member) for entry in _events(app)]
    assert rows == [
        ("sign_in", "root", "root"),
        ("sign_in", "vera", "vera"),
        ("sign_out", "vera", "vera"),
        ("role_changed", "root", "vera"),
        ("account_disabled", "root", "vera"),
        ("account_enabled", "root", "vera"),
    ]
    page = _page(admin.get("/audit", query_string={"operation": "role_changed"}))
    assert "Role changed" in page and "root changed the role of vera from agent to supervisor." in page
    assert "1–1 of 1 entry" in page
    staff = _page(admin.get("/audit", query_string={"kind": "staff"}))
    assert "1–6 of 6 entries" in staff
    for label in ("Signed in", "Signed out", "Account disabled", "Account enabled"):
        assert label in staff
    assert "No entries." in _page(admin.get("/audit"))  # order attempts by default: none yet
    assert "1–6 of 6 entries" in _page(admin.get("/audit", query_string={"kind": "all"}))
