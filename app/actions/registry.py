"""The actions the dashboard offers, by name; the menu a user sees for an order."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from app.actions.base import ORDER_SCOPE, Action, Target
from app.permissions import Permission

ActionClass = TypeVar("ActionClass", bound=type[Action])

_ACTIONS: dict[str, Action] = {}


def register(cls: ActionClass) -> ActionClass:
    """Class decorator: offer this action (its ``name`` must be new, its request type known)."""
    if cls.name in _ACTIONS:
        raise ValueError(f"an action named {cls.name!r} is already registered")
    cls.request_type()  # a form sent again is rebuilt from the ledger into this type
    _ACTIONS[cls.name] = cls()
    return cls


def get(name: str) -> Action | None:
    return _ACTIONS.get(name)


def all_actions() -> list[Action]:
    return list(_ACTIONS.values())


@dataclass(frozen=True)
class MenuEntry:
    action: Action
    reason: str | None  # why it is disabled; None when it can be used

    @property
    def enabled(self) -> bool:
        return self.reason is None


def menu(target: Target, allowed: Callable[[Permission], bool], scope: str = ORDER_SCOPE) -> list[MenuEntry]:
    """The actions of ``scope`` this user may perform, each with the reason it is disabled (if it is)."""
    return [
        MenuEntry(action, action.unavailable_reason(target))
        for action in _ACTIONS.values()
        if action.in_menu and action.scope == scope and allowed(action.permission)
    ]
