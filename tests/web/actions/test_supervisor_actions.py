"""Cancel, release, extend and update the authorization are for supervisors and admins only."""

from __future__ import annotations

import pytest

from tests.fixtures.dashboard import csrf_token
from tests.web.actions.conftest import page_text

# (action, its menu label, a state of the 497,00 kr order in which it is offered)
SUPERVISOR_ACTIONS = [
    ("cancel", "Cancel order", lambda sandbox, order_id: None),
    ("release_authorization", "Release remaining", lambda sandbox, order_id: sandbox.capture(order_id, 100)),
    ("extend_authorization", "Extend authorization", lambda sandbox, order_id: None),
    ("update_authorization", "Update authorization", lambda sandbox, order_id: None),
]


def _actions_panel(client, order_id) -> str:
    page = client.get(f"/orders/{order_id}").get_data(as_text=True)
    return page.split('id="order-actions"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("name,label,setup", SUPERVISOR_ACTIONS)
def test_an_agent_gets_no_button_and_403_and_nothing_is_sent(pages, sandbox, order_id, name, label, setup):
    setup(sandbox, order_id)
    agent = pages("agent")
    panel = _actions_panel(agent.client, order_id)
    assert label not in page_text(panel) and f"/actions/{name}" not in panel
    assert f'href="/orders/{order_id}/actions/capture"' in panel  # the agent's own actions are there
    sandbox.clear_requests_log()
    url = f"/orders/{order_id}/actions/{name}"
    assert agent.client.get(url).status_code == 403
    token = csrf_token(agent.client, "/")
    assert agent.client.post(url, data={"csrf_token": token, "confirmed": "1"}).status_code == 403
    assert sandbox.requests_log(order_id) == []  # not even read


@pytest.mark.parametrize("role", ["supervisor", "admin"])
@pytest.mark.parametrize("name,label,setup", SUPERVISOR_ACTIONS)
def test_supervisors_and_admins_get_the_button_and_the_form(pages, sandbox, order_id, role, name, label, setup):
    setup(sandbox, order_id)
    staff = pages(role)
    panel = _actions_panel(staff.client, order_id)
    assert f'href="/orders/{order_id}/actions/{name}"' in panel and label in page_text(panel)
    opened = staff.open(order_id, name)
    assert opened.status == 200 and opened.key
