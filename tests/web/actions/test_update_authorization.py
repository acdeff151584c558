"""Updating the authorization: a new amount, edited order lines, or both; what Klarna receives."""

from __future__ import annotations

import re

import pytest

from app.sandbox import demo_ids
from tests.web.actions.conftest import (
    AUTHORIZATION_OVER,
    assert_not_offered,
    assert_refused_by_klarna,
    audit_entries,
    page_text,
    sent_to,
    while_klarna_holds,
)

NAME = "update_authorization"
AUTHORIZATION_PATH = "/ordermanagement/v1/orders/*/authorization"


def _updates(sandbox, order_id):
    return sent_to(sandbox, order_id, "PATCH", "/authorization")


def test_the_editor_starts_with_the_order_lines_and_their_totals(supervisor, order_id):
    opened = supervisor.open(order_id, NAME)
    form = opened.form
    assert [form.value(f"lines-{n}-name") for n in range(3)] == ["Termos 0,5 l", "Rabattkod HÖST", "PostNord Varubrev"]
    assert [form.value(f"lines-0-{part}") for part in ("quantity", "unit_price", "discount", "tax_rate")] == [
        "2", "249,00", "", "25"]
    assert form.value("lines-1-unit_price") == "-50,00"
    assert "Order amount now SEK 497,00 Captured SEK 0,00" in opened.text
    assert "SEK 498,00 SEK 99,60" in opened.text  # the first line's total and tax
    assert "Total of the lines SEK 497,00" in opened.text


def test_fewer_units_lower_the_authorization_and_the_other_lines_stay_exactly(app, supervisor, sandbox, order_id):
    before = sandbox.get_order(order_id)
    reviewed = supervisor.review(order_id, NAME, lines__0__quantity="1", description="Only one in stock")
    assert "from SEK 497,00 to SEK 248,00." in reviewed.text
    assert ("Changed line Termos 0,5 l: 2 × SEK 249,00 = SEK 498,00, tax 25% → 1 × SEK 249,00 = SEK 249,00, "
            "tax 25%") in reviewed.text
    assert "Unchanged lines 2" in reviewed.text
    assert "The customer's authorization is lowered: at most SEK 248,00 can be captured in all." in reviewed.text
    assert _updates(sandbox, order_id) == []
    done = supervisor.confirm(reviewed)
    assert done.status == 303
    order = sandbox.get_order(order_id)
    assert order["order_amount"] == 24800
    first, *rest = order["order_lines"]
    assert (first["quantity"], first["total_amount"], first["total_tax_amount"]) == (1, 24900, 4980)
    assert rest == before["order_lines"][1:]
    (sent,) = _updates(sandbox, order_id)
    assert sent["idempotency_key"] == reviewed.key
    (entry,) = audit_entries(app, order_id)
    assert (entry.operation, entry.outcome, entry.amount) == ("update_authorization", "succeeded", 24800)
    assert "description: Only one in stock" in entry.details
    page = page_text(supervisor.client.get(done.response.headers["Location"]).get_data(as_text=True))
    assert "is now SEK 248,00 (it was SEK 497,00)." in page


def test_add_a_line_without_javascript_then_raise_the_authorization(supervisor, sandbox, order_id):
    opened = supervisor.open(order_id, NAME)
    more = supervisor.send(opened.form, "add_line")
    assert more.status == 200 and more.key == opened.key  # shown again, same form
    assert more.form.value("lines-3-name") == "" and more.form.value("lines-3-tax_rate") == "25"
    (new_name,) = re.findall(r'<input[^>]*name="lines-3-name"[^>]*>', more.html)
    assert "autofocus" in new_name  # typing goes on in the new line
    assert _updates(sandbox, order_id) == []
    reviewed = supervisor.send(more.form, lines__3__name="Presentförpackning", lines__3__unit_price="29",
                               lines__3__reference="GIFT")
    assert "from SEK 497,00 to SEK 526,00." in reviewed.text
    assert "New line Presentförpackning: 1 × SEK 29,00 = SEK 29,00, tax 25%" in reviewed.text
    assert "Klarna runs a new risk check on the customer for the higher amount and may refuse it" in reviewed.text
    supervisor.confirm(reviewed)
    order = sandbox.get_order(order_id)
    assert order["order_amount"] == 52600
    assert order["order_lines"][3] == {"name": "Presentförpackning", "reference": "GIFT", "type": "physical",
                                       "quantity": 1, "unit_price": 2900, "total_amount": 2900, "tax_rate": 2500,
                                       "total_tax_amount": 580}


