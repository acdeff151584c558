"""Order and fraud statuses in words staff understand."""

from __future__ import annotations

from dataclasses import dataclass

from app.vocabulary import status_words


@dataclass(frozen=True)
class StatusView:
    code: str  # Klarna's value, e.g. PART_CAPTURED
    label: str  # the badge, e.g. "Partly captured"
    meaning: str  # one sentence: what it means for the next step
    css: str  # status--part-captured


def order_status(code: str | None) -> StatusView:
    code = code or "UNKNOWN"
    label, meaning = status_words(code)
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
