"""Sandbox-only endpoints under ``/sandbox/``: create orders, inject faults, move the clock, read the request log."""

from __future__ import annotations

from functools import lru_cache

from flask import Blueprint, g, request, url_for

from . import model, order_factory, push
from .errors import Conflict, Unprocessable
from .faults import KINDS
from .pipeline import json_response, no_content, read_json_body, sandbox_state
from .validation import make_validator

admin = Blueprint("sandbox_admin", __name__, url_prefix="/sandbox")

FAULT_SCHEMA = {
    "type": "object",
    "required": ["path", "kind"],
    "additionalProperties": False,
    "properties": {
        "method": {"type": "string", "pattern": r"\*|[A-Za-z]+"},
        "path": {"type": "string", "minLength": 1, "maxLength": 1024},
        "kind": {"type": "string", "enum": list(KINDS)},
        "count": {"type": "integer", "minimum": 1, "maximum": 1000},
        "latency_ms": {"type": "integer", "minimum": 0, "maximum": 600000},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "error_code": {"type": "string", "minLength": 1, "maxLength": 100},
        "error_messages": {"type": "array", "maxItems": 10, "items": {"type": "string", "maxLength": 1000}},
        "retry_after": {"type": "integer", "minimum": 0, "maximum": 3600},
        "seconds": {"type": "number", "minimum": 0, "maximum": 600},
    },
}
FAULT_KIND_OPTIONS = {"latency": "latency_ms", "status": "status", "hang": "seconds"}
CLOCK_SCHEMA = {
    "type": "object",
    "required": ["advance_days"],
    "properties": {"advance_days": {"type": "number", "minimum": 0, "maximum": 3650}},
}


@lru_cache(maxsize=None)
def _validator(name: str):
    schemas = {"order": order_factory.new_order_schema, "fault": lambda: FAULT_SCHEMA, "clock": lambda: CLOCK_SCHEMA}
    return make_validator(schemas[name]())


@admin.post("/orders")
def create_order():
    body = read_json_body(_validator("order"))
    sandbox = sandbox_state()
    with sandbox.store.transaction() as store:
        now = sandbox.clock.now()
        order = order_factory.new_order(body, now)
        if store.order_exists(order["order_id"]):
            raise Conflict("CONFLICT", f"Order {order['order_id']} already exists")
        store.insert_order(g.account, order)
    push.announce(sandbox.push_url, order["order_id"])
    response = json_response(model.order_dto(order, now), status=201)
    response.headers["Location"] = url_for("klarna_om.get_order", order_id=order["order_id"], _external=True)
    return response


@admin.get("/orders")
def list_orders():
    sandbox = sandbox_state()
    now = sandbox.clock.now()
    return json_response({"orders": [model.summary(order, now) for order in sandbox.store.list_orders(g.account)]})


@admin.post("/faults")
def add_fault():
    body = read_json_body(_validator("fault"))
    option = FAULT_KIND_OPTIONS.get(body["kind"])
    if option and option not in body:
        raise Unprocessable("UNPROCESSABLE_ENTITY", f"The {option} value must not be null for a {body['kind']} fault")
    return json_response({"fault": sandbox_state().faults.add(body).describe()}, status=201)


@admin.get("/faults")
def list_faults():
    return json_response({"faults": sandbox_state().faults.describe()})


@admin.delete("/faults")
def clear_faults():
    sandbox_state().faults.clear()
    return no_content()


@admin.get("/clock")
def read_clock():
    return json_response(sandbox_state().clock.describe())


@admin.post("/clock")
def advance_clock():
    body = read_json_body(_validator("clock"))
    clock = sandbox_state().clock
    clock.advance(body["advance_days"])
    return json_response(clock.describe())


@admin.delete("/clock")
def reset_clock():
    clock = sandbox_state().clock
    clock.reset()
    return json_response(clock.describe())


@admin.get("/requests")
def list_requests():
    return json_response({"requests": sandbox_state().requests.entries(request.args.get("order_id"))})


@admin.delete("/requests")
def clear_requests():
    sandbox_state().requests.clear()
    return no_content()
