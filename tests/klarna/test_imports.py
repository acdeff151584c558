"""The Klarna client and the sandbox run without the dashboard: importing either, in a fresh
interpreter, loads no module of the dashboard (nor Flask, for the client)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from app import ROOT


def loaded_after(statement: str) -> list[str]:
    """Every module in ``sys.modules`` after running ``statement`` in a fresh interpreter."""
    script = f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def dashboard_modules(modules: list[str], own_package: str) -> list[str]:
    return [name for name in modules if name.startswith("app.") and not name.startswith(own_package)]


@pytest.mark.parametrize("package", ["app.klarna", "app.sandbox"])
def test_importing_loads_nothing_of_the_dashboard(package):
    modules = loaded_after(f"import {package}")
    assert package in modules
    shared = ("app.klarna",) if package == "app.sandbox" else ()
    assert [name for name in dashboard_modules(modules, package) if not name.startswith(shared)] == []


def test_the_klarna_client_loads_no_web_framework():
    modules = loaded_after("import app.klarna")
    assert [name for name in modules if name.split(".")[0] in ("flask", "werkzeug", "sqlalchemy", "wtforms")] == []
