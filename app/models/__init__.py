"""SQLAlchemy models. Import them from here so Alembic and the app see every table."""

from app.models.recent_order import RecentOrder
from app.models.user import StaffError, User

__all__ = ["RecentOrder", "StaffError", "User"]
