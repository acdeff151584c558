"""Countries for address forms: ISO 3166-1 alpha-2 codes with English names, from Babel's CLDR data."""

from __future__ import annotations

import unicodedata

from babel import Locale

# Two-letter CLDR territories that are not countries of ISO 3166-1: exceptionally reserved codes
# (Ascension, Clipperton, Diego Garcia, Ceuta and Melilla, Canary Islands, Tristan da Cunha, EU, UN),
# CLDR's own groupings and test codes, Sark and Kosovo (not assigned by ISO).
NOT_ISO_3166 = frozenset({"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "XK", "ZZ"})


def _sort_key(name: str) -> str:
    """Sorting ignores accents, so the Åland Islands come with the A's."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()


def _countries() -> tuple[tuple[str, str], ...]:
    names = Locale("en").territories
    codes = [code for code in names if len(code) == 2 and code.isalpha() and code not in NOT_ISO_3166]
    return tuple(sorted(((code, names[code]) for code in codes), key=lambda pair: _sort_key(pair[1])))


COUNTRIES = _countries()  # (code, English name), sorted by name
