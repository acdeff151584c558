"""Klarna as the views see it: the stores, one client per store, the calls of this request, orders.

Views never build a ``KlarnaClient``; they ask this module:

* ``stores()``, ``store(key)``, ``several_stores()``: the configured stores (``app/stores.py``);
* ``client(store)``: that store's client (one per store per app, shared by all threads);
* ``calls()``: the ``CallRecord`` of every Klarna call made during the current request, in order;
* ``load_order(order_id, store_key=None, opened_by=None)``: the order and the store that has it
  (its row in the order index refreshed on the way, without another Klarna call);
* ``order_url(endpoint, loaded, **values)``: a URL of an order's page that keeps the store along
  (``url_for_order(endpoint, order_id, store_key)`` when only the ids are at hand).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from flask import Flask, current_app, g, has_app_context, url_for

from app.config import configured_stores
from app.klarna import CallRecord, KlarnaClient, KlarnaError, NotFound
from app.klarna.types import Order
from app.index.refresh import refresh
from app.models.order_index import IndexedOrder
from app.stores import Store

EXTENSION = "klarna_stores"
STORE_ARG = "store"


@dataclass(frozen=True)
class LoadedOrder:
    """An order as Klarna returned it, and the store it belongs to."""

    store: Store
    order: Order

    @property
    def order_id(self) -> str:
        return self.order.order_id or ""


class UnknownStore(LookupError):
    """A store key that is not configured (e.g. an old link after the stores changed)."""

    def __init__(self, key: str):
        super().__init__(f"No store with the key {key!r} is configured")
        self.key = key


@dataclass(frozen=True)
class StoreMiss:
    store: Store
    error: NotFound


class OrderNotFound(Exception):
    """No store asked has this order; ``misses`` holds each store's answer (with its correlation id)."""

    def __init__(self, order_id: str, misses: list[StoreMiss]):
        super().__init__(f"Order {order_id} was not found in {len(misses)} store(s)")
        self.order_id = order_id
        self.misses = misses


@dataclass(frozen=True)
class _Registry:
    stores: tuple[Store, ...]
    clients: dict[str, KlarnaClient]


def init_app(app: Flask) -> None:
    config = app.config
    configured = configured_stores(config)
    timeouts = {"connect_timeout": config["KLARNA_CONNECT_TIMEOUT"], "read_timeout": config["KLARNA_READ_TIMEOUT"]}
    clients = {
        each.key: KlarnaClient(each.base_url, each.username, each.password, on_call=_note_call, **timeouts)
        for each in configured
    }
    app.extensions[EXTENSION] = _Registry(configured, clients)
    app.jinja_env.globals.update(order_url=order_url, klarna_stores=stores, several_stores=several_stores)


def _registry() -> _Registry:
    return current_app.extensions[EXTENSION]


def stores() -> tuple[Store, ...]:
    """The configured stores, in configuration order."""
    return _registry().stores


def several_stores() -> bool:
    return len(stores()) > 1


def store(key: str) -> Store:
    """The store with this key; ``UnknownStore`` if there is none."""
    for each in stores():
        if each.key == key:
            return each
    raise UnknownStore(key)


def client(which: Store | str) -> KlarnaClient:
    """The Klarna client of a store (or store key)."""
    key = which.key if isinstance(which, Store) else which
    clients = _registry().clients
    if key not in clients:
        raise UnknownStore(key)
    return clients[key]


# --- the calls of this request ------------------------------------------------------------------


def _note_call(record: CallRecord) -> None:
    if has_app_context():
        g.setdefault("klarna_calls", []).append(record)


def calls() -> list[CallRecord]:
    """Every Klarna call made so far while handling the current request (or app context)."""
    return list(g.get("klarna_calls", ()))


@contextmanager
def store_errors(of: Store) -> Iterator[None]:
    """Mark a ``KlarnaError`` raised inside with ``error.store``, so messages can name the store."""
    try:
        yield
    except KlarnaError as error:
        error.store = of  # type: ignore[attr-defined]
        raise


# --- orders ---------------------------------------------------------------------------------------


def load_order(order_id: str, store_key: str | None = None, opened_by: str | None = None) -> LoadedOrder:
    """The order from the given store, or else from the first store that has it; its index row is
    brought up to date (``opened_by``: the staff member opening its page, for "Recently opened").

    Without a store, the store the order was last seen in is asked first, then the others in
    their configured order. ``OrderNotFound`` only when every store asked answers 404; when a store
    fails otherwise (unreachable, wrong credentials) and none has the order, that error is raised.
    """
    candidates = [store(store_key)] if store_key else _stores_to_ask(order_id)
    misses: list[StoreMiss] = []
    failures: list[KlarnaError] = []
    for candidate in candidates:
        try:
            with store_errors(candidate):
                loaded = LoadedOrder(candidate, client(candidate).get_order(order_id))
            refresh(candidate.key, loaded.order, opened_by)
            return loaded
        except NotFound as miss:
            misses.append(StoreMiss(candidate, miss))
        except KlarnaError as failure:
            failures.append(failure)
    if failures:
        raise failures[0]
    raise OrderNotFound(order_id, misses)


def _stores_to_ask(order_id: str) -> list[Store]:
    configured = list(stores())
    if len(configured) == 1:
        return configured
    remembered = IndexedOrder.store_key_of(order_id)
    return sorted(configured, key=lambda each: each.key != remembered)


def order_url(endpoint: str, loaded: LoadedOrder, **values: object) -> str:
    """``url_for`` for an order-scoped endpoint, with the order id and (if needed) the store."""
    return url_for_order(endpoint, loaded.order_id, loaded.store.key, **values)


def url_for_order(endpoint: str, order_id: str, store_key: str, **values: object) -> str:
    """The same from an order id and a store key (e.g. a recently opened order). A store that is no
    longer configured is left out, so the order is looked for in every store."""
    registry = _registry()
    if len(registry.stores) > 1 and store_key in registry.clients:
        values[STORE_ARG] = store_key
    return url_for(endpoint, order_id=order_id, **values)


def store_label(key: str) -> str:
    """What staff call a store; the key itself for a store no longer configured."""
    try:
        return store(key).label
    except UnknownStore:
        return key
