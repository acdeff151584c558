"""Error pages inside the layout; htmx requests get only the message fragment.

Klarna's failures are mapped here, so no view needs to catch them to stay clear of a 500 page:

* ``OrderNotFound`` (no store has the order): 404 "No such order", with the id looked up and each
  store's correlation id; any other ``NotFound`` (a capture, a refund): 404 with the correlation id;
* ``AuthenticationFailed``: 503, the dashboard's Klarna credentials (for that store) are wrong;
* 5xx or 429 after the retries: 502 "Klarna is not available right now" with Klarna's status and a
  retry link; every other ``KlarnaError`` (not sent, no answer, an unreadable answer): 502 "Klarna is
  unreachable" with a retry link;
* ``UnknownStore``: 404 naming the store key.

A view marked ``@errors_shown_in("some-id")`` (an htmx request whose own target must survive, such
as a panel refresh) gets the message swapped out of band into the element with that id instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from flask import Flask, current_app, make_response, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.config import MAX_REQUEST_BYTES
from app.htmx import current_path, is_htmx, render, reswap, wants_fragment
from app.klarna import AuthenticationFailed, KlarnaError, NotFound, RateLimited, ServerError
from app.permissions import sign_in_unless_public
from app.stores import setting_name
from app.upstream import OrderNotFound, UnknownStore, several_stores

View = TypeVar("View", bound=Callable[..., Any])


@dataclass(frozen=True)
class ErrorText:
    title: str
    message: str
    details: tuple[tuple[str, str], ...] = field(default=())  # (label, value) shown under the message
    retry: bool = False  # offer to load the page again


AFTER_KLARNA_FAILED = (
    "Nothing was changed. Try again in a minute; if it keeps happening, check Klarna's status page or ask an admin."
)
KLARNA_UNREACHABLE = ErrorText(
    "Klarna is unreachable", f"We could not get an answer from Klarna. {AFTER_KLARNA_FAILED}"
)
KLARNA_UNAVAILABLE_TITLE = "Klarna is not available right now"  # it answered, with a 5xx or 429, every time

TEXTS: dict[int, ErrorText] = {
    400: ErrorText("Bad request", "The request could not be understood. Go back and try again."),
    403: ErrorText(
        "Not allowed",
        "Your role does not allow this. Ask an admin if you need it for your work.",
    ),
    404: ErrorText("Not found", "There is nothing at this address. Check the link or use the order lookup."),
    405: ErrorText("Not allowed here", "This address does not accept that kind of request."),
    413: ErrorText(
        "Too much data",
        f"The form sent more than the dashboard accepts (at most {MAX_REQUEST_BYTES // 2**20} MiB). Nothing was done. "
        "Go back and send less, for example fewer order lines at a time.",
    ),
    429: ErrorText(  # only signing in is limited
        "Too many sign-in attempts",
        "There were too many failed sign-ins for this account or from this address. Wait a minute, then sign in "
        "again; until then even the right password is refused.",
    ),
    500: ErrorText(
        "Something went wrong",
        "An unexpected error happened on our side and was logged. Nothing more was done. "
        "Reload the page; if it happens again, tell an admin the time it happened.",
    ),
    502: KLARNA_UNREACHABLE,
    503: KLARNA_UNREACHABLE,
}

CSRF_TEXT = ErrorText(
    "This form has expired",
    "The page was open too long or your session changed. Reload the page and send the form again.",
)

ERROR_REGION = "error_region"


def errors_shown_in(element_id: str) -> Callable[[View], View]:
    """For htmx requests to this view, show errors out of band in ``#element_id``."""

    def mark(view: View) -> View:
        setattr(view, ERROR_REGION, element_id)
        return view

    return mark


def _error_region() -> str | None:
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, ERROR_REGION, None) if is_htmx() else None


def render_error(code: int, text: ErrorText) -> Any:
    retry_url = current_path() if text.retry and (request.method == "GET" or is_htmx()) else None
    context = {"code": code, "error": text, "retry_url": retry_url}
    region = _error_region()
    if region and wants_fragment():
        response = make_response(render_template("errors/_in_region.html", region=region, **context), code)
        return reswap(response, "none")
    return render("errors/error.html", "errors/_error.html", **context), code


