"""Money: the only place that converts amounts between Klarna's minor units, Decimal and text.

Klarna expresses every amount as an integer number of minor units as ISO 4217 defines them
(SEK 1 250,00 is ``125000``; JPY 1 250 is ``1250``; KWD 1,250.000 is ``1250000``). Staff see and type
amounts in their locale. Floats never appear: amounts are ``int`` (minor units) or ``Decimal``.

Locales may be given as Klarna spells them (``sv-SE``, ``en-us``) or as Babel does (``sv_SE``); an
unknown or empty locale falls back to English.

Parsing follows the locale first and the plain form second:

* the locale's own form, with its decimal symbol and its grouping (``1 250,00`` in sv-SE,
  ``1,250.00`` in en-US, ``1.250,00`` in de-DE); where the locale groups with a space, a regular,
  no-break or narrow no-break space is accepted;
* otherwise the plain form: digits with an optional ``.`` decimal point (``1250.00``).

So a lone separator means what it means in the locale: ``1,250`` is 1250 in en-US and ``1.250`` is
1250 in de-DE, while in sv-SE ``1,250`` reads as three decimals and is refused. More decimals than the currency has are refused, even
zeros (``12.340`` SEK): staff type at most what the currency shows, and nothing is ever rounded.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from decimal import Context, Decimal, Inexact, InvalidOperation
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    NumberPattern,
    format_decimal,
    get_currency_precision,
    get_currency_symbol,
    get_decimal_symbol,
    get_group_symbol,
    is_currency,
)

MAX_AMOUNT_MINOR = 200_000_000
"""Klarna's upper limit for any amount, in minor units."""

FALLBACK_LOCALE = "en"

# Babel reports CLDR's display digits; Klarna counts minor units as ISO 4217 defines them. The two
# disagree for these current currencies (CLDR shows HUF without decimals, ISO 4217 gives it two).
_ISO_4217_EXPONENTS = {
    "AFN": 2, "ALL": 2, "COP": 2, "HUF": 2, "IDR": 2, "IQD": 3, "IRR": 2, "KPW": 2,
    "LAK": 2, "LBP": 2, "MGA": 2, "MMK": 2, "SLL": 2, "SOS": 2, "SYP": 2, "YER": 2,
}  # fmt: skip

_SPACES = " \u00a0\u202f"
_MINUS_SIGNS = "-\u2212\u2012\u2013"
_INVISIBLE_MARKS = re.compile("[\u200e\u200f\u061c]")
_NOT_NUMBERS = {"inf", "infinity", "+inf", "nan", "snan", "qnan", "\u221e"}
_EXPONENT = re.compile(r"[0-9]+(?:[.,][0-9]*)?[eE][+-]?[0-9]+")
_PLAIN = re.compile(r"(?P<int>[0-9]+)(?:\.(?P<frac>[0-9]+))?")
_MAX_INPUT_LENGTH = 64


class AmountError(ValueError):
    """An amount a member of staff typed cannot be used; ``str()`` is a message for them."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# --- currencies and locales -------------------------------------------------------------------


@lru_cache(maxsize=1024)
def currency_code(currency: str) -> str:
    """The upper-case ISO 4217 code (Klarna sends ``usd``); ValueError for an unknown currency."""
    code = str(currency or "").strip().upper()
    if not is_currency(code):
        raise ValueError(f"Unknown currency {currency!r}")
    return code


@lru_cache(maxsize=512)
def currency_exponent(currency: str) -> int:
    """Number of decimals of the currency's minor unit: SEK 2, JPY 0, KWD 3."""
    code = currency_code(currency)
    return _ISO_4217_EXPONENTS.get(code, get_currency_precision(code))


def resolve_locale(locale: str | Locale | None) -> Locale:
    """A Babel locale from ``sv-SE``, ``sv_se`` or a Locale; English when unknown or empty."""
    if isinstance(locale, Locale):
        return locale
    return _parse_locale(str(locale or "").strip().replace("-", "_"))


@lru_cache(maxsize=256)
def _parse_locale(identifier: str) -> Locale:
    try:
        return Locale.parse(identifier)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(FALLBACK_LOCALE)


# --- conversions ------------------------------------------------------------------------------


