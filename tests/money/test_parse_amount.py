"""What staff may type into an amount field, and what they are told when it cannot be used."""

import pytest

from app.money import MAX_AMOUNT_MINOR, AmountError, parse_amount

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("text", "currency", "locale", "minor"),
    [
        # sv-SE: the locale's own form, the plain form, every kind of space
        ("1 250,00", "SEK", "sv-SE", 125000),
        (f"1{NBSP}250,00", "SEK", "sv-SE", 125000),
        (f"1{NNBSP}250,00", "SEK", "sv_SE", 125000),
        ("1250,00", "SEK", "sv-SE", 125000),
        ("1250.00", "SEK", "sv-SE", 125000),
        ("1250", "SEK", "sv-SE", 125000),
        ("0,01", "SEK", "sv-SE", 1),
        ("  12,50  ", "SEK", "sv-SE", 1250),
        # currency code or symbol, before or after
        ("SEK 1 250,00", "SEK", "sv-SE", 125000),
        ("1 250,00 SEK", "SEK", "sv-SE", 125000),
        (f"1{NBSP}250,00{NBSP}kr", "SEK", "sv-SE", 125000),
        ("sek 99", "SEK", "sv-SE", 9900),
        # en-US
        ("1,250.00", "USD", "en-US", 125000),
        ("1,250", "USD", "en-US", 125000),  # a lone comma groups thousands in English
        ("1250.00", "USD", "en-US", 125000),
        ("1,234,567.89", "USD", "en-US", 123456789),
        ("$12.50", "USD", "en-US", 1250),
        ("USD 12.50", "USD", "en-US", 1250),
        # other locales and currencies
        ("1.250,00", "EUR", "de-DE", 125000),
        ("1.250", "EUR", "de-DE", 125000),
        ("1250.50", "EUR", "de-DE", 125050),
        (f"1{NNBSP}250,00{NBSP}€", "EUR", "fr-FR", 125000),
        ("12'345.50", "CHF", "de-CH", 1234550),
        ("12\u2019345.50", "CHF", "de-CH", 1234550),
        ("1 250", "JPY", "sv-SE", 1250),
        ("¥1,250", "JPY", "en-US", 1250),
        ("1,250.125", "KWD", "en-US", 1250125),
        ("1 250,00", "HUF", "hu-HU", 125000),
        ("2 000 000,00", "SEK", "sv-SE", MAX_AMOUNT_MINOR),
        # unknown locale: English rules
        ("1,250.00", "USD", "xx-YY", 125000),
        ("1,250.00", "USD", "", 125000),
    ],
)
def test_accepted_amounts(text, currency, locale, minor):
    assert parse_amount(text, currency, locale) == minor


@pytest.mark.parametrize(
    ("text", "currency", "locale", "code", "message"),
    [
        ("", "SEK", "sv-SE", "empty", "Enter an amount."),
        ("   ", "SEK", "sv-SE", "empty", "Enter an amount."),
        ("kr", "SEK", "sv-SE", "empty", "Enter an amount."),
        ("abc", "SEK", "sv-SE", "not_a_number", "Enter the amount as a number, for example 1250,00."),
        ("12,5,0", "SEK", "sv-SE", "not_a_number", "for example 1250,00"),
        ("1.250,00", "SEK", "sv-SE", "not_a_number", "for example 1250,00"),
        ("1,25", "USD", "en-US", "not_a_number", "for example 1250.00"),
        ("1 250.00", "USD", "en-US", "not_a_number", "for example 1250.00"),
        ("12 50", "SEK", "sv-SE", "not_a_number", "for example"),
        ("12.", "SEK", "sv-SE", "not_a_number", "for example"),
        (".5", "SEK", "sv-SE", "not_a_number", "for example"),
        ("+5", "SEK", "sv-SE", "not_a_number", "for example"),
        ("0x10", "SEK", "sv-SE", "not_a_number", "for example"),
        ("5 €", "SEK", "sv-SE", "not_a_number", "for example"),
        ("abc", "JPY", "en-US", "not_a_number", "for example 1250."),
        ("1" * 80, "SEK", "sv-SE", "not_a_number", "for example"),
        ("1e3", "SEK", "sv-SE", "exponent", "without exponent notation"),
        ("1E-2", "SEK", "en-US", "exponent", "without exponent notation"),
        ("1,5e3", "SEK", "sv-SE", "exponent", "without exponent notation"),
        ("inf", "SEK", "sv-SE", "not_a_number", "for example"),
        ("Infinity", "SEK", "en-US", "not_a_number", "for example"),
        ("-inf", "SEK", "en-US", "not_a_number", "for example"),
        ("NaN", "SEK", "sv-SE", "not_a_number", "for example"),
        ("∞", "SEK", "sv-SE", "not_a_number", "for example"),
        ("-5", "SEK", "sv-SE", "negative", "cannot be negative"),
        ("\u22125,00", "SEK", "sv-SE", "negative", "cannot be negative"),
        ("5-", "SEK", "sv-SE", "negative", "cannot be negative"),
        ("-0", "SEK", "sv-SE", "negative", "cannot be negative"),
        ("-$5.00", "USD", "en-US", "negative", "cannot be negative"),
        ("$-5.00", "USD", "en-US", "negative", "cannot be negative"),
        ("0", "SEK", "sv-SE", "zero", "The amount must be greater than zero."),
        ("0,00", "SEK", "sv-SE", "zero", "greater than zero"),
        ("0.00", "USD", "en-US", "zero", "greater than zero"),
        ("12.345", "SEK", "sv-SE", "too_many_decimals", "SEK amounts have at most 2 decimals."),
        ("12.345", "SEK", "en-US", "too_many_decimals", "SEK amounts have at most 2 decimals."),
        ("0,001", "EUR", "sv-SE", "too_many_decimals", "at most 2 decimals"),
        ("1,5", "JPY", "sv-SE", "too_many_decimals", "JPY amounts have no decimals."),
        ("1.0005", "KWD", "en-US", "too_many_decimals", "KWD amounts have at most 3 decimals."),
        ("12,340", "SEK", "sv-SE", "too_many_decimals", "SEK amounts have at most 2 decimals."),
        ("5.0", "JPY", "en-US", "too_many_decimals", "JPY amounts have no decimals."),
        ("2 000 000,01", "SEK", "sv-SE", "too_large", "cannot be more than 2\u00a0000\u00a0000,00\u00a0kr"),
        ("1,250", "SEK", "sv-SE", "too_many_decimals", "SEK amounts have at most 2 decimals."),
        ("1250,00", "JPY", "sv-SE", "too_many_decimals", "JPY amounts have no decimals."),
        ("200000001", "JPY", "en-US", "too_large", "cannot be more than ¥200,000,000"),
    ],
)
def test_refused_amounts_say_why(text, currency, locale, code, message):
    with pytest.raises(AmountError) as caught:
        parse_amount(text, currency, locale)
    assert caught.value.code == code
    assert message in str(caught.value)


def test_none_is_treated_as_empty():
    with pytest.raises(AmountError, match="Enter an amount"):
        parse_amount(None, "SEK", "sv-SE")


def test_unknown_currency_is_a_programming_error_not_a_staff_message():
    with pytest.raises(ValueError, match="Unknown currency"):
        parse_amount("10", "XYZ", "sv-SE")
