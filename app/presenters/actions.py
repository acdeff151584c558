"""What an action's form shows beside its fields, from the presenters: the billing address that
cannot change beside the new shipping address, who acknowledged the order from this dashboard."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.actions import Target
from app.presenters.history import actions_on
from app.presenters.people import present_address
from app.presenters.timeline import acknowledgement


def _billing(target: Target) -> dict[str, Any]:
    return {"billing": present_address(target.order.billing_address)}


def _acknowledged(target: Target) -> dict[str, Any]:
    return {"acknowledged": acknowledgement(actions_on(target.order, target.store))}


BESIDE_FORM: dict[str, Callable[[Target], dict[str, Any]]] = {
    "shipping_address": _billing,
    "acknowledge": _acknowledged,
}


def beside_form(action_name: str, target: Target) -> dict[str, Any]:
    """The values the action's templates show beside the form (none for most actions)."""
    shown = BESIDE_FORM.get(action_name)
    return shown(target) if shown else {}
