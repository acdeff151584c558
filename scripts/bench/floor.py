"""The floor page of scripts/bench_pages.py: the least any order page has to do.

One pooled GET of the order's JSON from the same upstream as the dashboard, one compiled Jinja
template of about 20 KB of HTML with everything Klarna sent escaped. No database, no sign-in check
(it is sent the same session cookie and ignores it), no money formatting beyond ``%.2f``. Served by
gunicorn with the dashboard's own configuration (app/gunicorn_conf.py), so both have the same shape:

    BENCH_UPSTREAM_URL=http://127.0.0.1:5510 gunicorn -c python:app.gunicorn_conf 'scripts.bench.floor:app'
"""

from __future__ import annotations

import os
from pathlib import Path

import requests
from flask import Flask, render_template
from requests.adapters import HTTPAdapter

from app.klarna.client import POOL_SIZE

ORDER_PATH = "/ordermanagement/v1/orders/{order_id}"
# Plain text after the order, so the page weighs about what the dashboard's order page does.
PADDING = tuple(
    f"Paragraph {number}: how to read this order, what each amount means and which actions apply, "
    "written out as a page of the back office would, with nothing in it that needs escaping."
    for number in range(1, 91)
)

app = Flask(__name__, template_folder=str(Path(__file__).resolve().parent))
_upstream = os.environ.get("BENCH_UPSTREAM_URL", "http://127.0.0.1:5510")
_session = requests.Session()
_session.mount("http://", HTTPAdapter(pool_connections=4, pool_maxsize=POOL_SIZE, max_retries=0))


@app.get("/orders/<order_id>")
def order(order_id: str) -> str:
    answer = _session.get(_upstream + ORDER_PATH.format(order_id=order_id), auth=("bench", "bench"), timeout=10)
    answer.raise_for_status()
    return render_template("floor.html", order=answer.json(), padding=PADDING)


@app.get("/healthz")
def healthz() -> str:
    return "ok"
