"""Changing the shipping address: prefilled, the spec's limits, US regions, Klarna's risk refusal."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
import yaml

from tests.fixtures.dashboard import csrf_token
from tests.fixtures.pages import post_forms
from tests.web.actions.conftest import audit_entries, changes_sent, page_text, sent_to

ACTION = "shipping_address"
CUSTOMER_DETAILS = "/customer-details"
SPEC = Path(__file__).resolve().parents[3] / "app" / "sandbox" / "openapi.yaml"


def address_limits() -> dict[str, int]:
    """Every property of the API's ``address`` with its maxLength."""
    schema = yaml.safe_load(SPEC.read_text())["components"]["schemas"]["address"]["properties"]
    return {name: spec["maxLength"] for name, spec in schema.items() if "maxLength" in spec}


def test_the_form_is_prefilled_with_the_shipping_address_and_shows_the_billing_address(agent, order_id):
    opened = agent.open(order_id, ACTION)
    form = opened.form
    assert (form.value("given_name"), form.value("family_name")) == ("Klara", "Test")
    assert (form.value("street_address"), form.value("postal_code"), form.value("city")) == (
        "Drottninggatan 1", "111 51", "Stockholm")
    assert (form.value("country"), form.value("email")) == ("SE", "klara.test@example.se")
    assert "billing_address" not in " ".join(form.names())
    assert "Billing address (cannot be changed)" in opened.text
    assert "Klarna does not allow changing the billing address" in opened.text


def test_the_country_is_chosen_from_every_iso_country_by_english_name(agent, order_id):
    html = agent.open(order_id, ACTION).html
    select = re.search(r'<select[^>]*name="country"[^>]*>(.*?)</select>', html, re.S).group(1)
    options = re.findall(r'<option([^>]*)value="([^"]*)"[^>]*>([^<]*)</option>', select)
    countries = [(value, name) for _attrs, value, name in options if value]
    assert len(countries) == 249  # ISO 3166-1 alpha-2
    assert all(re.fullmatch(r"[A-Z]{2}", value) for value, _name in countries)
    assert ("SE", "Sweden") in countries and ("US", "United States") in countries and ("DE", "Germany") in countries
    assert not {"EU", "UN", "ZZ", "XK", "QO"} & {value for value, _name in countries}
    names = [name for _value, name in countries]
    assert names.index("Åland Islands") < names.index("Albania")  # sorted by name, accents aside
    assert names.index("Afghanistan") == 0 and names[-1] == "Zimbabwe"


@pytest.mark.parametrize("field,limit", sorted(address_limits().items()))
def test_every_field_of_the_spec_has_its_limit(app, agent, sandbox, order_id, field, limit):
    opened = agent.open(order_id, ACTION)
    assert re.search(rf'name="{field}"[^>]*maxlength="{limit}"|maxlength="{limit}"[^>]*name="{field}"', opened.html)
    value = "a" * (limit - 10) + "@example.se" if field == "email" else "x" * (limit + 1)
    refused = agent.send(opened.form, **{field: value})
    assert refused.status == 422
    assert f"Use at most {limit} characters." in refused.text
    assert changes_sent(sandbox, order_id) == []
    (entry,) = audit_entries(app, order_id)
    assert entry.outcome == "invalid"


@pytest.mark.parametrize(
    "changes,message",
    [
        ({"email": "klara.example.se"}, "Enter an email address like name@example.com."),
        ({"street_address": ""}, "Enter the street address."),
        ({"city": " "}, "Enter the city."),
        ({"country": ""}, "Choose the country."),
        ({"country": "XX"}, "Not a valid choice."),
        ({"given_name": "", "family_name": ""}, "Enter the recipient's name, or an organization."),
        ({"country": "US", "region": ""}, "Enter the state: US addresses need one (for example TN)."),
    ],
)
def test_invalid_addresses_are_refused_field_by_field_and_nothing_is_sent(agent, sandbox, order_id, changes, message):
    opened = agent.open(order_id, ACTION)
    refused = agent.send(opened.form, **changes)
    assert refused.status == 422
    assert message in refused.text
    assert refused.html.count('aria-invalid="true"') == 1
    assert refused.key == opened.key
    assert changes_sent(sandbox, order_id) == []


def test_a_new_shipping_address_is_saved_and_only_the_shipping_address_is_sent(app, agent, sandbox, order_id):
    before = sandbox.get_order(order_id)
    opened = agent.open(order_id, ACTION)
    saved = agent.send(opened.form, street_address="Sveavägen 44", street_address2="Lgh 1102", postal_code="113 59",
                       attention="Reception", phone="")
    assert saved.status == 303 and saved.response.headers["Location"] == f"/orders/{order_id}"
    after = sandbox.get_order(order_id)
    assert after["shipping_address"] == {
        "given_name": "Klara", "family_name": "Test", "attention": "Reception", "street_address": "Sveavägen 44",
        "street_address2": "Lgh 1102", "postal_code": "113 59", "city": "Stockholm", "country": "SE",
        "email": "klara.test@example.se",
    }
    assert after["billing_address"] == before["billing_address"]
    (patch,) = sent_to(sandbox, order_id, "PATCH", CUSTOMER_DETAILS)
    assert patch["status"] == 204 and patch["idempotency_key"] == opened.key
    (entry,) = audit_entries(app, order_id)
    assert entry.outcome == "succeeded"
    assert entry.details == "shipping address: Sveavägen 44, 113 59 Stockholm, SE"
    page = page_text(agent.client.get(f"/orders/{order_id}").get_data(as_text=True))
    assert "Shipping address of order" in page and "Sveavägen 44" in page


