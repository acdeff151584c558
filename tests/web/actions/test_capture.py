"""Capturing through the form, in each of its three ways; the sandbox's order shows the result."""

from __future__ import annotations

from tests.web.actions.conftest import HTMX, audit_entries, capture_posts, ledger_row, page_text


def _lines(order: dict) -> dict[str, dict]:
    return {line["reference"]: line for line in order["order_lines"]}


def test_capture_by_amount_asks_for_confirmation_then_captures(app, agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="125,50", description="First parcel", reference="WH-77")
    assert reviewed.status == 200
    assert "Capture SEK 125,50 of SEK 497,00 remaining on order" in reviewed.text
    assert capture_posts(sandbox, order_id) == []
    sandbox.clear_requests_log()
    done = agent.confirm(reviewed)
    assert done.status == 303
    # One fresh read of the order, then the capture with the form's key.
    sent = [(r["method"], r["path"].removeprefix(f"/ordermanagement/v1/orders/{order_id}"), r["idempotency_key"])
            for r in sandbox.requests_log(order_id)]
    assert sent == [("GET", "", None), ("POST", "/captures", reviewed.key)]
    order = sandbox.get_order(order_id)
    (capture,) = order["captures"]
    assert capture["captured_amount"] == 12550
    assert (capture["description"], capture["reference"], capture["order_lines"]) == ("First parcel", "WH-77", [])
    assert order["status"] == "PART_CAPTURED"
    page = agent.client.get(done.response.headers["Location"])
    assert "Captured SEK 125,50 on order" in page_text(page.get_data(as_text=True))
    (entry,) = audit_entries(app, order_id)
    assert (entry.outcome, entry.amount, entry.currency, entry.result_id) == (
        "succeeded", 12550, "SEK", capture["capture_id"])
    assert entry.correlation_id == sandbox.requests_log(order_id)[1]["correlation_id"]
    assert "description: First parcel" in entry.details and "reference: WH-77" in entry.details


def test_capture_everything_in_one_click_sends_the_amount_and_the_lines(app, agent, sandbox, order_id):
    opened = agent.open(order_id)
    assert "Capture all SEK 497,00" in opened.text
    reviewed = agent.send(opened.form, "everything")
    assert "Capture SEK 497,00 of SEK 497,00 remaining on order" in reviewed.text
    assert "Nothing will remain authorized" in reviewed.text
    agent.confirm(reviewed)
    order = sandbox.get_order(order_id)
    assert order["status"] == "CAPTURED" and order["remaining_authorized_amount"] == 0
    (capture,) = order["captures"]
    assert capture["captured_amount"] == 49700
    assert [(line["reference"], line["quantity"], line["total_amount"]) for line in capture["order_lines"]] == [
        ("TERMOS-05", 2, 49800), ("HOST50", 1, -5000), ("SHIPPING", 1, 4900)]
    assert audit_entries(app, order_id)[0].lines_summary == (
        "2 × Termos 0,5 l (TERMOS-05); 1 × Rabattkod HÖST (HOST50); 1 × PostNord Varubrev (SHIPPING)")


def test_capture_by_lines_computes_the_amount_from_the_quantities(agent, sandbox, order_id):
    opened = agent.open(order_id)
    form = opened.form
    quantities = {"lines-0-quantity": "1", "lines-2-quantity": "1"}
    reviewed = agent.send(form, mode="lines", **{k.replace("-", "__"): v for k, v in quantities.items()})
    assert "Capture SEK 298,00 of SEK 497,00 remaining" in reviewed.text
    assert "1 × Termos 0,5 l: SEK 249,00" in reviewed.text
    agent.confirm(reviewed)
    (capture,) = sandbox.get_order(order_id)["captures"]
    assert capture["captured_amount"] == 29800
    lines = _lines(capture)
    assert (lines["TERMOS-05"]["quantity"], lines["TERMOS-05"]["total_amount"]) == (1, 24900)
    assert lines["TERMOS-05"]["total_tax_amount"] == 4980
    assert lines["SHIPPING"]["total_amount"] == 4900 and "HOST50" not in lines


