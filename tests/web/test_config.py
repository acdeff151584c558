"""Start-up configuration: defaults < instance/config.py < environment; strict outside demo mode."""

from __future__ import annotations

import stat
from datetime import timedelta

import pytest

from app.config import ConfigError, database_uri
from tests.web.conftest import start_app

STRICT_ENV = {
    "SECRET_KEY": "s3cret-from-env",
    "KLARNA_API_URL": "eu-live",
    "KLARNA_USERNAME": "merchant",
    "KLARNA_PASSWORD": "merchant-password",
}


def test_missing_secret_and_credentials_stop_start_up(clean_env, tmp_path):
    with pytest.raises(ConfigError) as raised:
        start_app(tmp_path)
    message = raised.value.format_message()
    for name in ("SECRET_KEY", "KLARNA_API_URL", "KLARNA_USERNAME", "KLARNA_PASSWORD", "DEMO_MODE=1"):
        assert name in message


@pytest.mark.parametrize("missing", sorted(STRICT_ENV))
def test_each_missing_setting_is_named(clean_env, tmp_path, missing):
    for name, value in STRICT_ENV.items():
        if name != missing:
            clean_env.setenv(name, value)
    with pytest.raises(ConfigError, match=f"Missing configuration: {missing}\\."):
        start_app(tmp_path)


def test_strict_start_up_with_everything_set(clean_env, tmp_path):
    for name, value in STRICT_ENV.items():
        clean_env.setenv(name, value)
    app = start_app(tmp_path)
    assert app.config["SECRET_KEY"] == "s3cret-from-env"
    assert app.config["KLARNA_API_URL"] == "https://api.klarna.com"
    assert app.config["KLARNA_ENVIRONMENT"] == "live"
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["LOG_FORMAT"] == "json"
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=8)
    assert not (tmp_path / "instance" / "secret_key").exists()


def test_demo_mode_generates_the_secret_once_and_uses_the_sandbox(clean_env, tmp_path):
    clean_env.setenv("DEMO_MODE", "1")
    app = start_app(tmp_path)
    key_file = tmp_path / "instance" / "secret_key"
    assert key_file.read_text().strip() == app.config["SECRET_KEY"]
    assert len(app.config["SECRET_KEY"]) == 64
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert start_app(tmp_path).config["SECRET_KEY"] == app.config["SECRET_KEY"]
    assert app.config["KLARNA_API_URL"] == "http://127.0.0.1:5001"
    assert app.config["KLARNA_ENVIRONMENT"] == "sandbox"
    assert (app.config["KLARNA_USERNAME"], app.config["KLARNA_PASSWORD"]) == ("sandbox", "sandbox-secret")
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["LOG_FORMAT"] == "text"
    assert app.config["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]


def test_demo_mode_follows_the_sandbox_credentials(clean_env, tmp_path):
    clean_env.setenv("DEMO_MODE", "yes")
    clean_env.setenv("SANDBOX_USERNAME", "demo-user")
    clean_env.setenv("SANDBOX_PASSWORD", "demo-pass")
    app = start_app(tmp_path)
    assert (app.config["KLARNA_USERNAME"], app.config["KLARNA_PASSWORD"]) == ("demo-user", "demo-pass")


def test_instance_config_overrides_defaults_and_environment_overrides_it(clean_env, tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        'SECRET_KEY = "from-file"\nKLARNA_API_URL = "na-playground"\nKLARNA_USERNAME = "file-user"\n'
        'KLARNA_PASSWORD = "file-password"\nSESSION_LIFETIME_HOURS = 2\n'
    )
    clean_env.setenv("KLARNA_USERNAME", "env-user")
    app = start_app(tmp_path)
    assert app.config["SECRET_KEY"] == "from-file"
    assert app.config["KLARNA_USERNAME"] == "env-user"
    assert app.config["KLARNA_API_URL"] == "https://api-na.playground.klarna.com"
    assert app.config["KLARNA_ENVIRONMENT"] == "playground"
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=2)


def test_environment_values_are_parsed(clean_env, tmp_path):
    for name, value in STRICT_ENV.items():
        clean_env.setenv(name, value)
    clean_env.setenv("SESSION_COOKIE_SECURE", "off")
    clean_env.setenv("SESSION_LIFETIME_HOURS", "0.5")
    clean_env.setenv("TRUSTED_PROXIES", "1")
    clean_env.setenv("LOG_FORMAT", "Text")
    clean_env.setenv("ALLOWED_HOSTS", " Backoffice.example.com, .internal.example ")
    app = start_app(tmp_path)
    assert app.config["ALLOWED_HOSTS"] == ["backoffice.example.com", ".internal.example"]
    assert app.config["LOG_FORMAT"] == "text"
    assert app.config["SESSION_COOKIE_SECURE"] is False
    assert app.config["PERMANENT_SESSION_LIFETIME"] == timedelta(minutes=30)
    assert app.config["TRUSTED_PROXIES"] == 1


@pytest.mark.parametrize("name,value", [("SESSION_LIFETIME_HOURS", "eight"), ("DEMO_MODE", "maybe"), ("TRUSTED_PROXIES", "x"),
                                        ("LOG_FORMAT", "xml"), ("ALLOWED_HOSTS", ","),
                                        ("ALLOWED_HOSTS", "https://backoffice.example.com/")])
def test_invalid_environment_value_stops_start_up(clean_env, tmp_path, name, value):
    clean_env.setenv("DEMO_MODE", "1")
    clean_env.setenv(name, value)
    with pytest.raises(ConfigError, match=f"Environment variable {name} is invalid"):
        start_app(tmp_path)


def test_allowed_hosts_unset_answers_any_host_with_a_warning_and_star_means_any(clean_env, tmp_path, caplog):
    for name, value in STRICT_ENV.items():
        clean_env.setenv(name, value)
    assert start_app(tmp_path).config["ALLOWED_HOSTS"] is None
    assert "ALLOWED_HOSTS is not set" in caplog.text
    clean_env.setenv("DEMO_MODE", "1")
    clean_env.setenv("ALLOWED_HOSTS", "*")
    assert start_app(tmp_path).config["ALLOWED_HOSTS"] == []


def test_default_database_is_sqlite_in_the_instance_folder():
    assert database_uri(None, "/srv/instance") == "sqlite:////srv/instance/backoffice.sqlite3"
    assert database_uri("postgres://u@h/db", "x") == "postgresql+psycopg://u@h/db"
    assert database_uri("postgresql://u@h/db", "x") == "postgresql+psycopg://u@h/db"
    assert database_uri("postgresql+psycopg://u@h/db", "x") == "postgresql+psycopg://u@h/db"


@pytest.mark.parametrize("url,badge", [("eu-live", "live"), ("oc-playground", "playground"), ("http://127.0.0.1:5001", "sandbox")])
def test_header_badge_names_the_environment(make_app, url, badge):
    app = make_app(KLARNA_API_URL=url)
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    assert f'<span class="env-badge env-badge--{badge}"' in page
