"""Password hashing with argon2id and the password policy.

Production uses argon2-cffi's default parameters (RFC 9106 low-memory: 64 MiB, 3 passes, 4 lanes),
above OWASP's minimum. Under ``TESTING`` the cheapest parameters keep the suite fast; the stored
hash names its parameters, so a hash made either way verifies either way.
"""

from __future__ import annotations

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, current_app

MIN_LENGTH = 12
MAX_LENGTH = 256

_UNKNOWN_ACCOUNT = "an unknown account never matches this"


def init_app(app: Flask) -> None:
    parameters = profiles.CHEAPEST if app.testing else profiles.RFC_9106_LOW_MEMORY
    hasher = PasswordHasher.from_parameters(parameters)
    app.extensions["password_hasher"] = hasher
    # Verified against when the username is unknown, so both failures take the same time.
    app.extensions["password_dummy_hash"] = hasher.hash(_UNKNOWN_ACCOUNT)


def _hasher() -> PasswordHasher:
    return current_app.extensions["password_hasher"]


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """Whether ``password`` matches; with ``password_hash=None`` spends the same time and fails."""
    try:
        matches = _hasher().verify(password_hash or current_app.extensions["password_dummy_hash"], password)
    except (VerificationError, InvalidHashError):
        return False
    return matches and password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return _hasher().check_needs_rehash(password_hash)


def password_problem(password: str) -> str | None:
    """Why ``password`` is not acceptable, or ``None``."""
    if len(password) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"Use at most {MAX_LENGTH} characters."
    if not password.strip():
        return "The password cannot be only spaces."
    return None
