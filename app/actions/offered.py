"""The actions the dashboard offers: importing this module registers each of them, in menu order."""

from app.actions import capture, refund  # noqa: F401
from app.actions import shipping_address  # noqa: F401
from app.actions import tracking  # noqa: F401
from app.actions import acknowledge  # noqa: F401
from app.actions import merchant_references  # noqa: F401
from app.actions import send_out  # noqa: F401
from app.actions import extend_due_date  # noqa: F401
