"""What Klarna offers for extending a capture's payment due date: each number of days with its fee.

``offered(client, target)`` makes the one extra call the due-date form needs
(``get_extend_due_date_options``). A 403 or 404 there means the payment method does not allow an
extension: it becomes a ``DueDateChoice`` without options that keeps Klarna's answer. Any other
failure is raised, like a failure to read the order.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.actions.base import Target
from app.actions.outcomes import Kind, Outcome, klarna_said
from app.klarna import KlarnaClient, NotAllowed, NotFound
from app.money import format_money_code


@dataclass(frozen=True)
class Offer:
    days: int
    fee: str  # in the currency Klarna names, for people: "SEK 29,00"


@dataclass(frozen=True)
class DueDateChoice:
    options: tuple[Offer, ...] = ()
    refusal: Outcome | None = None  # Klarna would not list options (its code and correlation id)

    def option(self, days: str | None) -> Offer | None:
        return next((offer for offer in self.options if str(offer.days) == days), None)


def offered(client: KlarnaClient, target: Target) -> DueDateChoice:
    try:
        answer = client.get_extend_due_date_options(target.order_id, target.capture_id or "")
    except (NotAllowed, NotFound) as error:
        refusal = Outcome(
            Kind.REFUSED,
            "Klarna offers no extension",
            f"Klarna said: {klarna_said(error)}",
            error_code=error.error_code,
            error_messages=tuple(error.error_messages),
            correlation_id=error.correlation_id,
        )
        return DueDateChoice(refusal=refusal)
    currency = (answer.currency or target.currency).upper()
    offers = [
        Offer(option.number_of_days, format_money_code(option.amount or 0, currency, target.locale))
        for option in answer.options
        if option.number_of_days
    ]
    return DueDateChoice(tuple(sorted(offers, key=lambda offer: offer.days)))
