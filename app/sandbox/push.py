"""Push notifications, as Klarna sends them: a POST with an empty body to the merchant's push URL,
the order id in it (``{order_id}`` in ``--push-url`` is replaced), sent in the background after an
order is created. A failed notification is logged and not retried (Klarna's real retries are left out)."""

from __future__ import annotations

import logging
import threading
import urllib.error
import urllib.request
from urllib.parse import quote

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10


def announce(url_template: str | None, order_id: str) -> threading.Thread | None:
    """Send the notification for ``order_id`` in a background thread (None when no URL is set)."""
    if not url_template:
        return None
    url = url_template.replace("{order_id}", quote(order_id, safe=""))
    thread = threading.Thread(target=_send, args=(url, order_id), name="sandbox-push", daemon=True)
    thread.start()
    return thread


def _send(url: str, order_id: str) -> None:
    request = urllib.request.Request(url, data=b"", method="POST")  # noqa: S310 - the URL is the operator's
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            logger.info("push notification for order %s answered %s", order_id, response.status)
    except (urllib.error.URLError, OSError) as error:
        logger.warning("push notification for order %s failed: %s", order_id, error)
