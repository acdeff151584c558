"""The one view flow every action uses: GET form -> POST validate -> confirm -> execute.

* ``GET  /orders/<id>/actions/<name>``: the form, with a freshly minted idempotency key (or the
  reason the action is not possible now).
* ``POST`` the same URL: the order is read again (one ``get_order``), the key checked, the form
  validated against that fresh order (422 with field errors, nothing sent), then the confirmation
  is shown; confirming claims the key and calls Klarna through ``app.actions.service``.
* Capture-scoped actions live under ``/orders/<id>/captures/<capture_id>/actions/<name>``.
* ``?inline=<part>`` (htmx only, for actions with ``inline_parts``): the form edits one value in
  place (a merchant reference in the summary): the small form and, after saving, the value itself
  answer into the element that asked; every other answer goes to ``#action-area``.
* ``GET .../actions/<name>/keys/<key>``: how a form that is being sent right now ended (polled).

Answers are fragments for ``#action-area`` with htmx, whole pages without it; success redirects
(POST/redirect/GET) with a flash without htmx (to the order page, or to the capture's page for an
action on a capture), and triggers ``order-updated`` with it.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, flash, make_response, request
from flask_login import current_user

from app import htmx, upstream
from app.actions import offered  # noqa: F401  (registers every action)
from app.actions import registry, service
from app.actions.base import CAPTURE_SCOPE, ORDER_SCOPE, Action, ActionRequest, Target
from app.actions.outcomes import SENT_BEFORE, Kind, Outcome
from app.forms.actions import ActionForm
from app.klarna import KlarnaError
from app.klarna.types import Capture
from app.models.audit import Actor
from app.models.ledger import LedgerKey
from app.permissions import can, signed_in
from app.presenters.actions import beside_form

bp = Blueprint("actions", __name__)

ORDER_RULE = "/orders/<uuid:order_id>/actions/<name>"
CAPTURE_RULE = "/orders/<uuid:order_id>/captures/<capture_id>/actions/<name>"
PAGE = "actions/page.html"
REFRESH_SECONDS = 2  # how often a "still in progress" page reloads itself without JavaScript
FORM = "actions/_form.html"
RESULT = "actions/_result.html"
ORDER_UPDATED = "order-updated"
ACTION_AREA = "#action-area"
INLINE_ARG = "inline"


@bp.get(ORDER_RULE)
@bp.get(CAPTURE_RULE)
@signed_in
def form(order_id: Any, name: str, capture_id: str | None = None) -> Any:
    return Flow.start(name, str(order_id), capture_id).show_form()


@bp.post(ORDER_RULE)
@bp.post(CAPTURE_RULE)
@signed_in
def submit(order_id: Any, name: str, capture_id: str | None = None) -> Any:
    return Flow.start(name, str(order_id), capture_id).submit()


@bp.get(ORDER_RULE + "/keys/<key>")
@bp.get(CAPTURE_RULE + "/keys/<key>")
@signed_in
def status(order_id: Any, name: str, key: str, capture_id: str | None = None) -> Any:
    """How the attempt that holds ``key`` stands: polled by a "still in progress" answer."""
    action = _permitted(name, capture_id)
    row = LedgerKey.find(key)
    if row is None or (row.order_id, row.operation, row.capture_id) != (str(order_id), action.name, capture_id):
        abort(404)
    outcome = service.progress(row, action, upstream.client(row.store))
    ids = {"capture_id": capture_id} if capture_id else {}
    page = "orders.capture" if capture_id else "orders.show"
    context = {
        "action": action,
        "outcome": outcome,
        "status_url": request.full_path.rstrip("?"),
        "back_url": upstream.url_for_order(page, row.order_id, row.store, **ids),
        "new_form_url": upstream.url_for_order("actions.form", row.order_id, row.store, name=action.name, **ids),
    }
    if outcome.kind is Kind.IN_PROGRESS:
        return htmx.render(PAGE, "actions/_pending.html", body="actions/_pending.html", **_polling(context)), 202
    response = make_response(htmx.render(PAGE, "actions/_notice.html", body="actions/_notice.html", **context))
    return htmx.trigger(response, ORDER_UPDATED) if outcome.succeeded else response


def _polling(context: dict[str, Any]) -> dict[str, Any]:
    """The context of a "still in progress" answer: as a page, it reloads its status URL every few seconds."""
    return {**context, "refresh_url": context["status_url"], "refresh_seconds": REFRESH_SECONDS}


@bp.app_template_global("action_menu")
def action_menu(
    loaded: upstream.LoadedOrder, capture: Capture | str | None = None
) -> list[tuple[registry.MenuEntry, str]]:
    """The actions this user may perform on the order (or on one of its captures, given as the
    capture or its id), each with its form's URL (template global: ``action_menu(loaded)``,
    ``action_menu(loaded, capture)``)."""
    if isinstance(capture, str):
        capture = loaded.order.find_capture(capture)
        if capture is None:
            return []
    target = Target(loaded.store.key, loaded.order, capture)
    scope = CAPTURE_SCOPE if capture else ORDER_SCOPE
    ids = {"capture_id": capture.capture_id} if capture else {}
    return [
        (entry, upstream.order_url("actions.form", loaded, name=entry.action.name, **ids))
        for entry in registry.menu(target, can, scope)
    ]


@bp.app_template_global("action_url")
def action_url(loaded: upstream.LoadedOrder, name: str, **values: Any) -> str | None:
    """The form's URL of one order action, if this user may use it on the order now; else None
    (template global, for an action offered where its value is shown)."""
    action = registry.get(name)
    if action is None or action.scope != ORDER_SCOPE or not can(action.permission):
        return None
    if action.unavailable_reason(Target(loaded.store.key, loaded.order)):
        return None
    return upstream.order_url("actions.form", loaded, name=name, **values)


def _permitted(name: str, capture_id: str | None) -> Action:
    """The action, if it exists at this URL and the user may perform it (404 / 403 otherwise)."""
    action = registry.get(name)
    if action is None or action.scope != (CAPTURE_SCOPE if capture_id else ORDER_SCOPE):
        abort(404)
    if not can(action.permission):
        abort(403)
    return action


def _target(loaded: upstream.LoadedOrder, capture_id: str | None) -> Target | None:
    """What the action works on; None if the order has no such capture."""
    capture = None
    if capture_id is not None:
        capture = loaded.order.find_capture(capture_id)
        if capture is None:
            return None
    return Target(loaded.store.key, loaded.order, capture)


def _actor() -> Actor:
    return Actor(current_user.id, current_user.username, request.remote_addr)


class Flow:
    """One request to one action's form, on one freshly read order."""

    def __init__(self, action: Action, loaded: upstream.LoadedOrder, target: Target):
        self.action = action
        self.loaded = loaded
        self.client = upstream.client(loaded.store)
        self.target = action.prepare(self.client, target)
        self.inline = self._inline_part()

    @classmethod
    def start(cls, name: str, order_id: str, capture_id: str | None) -> Flow:
        action = _permitted(name, capture_id)  # before any call to Klarna
        loaded = upstream.load_order(order_id, request.args.get(upstream.STORE_ARG) or None)
        return cls(action, loaded, _target(loaded, capture_id) or abort(404))

    def _reload(self) -> None:
        """Read the order again (Klarna refused: it may have changed meanwhile). If that fails too,
        or the capture is gone, keep the order as it was read at first: the refusal still shows."""
        try:
            loaded = upstream.load_order(self.loaded.order_id, self.loaded.store.key)
            target = _target(loaded, self.target.capture_id)
            if target is not None:
                self.loaded, self.target = loaded, self.action.prepare(self.client, target)
        except (KlarnaError, upstream.OrderNotFound):
            return

    def _inline_part(self) -> str | None:
        """The one value edited in place, for an htmx request that asks for it (else None)."""
        part = request.values.get(INLINE_ARG)
        return part if part in self.action.inline_parts and htmx.wants_fragment() else None

    # --- GET ----------------------------------------------------------------------------------------

    def show_form(self) -> Any:
        reason = self.action.unavailable_reason(self.target)
        if reason:
            return self._unavailable(reason)
        return self._fresh_form()

    def _unavailable(self, reason: str, status: int = 200, outcome: Outcome | None = None) -> Response:
        """Why the action cannot be done now, below Klarna's answer if one says why: this attempt's
        refusal, or the answer behind the reason (``unavailable_details``)."""
        outcome = outcome or self.action.unavailable_details(self.target)
        return self._respond("actions/_unavailable.html", status, reason=reason, outcome=outcome)

    def _fresh_form(self, outcome: Outcome | None = None, status: int = 200, data: ActionForm | None = None) -> Any:
        """The form with a new key: empty, or with ``data``'s values kept (after a refusal). A form
        that asks nothing goes straight to its confirmation (if the action asks for one)."""
        form = data or self.action.form_class(self.target, formdata=None)
        form.target = self.target
        if data is None or form.asks_nothing:
            form.prefill()
        form.idempotency_key.data = service.mint_key(self.action, self.target, _actor())
        if self.action.confirms and form.asks_nothing:
            return self._confirm(form, outcome, status)
        return self._respond(FORM, status, form=form, outcome=outcome)

    # --- POST ---------------------------------------------------------------------------------------

    def submit(self) -> Any:
        form = self.action.form_class(self.target)
        if form.edit.data == "1" or form.needs_another_look():
            return self._respond(FORM, form=form)
        attempt = service.Attempt(self.action, self.target, _actor(), form.idempotency_key.data or "", form.digest())
        stopped = service.check_key(attempt, self.client)
        if stopped is not None:
            return self._after(stopped, form)
        sent = service.sent_request(attempt)
        if sent is not None:
            return self._send_again(attempt, form, sent)
        reason = self.action.unavailable_reason(self.target)
        if reason:
            service.record_invalid(attempt, [reason])
            return self._unavailable(reason, 422)
        if not form.validate():
            service.record_invalid(attempt, form.error_messages())
            return self._respond(FORM, 422, form=form)
        if self.action.confirms and not self._confirmed(form):
            return self._confirm(form)
        return self._after(service.perform(attempt, form.to_request(), self.client), form)

    def _send_again(self, attempt: service.Attempt, form: ActionForm, sent: ActionRequest) -> Any:
        """The form's key went to Klarna before without a definite answer, and the form is the same
        (``check_key`` compared it): it goes again with exactly the request it carried then. Neither
        the form's validation nor ``unavailable_reason`` is asked: the order may already show that
        request's effect (nothing left to capture, a cancelled order). Klarna's answer to the
        repeated key decides. An action that confirms shows that request's confirmation first."""
        form.set_request(sent)
        if self.action.confirms and not self._confirmed(form):
            return self._confirm(form, SENT_BEFORE)
        return self._after(service.perform(attempt, sent, self.client), form)

    def _confirmed(self, form: ActionForm) -> bool:
        """Confirmed, and for exactly the request the confirmation showed."""
        token = self.action.fingerprint(self.target, form.to_request())
        return form.confirmed.data == "1" and form.confirm_token.data == token

    def _confirm(self, form: ActionForm, outcome: Outcome | None = None, status: int = 200) -> Response:
        request_ = form.to_request()
        changed = form.confirmed.data == "1" and outcome is None
        form.confirm_token.data = self.action.fingerprint(self.target, request_)
        return self._respond(
            "actions/_confirm.html",
            status,
            form=form,
            outcome=outcome,
            confirmation=self.action.confirmation(self.target, request_),
            changed=changed,
        )

    def _after(self, outcome: Outcome, form: ActionForm) -> Any:
        """Show how the attempt ended."""
        if outcome.succeeded:
            return self._succeeded(outcome, form)
        if outcome.kind is Kind.UNKNOWN:  # same key: sending again is safe; the panels show what Klarna has
            if self.action.confirms:
                return self._updated(self._confirm(form, outcome, 502))
            return self._updated(self._respond(FORM, 502, form=form, outcome=outcome), form_stays=True)
        if outcome.kind is Kind.IN_PROGRESS:
            status_url = self._url("actions.status", key=form.idempotency_key.data)
            return self._respond("actions/_pending.html", 202, **_polling({"outcome": outcome, "status_url": status_url}))
        if outcome.kind is Kind.REFUSED:
            return self._updated(self._refused(outcome, form), form_stays=True)
        return self._respond("actions/_notice.html", 422, outcome=outcome)

    def _refused(self, outcome: Outcome, form: ActionForm) -> Response:
        """Klarna's refusal, above the form for the order as it is now (or the reason it cannot be
        done any more: the order may have changed since it was read)."""
        self._reload()
        reason = self.action.unavailable_reason(self.target)
        if reason:
            return self._unavailable(reason, 422, outcome)
        return self._fresh_form(outcome, 422, data=form)

    def _succeeded(self, outcome: Outcome, form: ActionForm) -> Any:
        """Back to the page the action was offered on with the message (POST/redirect/GET; with htmx
        too for an action on a page of its own), or the result in #action-area, panels refreshed."""
        if not htmx.is_htmx() or self.action.own_page:
            flash(outcome.message, "success")
            return htmx.redirect(self._page_url())
        return self._updated(self._respond(RESULT, outcome=outcome, form=form))

    def _page_url(self) -> str:
        """Where the action was offered: the capture's page for an action on a capture, else the order's."""
        if self.target.capture_id:
            return upstream.order_url("orders.capture", self.loaded, capture_id=self.target.capture_id)
        return upstream.order_url("orders.show", self.loaded)

    def _updated(self, response: Response, form_stays: bool = False) -> Response:
        """Ask the order page to refresh its panels (htmx only: a page has them fresh anyway); not
        when the answer is a form edited in place (``form_stays``): its panel's refresh would drop it."""
        if not htmx.is_htmx() or (form_stays and self.inline):
            return response
        return htmx.trigger(response, ORDER_UPDATED)

    # --- rendering ----------------------------------------------------------------------------------

    def _url(self, endpoint: str, **values: Any) -> str:
        values.update(name=self.action.name)
        if self.target.capture_id:
            values["capture_id"] = self.target.capture_id
        return upstream.order_url(endpoint, self.loaded, **values)

    def _render(self, fragment: str, **context: Any) -> str:
        return htmx.render(
            PAGE,
            fragment,
            body=fragment,
            action=self.action,
            loaded=self.loaded,
            target=self.target,
            form_url=self._url("actions.submit"),
            new_form_url=self._url("actions.form"),
            back_url=self._page_url(),
            inline=self.inline,
            **beside_form(self.action.name, self.target),
            **context,
        )

    def _respond(self, fragment: str, status: int = 200, **context: Any) -> Response:
        if not self.inline:
            return make_response(self._render(fragment, **context), status)
        in_place = {FORM: self.action.inline_form_template, RESULT: self.action.inline_result_template}
        if in_place.get(fragment):
            return make_response(self._render(in_place[fragment], **context), status)
        # Anything else (in progress, expired, not possible now) is a message for the action area.
        response = make_response(self._render(fragment, **context), status)
        return htmx.retarget(response, ACTION_AREA, "innerHTML")
