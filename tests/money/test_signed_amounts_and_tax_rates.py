"""Amounts where zero or a minus sign make sense (an order line's price), and tax rates in percent."""

import pytest

from app.money import AmountError, format_tax_rate_input, parse_amount, parse_tax_rate


@pytest.mark.parametrize(("text", "allow", "minor"), [
    ("-50,00", {"negative": True}, -5000),
    ("\u221250,00", {"negative": True}, -5000),
    ("SEK -1 250,50", {"negative": True}, -125050),
    ("0", {"zero": True}, 0),
    ("0,00", {"zero": True, "negative": True}, 0),
    ("49", {"zero": True, "negative": True}, 4900),
])
def test_a_line_price_may_be_zero_or_negative_where_allowed(text, allow, minor):
    assert parse_amount(text, "SEK", "sv-SE", **allow) == minor


@pytest.mark.parametrize(("text", "allow", "code"), [
    ("-50", {}, "negative"),
    ("-50", {"zero": True}, "negative"),
    ("0", {"negative": True}, "zero"),
    ("-0", {"zero": True, "negative": True}, "negative_zero"),
    ("-1e3", {"negative": True}, "exponent"),
    ("-2 000 000,01", {"negative": True}, "too_large"),
])
def test_what_is_not_allowed_stays_refused(text, allow, code):
    with pytest.raises(AmountError) as refused:
        parse_amount(text, "SEK", "sv-SE", **allow)
    assert refused.value.code == code


@pytest.mark.parametrize(("text", "locale", "rate"), [
    ("25", "sv-SE", 2500),
    ("12,5", "sv-SE", 1250),
    ("12.5", "sv-SE", 1250),
    ("6 %", "sv-SE", 600),
    ("8.63", "en-US", 863),
    ("0", "en-US", 0),
    ("100", "de-DE", 10000),
])
def test_tax_rates_in_percent_become_hundredths_of_a_percent(text, locale, rate):
    assert parse_tax_rate(text, locale) == rate


@pytest.mark.parametrize(("text", "message"), [
    ("", "Enter the tax rate in percent, for example 25."),
    ("-5", "A tax rate cannot be negative."),
    ("abc", "Enter the tax rate as a number of percent, for example 25 or 12,5."),
    ("1e1", "Enter the tax rate as a number of percent, for example 25 or 12,5."),
    ("12,345", "A tax rate has at most 2 decimals."),
    ("100,01", "A tax rate cannot be more than 100 %."),
])
def test_wrong_tax_rates_say_why(text, message):
    with pytest.raises(AmountError) as refused:
        parse_tax_rate(text, "sv-SE")
    assert refused.value.message == message


@pytest.mark.parametrize("rate", [0, 1, 600, 863, 1250, 2500, 10000])
@pytest.mark.parametrize("locale", ["sv-SE", "en-US", "de-CH"])
def test_a_prefilled_tax_rate_reads_back_as_itself(rate, locale):
    assert parse_tax_rate(format_tax_rate_input(rate, locale), locale) == rate
