"""Logging: one line per record on standard error, for the dashboard, the Klarna client and gunicorn
alike: a JSON object in production, a readable line in the demo (``LOG_FORMAT``).

``logging_config(level, log_format)`` is the one ``logging.config.dictConfig`` dictionary; gunicorn
uses it as ``logconfig_dict`` (app/gunicorn_conf.py, always JSON) and ``configure_logging`` applies
it in any other process (``flask run``, ``flask`` commands) unless one of our handlers is already
in place. A JSON line carries ``time``, ``level``, ``logger`` and ``message``, the record's extra
fields (the Klarna client's ``klarna_*`` fields, the request log's fields), and the ``request_id``
of the request it belongs to. A text line carries the time, level, logger and message, and for the
request log its duration and Klarna calls.

Either way the development server's own line per request is left out (the request log writes
one already), and terminal colour codes are taken out of messages.
"""

from __future__ import annotations

import logging
import re
from logging.config import dictConfig
from typing import Any

import click
from flask import g, has_request_context
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID = "request_id"
JSON = "json"
TEXT = "text"
LOG_FORMATS = (JSON, TEXT)
REQUEST_LOGGER = "app.requests"
# Werkzeug's development server logs each request as '<address> - - [<date>] "GET / HTTP/1.1" 200 -'.
_DEV_SERVER_REQUEST_LINE = re.compile(r'\S+ - - \[[^\]]*\] "')


class JsonLineFormatter(JsonFormatter):
    def __init__(self) -> None:
        super().__init__(
            "%(levelname)s %(name)s %(message)s",
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
        )

    def add_fields(self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]) -> None:
        super().add_fields(log_data, record, message_dict)
        if REQUEST_ID not in log_data and has_request_context() and REQUEST_ID in g:
            log_data[REQUEST_ID] = g.get(REQUEST_ID)


class TextLineFormatter(logging.Formatter):
    """``12:03:04 INFO  app.requests  GET /orders/<order_id> 200 · 35 ms · Klarna 1 call, 20 ms``."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-5s %(name)s  %(message)s", datefmt="%H:%M:%S")

    def formatMessage(self, record: logging.LogRecord) -> str:
        line = super().formatMessage(record)
        if record.name == REQUEST_LOGGER and hasattr(record, "duration_ms"):
            line += f" · {record.duration_ms} ms{_klarna_calls(record)}"
        return line


def _klarna_calls(record: logging.LogRecord) -> str:
    calls = getattr(record, "klarna_calls", 0)
    if not calls:
        return ""
    return f" · Klarna {calls} call{'s' if calls != 1 else ''}, {getattr(record, 'klarna_ms', 0)} ms"


class DevelopmentServerNoise(logging.Filter):
    """Leaves out the development server's request lines and takes colour codes out of messages."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "werkzeug" and isinstance(record.msg, str) and _DEV_SERVER_REQUEST_LINE.match(record.msg):
            return False
        message = record.getMessage()
        plain = click.unstyle(message)
        if plain != message:
            record.msg, record.args = plain, None
        return True


FORMATTERS = {JSON: JsonLineFormatter, TEXT: TextLineFormatter}


def logging_config(level: str = "INFO", log_format: str = JSON) -> dict[str, Any]:
    """The dictConfig dictionary: everything through the root logger's one handler on stderr;
    gunicorn's error log joins it, its access log stays off (the request log replaces it)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {log_format: {"()": FORMATTERS[log_format]}},
        "filters": {"noise": {"()": DevelopmentServerNoise}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": log_format,
                "filters": ["noise"],
            },
        },
        "root": {"level": level.upper(), "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": level.upper(), "handlers": [], "propagate": True},
            "gunicorn.access": {"handlers": [], "propagate": False},
        },
    }


def logging_active() -> bool:
    return any(isinstance(handler.formatter, tuple(FORMATTERS.values())) for handler in logging.getLogger().handlers)


def configure_logging(level: str = "INFO", log_format: str = JSON) -> None:
    """Send every log record to stderr as JSON (or readable text), once per process."""
    if not logging_active():
        dictConfig(logging_config(level, log_format))
