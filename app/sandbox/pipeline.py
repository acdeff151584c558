"""The request pipeline shared by the Order Management endpoints.

``order_query`` loads the caller's order and answers JSON. ``order_mutation``, holding the store's
transaction, replays a remembered idempotent outcome or validates the body against the operation's
schema, loads the order, runs the rule, saves the order and remembers the outcome.
"""

from __future__ import annotations

import json
from functools import wraps

from flask import Response, current_app, g, request

from . import idempotency, validation
from .errors import Refused, no_such_order


def sandbox_state():
    return current_app.extensions["klarna_sandbox"]


def load_order(store, order_id: str) -> dict:
    order = store.load_order(g.account, order_id)
    if order is None:
        raise no_such_order(order_id)
    return order


def json_response(data, status: int = 200) -> Response:
    return Response(json.dumps(data), status=status, mimetype="application/json")


def no_content() -> Response:
    response = Response(status=204)
    del response.headers["Content-Type"]
    return response


def created(location: str, id_header: str, resource_id: str) -> Response:
    response = Response(status=201, headers={"Location": location, id_header: resource_id})
    del response.headers["Content-Type"]
    return response


def read_json_body(validator) -> dict:
    body = validation.parse_json(request.get_data(cache=True))
    validation.validate(validator, body)
    return body


def order_query(handler):
    """GET endpoint: ``handler(order, now, **path_params)`` returns JSON-ready data."""
    @wraps(handler)
    def view(order_id: str, **params):
        sandbox = sandbox_state()
        with sandbox.store.transaction() as store:
            order = load_order(store, order_id)
            now = sandbox.clock.now()
        return json_response(handler(order, now, **params))

    return view


def order_mutation(operation_id: str):
    """Mutating endpoint: ``handler(order, body, now, **path_params)`` changes the order, returns a Response.

    A remembered outcome for the idempotency key is replayed before anything else is looked at,
    since only the key counts; otherwise the body is validated, the order loaded and the rule run.
    """
    def decorate(handler):
        @wraps(handler)
        def view(order_id: str, **params):
            validator = validation.operation_validator(operation_id)
            key = request.headers.get(idempotency.HEADER)
            scope = idempotency.operation_scope(request.method, request.path)
            sandbox = sandbox_state()
            with sandbox.store.transaction() as store:
                now = sandbox.clock.now()
                previous = idempotency.replay(store, g.account, scope, key, now)
                if previous is not None:
                    return previous
                body = read_json_body(validator) if validator else None
                response = _apply(store, handler, load_order(store, order_id), body, now, params)
                idempotency.remember(store, g.account, scope, key, now, response)
            return response

        return view

    return decorate


def _apply(store, handler, order: dict, body, now, params: dict) -> Response:
    try:
        response = handler(order, body, now, **params)
    except Refused as refusal:
        return refusal.response()
    store.save_order(order)
    return response
