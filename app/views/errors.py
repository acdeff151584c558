"""Error pages inside the layout; htmx requests get only the message fragment.

Views signal upstream trouble with ``abort(502)`` (Klarna answered with an error we cannot use) or
``abort(503)`` (Klarna could not be reached); both render the "Klarna unreachable" page.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, current_app
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.htmx import render


@dataclass(frozen=True)
class ErrorText:
    title: str
    message: str


KLARNA_UNREACHABLE = ErrorText(
    "Klarna is unreachable",
    "We could not get an answer from Klarna. Nothing was changed. Try again in a minute; "
    "if it keeps happening, check Klarna's status page or ask an admin.",
)

TEXTS: dict[int, ErrorText] = {
    400: ErrorText("Bad request", "The request could not be understood. Go back and try again."),
    403: ErrorText(
        "Not allowed",
        "Your role does not allow this. Ask an admin if you need it for your work.",
    ),
    404: ErrorText("Not found", "There is nothing at this address. Check the link or use the order lookup."),
    405: ErrorText("Not allowed here", "This address does not accept that kind of request."),
    429: ErrorText(
        "Too many attempts",
        "There were too many attempts in a short time. Wait a minute, then try again.",
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


def render_error(code: int, text: ErrorText) -> tuple[str, int]:
    return render("errors/error.html", "errors/_error.html", code=code, error=text), code


def handle_http_error(error: HTTPException) -> tuple[str, int]:
    code = error.code or 500
    text = TEXTS.get(code) or ErrorText(error.name, error.description or "")
    return render_error(code, text)


def handle_csrf_error(error: CSRFError) -> tuple[str, int]:
    return render_error(400, CSRF_TEXT)


def handle_internal_error(error: InternalServerError) -> tuple[str, int]:
    try:
        return render_error(500, TEXTS[500])
    except Exception:  # the layout itself may be what fails (e.g. the database is down)
        current_app.logger.exception("the error page could not be rendered")
        return f"{TEXTS[500].title}. {TEXTS[500].message}", 500


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(InternalServerError, handle_internal_error)
    app.register_error_handler(HTTPException, handle_http_error)
