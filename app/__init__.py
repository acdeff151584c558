"""Klarna Back Office: ``create_app()`` builds the dashboard (``flask --app app run``).

The dashboard's modules are imported inside ``create_app``, so ``import app.klarna`` (a plain
library, without Flask) and ``import app.sandbox`` (its own WSGI app) load nothing of the dashboard.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app. ``test_config`` overrides every other source of configuration;
    its ``INSTANCE_PATH`` key, if any, moves the instance folder (tests use a temporary one)."""
    from flask import Flask

    from app import (
        cli, htmx, jobs, login, passwords, permissions, readiness, request_log, security, static_files, upstream,
    )
    from app.config import load_config
    from app.database import init_database
    from app.display import NOTHING
    from app.extensions import csrf, limiter
    from app.logging_setup import configure_logging
    from app.views import account, actions, admin, audit, auth, errors, health, home, notifications, order_list, orders

    instance_path = (test_config or {}).get("INSTANCE_PATH") or ROOT / "instance"
    app = Flask(
        __name__,
        instance_path=str(instance_path),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals["NOTHING"] = NOTHING  # the dash for "none", which templates keep out of code styling
    load_config(app, test_config)
    if not app.testing:
        configure_logging(app.config["LOG_LEVEL"], app.config["LOG_FORMAT"])

    request_log.init_app(app)
    init_database(app)
    passwords.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    login.init_app(app)
    htmx.init_app(app)
    upstream.init_app(app)
    readiness.init_app(app)
    jobs.init_app(app)
    security.init_app(app)
    static_files.init_app(app)
    permissions.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    order_list.init_app(app)
    blueprints = (auth.bp, account.bp, home.bp, order_list.bp, orders.bp, actions.bp, audit.bp, admin.bp, health.bp,
                  notifications.bp)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    return app
