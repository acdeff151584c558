"""Puts the demo orders into an empty sandbox, once, for the first account.

Each demo order is created and taken through its steps with the same rules the API applies,
at times relative to the first start, so amounts, statuses and snapshots are consistent.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

from . import capture_rules, model, order_factory, rules
from .clock import isoformat
from .demo_ids import demo_capture_id, demo_refund_id
from .demo_orders_many import many_orders
from .demo_orders_open import AUTHORIZED
from .demo_orders_settled import CAPTURED, CLOSED, PART_CAPTURED
from .state import SandboxState

SEEDED_SETTING = "demo_orders_seeded_at"


def demo_orders() -> list[dict]:
    return AUTHORIZED + PART_CAPTURED + CAPTURED + CLOSED + many_orders()


def seed_demo_orders(state: SandboxState) -> int:
    """Create the demo orders unless this database was seeded before; returns how many were created."""
    with state.store.transaction() as store:
        if store.get_setting(SEEDED_SETTING):
            return 0
        now = state.clock.now()
        orders = [build_order(spec, now) for spec in demo_orders()]
        for order in orders:
            store.insert_order(state.first_account, order)
        store.set_setting(SEEDED_SETTING, isoformat(now))
    return len(orders)


def build_order(spec: dict, now: datetime) -> dict:
    created = now - timedelta(days=spec["age_days"])
    order = order_factory.new_order(copy.deepcopy(spec["body"]), created)
    for step in spec["steps"]:
        STEPS[step["action"]](order, step, created + timedelta(days=step["day"]))
    return order


def _lines(order: dict, step: dict) -> list[dict]:
    indexes = step.get("lines")
    return order["order_lines"] if indexes is None else [order["order_lines"][index] for index in indexes]


def _without_empty(body: dict) -> dict:
    return {name: value for name, value in body.items() if value is not None}


def _capture(order: dict, step: dict, moment: datetime) -> None:
    lines = _lines(order, step)
    amount = (model.remaining_authorized_amount(order, moment) if step["lines"] is None
              else sum(line["total_amount"] for line in lines))
    body = {"captured_amount": amount, "order_lines": lines, "shipping_info": step["shipping_info"],
            "description": step["description"], "reference": step["reference"]}
    capture_id = demo_capture_id(order["order_id"], len(order["captures"]) + 1)
    capture_rules.create_capture(order, _without_empty(body), moment, capture_id=capture_id)


def _refund(order: dict, step: dict, moment: datetime) -> None:
    body = {"refunded_amount": step["amount"], "description": step["description"], "order_lines": _lines(order, step)}
    refund_id = demo_refund_id(order["order_id"], len(order["refunds"]) + 1)
    capture_rules.create_refund(order, body, moment, refund_id=refund_id)


def _update_authorization(order: dict, step: dict, moment: datetime) -> None:
    lines = [order["order_lines"][index] for index in step["keep_lines"]]
    body = {"order_amount": sum(line["total_amount"] for line in lines), "order_lines": lines,
            "description": step["description"]}
    rules.update_authorization(order, body, moment)


STEPS = {
    "capture": _capture,
    "refund": _refund,
    "update_authorization": _update_authorization,
    "order_shipping_info": lambda order, step, moment: rules.add_order_shipping_info(order, step, moment),
    "cancel": lambda order, step, moment: rules.cancel(order, moment),
    "release": lambda order, step, moment: rules.release_remaining_authorization(order, moment),
}
