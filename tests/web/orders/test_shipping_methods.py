"""A shipping method reads the same wherever staff meet it: the shipment form, the order page, the
confirmation and the audit log, for every method the API knows."""

from __future__ import annotations

import re

import pytest

from app.actions.shipping import describe_one
from app.forms.shipping import ShippingInfoForm
from app.klarna.types import ShippingInfo
from app.presenters.shipping import present_parcels
from app.sandbox.spec import load_spec

FORM_CHOICES = [(choice.value, choice.label) for choice in ShippingInfoForm().shipping_method.choices if choice.value]


def test_the_form_offers_every_method_of_the_api_once():
    pattern = load_spec()["components"]["schemas"]["shipping_info"]["properties"]["shipping_method"]["pattern"]
    api_methods = re.fullmatch(r"\((.*)\)", pattern.strip()).group(1).split("|")
    assert len(api_methods) == 13
    assert sorted(value for value, _label in FORM_CHOICES) == sorted(api_methods)


@pytest.mark.parametrize(("method", "label"), FORM_CHOICES, ids=[value for value, _label in FORM_CHOICES])
def test_a_chosen_method_shows_as_the_form_named_it(method, label):
    info = ShippingInfo(shipping_company="PostNord", shipping_method=method)
    assert present_parcels([info])[0].method == label
    assert describe_one(info) == f"PostNord, {label}"