def minor_to_decimal(minor: int, currency: str) -> Decimal:
    """Minor units to an exact Decimal with the currency's decimals: ``125000`` SEK -> ``1250.00``."""
    exponent = currency_exponent(currency)
    return Decimal(_require_int(minor)).scaleb(-exponent, _exact_context(minor))


def decimal_to_minor(value: Decimal, currency: str) -> int:
    """An exact Decimal to minor units; ValueError if it has more decimals than the currency."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"Amounts must be Decimal or int, not {type(value).__name__}")
    value = Decimal(value)
    if not value.is_finite():
        raise ValueError("An amount must be a finite number")
    exponent = currency_exponent(currency)
    scaled = value.scaleb(exponent, _exact_context(value))
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} has more decimals than {currency_code(currency)} allows")
    return int(scaled)


def _require_int(minor: int) -> int:
    if isinstance(minor, bool) or not isinstance(minor, int):
        raise TypeError(f"Minor-unit amounts must be int, not {type(minor).__name__}")
    return minor


def _exact_context(value: int | Decimal) -> Context:
    digits = len(Decimal(value).as_tuple().digits)
    return Context(prec=digits + 10, traps=[Inexact, InvalidOperation])


# --- formatting -------------------------------------------------------------------------------
#
# Babel says how a locale writes an amount (its pattern, symbols and grouping); reading that costs
# far more than writing one amount, and an order page writes dozens. So each (locale, currency,
# style) is read from Babel once, into a ``_Form``, and every amount is then written with
# ``NumberPattern.apply``'s own steps for fixed decimals (tests/money compares the two).


def format_money(minor: int, currency: str, locale: str | Locale | None) -> str:
    """For display: the locale's currency format with symbol, e.g. ``1 250,00 kr`` in sv-SE."""
    return _form(_locale_id(locale), currency_code(currency), "symbol").write(_require_int(minor))


def format_money_code(minor: int, currency: str, locale: str | Locale | None) -> str:
    """For confirmations, unmistakable: ISO code then the grouped number, e.g. ``SEK 1 250,00``."""
    code = currency_code(currency)
    return f"{code}\u00a0{_form(_locale_id(locale), code, 'grouped').write(_require_int(minor))}"


def format_amount_input(minor: int, currency: str, locale: str | Locale | None) -> str:
    """For prefilling an input: no symbol and no grouping, the locale's decimal mark (``1250,00``)."""
    return _form(_locale_id(locale), currency_code(currency), "plain").write(_require_int(minor))


def _locale_id(locale: str | Locale | None) -> str:
    return str(locale) if isinstance(locale, Locale) else _locale_id_of(locale)


@lru_cache(maxsize=256)
def _locale_id_of(locale: str | None) -> str:
    return str(resolve_locale(locale))


@dataclass(frozen=True)
class _Form:
    """How one locale writes amounts of one currency in one style, read from Babel once."""

    pattern: NumberPattern
    locale: Locale
    code: str
    decimals: int
    grouped: bool
    with_symbol: bool
    prefixes: tuple[str, str]  # positive, negative; the currency symbol already in place
    suffixes: tuple[str, str]
    group: str
    decimal: str
    quick: bool  # False: a pattern this class does not write itself (Babel writes each amount)

    def write(self, minor: int) -> str:
        if not self.quick:
            return self._babel(minor)
        digits = str(abs(minor)).rjust(self.decimals + 1, "0")
        whole = digits[: len(digits) - self.decimals] if self.decimals else digits
        number = self._group(whole.rjust(self.pattern.int_prec[0], "0")) if self.grouped else whole
        if self.decimals:
            number += self.decimal + digits[-self.decimals :]
        negative = minor < 0
        return self.prefixes[negative] + number + self.suffixes[negative]

    def _group(self, whole: str) -> str:
        size, written = self.pattern.grouping[0], ""
        while len(whole) > size:
            written = self.group + whole[-size:] + written
            whole = whole[:-size]
            size = self.pattern.grouping[1]
        return whole + written

    def _babel(self, minor: int) -> str:
        value = Decimal(minor).scaleb(-self.decimals)
        currency = self.code if self.with_symbol else None
        return self.pattern.apply(value, self.locale, currency=currency, currency_digits=False,
                                  group_separator=self.grouped)