def test_with_htmx_add_a_line_answers_the_form_for_the_editor_to_be_swapped(pages, order_id):
    supervisor = pages("supervisor", htmx=True)
    opened = supervisor.open(order_id, NAME)
    more = supervisor.send(opened.form, "add_line")
    assert more.status == 200 and "<html" not in more.html
    editor = more.html.split('id="line-editor"', 1)[1]
    assert editor.count('name="lines-3-name"') == 1
    button = next(b for b in opened.html.split("<button")[1:] if 'name="add_line"' in b)
    assert 'hx-select="#line-editor"' in button and 'hx-target="#line-editor"' in button


def test_remove_a_line_and_change_a_price_and_a_discount(supervisor, sandbox, order_id):
    reviewed = supervisor.review(order_id, NAME, lines__1__remove="y", lines__2__unit_price="59",
                                 lines__0__discount="20", lines__0__tax_rate="12")
    assert "Removed line Rabattkod HÖST: 1 × SEK -50,00 = SEK -50,00, tax 25%" in reviewed.text
    assert ("Changed line Termos 0,5 l: 2 × SEK 249,00 = SEK 498,00, tax 25% → 2 × SEK 249,00 − SEK 20,00 = "
            "SEK 478,00, tax 12%") in reviewed.text
    assert "from SEK 497,00 to SEK 537,00." in reviewed.text
    supervisor.confirm(reviewed)
    order = sandbox.get_order(order_id)
    assert order["order_amount"] == 53700
    assert [(line["name"], line["total_amount"], line.get("total_discount_amount"), line["total_tax_amount"])
            for line in order["order_lines"]] == [("Termos 0,5 l", 47800, 2000, 5121), ("PostNord Varubrev", 5900,
                                                                                          None, 1180)]


def test_a_new_amount_alone_keeps_the_lines(supervisor, sandbox, order_id):
    before = sandbox.get_order(order_id)["order_lines"]
    reviewed = supervisor.review(order_id, NAME, amount="450")
    assert "Order lines Not sent: the order keeps its lines" in reviewed.text
    supervisor.confirm(reviewed)
    order = sandbox.get_order(order_id)
    assert (order["order_amount"], order["order_lines"]) == (45000, before)


def test_recalculate_shows_the_new_totals_and_sends_nothing(supervisor, sandbox, order_id):
    opened = supervisor.open(order_id, NAME)
    again = supervisor.send(opened.form, "recalculate", lines__0__quantity="3")
    assert again.status == 200
    assert "SEK 747,00 SEK 149,40" in again.text and "Total of the lines SEK 746,00" in again.text
    assert "These lines add up to SEK 746,00, SEK 249,00 more than the order amount now." in again.text
    assert "Changed" in again.text
    assert _updates(sandbox, order_id) == []


def test_recalculate_marks_a_wrong_value_at_once(supervisor, sandbox, order_id):
    opened = supervisor.open(order_id, NAME)
    again = supervisor.send(opened.form, "recalculate", lines__0__quantity="abc", lines__2__unit_price="59")
    assert again.status == 200
    assert "Line 1, quantity: Enter a whole number, 1 or more (tick Remove to drop the line)." in again.text
    assert "Some lines have values that cannot be used; they are marked above." in again.text
    assert "SEK 59,00 SEK 11,80" in again.text  # the other rows are worked out all the same
    assert _updates(sandbox, order_id) == []


