"""Amounts are written exactly as Babel writes them, in every locale and currency.

app/money.py reads each locale's pattern from Babel once and then writes amounts itself; here each
amount is also written by Babel's own ``format_currency`` / ``format_decimal`` with the currency's
fixed decimals, and the two must be the same text.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from babel import Locale, localedata
from babel.numbers import format_currency, format_decimal
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.money import (
    MAX_AMOUNT_MINOR,
    currency_exponent,
    format_amount_input,
    format_money,
    format_money_code,
    resolve_locale,
)

LOCALES = sorted(localedata.locale_identifiers())
CURRENCIES = ["SEK", "EUR", "USD", "GBP", "NOK", "DKK", "CHF", "PLN", "CZK", "AUD", "JPY", "KWD", "HUF", "INR",
              "BHD", "CLP", "ISK", "IDR", "AED", "BRL", "CAD", "MXN", "NZD", "RON", "XOF"]
AMOUNTS = st.integers(min_value=-MAX_AMOUNT_MINOR * 10, max_value=MAX_AMOUNT_MINOR * 10)


def fixed(pattern, decimals: int):
    pattern = copy.copy(pattern)
    pattern.frac_prec = (decimals, decimals)
    return pattern


def babel_money(minor: int, currency: str, locale: Locale) -> str:
    decimals = currency_exponent(currency)
    return format_currency(Decimal(minor).scaleb(-decimals), currency, locale=locale, currency_digits=False,
                           format=fixed(locale.currency_formats["standard"], decimals))


def babel_number(minor: int, currency: str, locale: Locale, grouped: bool) -> str:
    decimals = currency_exponent(currency)
    return format_decimal(Decimal(minor).scaleb(-decimals), locale=locale, group_separator=grouped,
                          format=fixed(locale.decimal_formats[None], decimals))


@settings(max_examples=400, deadline=None)
@given(minor=AMOUNTS, currency=st.sampled_from(CURRENCIES), locale_id=st.sampled_from(LOCALES))
@example(minor=-123456789, currency="INR", locale_id="hi_IN")
@example(minor=123456789, currency="CHF", locale_id="de_CH")
@example(minor=-5, currency="EUR", locale_id="nl_NL")
@example(minor=0, currency="JPY", locale_id="ja_JP")
@example(minor=1234567, currency="KWD", locale_id="ar_KW")
@example(minor=-100000, currency="EUR", locale_id="fa_IR")
@example(minor=99999999, currency="SEK", locale_id="sv_SE")
def test_each_amount_reads_as_babel_writes_it(minor, currency, locale_id):
    locale = Locale.parse(locale_id)
    assert format_money(minor, currency, locale_id) == babel_money(minor, currency, locale)
    code_form = f"{currency}\u00a0{babel_number(minor, currency, locale, grouped=True)}"
    assert format_money_code(minor, currency, locale_id) == code_form
    assert format_amount_input(minor, currency, locale_id) == babel_number(minor, currency, locale, grouped=False)


@pytest.mark.parametrize("locale_id", ["sv-SE", "en-US", "de-DE", "fr-FR", "de-CH", "hi-IN", "ar-EG", "my-MM"])
def test_klarnas_spelling_of_a_locale_writes_as_babels(locale_id):
    locale = resolve_locale(locale_id)
    for minor in (0, 7, -7, 125000, -125000, 123456789012):
        assert format_money(minor, "EUR", locale_id) == babel_money(minor, "EUR", locale)
