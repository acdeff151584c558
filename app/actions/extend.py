"""Extend the authorization time: give staff longer to capture (Klarna's rule, 180 days at most)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from babel.dates import format_timedelta

from app.actions.base import Action, ActionRequest, Target, not_sent
from app.actions.registry import register
from app.actions.states import ended, not_possible
from app.display import NOTHING, UI_LOCALE, when
from app.forms.actions import NoInputForm
from app.klarna import KlarnaClient
from app.klarna.types import Order
from app.permissions import Permission

EXTENSION_DAYS = 28  # an extension runs to the end of the day this many days from today (UTC)
LONGEST_DAYS = 180  # never longer than this after the purchase


def latest_expiry(order: Order) -> datetime | None:
    """The latest an authorization can run: 180 days after the purchase."""
    return order.created_at + timedelta(days=LONGEST_DAYS) if order.created_at else None


def extended_expiry(order: Order, now: datetime) -> datetime | None:
    """When the authorization would expire if extended ``now``: the end of the day 28 days from
    today (UTC), but no later than 180 days after the purchase and never earlier than it is."""
    latest = latest_expiry(order)
    if order.expires_at is None or latest is None:
        return None
    wanted = datetime.combine(now.astimezone(UTC).date() + timedelta(days=EXTENSION_DAYS), time(23, 59, 59), UTC)
    return max(order.expires_at, min(wanted, latest))


@dataclass(frozen=True)
class ExtendRequest(ActionRequest):
    """``KlarnaClient.extend_authorization_time`` takes nothing but the order; the expiry before
    and the one expected after are kept for the confirmation, the message and the audit log."""

    expires_at: datetime | None = not_sent()
    until: datetime | None = not_sent()
    latest: datetime | None = not_sent()

    @classmethod
    def from_target(cls, target: Target) -> ExtendRequest:
        order = target.order
        return cls(order.expires_at, extended_expiry(order, datetime.now(UTC)), latest_expiry(order))

    def detail_items(self) -> list[tuple[str, Any]]:
        return [("expired at", when(self.expires_at)), ("until", when(self.until))]

    @property
    def reaches_the_limit(self) -> bool:
        return self.until is not None and self.until == self.latest


@register
class ExtendAction(Action[ExtendRequest]):
    name = "extend_authorization"
    label = "Extend authorization"
    title = "Extend the authorization time"
    permission = Permission.EXTEND_AUTHORIZATION
    form_class = NoInputForm.of(ExtendRequest)
    fields_template = "actions/extend_authorization/_fields.html"
    confirms = False
    noun = "extension"
    again = None

    def unavailable_reason(self, target: Target) -> str | None:
        return not_possible("Extending", ended(target.order) or self._no_gain(ExtendRequest.from_target(target)))

    @staticmethod
    def _no_gain(request: ExtendRequest) -> str | None:
        if request.expires_at is None or request.until is None or request.latest is None:
            return "Klarna did not say when the authorization expires"
        if request.expires_at >= request.latest:
            return (
                f"the authorization already runs until {when(request.expires_at)}, 180 days after the purchase, "
                "the longest Klarna allows"
            )
        if request.until <= request.expires_at:
            return (
                f"the authorization already runs until {when(request.expires_at)}; "
                "extending it today would not add any time"
            )
        return None

    def schedule(self, request: ExtendRequest) -> list[tuple[str, str]]:
        """(label, date) pairs the form shows: now, after extending, the limit."""
        gained = request.until - request.expires_at if request.until and request.expires_at else None
        later = f" ({format_timedelta(gained, locale=UI_LOCALE)} later)" if gained else ""
        return [
            ("Expires now", when(request.expires_at)),
            ("After extending", (when(request.until) if request.until else NOTHING) + later),
            ("Latest possible", f"{when(request.latest)} (180 days after the purchase)"),
        ]

    def perform(self, client: KlarnaClient, target: Target, request: ExtendRequest, key: str) -> str | None:
        client.extend_authorization_time(target.order_id, idempotency_key=key)
        return None

    def success_message(self, target: Target, request: ExtendRequest, result_id: str | None) -> str:
        return f"The authorization of order {target.reference} now runs until {when(request.until)}."