@lru_cache(maxsize=1024)
def _form(locale_id: str, code: str, style: str) -> _Form:
    """``symbol``: the currency format; ``grouped`` / ``plain``: the number alone, with or without groups."""
    loc = resolve_locale(locale_id)
    decimals = currency_exponent(code)
    with_symbol = style == "symbol"
    pattern = copy.copy(loc.currency_formats["standard"] if with_symbol else loc.decimal_formats[None])
    pattern.frac_prec = (decimals, decimals)
    prefixes, suffixes = tuple(pattern.prefix), tuple(pattern.suffix)
    if with_symbol:
        prefixes, suffixes = (tuple(_with_currency(part, code, loc) for part in parts) for parts in (prefixes, suffixes))
    group, decimal = get_group_symbol(loc), get_decimal_symbol(loc)
    quick = (
        not pattern.scale and not pattern.exp_prec and "@" not in pattern.pattern and pattern.number_pattern != ""
        and "'" not in "".join((*prefixes, *suffixes, group, decimal)) and "\u00a4" not in "".join((*prefixes, *suffixes))
    )
    return _Form(pattern, loc, code, decimals, style != "plain", with_symbol, prefixes, suffixes, group, decimal, quick)


def _with_currency(text: str, code: str, loc: Locale) -> str:
    """The currency placeholders of a pattern's prefix or suffix filled in, as ``apply`` does; the
    full name (``¤¤¤``) depends on the amount, so it stays (and Babel writes such amounts)."""
    if "\u00a4\u00a4\u00a4" in text:
        return text
    return text.replace("\u00a4\u00a4", code).replace("\u00a4", get_currency_symbol(code, loc))


# --- parsing ----------------------------------------------------------------------------------


def parse_amount(
    text: str, currency: str, locale: str | Locale | None, *, zero: bool = False, negative: bool = False
) -> int:
    """An amount typed by staff, in minor units; AmountError with a message otherwise.

    Positive only, unless the field also allows ``zero`` (a free item) or ``negative`` amounts (a
    discount line's unit price); a negative zero is refused either way.
    """
    loc = resolve_locale(locale)
    code = currency_code(currency)
    cleaned, minus = _strip_decorations(text or "", code, loc)
    if not cleaned:
        raise AmountError("empty", "Enter an amount.")
    value = _read_number(cleaned, code, loc)
    if minus and not negative:
        raise AmountError("negative", "Enter the amount without a minus sign; it cannot be negative.")
    minor = _checked_minor(value, code, loc, zero=zero)
    if minus and minor == 0:
        raise AmountError("negative_zero", "Zero has no sign: enter 0.")
    return -minor if minus else minor


def _strip_decorations(text: str, code: str, loc: Locale) -> tuple[str, bool]:
    """Remove surrounding spaces, the currency's code or symbol and a sign; note a minus sign."""
    cleaned = _INVISIBLE_MARKS.sub("", text).strip(_SPACES + "\t\r\n")
    negative = False
    previous = None
    while cleaned != previous:
        previous = cleaned
        cleaned = _strip_currency(cleaned, code, loc).strip(_SPACES)
        unsigned = cleaned.strip(_MINUS_SIGNS)
        negative = negative or unsigned != cleaned
        cleaned = unsigned
    return cleaned, negative


def _strip_currency(text: str, code: str, loc: Locale) -> str:
    for marker in _currency_markers(code, str(loc)):
        size = len(marker)
        if text[:size].casefold() == marker.casefold():
            return text[size:]
        if text[-size:].casefold() == marker.casefold():
            return text[:-size]
    return text


@lru_cache(maxsize=512)
def _currency_markers(code: str, locale_id: str) -> tuple[str, ...]:
    symbols = {code, get_currency_symbol(code, locale_id), get_currency_symbol(code, "en")}
    return tuple(sorted(symbols, key=len, reverse=True))


def _read_number(text: str, code: str, loc: Locale) -> Decimal:
    if _EXPONENT.fullmatch(text):
        raise AmountError("exponent", "Write the amount out in full, without exponent notation such as 1e3.")
    value = _plain_number(text, loc)
    if value is None:
        raise _not_a_number(code, loc)
    return value


