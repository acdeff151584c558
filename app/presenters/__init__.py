"""Presenters: typed Klarna objects turned into display values, so templates only place text.

``present_order(loaded, staff_actions=())`` builds an ``OrderView`` with one value per panel of the
order page (summary, money, lines, customer, captures, refunds, timeline). Amounts go through
``app.money`` in the order's locale; every string stays plain text (Jinja escapes it); links are
given only for http(s) addresses.
"""

from app.presenters.order import OrderView, present_order
from app.presenters.recent import RecentOrderRow, present_recent_orders
from app.presenters.timeline import StaffAction, TimelineEntry, build_timeline

__all__ = [
    "OrderView", "RecentOrderRow", "StaffAction", "TimelineEntry", "build_timeline", "present_order",
    "present_recent_orders",
]  # fmt: skip
