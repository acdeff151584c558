"""Shared fixtures live in tests/fixtures/ as pytest plugins, one module per concern."""

from importlib.util import find_spec

pytest_plugins = ["tests.fixtures.dashboard", "tests.fixtures.browser"]

# The sandbox server's fixtures arrive with the sandbox itself.
if find_spec("tests.fixtures.sandbox") is not None:
    pytest_plugins.append("tests.fixtures.sandbox")
