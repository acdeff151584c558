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

from app.extensions import db
from app.index import commands as index_commands
from app.models.ledger import LedgerKey
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


def _commit(change: Callable[[], None], done: str) -> None:
    try:
        change()
    except StaffError as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(done)


@users.command("create")
@click.argument("username")
@ROLE_OPTION
def create(username: str, role: str) -> None:
    """Create a staff account (asks for the password twice)."""
    password = _ask_password()
    _commit(lambda: User.create(username, password, role), f"Created {username.lower()} with role {role}.")


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
    _commit(lambda: user.set_role(role), f"{user.username} now has role {role}.")


@users.command("disable")
@click.argument("username")
def disable(username: str) -> None:
    """Disable a staff account and end its sessions."""
    user = _existing(username)
    _commit(user.disable, f"Disabled {user.username}; their sessions have ended.")


@users.command("enable")
@click.argument("username")
def enable(username: str) -> None:
    """Enable a disabled staff account."""
    user = _existing(username)
    _commit(user.enable, f"Enabled {user.username}.")


@users.command("reset-password")
@click.argument("username")
def reset_password(username: str) -> None:
    """Set a new password (asks twice) and end the account's sessions."""
    user = _existing(username)
    password = _ask_password()
    done = f"New password set for {user.username}; their sessions have ended."
    _commit(lambda: user.set_password(password), done)


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
