"""Merchant references: edited in place on the order's summary (htmx) or on a page of their own."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.fixtures.dashboard import csrf_token
from tests.web.actions.conftest import audit_entries, changes_sent, ledger_row, page_text, sent_to

ACTION = "merchant_references"
INLINE_1 = "?inline=merchant_reference1"
REFERENCES = "/merchant-references"


@pytest.fixture
def editor(pages):
    return pages("agent", htmx=True)


def test_an_agent_sees_edit_links_beside_both_references(agent, order_id):
    page = agent.client.get(f"/orders/{order_id}").get_data(as_text=True)
    url = f"/orders/{order_id}/actions/{ACTION}"
    assert f'href="{url}"' in page
    assert f'hx-get="{url}{INLINE_1}"' in page and f'hx-get="{url}?inline=merchant_reference2"' in page
    assert 'aria-label="Edit merchant reference 1"' in page


def test_editing_in_place_saves_one_reference_and_refreshes_the_panels(app, editor, sandbox, order_id):
    opened = editor.open(order_id, ACTION, query=INLINE_1)
    assert opened.status == 200
    assert "data-inline-edit" in opened.html and 'hx-target="closest .inline-edit"' in opened.html
    assert opened.form.value("merchant_reference1") == "TEST-1001"
    assert "merchant_reference2" not in opened.form.names()  # only the reference being edited
    saved = editor.send(opened.form, merchant_reference1="WEB-2002")
    assert saved.status == 200
    assert saved.response.headers["HX-Trigger"] == "order-updated"
    assert 'id="merchant_reference1-inline"' in saved.html and "WEB-2002" in saved.html
    assert 'id="action-area" hx-swap-oob="innerHTML"' in saved.html
    assert "Merchant reference 1 of order" in saved.text and "saved." in saved.text
    order = sandbox.get_order(order_id)
    assert (order["merchant_reference1"], order.get("merchant_reference2")) == ("WEB-2002", None)
    (patch,) = sent_to(sandbox, order_id, "PATCH", REFERENCES)
    assert patch["idempotency_key"] == opened.key and patch["status"] == 204
    (entry,) = audit_entries(app, order_id)
    assert (entry.operation, entry.outcome, entry.details) == (ACTION, "succeeded", "merchant reference 1: WEB-2002")
    assert entry.correlation_id == patch["correlation_id"]
    assert ledger_row(app, opened.key).state == "succeeded"


def test_the_summary_shows_the_new_reference(editor, sandbox, order_id):
    opened = editor.open(order_id, ACTION, query="?inline=merchant_reference2")
    editor.send(opened.form, merchant_reference2="Kundnummer 77")
    panel = editor.client.get(f"/orders/{order_id}/panels/summary").get_data(as_text=True)
    assert "Kundnummer 77" in page_text(panel) and "TEST-1001" in page_text(panel)


def test_without_javascript_both_references_are_edited_on_a_page(app, agent, sandbox, order_id):
    opened = agent.open(order_id, ACTION)
    assert "Edit merchant references" in opened.text
    assert (opened.form.value("merchant_reference1"), opened.form.value("merchant_reference2")) == ("TEST-1001", "")
    saved = agent.send(opened.form, merchant_reference1="", merchant_reference2="Ref two")
    assert saved.status == 303 and saved.response.headers["Location"] == f"/orders/{order_id}"
    order = sandbox.get_order(order_id)
    assert (order["merchant_reference1"], order["merchant_reference2"]) == ("", "Ref two")
    page = page_text(agent.client.get(saved.response.headers["Location"]).get_data(as_text=True))
    assert "Merchant reference 1 and Merchant reference 2 of order" in page and "Ref two" in page
    (entry,) = audit_entries(app, order_id)
    assert entry.details == "merchant reference 1: (cleared); merchant reference 2: Ref two"


def test_an_unchanged_reference_is_not_sent(editor, sandbox, order_id):
    opened = editor.open(order_id, ACTION, query=INLINE_1)
    same = editor.send(opened.form)
    assert same.status == 422
    assert "Nothing to save: the references are as they were." in same.text
    assert changes_sent(sandbox, order_id) == []


@pytest.mark.parametrize("htmx", [True, False])
def test_more_than_255_characters_is_refused_before_klarna(app, pages, sandbox, order_id, htmx):
    staff = pages("agent", htmx=htmx)
    opened = staff.open(order_id, ACTION, query=INLINE_1 if htmx else "")
    refused = staff.send(opened.form, merchant_reference1="x" * 256)
    assert refused.status == 422
    assert "Use at most 255 characters." in refused.text
    assert 'aria-invalid="true"' in refused.html
    assert refused.key == opened.key
    assert changes_sent(sandbox, order_id) == []
    (entry,) = audit_entries(app, order_id)
    assert entry.outcome == "invalid" and entry.messages == ["Merchant reference 1: Use at most 255 characters."]
    assert staff.send(refused.form, merchant_reference1="x" * 255).status in (200, 303)


def test_klarna_refuses_a_cancelled_order_with_its_own_words(app, editor, sandbox, order_id):
    sandbox.cancel(order_id)
    opened = editor.open(order_id, ACTION, query=INLINE_1)
    refused = editor.send(opened.form, merchant_reference1="TOO-LATE")
    assert refused.status == 422
    assert 'id="merchant_reference1-inline"' in refused.html  # still in place, in the summary
    assert "Klarna said: Order is cancelled. Merchant references cannot be updated. Nothing was done." in refused.text
    assert "NOT_ALLOWED" in refused.text
    (patch,) = sent_to(sandbox, order_id, "PATCH", REFERENCES)
    assert patch["status"] == 403 and patch["correlation_id"] in refused.text
    (entry,) = audit_entries(app, order_id)
    assert (entry.outcome, entry.error_code, entry.correlation_id) == ("refused", "NOT_ALLOWED", patch["correlation_id"])
    assert refused.key != opened.key and refused.form.value("merchant_reference1") == "TOO-LATE"
    assert sandbox.get_order(order_id)["merchant_reference1"] == "TEST-1001"


def test_an_unknown_result_keeps_the_key_and_sending_again_saves_once(app, editor, sandbox, order_id):
    opened = editor.open(order_id, ACTION, query=INLINE_1)
    sandbox.add_fault(method="PATCH", path="/ordermanagement/v1/orders/*" + REFERENCES, kind="status", status=503,
                      count=3)
    unknown = editor.send(opened.form, merchant_reference1="AGAIN-1")
    assert unknown.status == 502
    assert "Result unknown" in unknown.text and "Sending the form again is safe" in unknown.text
    assert unknown.key == opened.key and 'id="merchant_reference1-inline"' in unknown.html
    saved = editor.send(unknown.form)
    assert saved.status == 200
    assert sandbox.get_order(order_id)["merchant_reference1"] == "AGAIN-1"
    assert {r["idempotency_key"] for r in sent_to(sandbox, order_id, "PATCH", REFERENCES)} == {opened.key}
    assert [entry.outcome for entry in audit_entries(app, order_id)] == ["unknown", "succeeded"]


def test_a_form_sent_twice_shows_what_klarna_has_and_says_it_was_done(editor, sandbox, order_id):
    opened = editor.open(order_id, ACTION, query=INLINE_1)
    editor.send(opened.form, merchant_reference1="ONCE")
    again = editor.send(opened.form, merchant_reference1="TWICE")
    assert again.status == 200 and "Already done" in again.text
    view = again.html.split('id="action-area"')[0]
    assert "ONCE" in view and "TWICE" not in view
    assert len(sent_to(sandbox, order_id, "PATCH", REFERENCES)) == 1


def test_other_answers_to_an_in_place_form_go_to_the_action_area(editor, order_id):
    opened = editor.open(order_id, ACTION, query=INLINE_1)
    forged = editor.send(opened.form, idempotency_key=str(uuid.uuid4()), merchant_reference1="X")
    assert forged.status == 422 and forged.response.headers["HX-Retarget"] == "#action-area"
    assert "This form has expired" in forged.text


def test_a_viewer_sees_no_edit_link_and_may_not_edit(pages, sandbox, order_id):
    viewer = pages("viewer")
    page = viewer.client.get(f"/orders/{order_id}").get_data(as_text=True)
    assert f"/actions/{ACTION}" not in page and "TEST-1001" in page
    sandbox.clear_requests_log()
    url = f"/orders/{order_id}/actions/{ACTION}"
    assert viewer.client.get(url + INLINE_1).status_code == 403
    token = csrf_token(viewer.client, "/")
    posted = viewer.client.post(url, data={"csrf_token": token, "idempotency_key": str(uuid.uuid4()),
                                           "merchant_reference1": "HACK"})
    assert posted.status_code == 403
    assert sandbox.requests_log(order_id) == []


def test_the_in_place_editor_can_be_closed_without_the_server(editor, order_id):
    opened = editor.open(order_id, ACTION, query=INLINE_1)
    view = re.search(r"<template data-inline-view>(.*?)</template>", opened.html, re.S).group(1)
    assert 'id="merchant_reference1-inline"' in view and "TEST-1001" in view and "autofocus" in view
    assert 'data-inline-cancel' in opened.html and 'data-original="TEST-1001"' in opened.html
