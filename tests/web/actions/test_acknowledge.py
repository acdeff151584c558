"""Acknowledging an order, and what the order page knows about it (our audit log; Klarna does not say)."""

from __future__ import annotations

import re

from tests.web.actions.conftest import audit_entries, page_text, sent_to

ACTION = "acknowledge"


def acknowledged_fact(client, order_id: str) -> str:
    summary = page_text(client.get(f"/orders/{order_id}/panels/summary").get_data(as_text=True))
    return re.search(r"Acknowledged (.*?) Klarna does not report it", summary).group(1)


def test_the_summary_says_what_we_know(agent, order_id):
    assert acknowledged_fact(agent.client, order_id) == "Not from this dashboard"
    opened = agent.open(order_id, ACTION)
    assert "Not acknowledged from this dashboard yet." in opened.text
    assert "Klarna does not report acknowledgements" in opened.text


def test_acknowledging_sends_it_and_the_summary_names_who_and_when(app, pages, sandbox, order_id):
    agent = pages("agent", htmx=True)
    opened = agent.open(order_id, ACTION)
    done = agent.send(opened.form)
    assert done.status == 200 and done.response.headers["HX-Trigger"] == "order-updated"
    assert "acknowledged." in done.text
    (post,) = sent_to(sandbox, order_id, "POST", "/acknowledge")
    assert post["status"] == 204 and post["idempotency_key"] == opened.key
    (entry,) = audit_entries(app, order_id)
    assert (entry.operation, entry.outcome) == (ACTION, "succeeded")
    who = agent.client.account.username
    fact = acknowledged_fact(agent.client, order_id)
    assert fact.startswith(f"By {who}, ") and "UTC" in fact
    assert f"Acknowledged from this dashboard by {who}," in agent.open(order_id, ACTION).text


def test_a_refused_acknowledgement_is_not_counted(app, agent, sandbox, order_id):
    opened = agent.open(order_id, ACTION)
    sandbox.add_fault(method="POST", path="/ordermanagement/v1/orders/*/acknowledge", kind="status", status=403,
                      error_code="NOT_ALLOWED", error_messages=["Order cannot be acknowledged"])
    refused = agent.send(opened.form)
    assert refused.status == 422
    assert "Klarna said: Order cannot be acknowledged. Nothing was done." in refused.text
    assert audit_entries(app, order_id)[-1].outcome == "refused"
    assert acknowledged_fact(agent.client, order_id) == "Not from this dashboard"
