"""Sending one API request with bounded retries: backoff with jitter, ``Retry-After``, same headers.

The transport retries connection failures, timeouts and the statuses the operation allows, and
remembers whether any attempt may have been carried out (sent without an answer, or answered with a
5xx): that separates "not sent" from "outcome unknown" when every attempt fails, and tells the
client when a final answer such as a 429 says nothing about an earlier attempt.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from urllib3.exceptions import NewConnectionError

from app.klarna.bounded import MAX_ANSWER_BYTES, BodyTooLarge, DeadlinePassed, deadline, read_body


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 3
    backoff_base: float = 0.25  # seconds before the 2nd attempt (then doubling), jittered
    backoff_cap: float = 4.0
    retry_after_cap: float = 10.0  # a longer Retry-After is shortened to this

    def __post_init__(self):
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")

    def backoff(self, attempt: int, rng: random.Random) -> float:
        """Exponential backoff with equal jitter: between half and all of base * 2^(attempt-1)."""
        ceiling = min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1))
        return ceiling / 2 + rng.uniform(0, ceiling / 2)

    def longest_wait(self, attempt: int) -> float:
        """The longest the client may wait after ``attempt`` fails: its backoff or a capped Retry-After."""
        return max(min(self.backoff_cap, self.backoff_base * 2 ** (attempt - 1)), self.retry_after_cap)

    def delay(self, attempt: int, response: requests.Response, rng: random.Random) -> float:
        wait = retry_after_seconds(response)
        if wait is None:
            return self.backoff(attempt, rng)
        return min(wait, self.retry_after_cap)


def retry_after_seconds(response: requests.Response) -> float | None:
    """The ``Retry-After`` header in seconds (delta-seconds or HTTP date), or None."""
    value = (response.headers.get("Retry-After") or "").strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


@dataclass(frozen=True)
class Exchange:
    response: requests.Response  # the last answer
    attempts: int
    maybe_done_before: bool  # an earlier attempt was sent without an answer or answered 5xx


class AnswerNotRead(Exception):
    """An answer came but was too large to read. ``maybe_done``: may any attempt have been carried out?"""

    def __init__(self, response: requests.Response, *, maybe_done: bool, attempts: int, max_bytes: int):
        super().__init__(f"the answer is larger than {max_bytes} bytes")
        self.response = response
        self.maybe_done = maybe_done
        self.attempts = attempts
        self.max_bytes = max_bytes


class NetworkFailure(Exception):
    """The last attempt got no HTTP answer. ``maybe_done``: may any attempt have been carried out?"""

    def __init__(self, *, maybe_done: bool, attempts: int, reason: str):
        super().__init__(reason)
        self.maybe_done = maybe_done
        self.attempts = attempts
        self.reason = reason


_CONFIGURATION_ERRORS = (
    requests.exceptions.InvalidURL,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema,
    requests.exceptions.InvalidHeader,
)

_NEVER_LEFT = (requests.ConnectTimeout, requests.exceptions.SSLError, requests.exceptions.ProxyError)


class Transport:
    def __init__(
        self,
        session: requests.Session,
        *,
        auth: tuple[str, str],
        timeout: tuple[float, float],
        policy: RetryPolicy,
        sleep: Callable[[float], Any],
        rng: random.Random | None = None,
        max_answer_bytes: int = MAX_ANSWER_BYTES,
    ):
        self._session = session
        self._auth = auth
        self._timeout = timeout
        self._max_answer_bytes = max_answer_bytes
        self.policy = policy
        self._sleep = sleep
        self._rng = rng or random.Random()

    def send(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        json: Any = None,
        retry_statuses: Collection[int],
    ) -> Exchange:
        """The final answer; NetworkFailure if the last attempt got none."""
        maybe_done = False
        for attempt in range(1, self.policy.max_attempts + 1):
            last = attempt == self.policy.max_attempts
            try:
                response = self._attempt(method, url, headers, json)
            except BodyTooLarge as error:
                raise AnswerNotRead(
                    error.response, maybe_done=maybe_done, attempts=attempt, max_bytes=error.max_bytes
                ) from error
            except requests.RequestException as error:
                maybe_done = maybe_done or _reached_klarna(error)
                if last or isinstance(error, _CONFIGURATION_ERRORS):
                    raise NetworkFailure(maybe_done=maybe_done, attempts=attempt, reason=_describe(error)) from error
                self._sleep(self.policy.backoff(attempt, self._rng))
                continue
            if last or response.status_code not in retry_statuses:
                return Exchange(response, attempt, maybe_done)
            maybe_done = maybe_done or response.status_code >= 500
            self._sleep(self.policy.delay(attempt, response, self._rng))
        raise AssertionError("unreachable: the last attempt returns or raises")

    @property
    def attempt_seconds(self) -> float:
        """The deadline of one attempt, from sending to the last byte of the answer."""
        return sum(self._timeout)

    def _attempt(self, method: str, url: str, headers: dict[str, str], json: Any) -> requests.Response:
        """One request and its whole answer, by the attempt's deadline (see app/klarna/bounded.py)."""
        with deadline(self.attempt_seconds) as attempt:
            response = self._session.request(
                method,
                url,
                json=json,
                headers=headers,
                auth=self._auth,
                timeout=self._timeout,
                allow_redirects=False,
                stream=True,
            )
            read_body(response, attempt, self._max_answer_bytes)
            return response


def _reached_klarna(error: requests.RequestException) -> bool:
    """False only when the request certainly never left: no connection was made."""
    if isinstance(error, (*_NEVER_LEFT, *_CONFIGURATION_ERRORS)):
        return False
    if isinstance(error, requests.ConnectionError):
        cause = error.args[0] if error.args else None
        return not isinstance(getattr(cause, "reason", cause), NewConnectionError)
    return True


def _describe(error: requests.RequestException) -> str:
    if isinstance(error, requests.ConnectTimeout):
        return "connection timed out"
    if isinstance(error, DeadlinePassed):
        return str(error)
    if isinstance(error, requests.Timeout):
        return "read timed out"
    if isinstance(error, _CONFIGURATION_ERRORS):
        return f"invalid request configuration: {type(error).__name__}"
    if isinstance(error, requests.ConnectionError) and not _reached_klarna(error):
        return "could not connect"
    return "connection dropped without an answer"
