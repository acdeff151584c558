"""Nothing reaches Klarna until the form is right: field errors, 422, and no capture request."""

from __future__ import annotations

import pytest

from tests.web.actions.conftest import audit_entries


def _only_the_fresh_read(sandbox, order_id):
    """What the sandbox received for the order: the one read of the POST, and nothing else."""
    return [(r["method"], r["path"].rsplit("/", 1)[-1]) for r in sandbox.requests_log(order_id)]


@pytest.mark.parametrize(
    "typed,message",
    [
        ("abc", "Enter the amount as a number, for example 1250,00."),
        ("-1", "Enter the amount without a minus sign; it cannot be negative."),
        ("0", "The amount must be greater than zero."),
        ("1e3", "Write the amount out in full, without exponent notation such as 1e3."),
        ("12.345", "SEK amounts have at most 2 decimals."),
        ("", "Enter an amount."),
        ("497,01", "You can capture at most SEK 497,00: that is what remains authorized."),
        ("2000001", "The amount cannot be more than 2 000 000,00 kr."),
    ],
)
def test_bad_amounts_are_field_errors_and_nothing_is_sent(app, agent, sandbox, order_id, typed, message):
    opened = agent.open(order_id)
    sandbox.clear_requests_log()
    answer = agent.send(opened.form, amount=typed)
    assert answer.status == 422
    assert message in answer.text
    assert 'aria-invalid="true"' in answer.html
    assert _only_the_fresh_read(sandbox, order_id) == [("GET", order_id)]
    assert answer.key == opened.key  # the form keeps its key: nothing was sent
    (entry,) = audit_entries(app, order_id)
    assert entry.outcome == "invalid" and any(message in each.replace("\u00a0", " ") for each in entry.messages)


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("description", "x" * 256, "Use at most 255 characters."),
        ("reference", "r" * 256, "Use at most 255 characters."),
        ("shipping__0__shipping_company", "c" * 101, "Use at most 100 characters."),
        ("shipping__0__tracking_number", "1" * 101, "Use at most 100 characters."),
        ("shipping__0__tracking_uri", "javascript:alert(1)",
         "Enter a web address that starts with https:// or http://."),
        ("shipping__0__return_tracking_uri", "ftp://example.com/x", "Enter a web address that starts with https://"),
        ("shipping__0__tracking_uri", "https://[tracking.example/1", "Enter a web address that starts with https://"),
        ("shipping__0__tracking_uri", "https://" + "a" * 1020, "Use at most 1024 characters."),
        ("shipping__0__shipping_method", "Teleport", "Not a valid choice."),
        ("shipping_delay", "-1", "Enter a whole number, 0 or more."),
        ("shipping_delay", "soon", "Enter a whole number, 0 or more."),
    ],
)
def test_text_fields_follow_the_api_limits(agent, sandbox, order_id, field, value, message):
    opened = agent.open(order_id)
    sandbox.clear_requests_log()
    answer = agent.send(opened.form, amount="10", **{field: value})
    assert answer.status == 422
    assert message in answer.text
    assert _only_the_fresh_read(sandbox, order_id) == [("GET", order_id)]


def test_line_quantities_must_be_whole_and_within_what_is_left(agent, sandbox, order_id):
    opened = agent.open(order_id)
    sandbox.clear_requests_log()
    answer = agent.send(opened.form, mode="lines", lines__0__quantity="3", lines__1__quantity="x")
    assert answer.status == 422
    assert "At most 2 of this line can still be captured." in answer.text
    assert "Enter a whole number, 0 or more." in answer.text
    nothing = agent.send(opened.form, mode="lines")
    assert "Enter a quantity for at least one line." in nothing.text
    discount_only = agent.send(opened.form, mode="lines", lines__1__quantity="1")
    assert "The chosen lines add up to SEK -50,00: choose lines worth more." in discount_only.text
    mixed = agent.send(opened.form, amount="10", lines__0__quantity="1")
    assert 'You entered line quantities but chose "An amount".' in mixed.text
    assert all(r["method"] == "GET" for r in sandbox.requests_log(order_id))


# What int() reads as a number but no one types as one: underscores, signs, other scripts' digits.
NOT_PLAIN_DIGITS = ["1_0", "+1", "-0", "\u0661", "\uff11", "\u00b9", "1.0", "1e0", "0x1", "1 0"]


@pytest.mark.parametrize("typed", NOT_PLAIN_DIGITS)
def test_a_quantity_or_delay_that_is_not_plain_digits_is_refused(agent, sandbox, order_id, typed):
    opened = agent.open(order_id)
    sandbox.clear_requests_log()
    by_lines = agent.send(opened.form, mode="lines", lines__0__quantity=typed)
    delayed = agent.send(opened.form, amount="10", shipping_delay=typed)
    for answer in (by_lines, delayed):
        assert answer.status == 422
        assert "Enter a whole number, 0 or more." in answer.text
    assert all(r["method"] == "GET" for r in sandbox.requests_log(order_id))


def test_spaces_around_and_leading_zeros_are_read_as_the_amount_field_reads_them(agent, sandbox, order_id):
    reviewed = agent.review(order_id, mode="lines", lines__0__quantity=" 0001 ", shipping_delay="007")
    assert "Shipping delay (days) 7" in reviewed.text
    agent.confirm(reviewed)
    (capture,) = sandbox.get_order(order_id)["captures"]
    assert capture["order_lines"][0]["quantity"] == 1


def test_lines_that_changed_since_the_form_was_opened_are_refused(agent, sandbox, order_id):
    opened = agent.open(order_id)
    answer = agent.send(opened.form, mode="lines", lines__0__line="0123456789abcdef", lines__0__quantity="1")
    assert answer.status == 422
    assert "The order's lines have changed since this form was opened. Reload the page." in answer.text


def test_a_confirmation_for_other_values_is_shown_again_not_sent(agent, sandbox, order_id):
    reviewed = agent.review(order_id, amount="10")
    sneaky = agent.send(reviewed.form, "confirmed", amount="20")
    assert sneaky.status == 200
    assert "The order changed since you saw the confirmation, so nothing was sent." in sneaky.text
    assert "Capture SEK 20,00 of SEK 497,00" in sneaky.text
    assert sandbox.get_order(order_id)["captures"] == []


def test_change_goes_back_to_the_form_with_the_values_and_the_same_key(agent, order_id):
    reviewed = agent.review(order_id, amount="12,50", description="Box 1")
    back = agent.send(reviewed.form, "edit")
    assert back.status == 200
    assert back.form.value("amount") == "12,50" and back.form.value("description") == "Box 1"
    assert back.key == reviewed.key
