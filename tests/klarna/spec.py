"""The project's copy of Klarna's OpenAPI document, for checking our types against it."""

from functools import cache
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

SPEC_PATH = Path(__file__).resolve().parents[2] / "app" / "sandbox" / "openapi.yaml"


@cache
def spec() -> dict:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def schemas() -> dict:
    return spec()["components"]["schemas"]


def validator(schema_name: str) -> Draft202012Validator:
    """A validator for one of the spec's component schemas (references resolved in the document)."""
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": spec()["components"]}
    return Draft202012Validator(schema)
