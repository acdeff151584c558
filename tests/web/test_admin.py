"""The staff page: an admin creates accounts, changes roles, disables, enables, sets passwords."""

from __future__ import annotations

import pytest

from app.models.user import User
from tests.fixtures.dashboard import StaffAccount, post_form, sign_in

NEW_PASSWORD = "a fresh long password"


@pytest.fixture
def admin(logged_in):
    return logged_in("admin", "root")


def _user(app, username):
    with app.app_context():
        return User.by_username(username)


def _page(response) -> str:
    return response.get_data(as_text=True)


def test_staff_page_lists_accounts(admin, make_user):
    make_user("viewer", "vera")
    page = _page(admin.get("/admin/staff"))
    assert "vera" in page and "root" in page and "(you)" in page
    assert "Add a staff member" in page


def test_create_account_then_it_can_sign_in(app, admin):
    data = {"username": "Newbie", "role": "agent", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    response = post_form(admin, "/admin/staff", data, follow_redirects=True)
    assert "root created newbie with role agent." in _page(response)
    created = _user(app, "newbie")
    assert created.role == "agent" and created.active
    account = StaffAccount(created.id, "newbie", "agent", NEW_PASSWORD)
    assert sign_in(app.test_client(), account).status_code == 303


@pytest.mark.parametrize(
    "data,message",
    [
        ({"username": "x", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, "A username has 2 to 64 characters"),
        ({"username": "has space", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, "A username has"),
        ({"username": "shorty", "password": "short", "confirm": "short"}, "Use at least 12 characters."),
        ({"username": "twice", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"}, "The passwords differ."),
        ({"username": "root", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, "already taken"),
        ({"username": "rolex", "role": "owner", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}, "Not a valid choice"),
    ],
)
def test_create_refuses_bad_input_with_field_messages(app, admin, data, message):
    response = post_form(admin, "/admin/staff", {"role": "viewer", **data})
    assert response.status_code == 422
    assert message in _page(response)
    with app.app_context():
        assert [user.username for user in User.all_by_username()] == ["root"]


def test_change_role(app, admin, make_user):
    target = make_user("viewer", "vera")
    response = post_form(admin, f"/admin/staff/{target.id}/role", {f"user-{target.id}-role": "supervisor"}, follow_redirects=True)
    assert "root changed the role of vera from viewer to supervisor." in _page(response)
    assert _user(app, "vera").role == "supervisor"


def test_role_change_ends_the_sessions_and_the_new_role_applies_at_sign_in(app, admin, logged_in, login):
    vera = logged_in("admin", "vera")
    assert vera.get("/admin/staff").status_code == 200
    response = post_form(admin, f"/admin/staff/{vera.account.id}/role", {f"user-{vera.account.id}-role": "viewer"},
                         follow_redirects=True)
    assert "root changed the role of vera from admin to viewer. Their sessions have ended." in _page(response)
    assert vera.get("/admin/staff").status_code == 303  # to the login page: a new role, a new session
    again = login(app.test_client(), vera.account)
    assert again.get("/admin/staff").status_code == 403


def test_disable_ends_sessions_and_enable_allows_sign_in_again(app, admin, logged_in):
    vera = logged_in("agent", "vera")
    response = post_form(admin, f"/admin/staff/{vera.account.id}/disable", follow_redirects=True)
    assert "root disabled vera. Their sessions have ended." in _page(response)
    assert vera.get("/").status_code == 303
    assert sign_in(app.test_client(), vera.account).status_code == 401
    response = post_form(admin, f"/admin/staff/{vera.account.id}/enable", follow_redirects=True)
    assert "root enabled vera." in _page(response)
    assert sign_in(app.test_client(), vera.account).status_code == 303


def test_reset_password(app, admin, logged_in):
    vera = logged_in("agent", "vera")
    prefix = f"user-{vera.account.id}-"
    data = {prefix + "password": NEW_PASSWORD, prefix + "confirm": NEW_PASSWORD}
    response = post_form(admin, f"/admin/staff/{vera.account.id}/password", data, follow_redirects=True)
    assert "root set a new password for vera" in _page(response)
    assert vera.get("/").status_code == 303
    assert sign_in(app.test_client(), vera.account).status_code == 401
    assert sign_in(app.test_client(), vera.account, NEW_PASSWORD).status_code == 303


def test_reset_password_errors_show_in_the_row(admin, make_user):
    target = make_user("viewer", "vera")
    prefix = f"user-{target.id}-"
    response = post_form(admin, f"/admin/staff/{target.id}/password", {prefix + "password": "short", prefix + "confirm": "short"})
    assert response.status_code == 422
    page = _page(response)
    assert "Use at least 12 characters." in page
    assert '<details class="disclosure" open>' in page


def test_admin_resetting_their_own_password_stays_signed_in(admin):
    account = admin.account
    prefix = f"user-{account.id}-"
    data = {prefix + "password": NEW_PASSWORD, prefix + "confirm": NEW_PASSWORD}
    assert post_form(admin, f"/admin/staff/{account.id}/password", data).status_code == 303
    assert admin.get("/admin/staff").status_code == 200


def test_admin_cannot_disable_or_demote_themselves(app, admin, make_user):
    make_user("admin", "other-admin")
    me = admin.account.id
    response = post_form(admin, f"/admin/staff/{me}/disable")
    assert response.status_code == 409
    assert "You cannot disable your own account." in _page(response)
    response = post_form(admin, f"/admin/staff/{me}/role", {f"user-{me}-role": "viewer"})
    assert response.status_code == 409
    assert "You cannot change your own role." in _page(response)
    user = _user(app, "root")
    assert user.active and user.role == "admin"


def test_own_row_offers_no_disable_or_role_change(admin):
    page = _page(admin.get("/admin/staff"))
    me = admin.account.id
    assert f'action="/admin/staff/{me}/role"' not in page
    assert "You cannot disable yourself." in page
    assert f'aria-describedby="disable-{me}-reason"' in page


def test_unknown_account_is_404(admin):
    assert post_form(admin, "/admin/staff/999/disable").status_code == 404


@pytest.mark.parametrize("user_id", ["2147483648", "9223372036854775808", "99999999999999999999"])
def test_an_account_id_beyond_the_databases_integers_is_404(admin, user_id):
    for change in ("role", "disable", "enable", "password"):
        assert post_form(admin, f"/admin/staff/{user_id}/{change}").status_code == 404, change
