"""A form whose answer was lost goes again exactly as it was first sent, for every kind of action.

The first attempt may well have been carried out: the order then shows its effect (nothing left
to capture or refund, no due-date option left), so the form would no longer pass our own checks.
Sending it again must neither check it again nor rebuild it, but send Klarna the same request with
the same key, so that Klarna's replayed answer tells staff what happened.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from sqlalchemy import update

from app.extensions import db
from app.klarna.transport import Transport
from app.models.ledger import LedgerKey, utcnow
from tests.web.actions.conftest import Step, audit_entries, capture_posts, ledger_row, page_text, sent_to

ORDERS = "/ordermanagement/v1/orders/*"
KEY_HEADER = "Klarna-Idempotency-Key"


@pytest.fixture
def klarna_received(monkeypatch) -> list[tuple[str, str, object, str | None]]:
    """What the dashboard's Klarna client sent, one entry per call: method, path, JSON body, key."""
    received: list[tuple[str, str, object, str | None]] = []
    send = Transport.send

    def recording(self, method, url, *, headers, json=None, retry_statuses):
        received.append((method, urlsplit(url).path, json, headers.get(KEY_HEADER)))
        return send(self, method, url, headers=headers, json=json, retry_statuses=retry_statuses)

    monkeypatch.setattr(Transport, "send", recording)
    return received


def changes(received: list, path_end: str) -> list[tuple[object, str | None]]:
    """(body, key) of each call to a path ending with ``path_end`` that was not a read."""
    return [(body, key) for method, path, body, key in received if method != "GET" and path.endswith(path_end)]


def lost_answer(staff, form, sandbox, method: str, path: str, button: str | None = "confirmed", **values) -> Step:
    """Send ``form`` (with ``values`` typed in) while Klarna carries out every attempt at the order's
    ``path`` but its answers are lost: the result is unknown, and the form comes back, same key."""
    sandbox.add_fault(method=method, path=f"{ORDERS}{path}", kind="drop_after", count=3)
    unknown = staff.send(form, button, **values)
    assert unknown.status == 502 and "Result unknown" in unknown.text
    assert unknown.key == form.value("idempotency_key")
    return unknown


def outcomes(app, order_id: str) -> list[str]:
    return [entry.outcome.value for entry in audit_entries(app, order_id)]


def test_the_whole_remaining_amount_typed_in_is_captured_once_after_a_lost_answer(app, agent, sandbox, order_id,
                                                                                  klarna_received):
    reviewed = agent.review(order_id, amount="497,00")
    unknown = lost_answer(agent, reviewed.form, sandbox, "POST", "/captures")
    assert sandbox.get_order(order_id)["remaining_authorized_amount"] == 0  # it did happen
    done = agent.send(unknown.form, "confirmed")
    assert done.status == 303
    page = page_text(agent.client.get(done.response.headers["Location"]).get_data(as_text=True))
    assert "Captured SEK 497,00 on order" in page
    (capture,) = sandbox.get_order(order_id)["captures"]
    assert ledger_row(app, reviewed.key).result_id == capture["capture_id"]
    first, again = changes(klarna_received, "/captures")
    assert first == again and first[0]["captured_amount"] == 49700 and first[1] == reviewed.key
    assert outcomes(app, order_id) == ["unknown", "succeeded"]


def test_the_whole_refundable_amount_is_refunded_once_after_a_lost_answer(app, agent, sandbox, order_id,
                                                                          klarna_received):
    sandbox.capture(order_id, 20000)
    reviewed = agent.review(order_id, "refund", amount="200", description="Returned")
    unknown = lost_answer(agent, reviewed.form, sandbox, "POST", "/refunds")
    assert sandbox.get_order(order_id)["refunded_amount"] == 20000  # it did happen
    done = agent.send(unknown.form, "confirmed")
    assert done.status == 303
    (refund,) = sandbox.get_order(order_id)["refunds"]
    assert ledger_row(app, reviewed.key).result_id == refund["refund_id"]
    first, again = changes(klarna_received, "/refunds")
    assert first == again and first[0] == {"refunded_amount": 20000, "description": "Returned"}
    assert {r["idempotency_key"] for r in sent_to(sandbox, order_id, "POST", "/refunds")} == {reviewed.key}
    assert outcomes(app, order_id) == ["unknown", "succeeded"]


