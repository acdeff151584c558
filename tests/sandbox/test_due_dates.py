"""Due-date extension of captures: options with fees for pay-later and invoice payments only."""

from __future__ import annotations

from tests.sandbox.expect import assert_error, assert_no_content


def _captured(sandbox, **order_fields):
    order_id = sandbox.create_order(**order_fields)["order_id"]
    return order_id, sandbox.capture(order_id)


def test_invoice_capture_offers_options_with_fees_in_the_order_currency(sandbox):
    order_id, capture_id = _captured(sandbox)
    response = sandbox.om("GET", f"/{order_id}/captures/{capture_id}/extend-due-date-options")
    assert response.status_code == 200
    assert response.json() == {"currency": "SEK", "options": [
        {"number_of_days": 7, "amount": 2900}, {"number_of_days": 14, "amount": 5800},
        {"number_of_days": 30, "amount": 8700}]}


def test_fees_follow_the_currency(sandbox):
    order_id, capture_id = _captured(sandbox, purchase_currency="EUR", purchase_country="DE", locale="de-DE")
    options = sandbox.om("GET", f"/{order_id}/captures/{capture_id}/extend-due-date-options").json()
    assert options["currency"] == "EUR"
    assert [option["amount"] for option in options["options"]] == [295, 590, 885]


def test_card_payments_have_no_options_and_cannot_be_extended(sandbox):
    order_id, capture_id = _captured(sandbox, initial_payment_method={"type": "CARD", "description": "Card"})
    options = sandbox.om("GET", f"/{order_id}/captures/{capture_id}/extend-due-date-options").json()
    assert options == {"currency": "SEK", "options": []}
    response = sandbox.om("PATCH", f"/{order_id}/captures/{capture_id}/extend-due-date", json={"number_of_days": 7})
    assert_error(response, 403, "NOT_ALLOWED", "Due date extension is only possible for pay later and invoice payments.")


def test_extension_by_an_offered_number_of_days_once(sandbox):
    order_id, capture_id = _captured(sandbox)
    path = f"/{order_id}/captures/{capture_id}/extend-due-date"
    assert_no_content(sandbox.om("PATCH", path, json={"number_of_days": 14}))
    options = sandbox.om("GET", f"/{order_id}/captures/{capture_id}/extend-due-date-options").json()
    assert options["options"] == []
    assert_error(sandbox.om("PATCH", path, json={"number_of_days": 7}), 403, "NOT_ALLOWED",
                 "The due date of this capture has already been extended.")


def test_a_number_of_days_not_offered_is_refused(sandbox):
    order_id, capture_id = _captured(sandbox)
    response = sandbox.om("PATCH", f"/{order_id}/captures/{capture_id}/extend-due-date", json={"number_of_days": 10})
    assert_error(response, 403, "NOT_ALLOWED", "Due date cannot be extended by 10 days. Available options: 7, 14, 30.")


def test_unknown_capture_is_no_such_capture(sandbox):
    order_id, _capture_id = _captured(sandbox)
    assert_error(sandbox.om("GET", f"/{order_id}/captures/unknown/extend-due-date-options"), 404, "NO_SUCH_CAPTURE")
    assert_error(sandbox.om("PATCH", f"/{order_id}/captures/unknown/extend-due-date", json={"number_of_days": 7}),
                 404, "NO_SUCH_CAPTURE")
