"""Klarna store configuration: one store or several, checked at start-up with one clear line."""

from __future__ import annotations

import pytest

from app import upstream
from app.config import ConfigError
from tests.web.conftest import start_app

TWO_STORES = {
    "SECRET_KEY": "s3cret",
    "KLARNA_STORES": "eu, US",
    "KLARNA_EU_API_URL": "eu-live",
    "KLARNA_EU_USERNAME": "eu-user",
    "KLARNA_EU_PASSWORD": "eu-password",
    "KLARNA_EU_LABEL": "Europe",
    "KLARNA_US_API_URL": "na-playground",
    "KLARNA_US_USERNAME": "us-user",
    "KLARNA_US_PASSWORD": "us-password",
}


def _stores(app):
    with app.app_context():
        return upstream.stores()


def test_one_store_from_the_plain_settings(clean_env, tmp_path):
    for name, value in {"SECRET_KEY": "s", "KLARNA_API_URL": "eu-playground", "KLARNA_USERNAME": "u",
                        "KLARNA_PASSWORD": "pass-word-7"}.items():
        clean_env.setenv(name, value)
    [store] = _stores(start_app(tmp_path))
    assert (store.key, store.base_url, store.username, store.environment) == (
        "default", "https://api.playground.klarna.com", "u", "playground")
    assert "pass-word-7" not in repr(store) and store.password == "pass-word-7"


def test_several_stores_from_the_environment(clean_env, tmp_path):
    for name, value in TWO_STORES.items():
        clean_env.setenv(name, value)
    app = start_app(tmp_path)
    eu, us = _stores(app)
    assert (eu.key, eu.label, eu.base_url, eu.username) == ("eu", "Europe", "https://api.klarna.com", "eu-user")
    assert (us.key, us.label, us.base_url, us.password) == ("us", "US", "https://api-na.playground.klarna.com",
                                                            "us-password")
    assert app.config["KLARNA_ENVIRONMENT"] == "live"  # the header warns about the riskiest store
    with app.app_context():
        assert upstream.client("us").base_url == "https://api-na.playground.klarna.com"
        assert upstream.client(eu) is upstream.client("eu")  # one client per store


def test_every_missing_store_setting_is_named_on_one_line(clean_env, tmp_path):
    clean_env.setenv("SECRET_KEY", "s")
    clean_env.setenv("KLARNA_STORES", "eu,us")
    clean_env.setenv("KLARNA_EU_API_URL", "eu-live")
    with pytest.raises(ConfigError) as raised:
        start_app(tmp_path)
    message = raised.value.format_message()
    assert "\n" not in message
    assert message.startswith(
        "Missing configuration: KLARNA_EU_USERNAME, KLARNA_EU_PASSWORD, KLARNA_US_API_URL, KLARNA_US_USERNAME, "
        "KLARNA_US_PASSWORD."
    )


@pytest.mark.parametrize("listed", ["eu,eu", "e u", "default", "1st", ","])
def test_a_bad_store_list_is_refused(clean_env, tmp_path, listed):
    with pytest.raises(ConfigError, match="KLARNA_STORES"):
        start_app(tmp_path, SECRET_KEY="s", KLARNA_STORES=listed)


def test_demo_mode_is_one_store_on_the_local_sandbox(clean_env, tmp_path):
    clean_env.setenv("DEMO_MODE", "1")
    [store] = _stores(start_app(tmp_path))
    assert (store.base_url, store.username, store.environment) == ("http://127.0.0.1:5001", "sandbox", "sandbox")
    clean_env.setenv("KLARNA_STORES", "eu,us")
    with pytest.raises(ConfigError, match="DEMO_MODE works with one store on the local sandbox"):
        start_app(tmp_path)


def test_klarna_timeouts_have_defaults_and_can_be_set(clean_env, tmp_path):
    clean_env.setenv("DEMO_MODE", "1")
    app = start_app(tmp_path)
    assert (app.config["KLARNA_CONNECT_TIMEOUT"], app.config["KLARNA_READ_TIMEOUT"]) == (3.05, 20.0)
    clean_env.setenv("KLARNA_READ_TIMEOUT", "7.5")
    assert start_app(tmp_path).config["KLARNA_READ_TIMEOUT"] == 7.5
    clean_env.setenv("KLARNA_CONNECT_TIMEOUT", "0")
    with pytest.raises(ConfigError, match="KLARNA_CONNECT_TIMEOUT is invalid"):
        start_app(tmp_path)
