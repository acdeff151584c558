"""Security headers on every response, trust in reverse proxies when configured, the host names
the dashboard answers for, and no NUL characters in what a request sends.

Cookie flags (HttpOnly, SameSite=Lax, Secure, lifetime) are configuration: see app/config.py.
"""

from __future__ import annotations

from flask import Flask, Response, abort, current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.sansio.utils import host_is_trusted

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}

HSTS = "max-age=31536000; includeSubDomains"
NUL = "\x00"
# Load balancers ask for these by address or by an internal name: they answer whatever the host.
ANY_HOST_ENDPOINTS = frozenset({"health.healthz", "health.readyz"})


def add_security_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", HSTS)
    if request.endpoint != "static":
        # Pages show customer data: keep them out of shared and browser caches.
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def refuse_nul_characters() -> None:
    """400 for a NUL character in the path, the query or the form: no one types one, and
    PostgreSQL cannot store one in a text column (the audit log and the ledger keep form values)."""
    pairs = [*request.args.items(multi=True), *request.form.items(multi=True)]
    if NUL in request.path or any(NUL in name or NUL in value for name, value in pairs):
        abort(400)


def refuse_other_hosts() -> None:
    """400 unless the request's host (``Host``, or ``X-Forwarded-Host`` from a trusted proxy) is one
    of ``ALLOWED_HOSTS``: the dashboard never answers, or builds a link, for a name someone else chose.

    The names match as Flask's ``TRUSTED_HOSTS`` do (werkzeug's ``host_is_trusted``): the port is
    ignored, so is case, ``.example.com`` also matches its subdomains. Flask's own check cannot leave out the
    health checks, so it is done here, before the views and the sign-in redirect.
    """
    allowed = current_app.config["ALLOWED_HOSTS"]
    if allowed and request.endpoint not in ANY_HOST_ENDPOINTS and not host_is_trusted(request.host.lower(), allowed):
        current_app.logger.warning("refused a request for host %r (not in ALLOWED_HOSTS)", request.host[:100])
        abort(400)


def init_app(app: Flask) -> None:
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies > 0:
        proxied = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
        app.wsgi_app = proxied  # type: ignore[method-assign]
    if not app.config["ALLOWED_HOSTS"] and not (app.config["DEMO_MODE"] or app.testing):
        app.logger.warning("ALLOWED_HOSTS is not set: the dashboard answers for any host name. Set it in production.")
    app.before_request(refuse_other_hosts)
    app.before_request(refuse_nul_characters)
    app.after_request(add_security_headers)
