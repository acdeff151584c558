"""Klarna stores: the merchant accounts this deployment works with, read from the configuration.

One store (the usual case) comes from ``KLARNA_API_URL``, ``KLARNA_USERNAME`` and ``KLARNA_PASSWORD``
and has the key ``default``. Several stores are listed in ``KLARNA_STORES`` (``eu,us``), each with
its own settings named after its key: ``KLARNA_EU_API_URL``, ``KLARNA_EU_USERNAME``,
``KLARNA_EU_PASSWORD`` and, optionally, ``KLARNA_EU_LABEL`` (what staff see; default ``EU``) and
``KLARNA_EU_PUSH_TOKEN`` (the secret in the store's push notification URL; ``KLARNA_PUSH_TOKEN``
for the single store).

This module only reads settings; ``app.upstream`` builds one Klarna client per store.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.klarna.hosts import environment_of, resolve_base_url

DEFAULT_KEY = "default"
DEFAULT_LABEL = "Klarna"
STORE_KEY = re.compile(r"[a-z][a-z0-9]{0,19}")
STORE_SETTING = re.compile(r"KLARNA_(?P<key>[A-Z][A-Z0-9]{0,19})_(?P<part>API_URL|USERNAME|PASSWORD|LABEL|PUSH_TOKEN)")
REQUIRED_PARTS = ("API_URL", "USERNAME", "PASSWORD")

# Most dangerous first: the header badge names the riskiest environment any store talks to.
ENVIRONMENTS_BY_RISK = ("live", "playground", "sandbox")


class StoreSettingsError(ValueError):
    """The store settings cannot work; the message says what to change (one line)."""


@dataclass(frozen=True)
class Store:
    key: str
    label: str
    base_url: str
    username: str = field(repr=False)
    password: str = field(repr=False)
    push_token: str = field(default="", repr=False)  # empty: this store's push notifications are refused

    @property
    def environment(self) -> str:
        """``live``, ``playground`` or ``sandbox``."""
        return environment_of(self.base_url)


def store_keys(config: Mapping[str, Any]) -> list[str]:
    """The configured store keys, in order: ``["default"]`` unless ``KLARNA_STORES`` lists some."""
    listed = config.get("KLARNA_STORES")
    if not listed:
        return [DEFAULT_KEY]
    names = listed if isinstance(listed, (list, tuple)) else str(listed).split(",")
    keys = [str(name).strip().lower() for name in names if str(name).strip()]
    bad = [key for key in keys if not STORE_KEY.fullmatch(key) or key == DEFAULT_KEY]
    if bad or not keys:
        raise StoreSettingsError(
            f"KLARNA_STORES is invalid ({listed!r}): list store keys separated by commas, each a letter "
            "followed by up to 19 letters or digits, e.g. KLARNA_STORES=eu,us"
        )
    if len(set(keys)) != len(keys):
        raise StoreSettingsError(f"KLARNA_STORES names a store twice ({listed!r})")
    return keys


def setting_name(key: str, part: str) -> str:
    """The configuration name of one store setting: ``setting_name("eu", "API_URL")``."""
    if key == DEFAULT_KEY:
        return f"KLARNA_{part}"
    return f"KLARNA_{key.upper()}_{part}"


def missing_settings(config: Mapping[str, Any]) -> list[str]:
    """Names of the required store settings that are empty."""
    return [
        setting_name(key, part)
        for key in store_keys(config)
        for part in REQUIRED_PARTS
        if not config.get(setting_name(key, part))
    ]


def stores_from_config(config: Mapping[str, Any], fallback_url: str) -> tuple[Store, ...]:
    """Every configured store; a store without a URL gets ``fallback_url`` (testing only: start-up
    refuses missing settings everywhere else)."""
    return tuple(_store(config, key, fallback_url) for key in store_keys(config))


def _store(config: Mapping[str, Any], key: str, fallback_url: str) -> Store:
    def value(part: str) -> str:
        return str(config.get(setting_name(key, part)) or "")

    default_label = DEFAULT_LABEL if key == DEFAULT_KEY else key.upper()
    label = str(config.get(f"KLARNA_{key.upper()}_LABEL") or "") if key != DEFAULT_KEY else ""
    return Store(
        key=key,
        label=label.strip() or default_label,
        base_url=resolve_base_url(value("API_URL") or fallback_url),
        username=value("USERNAME"),
        password=value("PASSWORD"),
        push_token=value("PUSH_TOKEN"),
    )


def riskiest_environment(stores: tuple[Store, ...]) -> str:
    """The environment the header badge shows: ``live`` if any store is live, and so on."""
    present = {store.environment for store in stores}
    return next(name for name in ENVIRONMENTS_BY_RISK if name in present)
