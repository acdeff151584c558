"""A KlarnaClient pointed at the sandbox, and orders to work on."""

import pytest

from app.klarna import CallRecord, KlarnaClient

ORDERS = "/ordermanagement/v1/orders"


@pytest.fixture
def sleeps() -> list[float]:
    """What the client asked to sleep between attempts (it does not really sleep)."""
    return []


@pytest.fixture
def calls() -> list[CallRecord]:
    return []


@pytest.fixture
def klarna(sandbox, sleeps, calls):
    client = KlarnaClient(
        sandbox.url,
        sandbox.username,
        sandbox.password,
        read_timeout=5.0,
        sleep=sleeps.append,
        on_call=calls.append,
    )
    yield client
    client.close()


def line(name: str, amount: int, **fields) -> dict:
    return {"type": "physical", "name": name, "quantity": 1, "unit_price": amount, "total_amount": amount, **fields}


@pytest.fixture
def new_order(sandbox):
    """``new_order(amount=..., **fields)``: a fresh AUTHORIZED order in the sandbox, as JSON."""

    def create(amount: int = 10000, **fields) -> dict:
        fields.setdefault("order_lines", [line("Espresso machine", amount)])
        return sandbox.create_order(
            purchase_currency="SEK", purchase_country="SE", locale="sv-SE", order_amount=amount, **fields
        )

    return create


@pytest.fixture
def order_id(new_order) -> str:
    return new_order()["order_id"]


@pytest.fixture
def captured(klarna, new_order) -> tuple[str, str]:
    """(order id, capture id) of an invoice order of 10 000 with 6 000 captured."""
    order = new_order(initial_payment_method={"type": "INVOICE", "description": "Pay later in 30 days"})
    capture_id = klarna.create_capture(order["order_id"], 6000, description="First parcel")
    return order["order_id"], capture_id
