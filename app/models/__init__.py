"""SQLAlchemy models. Import them from here so Alembic and the app see every table."""

from app.models.user import StaffError, User

__all__ = ["StaffError", "User"]
