"""Static files under content-hashed names, cached by browsers for a year.

``url_for('static', filename='app.css')`` gives ``/static/app.<digest>.css``, the digest being the
first 12 hex digits of the file's SHA-256, so a changed file gets a new URL and the old one can be
kept forever: such a request is answered with ``Cache-Control: public, max-age=31536000, immutable``.
A name without a digest (or with an outdated one, e.g. a page rendered before a release) is still
served, revalidated each time (``no-cache``). Digests are worked out once per file and version (its
size and modification time), so an edited file gets a new name without a restart.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from typing import Any

from flask import Flask, Response, current_app, send_from_directory
from werkzeug.security import safe_join

ONE_YEAR = 365 * 24 * 60 * 60
DIGEST_LENGTH = 12
_HASHED_NAME = re.compile(rf"(?P<stem>.+)\.(?P<digest>[0-9a-f]{{{DIGEST_LENGTH}}})(?P<suffix>\.[A-Za-z0-9]+)")


class StaticDigests:
    """The digest of each static file, per version of the file."""

    def __init__(self, folder: str):
        self.folder = folder
        self._known: dict[str, tuple[tuple[int, int], str]] = {}
        self._lock = threading.Lock()

    def digest(self, filename: str) -> str | None:
        path = safe_join(self.folder, filename)
        try:
            stat = os.stat(path) if path else None
        except OSError:
            return None
        if stat is None or not os.path.isfile(path):
            return None
        version = (stat.st_size, stat.st_mtime_ns)
        known = self._known.get(filename)
        if known and known[0] == version:
            return known[1]
        with open(path, "rb") as file:
            digest = hashlib.file_digest(file, "sha256").hexdigest()[:DIGEST_LENGTH]
        with self._lock:
            self._known[filename] = (version, digest)
        return digest

    def hashed_name(self, filename: str) -> str:
        """``app.css`` -> ``app.<digest>.css``; unchanged for a file that is not there or has no extension."""
        stem, dot, suffix = filename.rpartition(".")
        digest = self.digest(filename) if dot and stem and "/" not in suffix else None
        return f"{stem}.{digest}.{suffix}" if digest else filename


def init_app(app: Flask) -> None:
    digests = StaticDigests(app.static_folder or "")
    app.extensions["static_digests"] = digests

    @app.url_defaults
    def hashed_static_names(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and "filename" in values:
            values["filename"] = digests.hashed_name(values["filename"])

    app.view_functions["static"] = serve_static


def serve_static(filename: str) -> Response:
    """A hashed name whose digest is the file's own: cached for a year. Anything else: as Flask would."""
    digests: StaticDigests = current_app.extensions["static_digests"]
    match = _HASHED_NAME.fullmatch(filename)
    if match:
        original = match["stem"] + match["suffix"]
        current = digests.digest(original)
        if current == match["digest"]:
            response = send_from_directory(digests.folder, original, max_age=ONE_YEAR)
            response.cache_control.immutable = True
            return response
        if current is not None:  # a page from before the file changed: the file as it is now
            return send_from_directory(digests.folder, original)
    return send_from_directory(digests.folder, filename)