@pytest.mark.parametrize("values,message", [
    ({"amount": "abc"}, "Enter the amount as a number, for example 1250,00."),
    ({}, "Nothing would change: type a new order amount, or change the order lines."),
    ({"amount": "497"}, "That is the order amount already: nothing would change."),
    ({"amount": "1e3"}, "Write the amount out in full"),
    ({"amount": "200000000,01"}, "The amount cannot be more than"),
    ({"lines__0__quantity": "1", "amount": "300"},
     "When the order lines change, the order amount is their total: SEK 248,00."),
    ({"lines__0__quantity": "0"}, "Line 1, quantity: Enter a whole number, 1 or more (tick Remove to drop the line)."),
    ({"lines__0__quantity": "1.5"}, "Line 1, quantity: Enter a whole number, 1 or more"),
    ({"lines__0__quantity": "\u00b2"}, "Line 1, quantity: Enter a whole number, 1 or more"),  # a digit int() refuses
    ({"lines__0__quantity": "1_0"}, "Line 1, quantity: Enter a whole number, 1 or more"),  # ... and ones it reads
    ({"lines__0__quantity": "\uff12"}, "Line 1, quantity: Enter a whole number, 1 or more"),
    ({"lines__0__unit_price": "abc"}, "Line 1, unit price: Enter the amount as a number, for example 1250,00."),
    ({"lines__0__unit_price": "2,499"}, "Line 1, unit price: SEK amounts have at most 2 decimals."),
    ({"lines__0__discount": "-5"}, "Line 1, discount: Enter the amount without a minus sign"),
    ({"lines__0__tax_rate": "101"}, "Line 1, tax rate (%): A tax rate cannot be more than 100 %."),
    ({"lines__0__name": ""}, "Line 1, name: Give the line a name."),
    ({"lines__0__name": "x" * 256}, "Line 1, name: Use at most 255 characters."),
    ({"lines__0__remove": "y", "lines__1__remove": "y", "lines__2__remove": "y"},
     "The order lines add up to SEK 0,00; an authorization must be more than zero."),
    ({"description": "y" * 256}, "Use at most 255 characters."),
])
def test_wrong_values_get_an_error_where_they_were_typed_and_nothing_is_sent(supervisor, sandbox, order_id,
                                                                               values, message):
    answer = supervisor.review(order_id, NAME, **values)
    assert answer.status == 422, answer.text[:500]
    assert message in answer.text
    assert _updates(sandbox, order_id) == []


def test_the_new_amount_cannot_go_below_what_is_captured(supervisor, sandbox, order_id):
    sandbox.capture(order_id, 30000)
    answer = supervisor.review(order_id, NAME, amount="200")
    assert answer.status == 422
    assert "The order amount cannot be less than what has already been captured: SEK 300,00." in answer.text
    assert "Captured SEK 300,00 (the new amount cannot be less)" in answer.text
    assert _updates(sandbox, order_id) == []


@pytest.mark.parametrize("end,why", AUTHORIZATION_OVER)
def test_update_is_not_offered_when_the_authorization_is_over(supervisor, sandbox, order_id, end, why):
    end(sandbox, order_id)
    assert_not_offered(supervisor, order_id, NAME, f"Updating the authorization is not possible: {why}.")


def test_klarnas_refusal_when_a_capture_goes_beyond_the_new_amount_during_the_call(app, supervisor, sandbox,
                                                                                    order_id):
    reviewed = supervisor.review(order_id, NAME, amount="100")
    refused = while_klarna_holds(sandbox, AUTHORIZATION_PATH, lambda: sandbox.capture(order_id, 20000),
                                 lambda: supervisor.confirm(reviewed), method="PATCH")
    assert_refused_by_klarna(app, refused, order_id, noun="authorization update", code="NOT_ALLOWED",
                             said="Resulting authorization amount 10000 cannot be less than the captured amount 20000.")
    assert sandbox.get_order(order_id)["order_amount"] == 49700
    assert refused.form.value("amount") == "100"  # the form is back with what was typed, for the order as it is
    assert "Captured SEK 200,00 (the new amount cannot be less)" in refused.text


