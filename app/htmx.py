"""The one place that reads or writes htmx's ``HX-*`` headers.

Requests are parsed by htmx-flask (``request.htmx``). Response headers are written here directly:
htmx-flask 0.1.0's ``make_response`` rejects some valid ``reswap`` values and writes
``push_url=True`` as a header htmx does not understand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, make_response, render_template, request
from flask import redirect as http_redirect

from app.extensions import htmx

SCRIPT = "vendor/htmx/htmx.min.js"

SWAP_STYLES = frozenset(
    {
        "innerHTML", "outerHTML", "textContent",
        "beforebegin", "afterbegin", "beforeend", "afterend",
        "delete", "none",
    }
)

# Given to htmx through <meta name="htmx-config">. Validation errors (422) and upstream trouble
# (502/503) arrive as fragments meant to be shown; any other error is not swapped into the page
# (static/app.js shows a general notice instead). No eval, no inline styles, no history snapshots
# of order data in the browser's storage.
CONFIG: dict[str, Any] = {
    "includeIndicatorStyles": False,
    "allowEval": False,
    "allowScriptTags": False,
    "selfRequestsOnly": True,
    "historyCacheSize": 0,
    # htmx copies these attributes while settling swapped elements; copying "style" writes
    # style="" attributes, which the CSP refuses.
    "attributesToSettle": ["class", "width", "height"],
    "refreshOnHistoryMiss": True,
    "responseHandling": [
        {"code": "204", "swap": False},
        {"code": "[23]..", "swap": True},
        {"code": "422", "swap": True, "error": False},
        {"code": "50[23]", "swap": True, "error": False},
        {"code": "[45]..", "swap": False, "error": True},
        {"code": "...", "swap": False},
    ],
}


def init_app(app: Flask) -> None:
    htmx.init_app(app)
    available = (Path(app.static_folder or "") / SCRIPT).is_file()
    if not available:
        app.logger.warning(
            "htmx is missing from static/%s: pages work as plain HTML forms. "
            "Run scripts/vendor.sh to install it.",
            SCRIPT,
        )
    app.extensions["htmx_script"] = SCRIPT if available else None
    app.context_processor(_template_context)


def _template_context() -> dict[str, Any]:
    return {"htmx_script": current_app.extensions["htmx_script"], "htmx_config": CONFIG}


def is_htmx() -> bool:
    """Whether htmx sent this request."""
    return bool(getattr(request, "htmx", False))


def wants_fragment() -> bool:
    """Whether to answer with a fragment rather than a whole page.

    Boosted links and history restores replace the whole body, so they get the full page.
    """
    headers = getattr(request, "htmx", None)
    return bool(headers) and not headers.boosted and not headers.history_restore_request


def render(page: str, fragment: str, **context: Any) -> str:
    """Render the full ``page`` template, or only ``fragment`` for an htmx request."""
    return render_template(fragment if wants_fragment() else page, **context)


def current_path() -> str:
    """The path (and query) the user is looking at: the page for htmx requests, else this request."""
    page = request.htmx.current_url if is_htmx() else None
    shown = _path_on_this_site(page) if page else None
    if shown is not None:
        return shown
    return request.full_path.rstrip("?") if request.query_string else request.path


def _path_on_this_site(url: str) -> str | None:
    """The path and query of ``url`` when it is on this site; None otherwise (or if it is no URL)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "") if parts.netloc == request.host else None


def redirect(url: str, code: int = 303) -> Response:
    """Send the browser to ``url``: an HTTP redirect, or ``HX-Redirect`` for htmx requests.

    htmx follows HTTP redirects inside its own request and would swap the new page into the
    target, so it is told to navigate instead.
    """
    if not is_htmx():
        return http_redirect(url, code)
    return redirect_with_status(url, 204)


def redirect_with_status(url: str, status: int) -> Response:
    """An htmx navigation to ``url`` carried by a response of ``status`` (e.g. 401)."""
    response = make_response("", status)
    response.headers["HX-Redirect"] = url
    return response


def trigger(response: Response, event: str, detail: Any = None) -> Response:
    """Add a client-side event to ``HX-Trigger`` (keeping events already there)."""
    existing = response.headers.get("HX-Trigger", "")
    if existing.startswith("{"):
        events: dict[str, Any] = json.loads(existing)
    else:
        events = {name.strip(): None for name in existing.split(",") if name.strip()}
    events[event] = detail
    if any(value is not None for value in events.values()):
        response.headers["HX-Trigger"] = json.dumps(events, separators=(",", ":"))
    else:
        response.headers["HX-Trigger"] = ", ".join(events)
    return response


def retarget(response: Response, selector: str, swap: str | None = None) -> Response:
    """Swap the response into ``selector`` (optionally with another swap style)."""
    response.headers["HX-Retarget"] = selector
    if swap is not None:
        reswap(response, swap)
    return response


def reswap(response: Response, swap: str) -> Response:
    """Override the swap style; ``swap`` may carry modifiers (``"outerHTML show:top"``)."""
    if swap.split(" ", 1)[0] not in SWAP_STYLES:
        raise ValueError(f"unknown htmx swap style: {swap!r}")
    response.headers["HX-Reswap"] = swap
    return response
