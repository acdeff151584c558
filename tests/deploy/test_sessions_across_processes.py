"""A session ended on one process is refused by every process at its next request.

Two gunicorn processes serve one database (SQLite here, PostgreSQL in the second pass), as two hosts
behind a load balancer. A copy of Alice's session cookie (a shared PC, a proxy log, a stolen
browser profile) is taken while she is signed in, with a capture confirmation already in hand.
Then her session ends, in one of three ways, on one process; afterwards the copy opens nothing and
captures nothing on either process.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.deploy.action_forms import confirm, open_form, review
from tests.fixtures.processes import Answer, DashboardProcess, WebSession
from tests.web.actions.conftest import HTMX, capture_posts

pytestmark = pytest.mark.slow

NEW_PASSWORD = "a brand new long password"


def _signed_out(answer: Answer) -> bool:
    """The login page instead: a redirect, or for htmx 401 with HX-Redirect to it."""
    if answer.status == 401:
        return answer.headers.get("HX-Redirect", "").startswith("/login")
    return answer.status in (302, 303) and answer.headers.get("Location", "").startswith("/login")


def _sign_out(alice: WebSession, admin: WebSession, alice_id: int) -> None:
    assert alice.post("/logout", {}, token_from="/").status == 303


def _disable(alice: WebSession, admin: WebSession, alice_id: int) -> None:
    assert admin.post(f"/admin/staff/{alice_id}/disable", {}, token_from="/admin/staff").status == 303


def _reset_password(alice: WebSession, admin: WebSession, alice_id: int) -> None:
    prefix = f"user-{alice_id}-"
    form = {prefix + "password": NEW_PASSWORD, prefix + "confirm": NEW_PASSWORD}
    assert admin.post(f"/admin/staff/{alice_id}/password", form, token_from="/admin/staff").status == 303


@pytest.mark.parametrize("end_session", [_sign_out, _disable, _reset_password],
                         ids=["signed out", "account disabled", "password reset"])
def test_a_copied_cookie_is_refused_by_both_processes_once_the_session_ended(
    end_session: Callable[[WebSession, WebSession, int], None], app, start_dashboard, make_user, sandbox
):
    alice_account, admin_account = make_user("agent", "alice"), make_user("admin", "root")
    first, second = start_dashboard(), start_dashboard()
    assert first.process.pid != second.process.pid
    order_id = sandbox.create_order()["order_id"]

    alice = WebSession(first)
    assert alice.sign_in(alice_account.username, alice_account.password).status == 303
    admin = WebSession(second)
    assert admin.sign_in(admin_account.username, admin_account.password).status == 303
    # The copy works on both processes while Alice is signed in, and gets a capture ready to confirm.
    copy = alice.on(second)
    assert copy.get("/").status == 200 and alice.on(first).get("/").status == 200
    ready = review(copy, open_form(copy, order_id, "capture"), amount="50")

    end_session(alice, admin, alice_account.id)
    sandbox.clear_requests_log()

    hosts: list[DashboardProcess] = [first, second]
    for host in hosts:
        stolen = copy.on(host)
        assert _signed_out(stolen.get("/")), host.url
        assert _signed_out(stolen.get(f"/orders/{order_id}"))
        assert _signed_out(confirm(stolen, ready)), host.url
        assert _signed_out(stolen.submit(ready.action, ready.data("confirmed")))  # without htmx too
        assert _signed_out(stolen.get(f"/orders/{order_id}/actions/capture", headers=HTMX))
    assert capture_posts(sandbox, order_id) == []
    assert sandbox.get_order(order_id)["captures"] == []
    # The admin, on the other process, is still signed in.
    assert admin.get("/admin/staff").status == 200