def test_the_amount_released_is_the_one_first_sent(app, supervisor, sandbox, order_id):
    sandbox.capture(order_id, 20000)
    opened = supervisor.open(order_id, "release_authorization")
    unknown = lost_answer(supervisor, opened.form, sandbox, "POST", "/release-remaining-authorization")
    assert sandbox.get_order(order_id)["status"] == "CLOSED"
    done = supervisor.send(unknown.form, "confirmed")
    assert done.status == 303
    page = page_text(supervisor.client.get(done.response.headers["Location"]).get_data(as_text=True))
    assert "Released SEK 297,00 on order" in page  # not the nothing that remains now
    assert [entry.amount for entry in audit_entries(app, order_id)] == [29700, 29700]


def test_changed_references_are_saved_once_after_a_lost_answer(app, agent, sandbox, order_id, klarna_received):
    opened = agent.open(order_id, "merchant_references")
    unknown = lost_answer(agent, opened.form, sandbox, "PATCH", "/merchant-references", button=None,
                          merchant_reference1="LOST-1", merchant_reference2="LOST-2")
    done = agent.send(unknown.form)
    assert done.status == 303, done.text
    order = sandbox.get_order(order_id)
    assert (order["merchant_reference1"], order["merchant_reference2"]) == ("LOST-1", "LOST-2")
    first, again = changes(klarna_received, "/merchant-references")
    assert first == again == ({"merchant_reference1": "LOST-1", "merchant_reference2": "LOST-2"}, opened.key)
    assert outcomes(app, order_id) == ["unknown", "succeeded"]


def test_a_due_date_extension_goes_again_although_klarna_offers_no_option_any_more(app, supervisor, sandbox,
                                                                                    order_id):
    capture_id = sandbox.capture(order_id, 20000)
    reviewed = supervisor.send(supervisor.open(order_id, "extend_due_date", capture_id).form, number_of_days="14")
    unknown = lost_answer(supervisor, reviewed.form, sandbox, "PATCH", "/captures/*/extend-due-date")
    done = supervisor.send(unknown.form, "confirmed")
    assert done.status == 303
    page = page_text(supervisor.client.get(done.response.headers["Location"]).get_data(as_text=True))
    assert "was extended by 14 days (fee SEK 58,00)." in page
    assert len({r["idempotency_key"] for r in sent_to(sandbox, order_id, "PATCH", "/extend-due-date")}) == 1
    assert outcomes(app, order_id) == ["unknown", "succeeded"]


def test_a_form_changed_before_it_is_sent_again_is_refused_and_the_first_request_still_goes(
    app, agent, sandbox, order_id, klarna_received
):
    """Another amount under the same key is refused, nothing sent: the key stands for the first
    request only, and staff must not believe they sent something else. Unchanged, it goes."""
    reviewed = agent.review(order_id, amount="100")
    sandbox.add_fault(method="POST", path=f"{ORDERS}/captures", kind="drop_before", count=3)
    unknown = agent.confirm(reviewed)
    assert unknown.status == 502 and len(capture_posts(sandbox, order_id)) == 3
    assert 'name="edit"' not in unknown.html  # no "Change" once the key has gone out
    tampered = agent.send(unknown.form, "confirmed", amount="200")
    assert tampered.status == 422 and "This form was already sent with other values" in tampered.text
    assert len(capture_posts(sandbox, order_id)) == 3  # nothing more reached Klarna
    again = agent.send(unknown.form, edit="1")  # an older page's "Change", reviewed unchanged:
    confirmation = agent.send(again.form)  # the first request's confirmation, to be confirmed again
    assert confirmation.status == 200 and "Sent before, result unknown" in confirmation.text
    assert "Capture SEK 100,00 of SEK 497,00 remaining" in confirmation.text
    done = agent.send(confirmation.form, "confirmed")
    assert done.status == 303
    assert sandbox.get_order(order_id)["captured_amount"] == 10000
    first, resent = changes(klarna_received, "/captures")
    assert first == resent and first[0]["captured_amount"] == 10000
    assert outcomes(app, order_id) == ["unknown", "mismatch", "succeeded"]


def test_a_key_left_in_flight_by_a_lost_process_goes_again_as_it_was(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, "capture", "everything")
    unknown = lost_answer(agent, reviewed.form, sandbox, "POST", "/captures")
    with app.app_context():  # as if the process sending it again had died during the call
        db.session.execute(update(LedgerKey).where(LedgerKey.key == reviewed.key)
                           .values(state="in_flight", claimed_at=utcnow() - timedelta(hours=1)))
        db.session.commit()
    done = agent.send(unknown.form, "confirmed")
    assert done.status == 303
    assert len(sandbox.get_order(order_id)["captures"]) == 1
    assert ledger_row(app, reviewed.key).state == "succeeded"
