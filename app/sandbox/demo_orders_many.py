"""Many more demo orders, made up from a fixed seed: every status, several currencies and countries,
created over the last 90 days, a dozen whose authorization ends within days. They fill the
dashboard's order list and work queues in the demo (the hand-written ones show the special cases)."""

from __future__ import annotations

import random
import uuid

from .demo_builders import capture, item, order, parcel, payment, refund, shipping_fee, step

_NAMESPACE = uuid.UUID("6f1c0e7a-3b1e-4d59-9d0a-52f1d1a0c0de")
SEED = 2026

# currency, country, locale, tax rate, payment method, shipping fee, given names, family names, phone prefix
MARKETS = [
    ("SEK", "SE", "sv-SE", 2500, payment("INVOICE", "Faktura"), 4900, ["Åsa", "Björn", "Elin", "Göran", "Maja"],
     ["Öberg", "Lindqvist", "Nyström", "Ångström", "Berg"], "+46 70"),
    ("EUR", "DE", "de-DE", 1900, payment("PAY_LATER", "Später bezahlen"), 499, ["Jürgen", "Lena", "Jörg", "Anke"],
     ["Müller", "Schäfer", "Weiß", "Krüger"], "+49 151"),
    ("EUR", "FI", "fi-FI", 2550, payment("INVOICE", "Lasku"), 590, ["Aino", "Väinö", "Eero"],
     ["Mäkinen", "Häkkinen", "Virtanen"], "+358 40"),
    ("NOK", "NO", "nb-NO", 2500, payment("DIRECT_DEBIT", "Direkte bankbetaling"), 7900, ["Ingrid", "Øystein", "Kåre"],
     ["Løvås", "Ødegård", "Haugen"], "+47 412"),
    ("DKK", "DK", "da-DK", 2500, payment("CARD", "Kort"), 3900, ["Søren", "Freja", "Mads"],
     ["Jørgensen", "Nørgaard", "Dahl"], "+45 20"),
    ("GBP", "GB", "en-GB", 2000, payment("PAY_LATER_BY_CARD", "Pay in 30 days"), 395, ["Oliver", "Amelia", "Harry"],
     ["Bennett", "O'Neill", "Clarke"], "+44 7700"),
    ("USD", "US", "en-US", 0, payment("CARD", "Card"), 995, ["Maria", "James", "Zoë"],
     ["García", "Smith", "Nguyen"], "+1 415"),
]
PRODUCTS = [
    ("Vandringskänga", 189900), ("Merinoullstrumpor", 24900), ("Regnjacka", 149900), ("Termos 0,5 l", 24900),
    ("Ryggsäck 30 l", 99900), ("Pannlampa", 39900), ("Sovsäck", 229900), ("Kåsa", 12900),
]
# (kind, how many, created how many days ago: low, high)
KINDS = [
    ("authorized", 40, 0.1, 20), ("expiring", 12, 24.5, 27.6), ("part_captured", 25, 1, 24),
    ("captured", 40, 1, 90), ("refunded", 20, 5, 90), ("cancelled", 15, 0.2, 90), ("expired", 15, 29, 90),
    ("closed", 13, 2, 90),
]


def generated_id(number: int) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"demo-order/{number}"))


def many_orders() -> list[dict]:
    chance = random.Random(SEED)
    made = []
    number = 0
    for kind, count, youngest, oldest in KINDS:
        for _ in range(count):
            made.append(_order(chance, number, kind, round(chance.uniform(youngest, oldest), 2)))
            number += 1
    return made


def _order(chance: random.Random, number: int, kind: str, age_days: float) -> dict:
    currency, country, locale, tax, method, fee, given, family, phone = MARKETS[number % len(MARKETS)]
    person = {"given_name": chance.choice(given), "family_name": chance.choice(family)}
    email = f"{_ascii(person['given_name'])}.{_ascii(person['family_name'])}{number}@example.{country.lower()}"
    address = {**person, "street_address": f"Demogatan {number + 1}", "postal_code": f"{10000 + number}",
               "city": "Demostad", "country": country, "email": email,
               "phone": f"{phone} {chance.randint(100, 999)} {chance.randint(1000, 9999)}"}
    lines = [item(name, price, tax, reference=f"P-{index}", quantity=chance.randint(1, 2))
             for index, (name, price) in enumerate(chance.sample(PRODUCTS, chance.randint(1, 3)))]
    lines.append(shipping_fee("Frakt", fee, tax))
    spec = order(generated_id(number), age_days, currency, country, locale, "astrid", method, lines,
                 steps=_steps(kind, age_days, len(lines), number), merchant_reference1=f"{country}-{200000 + number}")
    spec["body"].update(billing_address=address, shipping_address=dict(address))
    spec["body"].pop("customer", None)
    return spec


def _steps(kind: str, age_days: float, line_count: int, number: int) -> list[dict]:
    soon = min(1.0, age_days / 2)
    shipped = [parcel("PostNord", "Home", f"0037{number:016d}", "postnord.example")]
    if kind == "part_captured":
        return [capture(soon, lines=[0], shipping=shipped)]
    if kind == "captured":
        return [capture(soon, shipping=shipped)]
    if kind == "refunded":
        return [capture(soon, shipping=shipped), refund(soon, 1000, "Goodwill")]
    if kind == "cancelled":
        return [step("cancel", soon / 2)]
    if kind == "closed" and line_count > 1:
        return [capture(soon, lines=[0], shipping=shipped), step("release", soon)]
    if kind == "closed":
        return [capture(soon, shipping=shipped)]
    return []


def _ascii(name: str) -> str:
    folded = name.lower().translate(str.maketrans("åäöøæüéëß'", "aaooaueesx"))
    return "".join(char for char in folded if char.isalpha())
