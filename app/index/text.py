"""Search text: lower case, accents dropped, phone numbers also as bare digits.

The index keeps one normalised ``search_text`` per order; a search term is normalised the same
way and matched as a substring, so "ÅSA", "asa" and "Åsa" find the same orders on every database.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

ORDER_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # lower case
SEPARATOR = " | "  # between fields, so that a term never matches across two of them
_PHONE = re.compile(r"^\+?[\d\s().-]{5,}$")
_NOT_DIGIT = re.compile(r"\D")


def fold(value: str) -> str:
    """``value`` in lower case without accents ("Åsa Öberg" -> "asa oberg")."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def looks_like_phone(term: str) -> bool:
    return bool(_PHONE.match(term)) and sum(char.isdigit() for char in term) >= 5 and not ORDER_ID.fullmatch(term)


def digits(value: str) -> str:
    return _NOT_DIGIT.sub("", value)


def search_text(values: Iterable[str | None], phones: Iterable[str | None] = ()) -> str:
    """The normalised text searched for an order: each value folded, each phone also as digits."""
    parts = [fold(value.strip()) for value in values if value and value.strip()]
    parts += [digits(phone) for phone in phones if phone and digits(phone)]
    return SEPARATOR.join(parts)


def search_terms(query: str) -> list[tuple[str, ...]]:
    """The terms of a search box's text, each with the spellings any of which may match: split on
    spaces and folded; a query that looks like a phone number is one term, as typed and as its digits
    ("+46 70 123" matches "+46 70 123" or "4670123")."""
    stripped = query.strip()
    if looks_like_phone(stripped):
        return [(fold(stripped), digits(stripped))]
    return [(fold(term),) for term in stripped.split() if term]
