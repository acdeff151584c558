"""Minor units <-> Decimal and the displayed forms of an amount."""

from decimal import Decimal

import pytest

from app.money import (
    currency_exponent,
    decimal_to_minor,
    format_amount_input,
    format_money,
    format_money_code,
    minor_to_decimal,
    resolve_locale,
)

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("currency", "exponent"),
    [("SEK", 2), ("sek", 2), ("EUR", 2), ("USD", 2), ("JPY", 0), ("KWD", 3), ("BHD", 3), ("HUF", 2)],
)
def test_currency_exponent_follows_iso_4217(currency, exponent):
    assert currency_exponent(currency) == exponent


def test_unknown_currency_is_refused():
    with pytest.raises(ValueError, match="Unknown currency"):
        currency_exponent("XYZ")


@pytest.mark.parametrize(
    ("minor", "currency", "value"),
    [
        (125000, "SEK", Decimal("1250.00")),
        (1, "SEK", Decimal("0.01")),
        (-2500, "EUR", Decimal("-25.00")),
        (1250, "JPY", Decimal("1250")),
        (1250125, "KWD", Decimal("1250.125")),
        (200_000_000, "SEK", Decimal("2000000.00")),
    ],
)
def test_minor_and_decimal_convert_exactly_both_ways(minor, currency, value):
    converted = minor_to_decimal(minor, currency)
    assert converted == value
    assert str(converted) == str(value)
    assert decimal_to_minor(value, currency) == minor


def test_decimal_to_minor_refuses_to_round():
    with pytest.raises(ValueError, match="more decimals than SEK allows"):
        decimal_to_minor(Decimal("12.345"), "SEK")
    with pytest.raises(ValueError, match="more decimals than JPY allows"):
        decimal_to_minor(Decimal("0.5"), "JPY")


def test_decimal_to_minor_accepts_harmless_trailing_zeros():
    assert decimal_to_minor(Decimal("12.3400"), "SEK") == 1234


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_decimal_to_minor_refuses_non_finite_values(value):
    with pytest.raises(ValueError, match="finite"):
        decimal_to_minor(value, "SEK")


@pytest.mark.parametrize("value", [12.5, "12.50", True])
def test_floats_strings_and_bools_are_not_amounts(value):
    with pytest.raises(TypeError):
        decimal_to_minor(value, "SEK")
    with pytest.raises(TypeError):
        minor_to_decimal(value, "SEK")


@pytest.mark.parametrize(
    ("minor", "currency", "locale", "shown"),
    [
        (125000, "SEK", "sv-SE", f"1{NBSP}250,00{NBSP}kr"),
        (125000, "SEK", "sv_SE", f"1{NBSP}250,00{NBSP}kr"),
        (125000, "USD", "en-US", "$1,250.00"),
        (125000, "usd", "en-us", "$1,250.00"),
        (-2500, "EUR", "de-DE", f"-25,00{NBSP}€"),
        (125000, "EUR", "fr-FR", f"1{NNBSP}250,00{NBSP}€"),
        (1250, "JPY", "en-US", "¥1,250"),
        (1250125, "KWD", "en-US", "KWD1,250.125"),
        (125000, "HUF", "hu-HU", f"1{NBSP}250,00{NBSP}Ft"),
        (125000, "USD", "zz-ZZ", "$1,250.00"),
    ],
)
def test_format_money_uses_the_locale_and_the_currency_decimals(minor, currency, locale, shown):
    assert format_money(minor, currency, locale) == shown


@pytest.mark.parametrize(
    ("minor", "currency", "locale", "shown"),
    [
        (125000, "SEK", "sv-SE", f"SEK{NBSP}1{NBSP}250,00"),
        (125000, "USD", "en-US", f"USD{NBSP}1,250.00"),
        (1250, "JPY", "sv-SE", f"JPY{NBSP}1{NBSP}250"),
    ],
)
def test_format_money_code_names_the_currency_first(minor, currency, locale, shown):
    assert format_money_code(minor, currency, locale) == shown


@pytest.mark.parametrize(
    ("minor", "currency", "locale", "shown"),
    [
        (125000, "SEK", "sv-SE", "1250,00"),
        (125000, "USD", "en-US", "1250.00"),
        (5, "EUR", "de-DE", "0,05"),
        (1250, "JPY", "en-US", "1250"),
        (1250125, "KWD", "en-US", "1250.125"),
    ],
)
def test_format_amount_input_has_no_symbol_and_no_grouping(minor, currency, locale, shown):
    assert format_amount_input(minor, currency, locale) == shown


def test_formatting_refuses_floats():
    with pytest.raises(TypeError):
        format_money(12.5, "SEK", "sv-SE")


@pytest.mark.parametrize(
    ("given", "expected"),
    [("sv-SE", "sv_SE"), ("sv_SE", "sv_SE"), ("en-us", "en_US"), ("xx-YY", "en"), ("", "en"), (None, "en")],
)
def test_locales_come_in_klarna_and_babel_spellings(given, expected):
    assert str(resolve_locale(given)) == expected