def handle_http_error(error: HTTPException) -> Any:
    code = error.code or 500
    text = TEXTS.get(code) or ErrorText(error.name, error.description or "")
    return render_error(code, text)


def handle_csrf_error(error: CSRFError) -> Any:
    """A form whose session has ended (signed out in another tab, expired, its cookie gone) fails
    the CSRF check before anyone asks who sent it: without a signed-in user it goes to the login
    page like any other request, the whole page for htmx; only staff still signed in are told that
    the form expired."""
    return sign_in_unless_public() or render_error(400, CSRF_TEXT)


def handle_internal_error(error: InternalServerError) -> Any:
    try:
        return render_error(500, TEXTS[500])
    except Exception:  # the layout itself may be what fails (e.g. the database is down)
        current_app.logger.exception("the error page could not be rendered")
        return f"{TEXTS[500].title}. {TEXTS[500].message}", 500


# --- Klarna ------------------------------------------------------------------------------------


def _correlation(error: KlarnaError, label: str = "Klarna correlation id") -> tuple[str, str]:
    return label, error.correlation_id or "none given"


def handle_order_not_found(error: OrderNotFound) -> Any:
    several = several_stores()
    where = " in any of our Klarna stores" if several and len(error.misses) > 1 else ""
    if len(error.misses) == 1 and several:
        where = f" in the store {error.misses[0].store.label}"
    details = [("Order ID looked up", error.order_id)]
    for miss in error.misses:
        label = f"Klarna correlation id ({miss.store.label})" if several else "Klarna correlation id"
        details.append(_correlation(miss.error, label))
    text = ErrorText(
        "No such order",
        f"Klarna has no order with this ID{where}. Check the ID (copy it again from the customer's email "
        "or your shop's system). If you are sure it is right, give Klarna the correlation id.",
        tuple(details),
    )
    return render_error(404, text)


def handle_klarna_not_found(error: NotFound) -> Any:
    text = ErrorText(
        "Not found at Klarna",
        "Klarna does not know this item any more. Go back to the order and reload it.",
        (_correlation(error),),
    )
    return render_error(404, text)


def _credential_settings(error: KlarnaError) -> str:
    store = getattr(error, "store", None)
    if not several_stores():
        return "(KLARNA_USERNAME and KLARNA_PASSWORD)"
    if store is None:
        return "for one of its stores"
    names = f"{setting_name(store.key, 'USERNAME')} and {setting_name(store.key, 'PASSWORD')}"
    return f"for the store {store.label} ({names})"


def handle_authentication_failed(error: AuthenticationFailed) -> Any:
    text = ErrorText(
        "The dashboard's Klarna credentials are wrong",
        f"Klarna refused the API username and password this dashboard uses {_credential_settings(error)}. "
        "Nothing was changed. This is not something you can fix from here: ask an admin to correct the "
        "credentials and restart the dashboard.",
        (_correlation(error),),
        retry=True,
    )
    return render_error(503, text)


def handle_klarna_error(error: KlarnaError) -> Any:
    store = getattr(error, "store", None)
    klarna = f"Klarna (store {store.label})" if store is not None and several_stores() else "Klarna"
    details = (_correlation(error),) if error.correlation_id else ()
    if isinstance(error, (ServerError, RateLimited)):
        title = KLARNA_UNAVAILABLE_TITLE
        message = f"{klarna} answered with an error (HTTP {error.status}), also when asked again. {AFTER_KLARNA_FAILED}"
    else:
        title = KLARNA_UNREACHABLE.title
        message = f"We could not get an answer from {klarna}. {AFTER_KLARNA_FAILED}"
    return render_error(502, ErrorText(title, message, details, retry=True))


def handle_unknown_store(error: UnknownStore) -> Any:
    text = ErrorText(
        "Unknown store",
        f"This dashboard has no Klarna store called {error.key!r}. Open the order from the lookup box instead.",
    )
    return render_error(404, text)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(InternalServerError, handle_internal_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(OrderNotFound, handle_order_not_found)
    app.register_error_handler(NotFound, handle_klarna_not_found)
    app.register_error_handler(AuthenticationFailed, handle_authentication_failed)
    app.register_error_handler(KlarnaError, handle_klarna_error)
    app.register_error_handler(UnknownStore, handle_unknown_store)
