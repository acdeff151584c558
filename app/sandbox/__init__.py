"""A local look-alike of Klarna's Order Management API (its own WSGI app; imports nothing from the dashboard).

``create_sandbox_app(db_path)`` returns the Flask app; ``python -m app.sandbox`` serves it.
See docs/SANDBOX.md.
"""

from __future__ import annotations

import logging

from flask import Flask, current_app, g, request
from werkzeug.exceptions import HTTPException

from .accounts import DEFAULT_PASSWORD, DEFAULT_USERNAME, authenticate, default_accounts
from .admin_routes import admin
from .errors import KlarnaError, error_response
from .middleware import SandboxMiddleware
from .routes import api
from .seed import seed_demo_orders
from .state import SandboxState
from .store import Store

__all__ = ["create_sandbox_app", "DEFAULT_USERNAME", "DEFAULT_PASSWORD", "MAX_BODY_BYTES"]

MAX_BODY_BYTES = 1024 * 1024
log = logging.getLogger(__name__)


def create_sandbox_app(db_path: str, accounts: dict[str, str] | None = None, latency_ms: int = 0,
                       seed: bool = True, push_url: str | None = None) -> Flask:
    """The sandbox WSGI app over the SQLite file ``db_path``.

    ``accounts`` maps username -> password (None: the one account from ``SANDBOX_USERNAME`` /
    ``SANDBOX_PASSWORD`` or the local defaults). Orders belong to the account that created them.
    ``latency_ms`` delays every Order Management response. ``seed`` puts the demo orders into the
    first account when the database has never been seeded. ``push_url`` (with ``{order_id}``) is
    called like Klarna's push notifications whenever an order is created.
    """
    accounts = dict(accounts) if accounts else default_accounts()
    state = SandboxState(store=Store(db_path), accounts=accounts, latency_ms=latency_ms, push_url=push_url)
    if seed:
        seed_demo_orders(state)
    app = Flask(__name__, static_folder=None)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    app.extensions["klarna_sandbox"] = state
    app.register_blueprint(api)
    app.register_blueprint(admin)
    app.before_request(_check_request)
    _register_error_handlers(app)
    app.wsgi_app = SandboxMiddleware(app.wsgi_app, state)
    return app


def _check_request():
    """Bodies over 1 MB are refused first, then the Basic auth credentials are checked."""
    if (request.content_length or 0) > MAX_BODY_BYTES:
        return error_response(413)
    account = authenticate(current_app.extensions["klarna_sandbox"].accounts, request.authorization)
    if account is None:
        return error_response(401, headers={"WWW-Authenticate": 'Basic realm="Klarna sandbox"'})
    g.account = account
    return None


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(KlarnaError)
    def klarna_error(error: KlarnaError):
        return error.response()

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return error_response(error.code or 500)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        log.exception("Sandbox error on %s %s", request.method, request.path)
        return error_response(500)
