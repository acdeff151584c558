"""Property: whatever we show or prefill, staff can submit back unchanged and get the same amount."""

from hypothesis import given, settings
from hypothesis import strategies as st

from app.money import MAX_AMOUNT_MINOR, format_amount_input, format_money, format_money_code, parse_amount

KLARNA_CURRENCIES = "SEK NOK DKK EUR GBP USD CHF PLN CZK AUD NZD CAD HUF RON MXN".split()
CURRENCIES = [*KLARNA_CURRENCIES, "JPY", "KWD"]
LOCALES = [
    "sv-SE", "en-US", "en-GB", "de-DE", "de-AT", "de-CH", "fr-FR", "nl-NL", "nb-NO", "da-DK",
    "fi-FI", "pl-PL", "cs-CZ", "hu-HU", "ro-RO", "es-MX", "en-AU", "en-CA", "it-IT", "ja-JP",
]  # fmt: skip

amounts = st.integers(min_value=1, max_value=MAX_AMOUNT_MINOR)
currencies = st.sampled_from(CURRENCIES)
locales = st.sampled_from(LOCALES)


@settings(max_examples=400, deadline=None)
@given(minor=amounts, currency=currencies, locale=locales)
def test_prefilled_input_parses_back(minor, currency, locale):
    assert parse_amount(format_amount_input(minor, currency, locale), currency, locale) == minor


@settings(max_examples=400, deadline=None)
@given(minor=amounts, currency=currencies, locale=locales)
def test_displayed_amount_parses_back(minor, currency, locale):
    assert parse_amount(format_money(minor, currency, locale), currency, locale) == minor


@settings(max_examples=200, deadline=None)
@given(minor=amounts, currency=currencies, locale=locales)
def test_confirmation_amount_parses_back(minor, currency, locale):
    assert parse_amount(format_money_code(minor, currency, locale), currency, locale) == minor
