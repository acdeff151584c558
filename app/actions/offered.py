"""The actions the dashboard offers: importing this module registers each of them, in menu order."""

# ruff: noqa: F401
from app.actions import capture
from app.actions import refund
from app.actions import update_authorization
from app.actions import extend
from app.actions import release
from app.actions import shipping_address
from app.actions import tracking
from app.actions import acknowledge
from app.actions import merchant_references
from app.actions import send_out
from app.actions import extend_due_date
from app.actions import cancel
