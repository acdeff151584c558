"""Small display helpers shared by presenters, actions and forms: amounts, dates, percentages, words,
links, masks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlsplit

from babel import Locale
from babel.dates import format_datetime, format_timedelta
from babel.numbers import format_percent

from app.money import format_money, resolve_locale
from app.vocabulary import label_of

NOTHING = "—"
UI_LOCALE = "en"  # the dashboard speaks English; amounts follow the order's locale
MASK = "•"

def words(value: str | None) -> str:
    """Klarna's code for a thing, as staff say it (``app.vocabulary``); a dash for none."""
    return label_of(value) if value else NOTHING


def text(value: object) -> str:
    """A value as text, or a dash when there is none."""
    return NOTHING if value is None or value == "" else str(value)


@dataclass(frozen=True)
class Amounts:
    """Formats minor units in one currency and locale (the order's)."""

    currency: str
    locale: str | None

    def __call__(self, minor: int | None) -> str:
        if minor is None or not self.currency:
            return NOTHING
        return format_money(minor, self.currency, self.locale)


def tax_rate(rate: int | None, locale: str | None) -> str:
    """Klarna's tax rate (two implied decimals: 2500 is 25 %) as a percentage, e.g. ``25%``."""
    if rate is None:
        return NOTHING
    return _percentage(rate, str(resolve_locale(locale)))


@lru_cache(maxsize=4096)  # an order's lines share a few rates
def _percentage(rate: int, locale_id: str) -> str:
    return format_percent(Decimal(rate).scaleb(-4), format="#,##0.##%", locale=resolve_locale(locale_id))


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def when(moment: datetime | None) -> str:
    """An absolute date and time, e.g. ``25 Nov 2026, 13:38 UTC``."""
    if moment is None:
        return NOTHING
    return format_datetime(as_utc(moment), "d MMM y, HH:mm", tzinfo=UTC, locale=UI_LOCALE) + " UTC"


def relative(moment: datetime | None, now: datetime) -> str:
    """How far from now, e.g. ``in 5 days`` or ``3 hours ago``."""
    if moment is None:
        return ""
    return format_timedelta(as_utc(moment) - now, add_direction=True, locale=UI_LOCALE)


def within(moment: datetime | None, now: datetime, span: timedelta) -> bool:
    return moment is not None and as_utc(moment) - now < span


def country(code: str | None) -> str:
    """``SE`` -> ``Sweden (SE)``."""
    if not code:
        return NOTHING
    name = Locale.parse(UI_LOCALE).territories.get(code.upper())
    return f"{name} ({code.upper()})" if name else code.upper()


def locale_name(locale: str | None) -> str:
    """``sv-SE`` -> ``Swedish (sv-SE)`` (the country is shown on its own)."""
    if not locale:
        return NOTHING
    return f"{resolve_locale(locale).get_language_name(UI_LOCALE)} ({locale})"


def http_url(url: str | None) -> str | None:
    """The address if it is an http(s) URL with a host, else None (shown as text, never a link)."""
    if not url or any(ord(char) < 32 or char.isspace() for char in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


_VISIBLE = re.compile(r"[0-9A-Za-z]")


def mask(value: str | date | None, keep: int) -> str:
    """Hide every letter and digit except the last ``keep`` ones; separators stay."""
    if value is None or value == "":
        return NOTHING
    raw = value.isoformat() if isinstance(value, date) else str(value)
    positions = [index for index, char in enumerate(raw) if _VISIBLE.match(char)]
    hidden = set(positions[:-keep] if keep else positions)
    return "".join(MASK if index in hidden else char for index, char in enumerate(raw))
