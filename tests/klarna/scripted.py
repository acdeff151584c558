"""A requests adapter that plays a script of answers and network failures, one per attempt.

For sequences a real server cannot produce on demand (a request that was sent, then a refused
connection on the retry); everything else is tested against the sandbox over real HTTP.
"""

import json as jsonlib

import requests
from requests.adapters import HTTPAdapter
from requests.structures import CaseInsensitiveDict
from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError

from app.klarna import KlarnaClient


def refused() -> requests.ConnectionError:
    reason = NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused")
    return requests.ConnectionError(MaxRetryError(None, "/", reason))


def dropped() -> requests.ConnectionError:
    return requests.ConnectionError(ProtocolError("Connection aborted.", ConnectionResetError(104, "reset")))


def timed_out() -> requests.ReadTimeout:
    return requests.ReadTimeout("Read timed out. (read timeout=0.2)")


def answer(status: int, body=None, headers=None, raw: bytes | None = None) -> tuple:
    content = raw if raw is not None else (b"" if body is None else jsonlib.dumps(body).encode())
    return status, content, headers or {}


class ScriptedAdapter(HTTPAdapter):
    def __init__(self, script):
        super().__init__()
        self.script = list(script)
        self.requests: list[requests.PreparedRequest] = []

    def send(self, request, **kwargs):
        self.requests.append(request)
        step = self.script.pop(0)
        if isinstance(step, Exception):
            raise step
        status, content, headers = step
        response = requests.Response()
        response.status_code = status
        response._content = content
        response.headers = CaseInsensitiveDict(headers)
        response.request = request
        response.url = request.url
        return response


def scripted_client(script, **options) -> tuple[KlarnaClient, ScriptedAdapter, list[float]]:
    adapter = ScriptedAdapter(script)
    session = requests.Session()
    session.mount("https://", adapter)
    sleeps: list[float] = []
    options.setdefault("sleep", sleeps.append)
    client = KlarnaClient("eu-playground", "merchant", "s3cret-password", session=session, **options)
    return client, adapter, sleeps
