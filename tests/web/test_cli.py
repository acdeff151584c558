"""``flask users ...``: create, list, set-role, disable, enable, reset-password."""

from __future__ import annotations

from app.models.user import User
from tests.fixtures.dashboard import StaffAccount, sign_in

PASSWORD = "a long enough password"


def _invoke(runner, *args, password=None):
    stdin = f"{password}\n{password}\n" if password is not None else None
    return runner.invoke(args=["users", *args], input=stdin)


def _user(app, username):
    with app.app_context():
        return User.by_username(username)


def test_create_with_piped_password_then_sign_in(app, runner):
    result = _invoke(runner, "create", "Carol", "--role", "supervisor", password=PASSWORD)
    assert result.exit_code == 0, result.output
    assert "Created carol with role supervisor." in result.output
    user = _user(app, "carol")
    assert user.role == "supervisor"
    assert sign_in(app.test_client(), StaffAccount(user.id, "carol", "supervisor", PASSWORD)).status_code == 303


def test_create_refuses_differing_passwords(app, runner):
    result = runner.invoke(args=["users", "create", "carol", "--role", "agent"], input=f"{PASSWORD}\nsomething else\n")
    assert result.exit_code == 1
    assert "The two passwords differ." in result.output
    assert _user(app, "carol") is None


def test_create_refuses_missing_password(app, runner):
    result = runner.invoke(args=["users", "create", "carol", "--role", "agent"], input="")
    assert result.exit_code == 1
    assert "No password on standard input" in result.output


def test_create_refuses_short_password_unknown_role_and_duplicates(app, runner, make_user):
    make_user("agent", "dave")
    assert "Use at least 12 characters." in _invoke(runner, "create", "carol", "--role", "agent", password="short").output
    result = _invoke(runner, "create", "carol", "--role", "owner", password=PASSWORD)
    assert result.exit_code == 2 and "owner" in result.output
    result = _invoke(runner, "create", "dave", "--role", "agent", password=PASSWORD)
    assert result.exit_code == 1 and "already taken" in result.output


def test_list_shows_role_and_status(runner, make_user):
    make_user("viewer", "vera")
    make_user("admin", "root")
    _invoke(runner, "disable", "vera")
    lines = _invoke(runner, "list").output.splitlines()
    assert lines[0].split() == ["USERNAME", "ROLE", "STATUS", "LAST", "SIGN-IN"]
    assert lines[1].split() == ["root", "admin", "active", "never"]
    assert lines[2].split() == ["vera", "viewer", "disabled", "never"]


def test_set_role(app, runner, make_user):
    make_user("viewer", "vera")
    result = _invoke(runner, "set-role", "vera", "--role", "agent")
    assert result.exit_code == 0 and "vera now has role agent." in result.output
    assert _user(app, "vera").role == "agent"


def test_last_active_admin_cannot_be_demoted_or_disabled(app, runner, make_user):
    make_user("admin", "root")
    for args in (("set-role", "root", "--role", "viewer"), ("disable", "root")):
        result = _invoke(runner, *args)
        assert result.exit_code == 1
        assert "the last active admin" in result.output
    make_user("admin", "second")
    assert _invoke(runner, "disable", "root").exit_code == 0


def test_disable_and_enable(app, runner, make_user):
    account = make_user("agent", "erin")
    assert "Disabled erin" in _invoke(runner, "disable", "erin").output
    assert sign_in(app.test_client(), account).status_code == 401
    assert "Enabled erin." in _invoke(runner, "enable", "erin").output
    assert sign_in(app.test_client(), account).status_code == 303


def test_reset_password(app, runner, make_user):
    account = make_user("agent", "erin")
    result = _invoke(runner, "reset-password", "ERIN", password="the replacement password")
    assert result.exit_code == 0 and "New password set for erin" in result.output
    assert sign_in(app.test_client(), account).status_code == 401
    assert sign_in(app.test_client(), account, "the replacement password").status_code == 303


def test_unknown_username(runner):
    result = _invoke(runner, "disable", "ghost")
    assert result.exit_code == 1 and "No staff account named 'ghost'." in result.output
