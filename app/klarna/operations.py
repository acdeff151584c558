"""The 18 operations of Klarna's Order Management API: method, path and retry rules."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

ORDERS_PATH = "/ordermanagement/v1/orders/{order_id}"

RETRY_STATUSES = frozenset({429, 502, 503, 504})
"""Statuses worth another attempt for every operation. Reads also retry 500."""


@dataclass(frozen=True)
class Operation:
    name: str
    method: str
    path: str  # below ORDERS_PATH

    @property
    def mutating(self) -> bool:
        """Mutating operations carry a ``Klarna-Idempotency-Key``."""
        return self.method != "GET"

    @property
    def retry_statuses(self) -> frozenset[int]:
        return RETRY_STATUSES if self.mutating else RETRY_STATUSES | {500}

    def path_for(self, **ids: str) -> str:
        """The request path with every id percent-encoded as one path segment."""
        return (ORDERS_PATH + self.path).format(**{name: _segment(value) for name, value in ids.items()})


def _segment(value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"An id must be a non-empty string, not {value!r}")
    encoded = quote(value, safe="")
    return encoded.replace(".", "%2E") if set(encoded) == {"."} else encoded


OPERATIONS: dict[str, Operation] = {
    operation.name: operation
    for operation in (
        Operation("get_order", "GET", ""),
        Operation("acknowledge", "POST", "/acknowledge"),
        Operation("update_authorization", "PATCH", "/authorization"),
        Operation("create_capture", "POST", "/captures"),
        Operation("list_captures", "GET", "/captures"),
        Operation("get_capture", "GET", "/captures/{capture_id}"),
        Operation("extend_due_date", "PATCH", "/captures/{capture_id}/extend-due-date"),
        Operation("get_extend_due_date_options", "GET", "/captures/{capture_id}/extend-due-date-options"),
        Operation("add_capture_shipping_info", "POST", "/captures/{capture_id}/shipping-info"),
        Operation("trigger_send_out", "POST", "/captures/{capture_id}/trigger-send-out"),
        Operation("update_customer_details", "PATCH", "/customer-details"),
        Operation("extend_authorization_time", "POST", "/extend-authorization-time"),
        Operation("update_merchant_references", "PATCH", "/merchant-references"),
        Operation("create_refund", "POST", "/refunds"),
        Operation("get_refund", "GET", "/refunds/{refund_id}"),
        Operation("release_remaining_authorization", "POST", "/release-remaining-authorization"),
        Operation("add_order_shipping_info", "POST", "/shipping-info"),
        Operation("cancel", "POST", "/cancel"),
    )
}
