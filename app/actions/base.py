"""What an action is: the definition every money operation and edit provides.

An action is a subclass of ``Action`` (one module in ``app/actions/``, registered with
``@register``) plus a form (``app/forms/``) and the template of the form's fields. The generic view
(``app/views/actions.py``) and the service (``app/actions/service.py``) do everything else: keys,
permission checks, validation against a fresh order, confirmation, the call, audit and messages.
"""

from __future__ import annotations

import hashlib
import json
import typing
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from app.actions import lines
from app.klarna.codec import encode
from app.klarna.types import Capture, Order
from app.models.audit import Subject
from app.money import format_amount_input, format_money_code
from app.permissions import Permission

if TYPE_CHECKING:
    from app.actions.outcomes import Outcome
    from app.forms.actions import ActionForm
    from app.klarna import KlarnaClient, KlarnaError

ORDER_SCOPE = "order"
CAPTURE_SCOPE = "capture"


@dataclass(frozen=True)
class Target:
    """What an action works on: an order as Klarna just returned it (and one of its captures)."""

    store: str
    order: Order
    capture: Capture | None = None
    extra: Any = None  # what ``Action.prepare`` read beyond the order (e.g. the due-date options)

    @property
    def order_id(self) -> str:
        return self.order.order_id or ""

    @property
    def capture_id(self) -> str | None:
        return self.capture.capture_id if self.capture else None

    @property
    def currency(self) -> str:
        return self.order.purchase_currency or ""

    @property
    def locale(self) -> str | None:
        return self.order.locale

    @property
    def reference(self) -> str:
        """How staff name the order: Klarna's short reference, else the order id."""
        return self.order.klarna_reference or self.order_id

    @property
    def capture_reference(self) -> str:
        """How staff name the capture: Klarna's reference, else its id ("" without a capture)."""
        return (self.capture.klarna_reference or self.capture_id or "") if self.capture else ""

    def money(self, minor: int) -> str:
        """An amount for messages and confirmations: ``SEK 1 250,00``."""
        return format_money_code(minor, self.currency, self.locale)

    def typed(self, minor: int) -> str:
        """An amount the way staff would type it: ``1250,00``."""
        return format_amount_input(minor, self.currency, self.locale)


@dataclass(frozen=True)
class ActionRequest:
    """Typed arguments for one client call, built by a valid form. Subclasses add their fields;
    ``arguments()`` gives the keyword arguments of the client method (no ids, no key)."""

    def arguments(self) -> dict[str, Any]:
        return {each.name: getattr(self, each.name) for each in fields(self) if each.metadata.get("sent", True)}

    def confirmed_values(self) -> dict[str, Any]:
        """What staff confirm: the arguments, and values not sent but shown (a fee Klarna charges)."""
        return {
            each.name: getattr(self, each.name)
            for each in fields(self)
            if each.metadata.get("sent", True) or each.metadata.get("shown", False)
        }

    @property
    def amount(self) -> int | None:
        """The amount of money this request moves (minor units), if any."""
        return None

    def lines_summary(self) -> str | None:
        order_lines = getattr(self, "order_lines", None)
        return lines.summary(order_lines) if order_lines else None

    @classmethod
    def from_target(cls, target: Target) -> ActionRequest:
        """The request of an action whose form asks nothing (``NoInputForm``): it follows from the
        order alone. Here: no arguments at all (acknowledge and send-out send only the ids)."""
        return cls()

    def details(self) -> str | None:
        """Everything else worth keeping in the audit log, in a line."""
        parts = [f"{label}: {value}" for label, value in self.detail_items() if value not in (None, "")]
        return "; ".join(parts) or None

    def detail_items(self) -> list[tuple[str, Any]]:
        """(label, value) pairs for ``details()``; empty values are left out."""
        return []


def not_sent(shown: bool = False) -> Any:
    """Marks a request field that is for us (the form's mode, say), not for Klarna. ``shown``: staff
    confirm it (a fee Klarna will charge), so a change asks them to confirm again."""
    return field(default=None, metadata={"sent": False, "shown": shown})


@dataclass(frozen=True)
class WholeOrderRequest(ActionRequest):
    """A call that takes nothing but the order (cancel, release). The order's amount it concerns
    (the field ``amount_of`` names) is kept for the confirmation and the audit log, never sent."""

    amount_of: ClassVar[str]
    concerned: int | None = not_sent()

    @classmethod
    def from_target(cls, target: Target) -> WholeOrderRequest:
        return cls(getattr(target.order, cls.amount_of) or 0)

    @property
    def amount(self) -> int | None:
        return self.concerned


@dataclass(frozen=True)
class Confirmation:
    """What staff confirm before the call: one sentence, the facts, and the consequence if any."""

    sentence: str
    facts: tuple[tuple[str, str], ...] = ()
    consequence: str | None = None


