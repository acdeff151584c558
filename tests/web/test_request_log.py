"""One JSON line per request, a request id on every answer, and client addresses from
X-Forwarded-For only behind a trusted proxy."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.fixtures.dashboard import csrf_token, post_form

GENERATED_ID = re.compile(r"[0-9a-f]{32}")
WRONG = "not the password at all"


def test_each_request_writes_one_line_with_its_id_route_status_and_user(logged_in, make_user, json_log):
    admin = logged_in("admin")
    other = make_user("viewer")
    json_log.stream.truncate(0)
    json_log.stream.seek(0)

    response = post_form(admin, f"/admin/staff/{other.id}/disable")

    entries = [entry for entry in json_log.requests() if entry["method"] == "POST"]
    assert len(entries) == 1
    entry = entries[0]
    assert entry["request_id"] == response.headers["X-Request-Id"]
    assert GENERATED_ID.fullmatch(entry["request_id"])
    assert entry["route"] == "/admin/staff/<int:user_id>/disable"
    assert entry["endpoint"] == "admin.disable"
    assert entry["status"] == response.status_code
    assert entry["user_id"] == admin.account.id
    assert entry["client_ip"] == "127.0.0.1"
    assert isinstance(entry["duration_ms"], int) and entry["duration_ms"] >= 0
    assert entry["message"] == f"POST /admin/staff/<int:user_id>/disable {response.status_code}"
    # The other lines written during that request carry its id too.
    during = [record for record in json_log.records() if record.get("request_id") == entry["request_id"]]
    assert any(record["logger"] == "app" and "disabled" in record["message"] for record in during)


def test_signed_out_and_unknown_addresses_are_logged_without_user_or_route(client, json_log):
    response = client.get("/no/such/page")
    (entry,) = json_log.requests()
    assert (entry["status"], entry["route"], entry["user_id"]) == (404, None, None)
    assert entry["request_id"] == response.headers["X-Request-Id"]
    assert "/no/such/page" not in json_log.stream.getvalue()


def test_every_request_gets_a_new_id(client):
    ids = {client.get("/healthz").headers["X-Request-Id"] for _ in range(3)}
    assert len(ids) == 3


def test_an_incoming_request_id_is_ignored_without_a_trusted_proxy(client):
    response = client.get("/healthz", headers={"X-Request-Id": "from-the-client-1234"})
    assert response.headers["X-Request-Id"] != "from-the-client-1234"
    assert GENERATED_ID.fullmatch(response.headers["X-Request-Id"])


@pytest.mark.parametrize(
    "incoming,kept",
    [
        ("7f3c2a9e4b1d4c8e9a6f5e3d2c1b0a99", True),
        ("lb-1:7f3c2a9e.4b1d_4c8e", True),
        ("short", False),
        ("has spaces in it", False),
        ("a" * 129, False),
        ('"><script>', False),
    ],
)
def test_a_trusted_proxy_request_id_is_kept_when_it_is_a_plain_token(make_app, incoming, kept):
    client = make_app(TRUSTED_PROXIES=1).test_client()
    answered = client.get("/healthz", headers={"X-Request-Id": incoming}).headers["X-Request-Id"]
    assert (answered == incoming) is kept
    if not kept:
        assert GENERATED_ID.fullmatch(answered)


@pytest.fixture
def app_config(app_config, request):
    """Three failed sign-ins per address; tests add settings with ``indirect`` parametrization."""
    return {**app_config, "LOGIN_LIMIT_PER_ADDRESS": "3/minute", **getattr(request, "param", {})}


def _failed_sign_in(client, forwarded_for: str, address: str = "192.0.2.10"):
    environ = {"REMOTE_ADDR": address}
    token = csrf_token(client, environ_base=environ)
    # A new username each time, so only the per-address limit can be reached.
    form = {"csrf_token": token, "username": f"guess-{uuid.uuid4().hex[:8]}", "password": WRONG}
    return client.post("/login", data=form, environ_base=environ, headers={"X-Forwarded-For": forwarded_for})


def test_without_trusted_proxies_x_forwarded_for_is_ignored_by_throttling_and_logs(client, json_log):
    statuses = [_failed_sign_in(client, f"198.51.100.{number}").status_code for number in range(4)]
    # Every attempt came from 192.0.2.10 whatever the header claims: the fourth is refused.
    assert statuses == [401, 401, 401, 429]
    assert {entry["client_ip"] for entry in json_log.requests()} == {"192.0.2.10"}


@pytest.mark.parametrize("app_config", [{"TRUSTED_PROXIES": 1}], indirect=True)
def test_behind_one_trusted_proxy_the_address_it_saw_counts(client, json_log):
    # Each client the proxy saw has its own count...
    statuses = [_failed_sign_in(client, f"198.51.100.{number}").status_code for number in range(4)]
    assert statuses == [401, 401, 401, 401]
    # ...and a client cannot escape its count by sending its own X-Forwarded-For: the proxy
    # appends the address it saw, and only that last one is trusted.
    spoofed = [_failed_sign_in(client, f"10.9.9.{number}, 203.0.113.7").status_code for number in range(4)]
    assert spoofed == [401, 401, 401, 429]
    logged = [entry["client_ip"] for entry in json_log.requests() if entry["method"] == "POST"]
    assert logged[:4] == [f"198.51.100.{number}" for number in range(4)]
    assert set(logged[4:]) == {"203.0.113.7"}



def test_a_request_is_logged_even_when_the_database_is_down(logged_in, make_app, json_log, tmp_path):
    viewer = logged_in("viewer")
    cookie = viewer.get_cookie("backoffice_session")
    down = make_app(DATABASE_URL=f"sqlite:///{tmp_path}/missing-folder/db.sqlite3")
    down.config["PROPAGATE_EXCEPTIONS"] = False
    client = down.test_client()
    client.set_cookie("backoffice_session", cookie.value)
    json_log.stream.truncate(0)
    json_log.stream.seek(0)

    response = client.get("/")

    assert response.status_code == 500
    (entry,) = json_log.requests()
    assert (entry["status"], entry["route"], entry["user_id"]) == (500, "/", None)
