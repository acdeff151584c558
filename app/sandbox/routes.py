"""The 18 operations of Klarna's Order Management API, at Klarna's paths.

Reads answer JSON; captures and refunds answer 201 with ``Location`` and ``Capture-Id`` /
``Refund-Id``; every other change answers 204 with no body.
"""

from __future__ import annotations

from flask import Blueprint, url_for

from . import capture_rules, due_dates, model, rules
from .pipeline import created, no_content, order_mutation, order_query

api = Blueprint("klarna_om", __name__, url_prefix="/ordermanagement/v1/orders")


@api.get("/<order_id>")
@order_query
def get_order(order, now):
    return model.order_dto(order, now)


@api.get("/<order_id>/captures")
@order_query
def list_captures(order, now):
    return [model.capture_dto(capture) for capture in order["captures"]]


@api.get("/<order_id>/captures/<capture_id>")
@order_query
def get_capture(order, now, capture_id):
    return model.capture_dto(model.find_capture(order, capture_id))


@api.get("/<order_id>/captures/<capture_id>/extend-due-date-options")
@order_query
def extend_due_date_options(order, now, capture_id):
    return due_dates.options(order, capture_id)


@api.get("/<order_id>/refunds/<refund_id>")
@order_query
def get_refund(order, now, refund_id):
    return model.refund_dto(model.find_refund(order, refund_id))


@api.post("/<order_id>/captures")
@order_mutation("captureOrder")
def create_capture(order, body, now):
    capture = capture_rules.create_capture(order, body, now)
    location = url_for(".get_capture", order_id=order["order_id"], capture_id=capture["capture_id"], _external=True)
    return created(location, "Capture-Id", capture["capture_id"])


@api.post("/<order_id>/refunds")
@order_mutation("refundOrder")
def create_refund(order, body, now):
    refund = capture_rules.create_refund(order, body, now)
    location = url_for(".get_refund", order_id=order["order_id"], refund_id=refund["refund_id"], _external=True)
    return created(location, "Refund-Id", refund["refund_id"])


# Operations answering 204: (method, path, operationId, rule applied to the order).
NO_CONTENT_OPERATIONS = (
    ("POST", "/<order_id>/acknowledge", "acknowledgeOrder",
     lambda order, body, now: rules.acknowledge(order, now)),
    ("PATCH", "/<order_id>/authorization", "updateAuthorization", rules.update_authorization),
    ("PATCH", "/<order_id>/captures/<capture_id>/extend-due-date", "extendDueDate",
     lambda order, body, now, capture_id: due_dates.extend_due_date(order, capture_id, body, now)),
    ("POST", "/<order_id>/captures/<capture_id>/shipping-info", "appendShippingInfo",
     lambda order, body, now, capture_id: capture_rules.add_capture_shipping_info(order, capture_id, body, now)),
    ("POST", "/<order_id>/captures/<capture_id>/trigger-send-out", "triggerSendOut",
     lambda order, body, now, capture_id: capture_rules.trigger_send_out(order, capture_id, now)),
    ("PATCH", "/<order_id>/customer-details", "updateConsumerDetails", rules.update_customer_details),
    ("POST", "/<order_id>/extend-authorization-time", "extendAuthorizationTime",
     lambda order, body, now: rules.extend_authorization_time(order, now)),
    ("PATCH", "/<order_id>/merchant-references", "updateMerchantReferences", rules.update_merchant_references),
    ("POST", "/<order_id>/release-remaining-authorization", "releaseRemainingAuthorization",
     lambda order, body, now: rules.release_remaining_authorization(order, now)),
    ("POST", "/<order_id>/shipping-info", "appendOrderShippingInfo", rules.add_order_shipping_info),
    ("POST", "/<order_id>/cancel", "cancelOrder", lambda order, body, now: rules.cancel(order, now)),
)


def _register_no_content(method: str, path: str, operation_id: str, rule) -> None:
    def view(order, body, now, **params):
        rule(order, body, now, **params)
        return no_content()

    view.__name__ = operation_id
    api.add_url_rule(path, endpoint=operation_id, view_func=order_mutation(operation_id)(view), methods=[method])


for _operation in NO_CONTENT_OPERATIONS:
    _register_no_content(*_operation)
