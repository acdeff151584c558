"""One form, one capture: double submits, concurrent submits, lost answers and old forms."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

from sqlalchemy import update
from werkzeug.datastructures import MultiDict

from app.extensions import db
from app.models.ledger import LedgerKey, utcnow
from tests.fixtures.dashboard import csrf_token
from tests.web.actions.conftest import HTMX, audit_entries, capture_posts, ledger_row

CAPTURES_PATH = "/ordermanagement/v1/orders/*/captures"


def _age(app, key, **columns):
    with app.app_context():
        db.session.execute(update(LedgerKey).where(LedgerKey.key == key).values(**columns))
        db.session.commit()


def _reloads_itself(page: str) -> str | None:
    """Where the page's meta refresh goes (only without JavaScript: htmx polls instead), or None."""
    found = re.search(r'<meta http-equiv="refresh" content="2; url=([^"]+)">', page)
    if found is None:
        return None
    noscript = re.search(r"<noscript>(.*?)</noscript>", page, re.S)
    assert noscript and found.group(0) in noscript.group(1)  # htmx is installed in tests
    return found.group(1)


def _outcomes(app, order_id):
    return [entry.outcome.value for entry in audit_entries(app, order_id)]


def test_sending_the_confirmed_form_twice_captures_once(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10")
    first = agent.confirm(reviewed)
    again = agent.confirm(reviewed)
    assert (first.status, again.status) == (303, 303)
    assert len(capture_posts(sandbox, order_id)) == 1
    assert len(sandbox.get_order(order_id)["captures"]) == 1
    assert _outcomes(app, order_id) == ["succeeded", "duplicate"]
    page = agent.client.get(again.response.headers["Location"]).get_data(as_text=True)
    assert "This form was already sent and the capture was done. Nothing was sent again." in page


def test_reviewing_an_already_used_form_shows_its_outcome(agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10")
    agent.confirm(reviewed)
    back = agent.send(reviewed.form, "edit")  # the browser's back button, then the form again
    answer = agent.send(back.form)
    assert answer.status == 303
    page = agent.client.get(answer.response.headers["Location"]).get_data(as_text=True)
    assert "This form was already sent and the capture was done." in page
    assert len(sandbox.get_order(order_id)["captures"]) == 1


def test_eight_simultaneous_submits_of_one_form_capture_once(app, pages, sandbox, order_id):
    agent = pages("agent", htmx=True)
    reviewed = agent.review(order_id, amount="10")
    confirmed = reviewed.form.data("confirmed")
    account = agent.client.account
    clients = []
    for _ in range(8):  # eight tabs of the same staff member, each with its own session and token
        client = app.test_client()
        client.post("/login", data={"csrf_token": csrf_token(client), "username": account.username,
                                    "password": account.password})
        clients.append(client)
    barrier = threading.Barrier(8)
    answers = []

    def submit(client):
        data = MultiDict([pair for pair in confirmed if pair[0] != "csrf_token"])
        data["csrf_token"] = csrf_token(client)
        barrier.wait()
        answers.append(client.post(reviewed.form.action, data=data, headers=HTMX))

    threads = [threading.Thread(target=submit, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(sandbox.get_order(order_id)["captures"]) == 1
    assert len(capture_posts(sandbox, order_id)) == 1
    outcomes = _outcomes(app, order_id)
    assert outcomes.count("succeeded") == 1
    assert set(outcomes) - {"succeeded"} <= {"duplicate", "in_progress"} and len(outcomes) == 8
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses.count(200) >= 1 and set(statuses) <= {200, 202}


def test_a_dropped_answer_is_unknown_and_sending_again_captures_once(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10")
    # Every attempt of the client is carried out by the sandbox, but its answer never arrives.
    sandbox.add_fault(method="POST", path=CAPTURES_PATH, kind="drop_after", count=3)
    unknown = agent.confirm(reviewed)
    assert unknown.status == 502
    assert "Result unknown" in unknown.text
    assert "we do not know whether it was done" in unknown.text and "Sending the form again is safe" in unknown.text
    assert unknown.key == reviewed.key
    assert len(sandbox.get_order(order_id)["captures"]) == 1  # it did happen
    done = agent.send(unknown.form, "confirmed")
    assert done.status == 303
    assert len(sandbox.get_order(order_id)["captures"]) == 1
    keys = {request["idempotency_key"] for request in capture_posts(sandbox, order_id)}
    assert keys == {reviewed.key}
    assert _outcomes(app, order_id) == ["unknown", "succeeded"]
    row = ledger_row(app, reviewed.key)
    assert (row.state, row.result_id) == ("succeeded", sandbox.get_order(order_id)["captures"][0]["capture_id"])


def test_a_form_being_sent_shows_still_in_progress_and_then_the_result(app, pages, sandbox, order_id):
    agent = pages("agent", htmx=True)
    reviewed = agent.review(order_id, amount="10")
    sandbox.add_fault(method="POST", path=CAPTURES_PATH, kind="latency", latency_ms=1500)
    first: list = []
    slow = threading.Thread(target=lambda: first.append(agent.confirm(reviewed)))
    slow.start()
    try:
        for _ in range(50):  # wait until the first request holds the key
            if ledger_row(app, reviewed.key).state == "in_flight":
                break
            threading.Event().wait(0.05)
        second = agent.client.post(reviewed.form.action, data=MultiDict(reviewed.form.data("confirmed")), headers=HTMX)
    finally:
        slow.join()
    text = second.get_data(as_text=True)
    assert second.status_code == 202
    assert "Still in progress" in text and "Nothing more was sent." in text
    assert first[0].status == 200 and "Captured SEK 10,00" in first[0].text
    status_url = f"/orders/{order_id}/actions/capture/keys/{reviewed.key}"
    assert f'hx-get="{status_url}"' in text
    later = agent.client.get(status_url, headers=HTMX)
    assert later.status_code == 200 and later.headers["HX-Trigger"] == "order-updated"
    assert "the capture was done" in later.get_data(as_text=True)
    assert len(capture_posts(sandbox, order_id)) == 1
    assert _outcomes(app, order_id) == ["in_progress", "succeeded"]


def test_a_key_left_in_flight_by_a_dead_process_can_be_sent_again(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10")
    _age(app, reviewed.key, state="in_flight", claimed_at=utcnow() - timedelta(seconds=30))
    busy = agent.confirm(reviewed)
    assert busy.status == 202 and "Still in progress" in busy.text
    _age(app, reviewed.key, claimed_at=utcnow() - timedelta(minutes=10))  # longer than any call can take
    done = agent.confirm(reviewed)
    assert done.status == 303
    assert len(sandbox.get_order(order_id)["captures"]) == 1


def test_an_expired_form_asks_to_reload_and_sends_nothing(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10")
    _age(app, reviewed.key, created_at=utcnow() - timedelta(hours=24, minutes=1))
    expired = agent.confirm(reviewed)
    assert expired.status == 422
    assert "This form has expired" in expired.text and "Reload the page" in expired.text
    assert capture_posts(sandbox, order_id) == []
    assert _outcomes(app, order_id) == ["expired"]


def test_a_key_first_sent_23_hours_ago_is_never_sent_again(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10")
    sandbox.add_fault(method="POST", path=CAPTURES_PATH, kind="drop_before", count=1)
    sandbox.add_fault(method="POST", path=CAPTURES_PATH, kind="status", status=503, count=2)
    unknown = agent.confirm(reviewed)
    assert unknown.status == 502
    sandbox.clear_requests_log()
    _age(app, reviewed.key, created_at=utcnow() - timedelta(hours=23, minutes=30),
         first_sent_at=utcnow() - timedelta(hours=23, minutes=1))
    too_old = agent.send(unknown.form, "confirmed")
    assert too_old.status == 422
    assert "This form is too old to send again" in too_old.text
    assert capture_posts(sandbox, order_id) == []


def test_the_same_key_with_other_values_is_refused(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10")
    sandbox.add_fault(method="POST", path=CAPTURES_PATH, kind="drop_before", count=3)
    unknown = agent.confirm(reviewed)
    assert unknown.status == 502 and ledger_row(app, reviewed.key).state == "unknown"
    assert 'name="edit"' not in unknown.html  # no "Change": the key goes again unchanged or not at all
    edited = agent.send(unknown.form, edit="1")  # an older page's "Change" still shows the form
    changed = agent.send(edited.form, amount="20")
    assert changed.status == 422
    assert "This form was already sent with other values" in changed.text
    assert len(capture_posts(sandbox, order_id)) == 3  # the three dropped attempts of the first send
    assert _outcomes(app, order_id) == ["unknown", "mismatch"]


def test_a_key_from_another_order_or_made_up_is_refused(app, agent, sandbox, order_id):
    other_order = sandbox.create_order()["order_id"]
    other_key = agent.open(other_order).key
    reviewed = agent.review(order_id, amount="10")
    made_up = "5f0a3c4e-1111-4222-8333-944455556666"
    for key in (other_key, made_up, "not-a-key", "x" * 500):
        answer = agent.send(reviewed.form, "confirmed", idempotency_key=key)
        assert answer.status == 422 and "This form has expired" in answer.text
    assert capture_posts(sandbox, order_id) == []
    entries = audit_entries(app, order_id)
    assert [entry.outcome.value for entry in entries] == ["expired"] * 4
    assert [entry.idempotency_key for entry in entries] == [other_key, made_up, "", ""]  # no key: not kept


def test_a_key_opened_by_someone_else_is_refused(pages, sandbox, order_id):
    alice, bob = pages("agent"), pages("agent")
    reviewed = alice.review(order_id, amount="10")
    stolen = bob.send(bob.open(order_id).form, idempotency_key=reviewed.key, amount="10", confirmed="1",
                      confirm_token=reviewed.form.value("confirm_token"))
    assert stolen.status == 422 and "by the person who opened them" in stolen.text
    assert capture_posts(sandbox, order_id) == []


def test_with_htmx_an_unknown_result_keeps_the_form_and_refreshes_the_panels(pages, sandbox, order_id):
    agent = pages("agent", htmx=True)
    reviewed = agent.review(order_id, amount="10")
    sandbox.add_fault(method="POST", path=CAPTURES_PATH, kind="drop_after", count=3)
    unknown = agent.confirm(reviewed)
    assert unknown.status == 502  # swapped by htmx (see app/htmx.py), like 422
    assert unknown.response.headers["HX-Trigger"] == "order-updated"  # the captures panel shows what happened
    assert "<html" not in unknown.html and "Send again" in unknown.text
    assert unknown.key == reviewed.key


def test_the_progress_page_works_without_javascript_and_only_for_its_own_key(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10")
    _age(app, reviewed.key, state="in_flight", claimed_at=utcnow())
    busy = agent.confirm(reviewed)
    assert busy.status == 202 and "<html" in busy.html
    status_url = f"/orders/{order_id}/actions/capture/keys/{reviewed.key}"
    assert f'href="{status_url}"' in busy.html  # "Check again"
    assert _reloads_itself(busy.html) == status_url
    still = agent.client.get(status_url)
    assert still.status_code == 202 and "Still in progress" in still.get_data(as_text=True)
    assert _reloads_itself(still.get_data(as_text=True)) == status_url
    _age(app, reviewed.key, state="succeeded", result_id="a-capture-id")
    settled = agent.client.get(status_url)
    assert settled.status_code == 200 and "the capture was done" in settled.get_data(as_text=True)
    assert _reloads_itself(settled.get_data(as_text=True)) is None
    other_order = sandbox.create_order()["order_id"]
    assert agent.client.get(f"/orders/{other_order}/actions/capture/keys/{reviewed.key}").status_code == 404
    assert agent.client.get(f"/orders/{order_id}/actions/refund/keys/{reviewed.key}").status_code == 404
    assert capture_posts(sandbox, order_id) == []


def test_capturing_everything_with_a_lost_answer_is_sent_again_as_it_was(app, agent, sandbox, order_id):
    opened = agent.open(order_id)
    reviewed = agent.send(opened.form, "everything")
    sandbox.add_fault(method="POST", path=CAPTURES_PATH, kind="drop_after", count=3)
    unknown = agent.confirm(reviewed)
    assert "Result unknown" in unknown.text
    assert sandbox.get_order(order_id)["remaining_authorized_amount"] == 0  # it did happen
    done = agent.send(unknown.form, "confirmed")
    assert done.status == 303
    assert len(sandbox.get_order(order_id)["captures"]) == 1
    assert _outcomes(app, order_id) == ["unknown", "succeeded"]
