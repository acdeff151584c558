"""The actions the dashboard offers: importing this module registers each of them, in menu order."""

# ruff: noqa: F401
from app.actions import capture
from app.actions import refund
from app.actions import update_authorization
from app.actions import extend
from app.actions import release
from app.actions import cancel
