"""The sandbox's clock: real UTC time plus an offset that tests move forward to make orders expire.

The offset is kept in the database, so a restart does not bring expired orders back to life.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Protocol

OFFSET_SETTING = "clock_offset_seconds"


class SettingsStore(Protocol):
    def get_setting(self, name: str) -> str | None: ...

    def set_setting(self, name: str, value: str) -> None: ...


def isoformat(moment: datetime) -> str:
    """ISO 8601 in UTC with milliseconds and a ``Z`` suffix, as Klarna writes times."""
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 time; a time without offset is taken as UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class SandboxClock:
    def __init__(self, settings: SettingsStore):
        self._settings = settings

    @property
    def offset(self) -> timedelta:
        return timedelta(seconds=float(self._settings.get_setting(OFFSET_SETTING) or 0))

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset

    def advance(self, days: float) -> datetime:
        seconds = self.offset.total_seconds() + days * 86400
        self._settings.set_setting(OFFSET_SETTING, repr(seconds))
        return self.now()

    def reset(self) -> datetime:
        self._settings.set_setting(OFFSET_SETTING, "0")
        return self.now()

    def describe(self) -> dict:
        return {"now": isoformat(self.now()), "offset_days": self.offset.total_seconds() / 86400}