def test_with_htmx_the_result_comes_inline_and_the_panels_refresh(pages, sandbox, order_id):
    staff = pages("agent", htmx=True)
    opened = staff.open(order_id, ACTION)
    saved = staff.send(opened.form, city="Göteborg", postal_code="411 01")
    assert saved.status == 200 and saved.response.headers["HX-Trigger"] == "order-updated"
    assert "Shipping address of order" in saved.text and "changed." in saved.text
    panel = page_text(staff.client.get(f"/orders/{order_id}/panels/customer").get_data(as_text=True))
    assert "411 01 Göteborg" in panel


def test_a_us_address_needs_its_state(sandbox, agent):
    us = {"given_name": "Jo", "family_name": "Doe", "street_address": "1 Main St", "postal_code": "37902",
          "city": "Knoxville", "region": "TN", "country": "US"}
    order_id = sandbox.create_order(purchase_country="US", purchase_currency="USD", locale="en-US",
                                    billing_address=us, shipping_address=us)["order_id"]
    opened = agent.open(order_id, ACTION)
    assert opened.form.value("region") == "TN"
    refused = agent.send(opened.form, region="")
    assert refused.status == 422 and "US addresses need one" in refused.text
    saved = agent.send(refused.form, region="TN", street_address="2 Main St")
    assert saved.status == 303
    assert sandbox.get_order(order_id)["shipping_address"]["region"] == "TN"


def test_the_same_address_is_not_sent(agent, sandbox, order_id):
    opened = agent.open(order_id, ACTION)
    same = agent.send(opened.form)
    assert same.status == 422 and "This is the shipping address already" in same.text
    assert changes_sent(sandbox, order_id) == []


def test_klarnas_risk_refusal_is_explained(app, agent, sandbox, order_id):
    opened = agent.open(order_id, ACTION)
    sandbox.add_fault(method="PATCH", path="/ordermanagement/v1/orders/*" + CUSTOMER_DETAILS, kind="status",
                      status=403, error_code="NOT_ALLOWED", error_messages=["Update of shipping address not allowed"])
    refused = agent.send(opened.form, street_address="Okänd väg 1")
    assert refused.status == 422
    assert "Klarna said: Update of shipping address not allowed. Nothing was done." in refused.text
    assert "risk assessment" in refused.text and "the order still ships to the old address" in refused.text
    assert "Contact Klarna" in refused.text and "cancel the order and sell it again" in refused.text
    (patch,) = sent_to(sandbox, order_id, "PATCH", CUSTOMER_DETAILS)
    assert "NOT_ALLOWED" in refused.text and patch["correlation_id"] in refused.text
    (entry,) = audit_entries(app, order_id)
    assert (entry.outcome, entry.error_code, entry.correlation_id) == ("refused", "NOT_ALLOWED", patch["correlation_id"])
    assert refused.form.value("street_address") == "Okänd väg 1" and refused.key != opened.key
    assert sandbox.get_order(order_id)["shipping_address"]["street_address"] == "Drottninggatan 1"


def test_a_cancelled_order_offers_no_form(agent, sandbox, order_id):
    sandbox.cancel(order_id)
    opened = agent.open(order_id, ACTION)
    assert "Changing the shipping address is not possible: the order is cancelled." in opened.text
    assert [form for form in post_forms(opened.html) if "/actions/" in form.action] == []


def test_the_customer_panel_offers_the_edit_to_agents_only(pages, sandbox, order_id):
    agent_page = pages("agent").client.get(f"/orders/{order_id}/panels/customer").get_data(as_text=True)
    assert f'href="/orders/{order_id}/actions/{ACTION}"' in agent_page
    viewer = pages("viewer")
    viewer_page = viewer.client.get(f"/orders/{order_id}").get_data(as_text=True)
    assert f"/actions/{ACTION}" not in viewer_page
    assert viewer.client.get(f"/orders/{order_id}/actions/{ACTION}").status_code == 403
    sandbox.clear_requests_log()
    token = csrf_token(viewer.client, "/")
    posted = viewer.client.post(f"/orders/{order_id}/actions/{ACTION}",
                                data={"csrf_token": token, "idempotency_key": str(uuid.uuid4()), "city": "Malmö"})
    assert posted.status_code == 403
    assert sandbox.requests_log(order_id) == []
