"""A staff member's sessions as "My account" and the staff admin pages list them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from ua_parser import parse

from app.models.staff_session import StaffSession
from app.display import relative, when

UNKNOWN_BROWSER = "Unknown browser"


@dataclass(frozen=True)
class SessionRow:
    id: int
    signed_in_at: str
    signed_in_ago: str
    last_seen_at: str
    last_seen_ago: str
    browser: str
    user_agent: str
    address: str
    is_current: bool


@lru_cache(maxsize=256)
def browser_name(user_agent: str | None) -> str:
    """``Firefox 120 on Windows``, from the User-Agent header the session was signed in with."""
    if not user_agent:
        return UNKNOWN_BROWSER
    result = parse(user_agent)
    agent, system = result.user_agent, result.os
    name = f"{agent.family} {agent.major}" if agent and agent.major else (agent.family if agent else UNKNOWN_BROWSER)
    return f"{name} on {system.family}" if system and system.family != "Other" else name


def present_sessions(
    sessions: Iterable[StaffSession], current_id: int | None = None, now: datetime | None = None
) -> list[SessionRow]:
    now = now or datetime.now(UTC)
    return [
        SessionRow(
            id=row.id,
            signed_in_at=when(row.signed_in_at),
            signed_in_ago=relative(row.signed_in_at, now),
            last_seen_at=when(row.last_seen_at),
            last_seen_ago=relative(row.last_seen_at, now),
            browser=browser_name(row.user_agent),
            user_agent=row.user_agent or "",
            address=row.client_address or "unknown",
            is_current=row.id == current_id,
        )
        for row in sessions
    ]
