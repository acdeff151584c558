"""The permission table, and each role against each protected action: allowed, or a 403 page."""

from __future__ import annotations

import pytest

from app.permissions import ROLE_PERMISSIONS, Permission, Role, role_has
from tests.fixtures.dashboard import TEST_PASSWORD, post_form

VIEWER = {"view_orders", "view_audit"}
AGENT = VIEWER | {
    "capture",
    "refund",
    "add_shipping_info",
    "edit_merchant_references",
    "edit_shipping_address",
    "trigger_send_out",
    "acknowledge",
}
SUPERVISOR = AGENT | {
    "cancel",
    "release_authorization",
    "update_authorization",
    "extend_authorization",
    "extend_due_date",
}
ADMIN = SUPERVISOR | {"manage_staff"}
EXPECTED = {"viewer": VIEWER, "agent": AGENT, "supervisor": SUPERVISOR, "admin": ADMIN}
ROLES = list(EXPECTED)


def test_permission_names_are_the_agreed_ones():
    assert {permission.value for permission in Permission} == ADMIN


@pytest.mark.parametrize("role", ROLES)
def test_role_table(role):
    assert {permission.value for permission in ROLE_PERMISSIONS[Role(role)]} == EXPECTED[role]


def test_role_has_accepts_names():
    assert role_has("agent", "capture")
    assert not role_has("agent", "cancel")


def _admin_actions(target_id: int) -> list[tuple[str, str, dict]]:
    new_password = {f"user-{target_id}-password": "a brand new password", f"user-{target_id}-confirm": "a brand new password"}
    return [
        ("GET", "/admin/staff", {}),
        ("POST", "/admin/staff", {"username": "newcomer", "role": "viewer", "password": TEST_PASSWORD, "confirm": TEST_PASSWORD}),
        ("POST", f"/admin/staff/{target_id}/role", {f"user-{target_id}-role": "agent"}),
        ("POST", f"/admin/staff/{target_id}/password", new_password),
        ("POST", f"/admin/staff/{target_id}/disable", {}),
        ("POST", f"/admin/staff/{target_id}/enable", {}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_admin_actions_by_role(role, logged_in, make_user):
    client = logged_in(role)
    target = make_user("viewer", "target")
    for method, url, data in _admin_actions(target.id):
        if method == "GET":
            response = client.get(url)
        else:
            response = post_form(client, url, data)
        if role == "admin":
            assert response.status_code == (200 if method == "GET" else 303), url
        else:
            assert response.status_code == 403, url
            page = response.get_data(as_text=True)
            assert "Not allowed" in page and "Your role does not allow this" in page


@pytest.mark.parametrize("role", ROLES)
def test_every_role_may_look_up_orders(role, logged_in):
    client = logged_in(role)
    assert client.get("/").status_code == 200
    response = client.get("/orders/lookup?order_id=0b1d9815-165e-42e2-8867-35bc03789e00")
    assert response.status_code == 303


@pytest.mark.parametrize("role", ROLES)
def test_header_offers_staff_admin_only_to_admins(role, logged_in):
    page = logged_in(role).get("/").get_data(as_text=True)
    assert ('href="/admin/staff"' in page) is (role == "admin")
    assert f'<span class="role-badge">{role}</span>' in page
