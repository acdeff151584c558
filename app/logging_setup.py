"""Logging: one JSON object per line on standard error, for the dashboard, the Klarna client and
gunicorn alike.

``logging_config(level)`` is the one ``logging.config.dictConfig`` dictionary; gunicorn uses it as
``logconfig_dict`` (app/gunicorn_conf.py) and ``configure_logging`` applies it in any other process
(``flask run``, ``flask`` commands) unless a JSON handler is already in place. Every line carries
``time``, ``level``, ``logger`` and ``message``, the record's extra fields (the Klarna client's
``klarna_*`` fields, the request log's fields), and the ``request_id`` of the request it belongs to.
"""

from __future__ import annotations

import logging
from logging.config import dictConfig
from typing import Any

from flask import g, has_request_context
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID = "request_id"


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


def logging_config(level: str = "INFO") -> dict[str, Any]:
    """The dictConfig dictionary: everything through the root logger's one JSON handler on stderr;
    gunicorn's error log joins it, its access log stays off (the request log replaces it)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonLineFormatter}},
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "json"},
        },
        "root": {"level": level.upper(), "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": level.upper(), "handlers": [], "propagate": True},
            "gunicorn.access": {"handlers": [], "propagate": False},
        },
    }


def json_logging_active() -> bool:
    return any(isinstance(handler.formatter, JsonLineFormatter) for handler in logging.getLogger().handlers)


def configure_logging(level: str = "INFO") -> None:
    """Send every log record to stderr as JSON, once per process."""
    if not json_logging_active():
        dictConfig(logging_config(level))
