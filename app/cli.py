"""``flask --app app users ...``: staff accounts from the command line; ``ledger purge``: old keys.

Passwords are asked twice without echo; when standard input is not a terminal the two lines are
read from it instead, so ``printf '%s\\n%s\\n' "$pw" "$pw" | flask --app app users create ...`` works.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import timedelta

import click
from flask import Flask
from flask.cli import AppGroup

from app import staff_events
from app.extensions import db
from app.index import commands as index_commands
from app.models.ledger import LedgerKey
from app.models.staff_session import EndReason
from app.models.user import StaffError, User
from app.permissions import Role

users = AppGroup("users", help="Manage staff accounts.")
ledger = AppGroup("ledger", help="Maintain the idempotency ledger.")

ROLE_OPTION = click.option(
    "--role",
    required=True,
    type=click.Choice([role.value for role in Role]),
    help="viewer, agent, supervisor or admin.",
)


def _ask_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt="Repeat the password")
    first = sys.stdin.readline().rstrip("\r\n")
    second = sys.stdin.readline().rstrip("\r\n")
    if not first:
        raise click.ClickException("No password on standard input (expected the same line twice).")
    if first != second:
        raise click.ClickException("The two passwords differ.")
    return first


def _existing(username: str) -> User:
    user = User.by_username(username)
    if user is None:
        raise click.ClickException(f"No staff account named {username!r}.")
    return user


def _commit(change: Callable[[], object], done: str, event: str, user: User | None = None) -> None:
    """Make ``change`` to ``user`` and audit it as ``event``, done by the command line.

    ``change`` returns the account it made (then ``user`` is None), or how many sessions it ended."""
    try:
        result = change()
    except StaffError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    about = result if isinstance(result, User) else user
    details = f"{done} {staff_events.sessions_ended(result)}." if isinstance(result, int) else done
    staff_events.record(event, about=about, details=details)
    db.session.commit()
    click.echo(done)


@users.command("create")
@click.argument("username")
@ROLE_OPTION
def create(username: str, role: str) -> None:
    """Create a staff account (asks for the password twice)."""
    password = _ask_password()
    done = f"Created {username.lower()} with role {role}."
    _commit(lambda: User.create(username, password, role), done, staff_events.STAFF_CREATED)


@users.command("list")
def list_users() -> None:
    """List staff accounts."""
    rows = [("USERNAME", "ROLE", "STATUS", "LAST SIGN-IN")]
    for user in User.all_by_username():
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M UTC") if user.last_login_at else "never"
        rows.append((user.username, user.role.value, "active" if user.active else "disabled", last))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


@users.command("set-role")
@click.argument("username")
@ROLE_OPTION
def set_role(username: str, role: str) -> None:
    """Change the role of a staff account."""
    user = _existing(username)
    _commit(lambda: user.set_role(role), f"{user.username} now has role {role}.", staff_events.ROLE_CHANGED, user)


@users.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """Disable a staff account and end its sessions."""
    user = _existing(username)
    _commit(user.disable, f"Disabled {user.username}; their sessions have ended.", staff_events.ACCOUNT_DISABLED, user)


@users.command("enable")
@click.argument("username")
def enable(username: str) -> None:
    """Enable a disabled staff account."""
    user = _existing(username)
    _commit(user.enable, f"Enabled {user.username}.", staff_events.ACCOUNT_ENABLED, user)


@users.command("end-sessions")
@click.argument("username")
def end_sessions(username: str) -> None:
    """Sign an account out everywhere: end every session it has, on every host."""
    user = _existing(username)
    done = f"Ended the sessions of {user.username}."
    _commit(lambda: user.end_sessions(EndReason.ENDED_BY_ADMIN), done, staff_events.SESSIONS_ENDED, user)


@users.command("reset-password")
@click.argument("username")
def reset_password(username: str) -> None:
    """Set a new password (asks twice) and end the account's sessions."""
    user = _existing(username)
    password = _ask_password()
    done = f"New password set for {user.username}; their sessions have ended."
    _commit(lambda: user.set_password(password), done, staff_events.PASSWORD_SET, user)


@ledger.command("purge")
@click.option(
    "--older-than-hours",
    type=click.FloatRange(min=0),
    default=72.0,
    show_default=True,
    help="Delete keys minted longer ago than this (never less than their 24-hour lifetime).",
)
def purge(older_than_hours: float) -> None:
    """Delete idempotency keys that can no longer be used (the audit log keeps every attempt)."""
    count = LedgerKey.purge(timedelta(hours=older_than_hours))
    click.echo(f"Deleted {count} idempotency key{'s' if count != 1 else ''}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(users)
    app.cli.add_command(ledger)
    app.cli.add_command(index_commands.orders)
    app.cli.add_command(index_commands.worker)
