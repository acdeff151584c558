"""With several Klarna stores the store travels with the form: key, call and audit name the same one."""

from __future__ import annotations

import pytest

from tests.web.actions.conftest import audit_entries, capture_posts, ledger_row


@pytest.fixture
def klarna_config(sandbox_server):
    return sandbox_server.two_store_settings()


def test_a_capture_in_the_second_store_is_made_with_that_stores_account(app, agent, sandbox):
    order_id = sandbox.create_order(account=sandbox.second_account)["order_id"]
    sandbox.clear_requests_log()
    opened = agent.open(order_id)  # no store named: the order is looked for in each store
    assert opened.form.action == f"/orders/{order_id}/actions/capture?store=us"
    done = agent.confirm(agent.send(opened.form, amount="10"))
    assert done.status == 303 and done.response.headers["Location"] == f"/orders/{order_id}?store=us"
    (post,) = capture_posts(sandbox, order_id)
    assert post["username"] == sandbox.second_account.username
    assert len(sandbox.get_order(order_id, account=sandbox.second_account)["captures"]) == 1
    assert ledger_row(app, opened.key).store == "us"
    assert [entry.store for entry in audit_entries(app, order_id)] == ["us"]


def test_the_store_in_the_forms_address_is_the_one_asked(agent, sandbox):
    order_id = sandbox.create_order(account=sandbox.second_account)["order_id"]
    opened = agent.open(order_id)
    reviewed = agent.send(opened.form, amount="10")
    form = reviewed.form
    form.action = form.action.replace("store=us", "store=eu")
    assert agent.confirm(reviewed).status == 303  # the right store works
    answer = agent.send(form, "confirmed")
    assert answer.status == 404  # the order is not in that store; nothing sent there
    assert len(capture_posts(sandbox, order_id)) == 1