def test_the_second_capture_by_lines_offers_only_what_is_left(agent, sandbox, order_id):
    agent.perform(order_id, mode="lines", lines__0__quantity="1")
    opened = agent.open(order_id)
    assert "2 ordered · 1 captured" in opened.text
    too_many = agent.send(opened.form, mode="lines", lines__0__quantity="2")
    assert too_many.status == 422
    assert "At most 1 of this line can still be captured." in too_many.text
    done = agent.perform(order_id, mode="lines", lines__0__quantity="1", lines__1__quantity="1", lines__2__quantity="1")
    assert done.status == 303
    order = sandbox.get_order(order_id)
    assert order["status"] == "CAPTURED"
    # The thermos line's tax splits exactly over the two captures.
    taxes = [_lines(capture)["TERMOS-05"]["total_tax_amount"] for capture in order["captures"]]
    assert taxes == [4980, 4980]


def test_a_typed_amount_that_differs_from_the_lines_is_questioned_once(agent, sandbox, order_id):
    opened = agent.open(order_id)
    questioned = agent.send(opened.form, mode="lines", lines__0__quantity="2", amount="400")
    assert questioned.status == 422
    assert "The chosen lines add up to SEK 498,00, but you typed SEK 400,00." in questioned.text
    again = agent.send(questioned.form)
    assert again.status == 200
    assert "Capture SEK 400,00 of SEK 497,00 remaining" in again.text
    assert "Lines' total SEK 498,00 (you chose another amount)" in again.text
    agent.confirm(again)
    (capture,) = sandbox.get_order(order_id)["captures"]
    assert capture["captured_amount"] == 40000 and capture["order_lines"][0]["quantity"] == 2


def test_shipping_information_rows_reach_the_capture(agent, sandbox, order_id):
    opened = agent.open(order_id)
    two_rows = agent.send(opened.form, "add_shipping_row", shipping__0__shipping_company="PostNord SE")
    assert two_rows.status == 200
    assert {"shipping-0-shipping_company", "shipping-1-shipping_company"} <= two_rows.form.names()
    assert two_rows.form.value("shipping-0-shipping_company") == "PostNord SE"
    reviewed = agent.send(
        two_rows.form,
        amount="100",
        shipping__0__shipping_method="PickUpPoint",
        shipping__0__tracking_number="RR123456785SE",
        shipping__0__tracking_uri="https://tracking.example/RR123456785SE",
        shipping__1__shipping_company="DHL Freight",
        shipping__1__shipping_method="Home",
        shipping__1__return_tracking_number="RET-1",
        shipping_delay="2",
    )
    assert "PostNord SE, Pick-up point, tracking RR123456785SE" in reviewed.text
    assert "Shipping delay (days) 2" in reviewed.text
    agent.confirm(reviewed)
    (capture,) = sandbox.get_order(order_id)["captures"]
    assert capture["shipping_info"] == [
        {"shipping_company": "PostNord SE", "shipping_method": "PickUpPoint", "tracking_number": "RR123456785SE",
         "tracking_uri": "https://tracking.example/RR123456785SE"},
        {"shipping_company": "DHL Freight", "shipping_method": "Home", "return_tracking_number": "RET-1"},
    ]


def test_with_htmx_the_result_replaces_the_form_and_the_order_refreshes(app, pages, sandbox, order_id):
    agent = pages("agent", htmx=True)
    opened = agent.open(order_id)
    assert "<html" not in opened.html and 'hx-post="/orders/' in opened.html
    assert 'hx-disabled-elt="find button"' in opened.html
    done = agent.confirm(agent.send(opened.form, amount="10"))
    assert done.status == 200
    assert done.response.headers["HX-Trigger"] == "order-updated"
    assert "<html" not in done.html
    (capture,) = sandbox.get_order(order_id)["captures"]
    assert "Captured SEK 10,00 on order" in done.text and capture["capture_id"] in done.text
    row = ledger_row(app, opened.key)
    assert (row.state, row.result_id) == ("succeeded", capture["capture_id"])


def test_the_order_page_lists_the_capture_action_and_the_timeline_shows_it(agent, sandbox, order_id):
    page = page_text(agent.client.get(f"/orders/{order_id}").get_data(as_text=True))
    assert "Actions Capture" in page
    agent.perform(order_id, amount="10")
    page = page_text(agent.client.get(f"/orders/{order_id}").get_data(as_text=True))
    assert "Capture SEK 10,00" in page and "agent" in page


def test_each_rendered_form_carries_a_fresh_key(app, agent, order_id):
    first, second = agent.open(order_id).key, agent.open(order_id).key
    assert first != second
    row = ledger_row(app, first)
    assert (row.state, row.order_id, row.operation) == ("new", order_id, "capture")