def capture_facts(target: Target) -> tuple[tuple[str, str], ...]:
    """The facts of a confirmation about one capture: which capture of which order, and its amount."""
    captured = target.money(target.capture.captured_amount or 0) if target.capture else ""
    return (("Capture", f"{target.capture_reference}: {captured} captured"), ("Order", target.reference))


Request = TypeVar("Request", bound=ActionRequest)


class Action(Generic[Request]):
    """One operation staff can perform on an order (or on one of its captures); ``Request`` is the
    typed request its form produces."""

    name: ClassVar[str]  # URL segment; the ledger's and audit log's operation
    label: ClassVar[str]  # "Capture": the menu entry
    title: ClassVar[str]  # "Capture money": the form's heading
    noun: ClassVar[str | None] = None  # one attempt in messages ("cancellation"); default: the label
    permission: ClassVar[Permission]
    form_class: ClassVar[type[ActionForm]]
    fields_template: ClassVar[str]  # the form's fields and buttons, inside the generic form
    scope: ClassVar[str] = ORDER_SCOPE
    confirms: ClassVar[bool] = True  # money and destructive operations ask before they act
    confirm_label: ClassVar[str] = "Confirm"
    result_label: ClassVar[str] = "Created id"  # what the id an operation creates is called
    danger: ClassVar[bool] = False  # the confirm button is red
    own_page: ClassVar[bool] = False  # the form needs a whole page's width: the menu opens it there
    again: ClassVar[str | None] = "New {noun}"  # the result's link to a fresh form; None: done once, no link
    decline_label: ClassVar[str] = "Back to the order"  # leaves the confirmation of a form that asks nothing
    in_menu: ClassVar[bool] = True  # listed in the actions menu (False: offered where its value is shown)
    # Editing one value in place (htmx only): the parts that can be edited alone, the template of the
    # small form and the one shown after saving (see ``app/views/actions.py``).
    inline_parts: ClassVar[tuple[str, ...]] = ()
    inline_form_template: ClassVar[str | None] = None
    inline_result_template: ClassVar[str | None] = None

    @classmethod
    def request_type(cls) -> type[ActionRequest]:
        """``SomeRequest`` of ``Action[SomeRequest]``: what a request kept in the ledger is read back into."""
        for klass in cls.__mro__:
            for base in getattr(klass, "__orig_bases__", ()):
                if typing.get_origin(base) is Action:
                    (request_type,) = typing.get_args(base)
                    if isinstance(request_type, type) and issubclass(request_type, ActionRequest):
                        return request_type
        raise TypeError(f"{cls.__name__} must derive from Action[SomeRequest]")

    @property
    def called(self) -> str:
        """How messages name one attempt, in lower case: "capture", "cancellation"."""
        return self.noun or self.label.lower()

    def again_label(self) -> str | None:
        """The result's link to a fresh form: "New capture"."""
        return self.again.format(noun=self.called) if self.again else None

    def prepare(self, client: KlarnaClient, target: Target) -> Target:
        """Read what the form needs beyond the order (one more Klarna call), as ``target.extra``.
        Called before the form is shown and again before it is validated; most actions need nothing."""
        return target

    def unavailable_reason(self, target: Target) -> str | None:
        """Why this action cannot be done on the order as it is now, in words staff understand."""
        return None

    def unavailable_details(self, target: Target) -> Outcome | None:
        """Klarna's answer behind ``unavailable_reason``, if it came from one (code, correlation id)."""
        return None

    def refusal_advice(self, error: KlarnaError) -> str | None:
        """What staff can do when Klarna refuses this action with ``error``, beyond Klarna's words."""
        return None

    def confirmation(self, target: Target, request: Request) -> Confirmation:
        """What staff confirm (only asked when ``confirms``)."""
        raise NotImplementedError

    def perform(self, client: KlarnaClient, target: Target, request: Request, key: str) -> str | None:
        """Make the call with ``key`` as the idempotency key; return the created id, if any."""
        raise NotImplementedError

    def success_message(self, target: Target, request: Request, result_id: str | None) -> str:
        raise NotImplementedError

    def subject(self, target: Target, request: Request | None = None) -> Subject:
        """The audit log's description of what this attempt was about."""
        return Subject(
            store=target.store,
            order_id=target.order_id,
            operation=self.name,
            capture_id=target.capture_id,
            amount=request.amount if request else None,
            currency=target.currency or None,
            lines_summary=request.lines_summary() if request else None,
            details=request.details() if request else None,
        )

    def fingerprint(self, target: Target, request: Request) -> str:
        """A hash of everything that would be sent (and shown values staff confirm): the same form
        sent twice gives the same value."""
        document = {
            "operation": self.name,
            "store": target.store,
            "order_id": target.order_id,
            "capture_id": target.capture_id,
            "arguments": encode(request.confirmed_values()),
        }
        text = json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        return hashlib.sha256(text.encode()).hexdigest()

