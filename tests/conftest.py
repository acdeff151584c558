"""Shared fixtures live in tests/fixtures/ as pytest plugins, one module per concern."""

pytest_plugins = [
    "tests.fixtures.databases",
    "tests.fixtures.sandbox",
    "tests.fixtures.dashboard",
    "tests.fixtures.browser",
    "tests.fixtures.processes",
    "tests.fixtures.logs",
]
