"""Order and fraud statuses in words staff understand."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatusView:
    code: str  # Klarna's value, e.g. PART_CAPTURED
    label: str  # the badge, e.g. "Partly captured"
    meaning: str  # one sentence: what it means for the next step
    css: str  # status--part-captured


STATUSES = {
    "AUTHORIZED": ("Authorized", "Payment approved; nothing captured yet."),
    "PART_CAPTURED": ("Partly captured", "Part of the order is captured; the rest can still be captured."),
    "CAPTURED": ("Captured", "Everything is captured; refunds are still possible."),
    "CANCELLED": ("Cancelled", "The order was cancelled; nothing can be captured."),
    "EXPIRED": ("Expired", "The authorization ran out; nothing more can be captured."),
    "CLOSED": ("Closed", "The rest of the authorization was released; nothing more can be captured."),
}


def order_status(code: str | None) -> StatusView:
    code = code or "UNKNOWN"
    label, meaning = STATUSES.get(code, (code.replace("_", " ").capitalize(), "A status this dashboard does not know."))
    return StatusView(code, label, meaning, "status--" + code.lower().replace("_", "-"))


@dataclass(frozen=True)
class FraudWarning:
    title: str
    advice: str


FRAUD = {
    "PENDING": FraudWarning(
        "Fraud check pending", "Klarna is still checking this order. Do not ship anything until it is accepted."
    ),
    "REJECTED": FraudWarning("Fraud check rejected", "Klarna rejected this order. Do not ship it; cancel the order."),
}


def fraud_warning(fraud_status: str | None) -> FraudWarning | None:
    """None when Klarna accepted the order; otherwise what to tell the agent."""
    if fraud_status == "ACCEPTED":
        return None
    if fraud_status in FRAUD:
        return FRAUD[fraud_status]
    shown = fraud_status or "missing"
    advice = "Klarna has not accepted this order. Check with Klarna before shipping."
    return FraudWarning(f"Fraud status {shown}", advice)
