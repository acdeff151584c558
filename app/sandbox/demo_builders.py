"""Builders for the demo data: orders and their later steps, order lines with Klarna's arithmetic,
payment methods and shipping details.

A demo order gives its age when the sandbox is first started, the purchase (as ``POST /sandbox/orders``
takes it) and the later steps, each ``day`` days after the purchase.
"""

from __future__ import annotations

import re

from .demo_people import addresses


def _tax(total: int, tax_rate: int) -> int:
    """Tax included in ``total`` at ``tax_rate`` (two implicit decimals), as Klarna computes it."""
    return total - round(total * 10000 / (10000 + tax_rate))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def item(name: str, unit_price: int, tax_rate: int, *, reference: str, quantity: int = 1, discount: int = 0,
         kind: str = "physical", **extra) -> dict:
    total = quantity * unit_price - discount
    line = {
        "type": kind, "reference": reference, "name": name, "quantity": quantity, "quantity_unit": "pcs",
        "unit_price": unit_price, "tax_rate": tax_rate, "total_amount": total,
        "total_discount_amount": discount, "total_tax_amount": _tax(total, tax_rate),
    }
    if kind == "physical":
        line["product_url"] = f"https://shop.example/products/{_slug(reference)}"
        line["image_url"] = f"https://shop.example/images/{_slug(reference)}.jpg"
    line.update(extra)
    return line


def shipping_fee(name: str, price: int, tax_rate: int, reference: str = "SHIPPING") -> dict:
    return item(name, price, tax_rate, reference=reference, kind="shipping_fee")


def discount(name: str, amount: int, tax_rate: int, reference: str) -> dict:
    return item(name, -amount, tax_rate, reference=reference, kind="discount")


def sales_tax(name: str, amount: int) -> dict:
    """A US-style sales tax line: the whole line is tax."""
    line = item(name, amount, 0, reference="SALES-TAX", kind="sales_tax")
    line["total_tax_amount"] = amount
    return line


def payment(kind: str, description: str, instalments: int | None = None) -> dict:
    method = {"type": kind, "description": description}
    if instalments:
        method["number_of_installments"] = instalments
    return method


def parcel(company: str, method: str, tracking_number: str, tracking_host: str, *, returns: bool = False) -> dict:
    info = {
        "shipping_company": company, "shipping_method": method, "tracking_number": tracking_number,
        "tracking_uri": f"https://{tracking_host}/track?id={tracking_number}",
    }
    if returns:
        info.update(return_shipping_company=company, return_tracking_number=f"R{tracking_number}",
                    return_tracking_uri=f"https://{tracking_host}/track?id=R{tracking_number}")
    return info


def pickup_point(carrier: str, name: str, price: int, tax_rate: int, location: dict, addons=()) -> dict:
    return _shipping_option("pickup-point", "PickUpPoint", carrier, name, price, tax_rate, addons,
                            location=location, tms_id=location["id"])


def home_delivery(carrier: str, name: str, price: int, tax_rate: int, timeslot: dict, addons=()) -> dict:
    return _shipping_option("home-delivery", "Home", carrier, name, price, tax_rate, addons,
                            timeslot=timeslot, tms_id=timeslot["id"])


def _shipping_option(kind, method, carrier, name, price, tax_rate, addons, *, tms_id, **where) -> dict:
    return {
        "id": f"{_slug(carrier)}-{kind}", "name": name, "carrier": carrier,
        "class": "standard" if kind == "pickup-point" else "express", "method": method, "type": kind,
        "price": price, "tax_amount": _tax(price, tax_rate), "tax_rate": tax_rate, "tms_reference": f"tms-{_slug(tms_id)}",
        "carrier_product": {"identifier": f"{_slug(carrier)}-{_slug(name)}", "name": name},
        "selected_addons": list(addons), **where,
    }


def order(order_id, age_days, currency, country, locale, person, method, lines, steps=(), **extra) -> dict:
    body = {"order_id": order_id, "purchase_currency": currency, "purchase_country": country, "locale": locale,
            "order_amount": sum(line["total_amount"] for line in lines), "order_lines": lines,
            "initial_payment_method": method, **addresses(person), **extra}
    return {"age_days": age_days, "body": body, "steps": list(steps)}


def capture(day, lines=None, shipping=(), description=None, reference=None) -> dict:
    """Capture the given line indexes (all that remains when None)."""
    return {"action": "capture", "day": day, "lines": lines, "shipping_info": list(shipping),
            "description": description, "reference": reference}


def refund(day, amount, description, lines=()) -> dict:
    return {"action": "refund", "day": day, "amount": amount, "description": description, "lines": list(lines)}


def step(action, day, **details) -> dict:
    return {"action": action, "day": day, **details}
