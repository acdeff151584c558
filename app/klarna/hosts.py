"""Klarna's API hosts, so configuration can name a region and environment instead of a URL."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KlarnaHost:
    key: str
    region: str
    environment: str  # "live" or "playground"
    url: str


HOSTS: dict[str, KlarnaHost] = {
    host.key: host
    for host in (
        KlarnaHost("eu-live", "Europe", "live", "https://api.klarna.com"),
        KlarnaHost("eu-playground", "Europe", "playground", "https://api.playground.klarna.com"),
        KlarnaHost("na-live", "North America", "live", "https://api-na.klarna.com"),
        KlarnaHost("na-playground", "North America", "playground", "https://api-na.playground.klarna.com"),
        KlarnaHost("oc-live", "Oceania", "live", "https://api-oc.klarna.com"),
        KlarnaHost("oc-playground", "Oceania", "playground", "https://api-oc.playground.klarna.com"),
    )
}


def resolve_base_url(value: str) -> str:
    """Turn a preset key such as ``eu-playground`` or any URL into a base URL without trailing slash."""
    value = value.strip()
    if value in HOSTS:
        return HOSTS[value].url
    return value.rstrip("/")


def environment_of(base_url: str) -> str:
    """``live``, ``playground`` or ``sandbox`` (any host that is not Klarna's)."""
    url = resolve_base_url(base_url)
    for host in HOSTS.values():
        if host.url == url:
            return host.environment
    return "sandbox"
