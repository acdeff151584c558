"""Configuration: defaults, then ``instance/config.py``, then environment variables.

``load_config(app, test_config)`` fills ``app.config`` in that order (a ``test_config`` dict wins over
all of them) and then checks the result: outside demo mode and outside testing, a missing secret or
Klarna setting stops start-up with a :class:`ConfigError` that names what is missing. Klarna stores
(one, or several with ``KLARNA_STORES``) are described in ``app/stores.py``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import click
from flask import Flask

from app.klarna.client import DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT
from app.klarna.hosts import resolve_base_url
from app.logging_setup import JSON, LOG_FORMATS, TEXT
from app.stores import (
    STORE_SETTING,
    Store,
    StoreSettingsError,
    missing_settings,
    riskiest_environment,
    stores_from_config,
)

# The local sandbox that demo mode talks to, with the sandbox server's own default credentials.
# The sandbox reads the same two environment variables (SANDBOX_USERNAME, SANDBOX_PASSWORD) for the
# account it accepts, so setting them changes both sides at once.
SANDBOX_URL = "http://127.0.0.1:5001"
SANDBOX_DEFAULT_USERNAME = "sandbox"
SANDBOX_DEFAULT_PASSWORD = "sandbox-secret"

# The demo runs on this machine only, unless ALLOWED_HOSTS says otherwise ("*" for any host).
DEMO_HOSTS = ("127.0.0.1", "localhost")

REQUIRED_OUTSIDE_DEMO = ("SECRET_KEY",)  # and every store's URL, username and password
SECRET_KEY_FILE = "secret_key"
DATABASE_FILE = "backoffice.sqlite3"
# The largest request body accepted (as nginx's client_max_body_size in docs/DEPLOY.md): far above any
# form staff send; the line editor with 1000 ordinary order lines is about 300 kB.
MAX_REQUEST_BYTES = 1024 * 1024


class ConfigError(click.ClickException):
    """The configuration cannot work; the message says what to change.

    A click exception, so ``flask`` commands print it as a one-line error instead of a traceback.
    """


DEFAULTS: dict[str, Any] = {
    "SECRET_KEY": None,
    "DATABASE_URL": None,  # default: SQLite file in the instance folder
    "KLARNA_API_URL": None,  # a preset key from app/klarna/hosts.py or a URL
    "KLARNA_USERNAME": None,
    "KLARNA_PASSWORD": None,
    "KLARNA_STORES": None,  # e.g. "eu,us": several stores, each with KLARNA_<KEY>_API_URL, ...
    "KLARNA_CONNECT_TIMEOUT": DEFAULT_CONNECT_TIMEOUT,  # seconds to open a connection to Klarna
    "KLARNA_READ_TIMEOUT": DEFAULT_READ_TIMEOUT,  # seconds to wait for Klarna's answer
    "DEMO_MODE": False,
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_KEY_PREFIX": "",
    "RATELIMIT_HEADERS_ENABLED": True,
    "LOGIN_LIMIT_PER_ACCOUNT": "5/minute",
    "LOGIN_LIMIT_PER_ADDRESS": "20/minute",
    "SESSION_LIFETIME_HOURS": 8.0,
    "SESSION_IDLE_MINUTES": 30.0,  # a session unused this long ends (on top of the lifetime)
    "SESSION_WARNING_SECONDS": 120,  # how long before an idle sign-out the page warns
    "SESSION_COOKIE_SECURE": None,  # default: on, except in demo mode and testing
    "SESSION_COOKIE_NAME": "backoffice_session",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "TRUSTED_PROXIES": 0,  # number of reverse proxies in front whose X-Forwarded-* to trust
    "ALLOWED_HOSTS": None,  # host names answered, others get 400 ([]: any; None: any, but localhost in demo mode)
    "LOG_LEVEL": "INFO",
    "LOG_FORMAT": None,  # "json" (one JSON object per line) or "text"; default: text in demo mode, else json
    "DATABASE_POOL_SIZE": 5,  # connections kept per process; gunicorn sets it to its thread count
    "READINESS_CACHE_SECONDS": 10.0,  # how long /readyz trusts its last look at Klarna
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the (bounded) session
    "MAX_CONTENT_LENGTH": MAX_REQUEST_BYTES,  # larger request bodies are refused with 413
    "SQLALCHEMY_TRACK_MODIFICATIONS": False,
    # The order index (app/index/): customer names, emails and phones kept for search, or not.
    "INDEX_CUSTOMER_DATA": True,
    "INDEX_TOUCH_SECONDS": 300.0,  # an unchanged order's "last synced"/"last opened" written at most this often
    "KLARNA_PUSH_TOKEN": None,  # the single store's push notification secret (KLARNA_<KEY>_PUSH_TOKEN for several)
    "PUSH_LIMIT": "120/minute",  # push notifications accepted per client address
    # Background jobs (app/jobs.py): Huey's SQLite storage in instance/, or Redis for several hosts.
    "JOBS_REDIS_URL": None,
    "JOBS_SQLITE_FILE": None,  # default: instance/jobs.sqlite3
    "JOBS_IMMEDIATE": None,  # run jobs at once in-process; default: only when testing
    "SYNC_OPEN_EVERY_MINUTES": 15,  # the worker syncs open orders this often
    "SYNC_CONCURRENCY": 4,  # Klarna calls at once while syncing
    "WORKER_STALE_SECONDS": 180.0,  # no heartbeat for this long: the worker counts as down
    "QUEUE_EXPIRING_DAYS": 7,  # "Expiring soon": the authorization ends within this many days
    "QUEUE_WAITING_DAYS": 5,  # "Waiting for capture": authorized, nothing captured for this many days
}


def _seconds(value: str) -> float:
    seconds = float(value)
    if not 0 < seconds <= 300:
        raise ValueError(f"expected a number of seconds between 0 and 300, got {value!r}")
    return seconds


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(f"expected a whole number of at least 1, got {value!r}")
    return number


def _boolean(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected 1/0, true/false, yes/no or on/off, got {value!r}")


def _log_format(value: str) -> str:
    lowered = value.strip().lower()
    if lowered not in LOG_FORMATS:
        raise ValueError(f"expected one of {', '.join(LOG_FORMATS)}, got {value!r}")
    return lowered


def _host_names(value: str) -> list[str]:
    """``backoffice.example.com, .internal.example`` -> a list of names; ``*``: an empty list, any host."""
    names = [name.strip().lower() for name in value.split(",") if name.strip()]
    if "*" in names:
        return []
    if not names or any(not name.strip(".") or "/" in name for name in names):
        raise ValueError(f"expected host names separated by commas, or *, got {value!r}")
    return names


# Environment variables read, with the parser for each.
ENVIRONMENT: dict[str, Callable[[str], Any]] = {
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "KLARNA_API_URL": str,
    "KLARNA_USERNAME": str,
    "KLARNA_PASSWORD": str,
    "KLARNA_STORES": str,
    "KLARNA_CONNECT_TIMEOUT": _seconds,
    "KLARNA_READ_TIMEOUT": _seconds,
    "DEMO_MODE": _boolean,
    "RATELIMIT_STORAGE_URI": str,
    "RATELIMIT_KEY_PREFIX": str,
    "LOGIN_LIMIT_PER_ACCOUNT": str,
    "LOGIN_LIMIT_PER_ADDRESS": str,
    "SESSION_LIFETIME_HOURS": float,
    "SESSION_IDLE_MINUTES": float,
    "SESSION_COOKIE_SECURE": _boolean,
    "TRUSTED_PROXIES": int,
    "ALLOWED_HOSTS": _host_names,
    "LOG_LEVEL": str,
    "LOG_FORMAT": _log_format,
    "DATABASE_POOL_SIZE": int,
    "READINESS_CACHE_SECONDS": float,
    "INDEX_CUSTOMER_DATA": _boolean,
    "INDEX_TOUCH_SECONDS": float,
    "KLARNA_PUSH_TOKEN": str,
    "PUSH_LIMIT": str,
    "JOBS_REDIS_URL": str,
    "JOBS_SQLITE_FILE": str,
    "JOBS_IMMEDIATE": _boolean,
    "SYNC_OPEN_EVERY_MINUTES": _positive,
    "SYNC_CONCURRENCY": _positive,
    "WORKER_STALE_SECONDS": float,
    "QUEUE_EXPIRING_DAYS": _positive,
    "QUEUE_WAITING_DAYS": _positive,
}


def load_config(app: Flask, test_config: dict[str, Any] | None = None) -> None:
    """Fill ``app.config``: defaults < instance/config.py < environment < ``test_config``."""
    app.config.from_mapping(DEFAULTS)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_mapping(_from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    _derive(app)


def _from_environment() -> dict[str, Any]:
    values: dict[str, Any] = {name: value for name, value in os.environ.items() if _is_store_setting(name, value)}
    for name, parse in ENVIRONMENT.items():
        raw = os.environ.get(name)
        if raw is None or raw == "":
            continue
        try:
            values[name] = parse(raw)
        except ValueError as error:
            raise ConfigError(f"Environment variable {name} is invalid: {error}") from None
    return values


def _is_store_setting(name: str, value: str) -> bool:
    """``KLARNA_<KEY>_API_URL``, ``_USERNAME``, ``_PASSWORD``, ``_LABEL``: a store's settings, read
    from the environment whatever the key (``KLARNA_STORES`` says which keys are used)."""
    return bool(value) and STORE_SETTING.fullmatch(name) is not None


def _derive(app: Flask) -> None:
    config = app.config
    relaxed = config["DEMO_MODE"] or config.get("TESTING", False)
    if config["DEMO_MODE"]:
        _apply_demo_defaults(app)
    try:
        missing = [name for name in REQUIRED_OUTSIDE_DEMO if not config.get(name)] + missing_settings(config)
    except StoreSettingsError as error:
        raise ConfigError(str(error)) from None
    if missing and not relaxed:
        raise ConfigError(_missing_message(missing))
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = secrets.token_hex(32)  # testing only: nothing outlives the process
    config["KLARNA_API_URL"] = resolve_base_url(config["KLARNA_API_URL"] or SANDBOX_URL)
    config["KLARNA_ENVIRONMENT"] = riskiest_environment(configured_stores(config))
    config["SQLALCHEMY_DATABASE_URI"] = database_uri(config["DATABASE_URL"], app.instance_path)
    config["SQLALCHEMY_ENGINE_OPTIONS"] = {**engine_options(config), **config.get("SQLALCHEMY_ENGINE_OPTIONS", {})}
    config["PERMANENT_SESSION_LIFETIME"] = timedelta(hours=float(config["SESSION_LIFETIME_HOURS"]))
    config["LOG_FORMAT"] = config["LOG_FORMAT"] or (TEXT if config["DEMO_MODE"] else JSON)
    if config["SESSION_COOKIE_SECURE"] is None:
        config["SESSION_COOKIE_SECURE"] = not relaxed
    config["REMEMBER_COOKIE_SECURE"] = config["SESSION_COOKIE_SECURE"]
    if isinstance(config["ALLOWED_HOSTS"], str):  # from instance/config.py as one string
        config["ALLOWED_HOSTS"] = _host_names(config["ALLOWED_HOSTS"])


def configured_stores(config: dict[str, Any]) -> tuple[Store, ...]:
    """The Klarna stores of this configuration (see ``app/stores.py``)."""
    return stores_from_config(config, SANDBOX_URL)


def _apply_demo_defaults(app: Flask) -> None:
    """Demo mode: one store, on the local sandbox."""
    config = app.config
    if config.get("KLARNA_STORES"):
        raise ConfigError("DEMO_MODE works with one store on the local sandbox: unset KLARNA_STORES or DEMO_MODE.")
    config["KLARNA_API_URL"] = config["KLARNA_API_URL"] or SANDBOX_URL
    config["KLARNA_USERNAME"] = config["KLARNA_USERNAME"] or os.environ.get(
        "SANDBOX_USERNAME", SANDBOX_DEFAULT_USERNAME
    )
    config["KLARNA_PASSWORD"] = config["KLARNA_PASSWORD"] or os.environ.get(
        "SANDBOX_PASSWORD", SANDBOX_DEFAULT_PASSWORD
    )
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = _stored_secret_key(Path(app.instance_path))
    if config.get("ALLOWED_HOSTS") is None:
        config["ALLOWED_HOSTS"] = list(DEMO_HOSTS)


def _stored_secret_key(instance: Path) -> str:
    """The demo secret: generated on first start, then read back from the instance folder."""
    path = instance / SECRET_KEY_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    return key


def database_uri(database_url: str | None, instance_path: str) -> str:
    """SQLAlchemy URI: the SQLite file in the instance folder unless ``DATABASE_URL`` says otherwise.

    ``postgres://`` and ``postgresql://`` URLs are given the psycopg 3 driver.
    """
    if not database_url:
        return f"sqlite:///{Path(instance_path) / DATABASE_FILE}"
    for prefix in ("postgres://", "postgresql://"):
        if database_url.startswith(prefix):
            return "postgresql+psycopg://" + database_url[len(prefix) :]
    return database_url


def engine_options(config: dict[str, Any]) -> dict[str, Any]:
    """A connection per thread (a request may hold one while it waits on Klarna), each checked
    before use so a database restart or fail-over costs no failed request."""
    return {"pool_size": int(config["DATABASE_POOL_SIZE"]), "pool_pre_ping": True}


def _missing_message(missing: list[str]) -> str:
    names = ", ".join(missing)
    return (
        f"Missing configuration: {names}. Set them as environment variables or in "
        "instance/config.py (see instance/config.example.py). To try the dashboard against the "
        "local sandbox instead, set DEMO_MODE=1."
    )