def _plain_number(text: str, loc: Locale) -> Decimal | None:
    """Digits in the locale's own form or the plain form, else None (no signs, no exponents)."""
    if len(text) > _MAX_INPUT_LENGTH or text.lower() in _NOT_NUMBERS:
        return None
    match = _locale_number(str(loc)).fullmatch(text) or _PLAIN.fullmatch(text)
    if not match:
        return None
    digits = re.sub("[^0-9]", "", match["int"])
    return Decimal(f"{digits}.{match['frac']}" if match["frac"] else digits)


@lru_cache(maxsize=256)
def _locale_number(locale_id: str) -> re.Pattern[str]:
    """The locale's own number form: ungrouped or correctly grouped digits, optional decimals."""
    loc = Locale.parse(locale_id)
    group = get_group_symbol(loc)
    if group in _SPACES:
        group = _SPACES
    elif group in "'\u2019":
        group = "'\u2019"
    sep = f"[{re.escape(group)}]"
    primary, secondary = loc.decimal_formats[None].grouping
    grouped = rf"[0-9]{{1,{secondary}}}(?:{sep}[0-9]{{{secondary}}})*{sep}[0-9]{{{primary}}}"
    decimal = re.escape(get_decimal_symbol(loc))
    return re.compile(rf"(?P<int>[0-9]+|{grouped})(?:{decimal}(?P<frac>[0-9]+))?")


def _checked_minor(value: Decimal, code: str, loc: Locale, *, zero: bool = False) -> int:
    exponent = currency_exponent(code)
    typed_decimals = -int(value.as_tuple().exponent)
    if typed_decimals > exponent:
        allowed = f"at most {exponent} decimals" if exponent else "no decimals"
        raise AmountError("too_many_decimals", f"{code} amounts have {allowed}.")
    minor = decimal_to_minor(value, code)
    if minor == 0 and not zero:
        raise AmountError("zero", "The amount must be greater than zero.")
    if minor > MAX_AMOUNT_MINOR:
        limit = format_money(MAX_AMOUNT_MINOR, code, loc)
        raise AmountError("too_large", f"The amount cannot be more than {limit}.")
    return minor


def _not_a_number(code: str, loc: Locale) -> AmountError:
    example = format_amount_input(1250 * 10 ** currency_exponent(code), code, loc)
    return AmountError("not_a_number", f"Enter the amount as a number, for example {example}.")


# --- tax rates ----------------------------------------------------------------------------------

MAX_TAX_RATE = 10000
"""100 %, in Klarna's unit for tax rates: hundredths of a percent (``2500`` is 25 %)."""


def parse_tax_rate(text: str, locale: str | Locale | None) -> int:
    """A tax rate typed in percent (``25``, ``12,5``, ``6 %``) in hundredths of a percent (``2500``);
    AmountError with a message otherwise."""
    loc = resolve_locale(locale)
    cleaned = _INVISIBLE_MARKS.sub("", text or "").strip(_SPACES + "\t\r\n").removesuffix("%").strip(_SPACES)
    if not cleaned:
        raise AmountError("empty", "Enter the tax rate in percent, for example 25.")
    if cleaned.lstrip(_MINUS_SIGNS) != cleaned:
        raise AmountError("negative", "A tax rate cannot be negative.")
    value = _plain_number(cleaned, loc)
    if value is None:
        example = format_tax_rate_input(1250, loc)
        raise AmountError("not_a_number", f"Enter the tax rate as a number of percent, for example 25 or {example}.")
    if -int(value.as_tuple().exponent) > 2:
        raise AmountError("too_many_decimals", "A tax rate has at most 2 decimals.")
    rate = int(value.scaleb(2))
    if rate > MAX_TAX_RATE:
        raise AmountError("too_large", "A tax rate cannot be more than 100 %.")
    return rate


def format_tax_rate_input(rate: int, locale: str | Locale | None) -> str:
    """For prefilling an input: the percentage without the sign, ``2500`` -> ``25``, ``1250`` -> ``12,5``."""
    return format_decimal(Decimal(_require_int(rate)).scaleb(-2), format="0.##", locale=resolve_locale(locale))
