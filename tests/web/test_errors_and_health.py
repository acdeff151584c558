"""Error pages inside the layout (fragments for htmx) and the health check."""

from __future__ import annotations

import pytest
from flask import abort

from app.models.user import User
from app.permissions import signed_in
from tests.fixtures.dashboard import TEST_PASSWORD, csrf_token

HTMX = {"HX-Request": "true"}


@pytest.fixture
def failing_app(app):
    """The app with one extra route that fails with the status in its URL (500: an exception)."""

    @signed_in
    def fail(code: int):
        if code == 500:
            raise RuntimeError("boom")
        abort(code)

    app.add_url_rule("/test-failure/<int:code>", "test_failure", fail)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    return app


@pytest.mark.parametrize(
    "code,title,text",
    [
        (403, "Not allowed", "Your role does not allow this."),
        (404, "Not found", "There is nothing at this address."),
        (429, "Too many sign-in attempts", "Wait a minute"),
        (500, "Something went wrong", "was logged"),
        (502, "Klarna is unreachable", "Nothing was changed."),
        (503, "Klarna is unreachable", "Nothing was changed."),
    ],
)
def test_error_page_in_layout_and_fragment_for_htmx(failing_app, logged_in, code, title, text):
    client = logged_in("agent")
    page = client.get(f"/test-failure/{code}")
    assert page.status_code == code
    html = page.get_data(as_text=True)
    assert html.startswith("<!doctype html>")
    assert f"<h1 class=\"alert__title\">{title}</h1>" in html and text in html
    assert 'class="site-header"' in html
    fragment = client.get(f"/test-failure/{code}", headers=HTMX)
    assert fragment.status_code == code
    html = fragment.get_data(as_text=True)
    assert f"<h2 class=\"alert__title\">{title}</h2>" in html and text in html
    assert "<html" not in html and "site-header" not in html


def test_unknown_address_is_a_404_page_even_when_signed_out(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Not found" in response.get_data(as_text=True)


def test_wrong_method_is_405(logged_in):
    assert logged_in("viewer").post("/healthz").status_code == 405


@pytest.mark.parametrize("headers", [{}, HTMX], ids=["page", "htmx"])
def test_a_request_body_over_one_mib_is_refused_with_a_413_page_and_nothing_is_done(app, logged_in, headers):
    admin = logged_in("admin")
    form = {"csrf_token": csrf_token(admin, "/"), "username": "newcomer", "password": TEST_PASSWORD,
            "confirm": TEST_PASSWORD, "role": "viewer", "padding": "x" * (1024 * 1024)}
    response = admin.post("/admin/staff", data=form, headers=headers)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Too much data" in html and "at most 1 MiB" in html and "Nothing was done." in html
    assert ("<html" in html) == (not headers)
    with app.app_context():
        assert User.by_username("newcomer") is None
    del form["padding"]
    assert admin.post("/admin/staff", data=form).status_code == 303  # the same form, within the limit


def test_health_is_ok_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_is_503_when_the_database_does_not_answer(make_app, tmp_path):
    unreachable = f"sqlite:///{tmp_path}/missing-folder/db.sqlite3"
    app = make_app(DATABASE_URL=unreachable, SQLALCHEMY_ENGINE_OPTIONS={})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unavailable"}
    assert "missing-folder" not in response.get_data(as_text=True)
