"""KlarnaClient: the one way the dashboard talks to Klarna's Order Management API.

One client holds one ``requests.Session`` (connections are reused; its pool suits a threaded server).
Every method takes typed arguments, returns typed objects (or None for 204 answers) and raises a
``KlarnaError`` subclass when the call fails. Every mutating method sends a
``Klarna-Idempotency-Key``: pass ``idempotency_key=`` (the dashboard passes its ledger's key) or the
client makes a UUID4. Retries reuse the key, so Klarna carries an operation out at most once.

Defaults: connect timeout 3.05 s, read timeout 20 s, 3 attempts, backoff 0.25 s doubling up to 4 s
with jitter, ``Retry-After`` honoured up to 10 s.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import requests

from app.klarna.bounded import MAX_ANSWER_BYTES, bounded_session
from app.klarna.calls import OK, CallRecord, CallReporter, Observer
from app.klarna.codec import KlarnaObject, encode
from app.klarna.errors import AnswerTooLarge, KlarnaError, UnexpectedResponse, WrongOrder
from app.klarna.hosts import environment_of, resolve_base_url
from app.klarna.operations import OPERATIONS, Operation
from app.klarna.responses import (
    CORRELATION_HEADER,
    correlation_id_of,
    created_id,
    final_error,
    network_error,
    no_content,
    parse_as,
    parse_list_of,
    user_agent,
)
from app.klarna.transport import AnswerNotRead, Exchange, NetworkFailure, RetryPolicy, Transport
from app.klarna.types import Address, Capture, DueDateOptions, Order, OrderLine, Refund, ShippingInfo

DEFAULT_CONNECT_TIMEOUT = 3.05
DEFAULT_READ_TIMEOUT = 20.0
POOL_SIZE = 32
IDEMPOTENCY_HEADER = "Klarna-Idempotency-Key"


class KlarnaClient:
    def __init__(
        self,
        base_url: str,
        username: str,
        password: str,
        *,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = DEFAULT_READ_TIMEOUT,
        max_attempts: int = 3,
        backoff_base: float = 0.25,
        backoff_cap: float = 4.0,
        retry_after_cap: float = 10.0,
        sleep: Callable[[float], Any] = time.sleep,
        on_call: Observer | Iterable[Observer] | None = None,
        session: requests.Session | None = None,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
    ):
        """``base_url``: a preset such as ``eu-playground`` (see hosts.py) or any URL."""
        self.base_url = resolve_base_url(base_url)
        self.username = username
        self._owns_session = session is None
        self._session = session or _pooled_session(self.base_url)
        self._transport = Transport(
            self._session,
            auth=(username, password),
            timeout=(connect_timeout, read_timeout),
            policy=RetryPolicy(max_attempts, backoff_base, backoff_cap, retry_after_cap),
            sleep=sleep,
            max_answer_bytes=max_answer_bytes,
        )
        self._reporter = CallReporter(on_call)
        self._worst_case = _worst_case_seconds(connect_timeout, read_timeout, self._transport.policy)

    @property
    def environment(self) -> str:
        """``live``, ``playground`` or ``sandbox``."""
        return environment_of(self.base_url)

    @property
    def longest_call_seconds(self) -> float:
        """An upper bound on one call's duration: every attempt ending at its deadline (its connect
        and read timeouts added up, however slowly the answer comes) and the longest waits between
        them. A caller that sees no outcome after this long knows the call is over."""
        return self._worst_case

    def __repr__(self) -> str:
        return f"KlarnaClient({self.base_url!r}, username={self.username!r})"

    def close(self) -> None:
        if self._owns_session:
            self._session.close()

    def __enter__(self) -> KlarnaClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- orders ---------------------------------------------------------------------------------

    def get_order(self, order_id: str) -> Order:
        return self._call("get_order", parse_as(Order), order_id=order_id)

    def acknowledge(self, order_id: str, *, idempotency_key: str | None = None) -> None:
        self._call("acknowledge", no_content, order_id=order_id, key=idempotency_key)

    def update_authorization(
        self,
        order_id: str,
        order_amount: int,
        *,
        description: str | None = None,
        order_lines: Sequence[OrderLine] | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Change the authorized amount (not below what is captured)."""
        body = _body(
            order_amount=_amount(order_amount),
            description=description,
            order_lines=_all(order_lines, OrderLine),
        )
        self._call("update_authorization", no_content, order_id=order_id, key=idempotency_key, body=body)

    def update_customer_details(
        self, order_id: str, shipping_address: Address, *, idempotency_key: str | None = None
    ) -> None:
        """Replace the shipping address (the only customer detail Klarna lets merchants change)."""
        body = _body(shipping_address=_one(shipping_address, Address))
        self._call("update_customer_details", no_content, order_id=order_id, key=idempotency_key, body=body)

    def extend_authorization_time(self, order_id: str, *, idempotency_key: str | None = None) -> None:
        self._call("extend_authorization_time", no_content, order_id=order_id, key=idempotency_key)

    def update_merchant_references(
        self,
        order_id: str,
        *,
        merchant_reference1: str | None = None,
        merchant_reference2: str | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        """Set either or both references; a reference left as None is not changed."""
        body = _body(merchant_reference1=merchant_reference1, merchant_reference2=merchant_reference2)
        ids = {"order_id": order_id}
        self._call("update_merchant_references", no_content, **ids, key=idempotency_key, body=body)

    def release_remaining_authorization(self, order_id: str, *, idempotency_key: str | None = None) -> None:
        self._call("release_remaining_authorization", no_content, order_id=order_id, key=idempotency_key)

    def add_order_shipping_info(
        self, order_id: str, shipping_info: Sequence[ShippingInfo], *, idempotency_key: str | None = None
    ) -> None:
        body = _body(shipping_info=_all(shipping_info, ShippingInfo))
        self._call("add_order_shipping_info", no_content, order_id=order_id, key=idempotency_key, body=body)

    def cancel(self, order_id: str, *, idempotency_key: str | None = None) -> None:
        self._call("cancel", no_content, order_id=order_id, key=idempotency_key)

    # --- captures -------------------------------------------------------------------------------

    def create_capture(
        self,
        order_id: str,
        captured_amount: int,
        *,
        description: str | None = None,
        reference: str | None = None,
        order_lines: Sequence[OrderLine] | None = None,
        shipping_info: Sequence[ShippingInfo] | None = None,
        shipping_delay: int | None = None,
        idempotency_key: str | None = None,
    ) -> str:
        """Capture an amount (minor units); returns the new capture's id."""
        body = _body(
            captured_amount=_amount(captured_amount),
            description=description,
            reference=reference,
            order_lines=_all(order_lines, OrderLine),
            shipping_info=_all(shipping_info, ShippingInfo),
            shipping_delay=shipping_delay,
        )
        parse = created_id("Capture-Id")
        return self._call("create_capture", parse, order_id=order_id, key=idempotency_key, body=body)

    def list_captures(self, order_id: str) -> list[Capture]:
        return self._call("list_captures", parse_list_of(Capture), order_id=order_id)

    def get_capture(self, order_id: str, capture_id: str) -> Capture:
        return self._call("get_capture", parse_as(Capture), order_id=order_id, capture_id=capture_id)

    def extend_due_date(
        self, order_id: str, capture_id: str, number_of_days: int, *, idempotency_key: str | None = None
    ) -> None:
        """Extend a pay-later capture's due date by one of the offered numbers of days."""
        body = {"number_of_days": _integer(number_of_days)}
        ids = {"order_id": order_id, "capture_id": capture_id}
        self._call("extend_due_date", no_content, **ids, key=idempotency_key, body=body)

    def get_extend_due_date_options(self, order_id: str, capture_id: str) -> DueDateOptions:
        parse = parse_as(DueDateOptions)
        return self._call("get_extend_due_date_options", parse, order_id=order_id, capture_id=capture_id)

    def add_capture_shipping_info(
        self,
        order_id: str,
        capture_id: str,
        shipping_info: Sequence[ShippingInfo],
        *,
        idempotency_key: str | None = None,
    ) -> None:
        body = _body(shipping_info=_all(shipping_info, ShippingInfo))
        ids = {"order_id": order_id, "capture_id": capture_id}
        self._call("add_capture_shipping_info", no_content, **ids, key=idempotency_key, body=body)

    def trigger_send_out(self, order_id: str, capture_id: str, *, idempotency_key: str | None = None) -> None:
        """Ask Klarna to send the customer the invoice or payment details for a capture again."""
        ids = {"order_id": order_id, "capture_id": capture_id}
        self._call("trigger_send_out", no_content, **ids, key=idempotency_key)

    # --- refunds --------------------------------------------------------------------------------

    def create_refund(
        self,
        order_id: str,
        refunded_amount: int,
        *,
        description: str | None = None,
        reference: str | None = None,
        order_lines: Sequence[OrderLine] | None = None,
        idempotency_key: str | None = None,
    ) -> str:
        """Refund an amount (minor units); returns the new refund's id."""
        body = _body(
            refunded_amount=_amount(refunded_amount),
            description=description,
            reference=reference,
            order_lines=_all(order_lines, OrderLine),
        )
        parse = created_id("Refund-Id")
        return self._call("create_refund", parse, order_id=order_id, key=idempotency_key, body=body)

    def get_refund(self, order_id: str, refund_id: str) -> Refund:
        return self._call("get_refund", parse_as(Refund), order_id=order_id, refund_id=refund_id)

    # --- the one request path -------------------------------------------------------------------

    def _call(
        self,
        name: str,
        parse: Callable[[requests.Response], Any],
        *,
        order_id: str,
        key: str | None = None,
        body: dict[str, Any] | None = None,
        **ids: str,
    ) -> Any:
        operation = OPERATIONS[name]
        path = operation.path_for(order_id=order_id, **ids)
        headers = {"Accept": "application/json", "User-Agent": user_agent()}
        if operation.mutating:
            key = headers[IDEMPOTENCY_HEADER] = _idempotency_key(key)
        started = time.monotonic()
        response, attempts, outcome, correlation_id = None, 0, OK, None
        try:
            exchange = self._send(operation, path, headers, body, order_id)
            response, attempts = exchange.response, exchange.attempts
            correlation_id = correlation_id_of(response)
            return _read(exchange, operation, parse, order_id)
        except Exception as error:
            outcome = type(error).__name__
            if isinstance(error, KlarnaError):
                attempts, correlation_id = error.attempts, error.correlation_id
            raise
        finally:
            record = CallRecord(
                operation=name,
                method=operation.method,
                path=path,
                order_id=order_id,
                status=response.status_code if response is not None else None,
                attempts=attempts,
                duration_ms=round((time.monotonic() - started) * 1000),
                correlation_id=correlation_id,
                idempotency_key=key,
                outcome=outcome,
            )
            self._reporter.report(record)

    def _send(self, operation: Operation, path: str, headers: dict, body: Any, order_id: str) -> Exchange:
        try:
            return self._transport.send(
                operation.method,
                self.base_url + path,
                headers=headers,
                json=body,
                retry_statuses=operation.retry_statuses,
            )
        except NetworkFailure as failure:
            raise network_error(failure, operation.name, order_id) from failure
        except AnswerNotRead as unread:
            raise AnswerTooLarge(
                f"Klarna's answer was larger than {unread.max_bytes} bytes and was not read",
                operation=operation.name,
                status=unread.response.status_code,
                correlation_id=unread.response.headers.get(CORRELATION_HEADER),
                order_id=order_id,
                attempts=unread.attempts,
            ) from unread


def _read(exchange: Exchange, operation: Operation, parse, order_id: str) -> Any:
    response = exchange.response
    if not 200 <= response.status_code < 300:
        raise final_error(exchange, operation, order_id)
    try:
        result = parse(response)
    except ValueError as error:
        message = f"could not read Klarna's answer: {error}"
        raise _unexpected(UnexpectedResponse, message, exchange, operation, order_id) from error
    if isinstance(result, Order) and (result.order_id or "").lower() != order_id.lower():
        message = f"Klarna answered with order {result.order_id!r} when asked for {order_id!r}"
        raise _unexpected(WrongOrder, message, exchange, operation, order_id)
    return result


def _unexpected(
    kind: type[UnexpectedResponse], message: str, exchange: Exchange, operation: Operation, order_id: str
) -> UnexpectedResponse:
    return kind(
        message,
        operation=operation.name,
        status=exchange.response.status_code,
        correlation_id=correlation_id_of(exchange.response),
        order_id=order_id,
        attempts=exchange.attempts,
    )


def _worst_case_seconds(connect_timeout: float, read_timeout: float, policy: RetryPolicy) -> float:
    attempts = policy.max_attempts
    waits = sum(policy.longest_wait(attempt) for attempt in range(1, attempts))
    return attempts * (connect_timeout + read_timeout) + waits


def _pooled_session(base_url: str) -> requests.Session:
    """A session for one Klarna host whose attempts can be cut at their deadline. What requests would
    read from the environment at every call (the proxy for this host, ``REQUESTS_CA_BUNDLE`` /
    ``CURL_CA_BUNDLE``) is read once, here."""
    session = bounded_session(POOL_SIZE)
    session.proxies.update(requests.utils.get_environ_proxies(base_url))
    session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
    session.trust_env = False
    return session


def _idempotency_key(given: str | None) -> str:
    if given is None:
        return str(uuid.uuid4())
    if not isinstance(given, str) or not given.strip():
        raise ValueError("idempotency_key must be a non-empty string")
    return given


def _body(**fields: Any) -> dict[str, Any]:
    """A request body from typed values: None is left out, Klarna objects become JSON."""
    return {name: encode(value) for name, value in fields.items() if value is not None}


def _integer(value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"Expected an int, not {type(value).__name__}")
    return value


_amount = _integer  # amounts are int minor units; app.money converts from what staff type


def _one(value: KlarnaObject, kind: type[KlarnaObject]) -> KlarnaObject:
    if not isinstance(value, kind):
        raise TypeError(f"Expected {kind.__name__}, not {type(value).__name__}")
    return value


def _all(values: Sequence[KlarnaObject] | None, kind: type[KlarnaObject]) -> list | None:
    if values is None:
        return None
    return [_one(value, kind) for value in values]
