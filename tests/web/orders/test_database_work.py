"""What an order view asks of our database: the signed-in user once, however the view commits."""

from __future__ import annotations

from sqlalchemy import event

from app.extensions import db
from app.sandbox import demo_ids as ids


def statements_during(app, action) -> list[str]:
    seen: list[str] = []

    def note(connection, cursor, statement, parameters, context, executemany):
        seen.append(" ".join(statement.split()))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", note)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", note)
    return seen


def test_an_order_view_reads_the_user_once(app, viewer):
    viewer.get(f"/orders/{ids.PART_CAPTURED_EUR_REFUNDED}")  # the first view of the order
    statements = statements_during(app, lambda: viewer.get(f"/orders/{ids.PART_CAPTURED_EUR_REFUNDED}"))
    user_reads = [statement for statement in statements if "staff_users" in statement]  # with its session
    assert len(user_reads) == 1, statements


def test_the_header_still_names_the_user_after_the_view_committed(viewer):
    html = viewer.get(f"/orders/{ids.AUTHORIZED_SEK}").get_data(as_text=True)
    assert f'<span class="site-header__username">{viewer.account.username}</span>' in html
