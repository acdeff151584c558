"""The Klarna Order Management OpenAPI document shipped with the sandbox, and helpers to read it."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

import yaml

SPEC_PATH = Path(__file__).with_name("openapi.yaml")
HTTP_METHODS = ("get", "put", "post", "patch", "delete")


@lru_cache(maxsize=1)
def _document() -> dict:
    with SPEC_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def load_spec() -> dict:
    """A fresh copy of the whole document (callers may change it)."""
    return copy.deepcopy(_document())


def resolve_ref(ref: str, document: dict | None = None) -> dict:
    """Follow a local ``#/a/b/c`` reference."""
    if not ref.startswith("#/"):
        raise ValueError(f"only local references are supported: {ref}")
    node = document if document is not None else _document()
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def inline_refs(node, document: dict | None = None):
    """Return ``node`` with every ``$ref`` replaced by a copy of its target (the spec has no cycles)."""
    if isinstance(node, dict):
        if "$ref" in node:
            return inline_refs(resolve_ref(node["$ref"], document), document)
        return {key: inline_refs(value, document) for key, value in node.items()}
    if isinstance(node, list):
        return [inline_refs(item, document) for item in node]
    return node


def operations(document: dict | None = None):
    """Yield ``(operation_id, method, path, operation)`` for every operation in document order."""
    document = document if document is not None else _document()
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield operation["operationId"], method.upper(), path, operation


@lru_cache(maxsize=None)
def _request_body_schemas() -> dict[str, dict | None]:
    schemas = {}
    for operation_id, _method, _path, operation in operations():
        body = operation.get("requestBody")
        schema = body["content"]["application/json"]["schema"] if body else None
        schemas[operation_id] = inline_refs(schema) if schema else None
    return schemas


def request_body_schema(operation_id: str) -> dict | None:
    """The request body schema of an operation with every reference inlined, or None if it takes no body."""
    return copy.deepcopy(_request_body_schemas()[operation_id])


def component_schema(name: str) -> dict:
    return inline_refs(_document()["components"]["schemas"][name])
