"""SQLAlchemy models. Import them from here so Alembic and the app see every table."""

from app.models.audit import AuditEntry, AuditOutcome
from app.models.ledger import KeyState, LedgerKey
from app.models.order_index import IndexedOrder
from app.models.staff_session import StaffSession
from app.models.user import StaffError, User

__all__ = [
    "AuditEntry", "AuditOutcome", "IndexedOrder", "KeyState", "LedgerKey", "StaffError", "StaffSession", "User",
]