def test_the_menu_opens_the_editor_on_a_page_of_its_own(supervisor, order_id):
    page = supervisor.client.get(f"/orders/{order_id}").get_data(as_text=True)
    panel = page.split('id="order-actions"', 1)[1].split("</section>", 1)[0]
    link = next(a for a in panel.split("<a ")[1:] if f"/actions/{NAME}" in a)
    assert "hx-get" not in link.split(">", 1)[0]


def test_with_htmx_success_goes_back_to_the_order_and_a_second_send_updates_nothing(app, pages, sandbox, order_id):
    supervisor = pages("supervisor", htmx=True)
    reviewed = supervisor.review(order_id, NAME, amount="400")
    first, again = supervisor.confirm(reviewed), supervisor.confirm(reviewed)
    assert first.response.headers["HX-Redirect"] == again.response.headers["HX-Redirect"] == f"/orders/{order_id}"
    page = page_text(supervisor.client.get(f"/orders/{order_id}").get_data(as_text=True))
    assert "is now SEK 400,00 (it was SEK 497,00)." in page
    assert "This form was already sent and the authorization update was done." in page
    assert len(_updates(sandbox, order_id)) == 1
    assert [entry.outcome for entry in audit_entries(app, order_id)] == ["succeeded", "duplicate"]


def test_change_on_the_confirmation_brings_the_edited_lines_back(supervisor, sandbox, order_id):
    opened = supervisor.open(order_id, NAME)
    more = supervisor.send(opened.form, "add_line")
    reviewed = supervisor.send(more.form, lines__3__name="Kork", lines__3__unit_price="15", lines__1__remove="y")
    back = supervisor.send(reviewed.form, "edit")
    assert back.status == 200 and back.key == opened.key
    assert back.form.value("lines-3-name") == "Kork" and back.form.value("lines-1-remove") == "y"
    assert "Will be removed" in back.text and "New line" in back.text
    assert _updates(sandbox, order_id) == []


def test_a_form_for_lines_the_order_no_longer_has_asks_to_reload(supervisor, sandbox, order_id):
    opened = supervisor.open(order_id, NAME)
    sandbox.om("PATCH", f"/{order_id}/authorization", idempotency_key="7e0f1f0e-5b8e-4d53-9d7a-2f1c7d1f2a10",
               json={"order_amount": 49800, "order_lines": [sandbox.get_order(order_id)["order_lines"][0]]})
    sandbox.clear_requests_log()
    answer = supervisor.send(opened.form, lines__0__quantity="1")
    assert answer.status == 422
    assert "The order's lines have changed since this form was opened. Reload the page." in answer.text
    assert _updates(sandbox, order_id) == []


@pytest.mark.parametrize("demo_order", [
    demo_ids.AUTHORIZED_SEK, demo_ids.AUTHORIZED_EUR_INSTALMENTS, demo_ids.AUTHORIZED_USD_SALES_TAX,
    demo_ids.HTML_IN_TEXT_NOK, demo_ids.DIGITAL_CZK, demo_ids.SUBSCRIPTION_USD, demo_ids.PART_CAPTURED_SEK,
])
def test_every_kind_of_line_reads_back_unchanged(supervisor, sandbox, demo_order):
    """Discounts, sales tax, gift cards, subscriptions: an untouched editor changes nothing."""
    sandbox.clear_requests_log()
    answer = supervisor.review(demo_order, NAME)
    assert answer.status == 422
    assert "Nothing would change: type a new order amount, or change the order lines." in answer.text
    assert "Changed" not in answer.text and "cannot be used" not in answer.text
    assert _updates(sandbox, demo_order) == []
