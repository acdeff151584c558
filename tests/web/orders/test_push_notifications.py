"""Klarna's push notifications: the token, nothing trusted but the id, repeats, the rate limit."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.models.order_index import IndexedOrder
from app.sandbox import demo_ids as ids

TOKEN = "push-secret-0123456789"


@pytest.fixture
def app_config(app_config):
    return {**app_config, "KLARNA_PUSH_TOKEN": TOKEN, "PUSH_LIMIT": "5/minute"}


def _indexed(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(row.order_id, row.status) for row in db.session.query(IndexedOrder).all()]


def _push(client, order_id: str = ids.AUTHORIZED_SEK, token: str | None = TOKEN, store: str = "default", **kwargs):
    query = {"klarna_order_id": order_id, **({"token": token} if token is not None else {})}
    return client.post(f"/notifications/klarna/{store}", query_string=query, **kwargs)


def test_a_notification_indexes_the_order_as_klarna_has_it(app, client, sandbox):
    # No login and no CSRF token: Klarna has neither. The body is ignored: only the id is used.
    response = _push(client, json={"status": "CAPTURED", "order_amount": 1})
    assert (response.status_code, response.get_data()) == (204, b"")
    assert _indexed(app) == [(ids.AUTHORIZED_SEK, "AUTHORIZED")]
    assert [entry["status"] for entry in sandbox.requests_log(ids.AUTHORIZED_SEK)] == [200]


@pytest.mark.parametrize("token", [None, "", "wrong", TOKEN + "x", TOKEN.upper()])
def test_a_wrong_or_missing_token_is_a_404_and_nothing_is_done(app, client, sandbox, token):
    assert _push(client, token=token).status_code == 404
    assert _indexed(app) == [] and sandbox.requests_log(ids.AUTHORIZED_SEK) == []


def test_an_unknown_store_or_a_store_without_a_token_is_a_404(app, make_app, sandbox):
    assert _push(app.test_client(), store="nowhere").status_code == 404
    without = make_app(KLARNA_PUSH_TOKEN=None)
    assert _push(without.test_client(), token="").status_code == 404
    assert sandbox.requests_log(ids.AUTHORIZED_SEK) == []


def test_an_unknown_order_is_dropped(app, client, sandbox):
    missing = "0b1d9815-165e-42e2-8867-35bc03789e00"
    assert _push(client, order_id=missing).status_code == 204
    assert _indexed(app) == []
    assert [entry["status"] for entry in sandbox.requests_log(missing)] == [404]


def test_a_malformed_id_is_refused_without_asking_klarna(app, client, sandbox):
    assert _push(client, order_id="../../admin").status_code == 400
    assert _indexed(app) == [] and sandbox.requests_log() == []


def test_repeated_notifications_leave_one_row(app, client, sandbox):
    for _ in range(3):
        assert _push(client).status_code == 204
    assert _indexed(app) == [(ids.AUTHORIZED_SEK, "AUTHORIZED")]


def test_notifications_are_rate_limited_per_address(app, client, sandbox):
    answers = [_push(client).status_code for _ in range(6)]
    assert answers == [204] * 5 + [429]


def test_other_unsafe_requests_still_need_a_csrf_token(logged_in):
    viewer = logged_in("viewer")
    assert viewer.post("/logout").status_code == 400
