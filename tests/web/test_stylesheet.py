"""The stylesheet offers the classes later screens are built with, and no inline styling is needed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parents[2] / "static" / "app.css").read_text()
ORDER_STATUSES = ["AUTHORIZED", "PART_CAPTURED", "CAPTURED", "CANCELLED", "EXPIRED", "CLOSED"]


def _rule(selector: str) -> str:
    match = re.search(rf"(^|[\s,}}]){re.escape(selector)}\s*[{{,]", CSS, re.MULTILINE)
    assert match, f"no rule for {selector}"
    return match.group(0)


@pytest.mark.parametrize("status", ORDER_STATUSES)
def test_each_order_status_has_its_badge_colour(status):
    _rule(f".status--{status.lower().replace('_', '-')}")


def test_badge_colours_differ():
    colours = [re.search(rf"\.status--{s.lower().replace('_', '-')} \{{([^}}]*)\}}", CSS).group(1) for s in ORDER_STATUSES]
    assert len(set(colours)) == len(ORDER_STATUSES)


def test_progress_widths_in_steps_of_one_percent():
    for percent in range(101):
        assert f".pct-{percent} {{ width: {percent}%; }}" in CSS


@pytest.mark.parametrize(
    "selector",
    [
        ".panel", ".facts", ".table", ".button--primary", ".button--secondary", ".button--danger",
        ".disabled-with-reason", ".field__error", ".alert--success", ".alert--error", ".alert--warning",
        ".alert--info", ".htmx-indicator", ".spinner", ".progress__segment--captured",
        ".progress__segment--refunded", ".env-badge--live", ".env-badge--playground", ".env-badge--sandbox",
    ],
)
def test_building_blocks_exist(selector):
    _rule(selector)

