"""Actions staff perform on orders: money operations and edits, one module each.

Adding one: a module here with an ``Action`` subclass decorated with ``@register`` (see
``capture.py``), its form in ``app/forms/``, the template of its fields in ``templates/actions/``,
and its import in ``offered.py``. ``docs/ACTIONS.md`` describes the flow.
"""

from app.actions.base import Action, ActionRequest, Confirmation, Target
from app.actions.registry import MenuEntry, all_actions, get, menu, register

__all__ = ["Action", "ActionRequest", "Confirmation", "MenuEntry", "Target", "all_actions", "get", "menu", "register"]
