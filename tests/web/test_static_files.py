"""Static files: content-hashed names cached for a year; htmx the only script besides ours."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.static_files import ONE_YEAR, StaticDigests

STATIC = Path(__file__).resolve().parents[2] / "static"
HASHED = re.compile(r"/static/(?P<stem>.+)\.[0-9a-f]{12}(?P<suffix>\.[a-z]+)")


def static_urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="(/static/[^"]+)"', html)


def test_every_static_file_a_page_names_has_a_content_hashed_name_cached_for_a_year(client):
    urls = static_urls(client.get("/login").get_data(as_text=True))
    assert {"app.css", "app.js", "favicon.svg"} <= {"".join(HASHED.fullmatch(url).groups()) for url in urls}
    for url in urls:
        with client.get(url) as answer:
            body, status, cache = answer.data, answer.status_code, answer.headers["Cache-Control"]
        original = "".join(HASHED.fullmatch(url).groups())
        assert status == 200
        assert body == (STATIC / original).read_bytes()
        assert f"max-age={ONE_YEAR}" in cache and "immutable" in cache and "public" in cache


def test_htmx_is_the_only_script_besides_ours(client):
    scripts = re.findall(r"<script[^>]*>", client.get("/login").get_data(as_text=True))
    sources = [re.search(r"src=\"/static/([^\"]+)\"", tag)[1] for tag in scripts]
    names = [re.sub(r"\.[0-9a-f]{12}\.js$", ".js", source) for source in sources]
    assert names in (["vendor/htmx/htmx.min.js", "app.js"], ["app.js"])  # htmx only once it is installed


@pytest.mark.parametrize("path", ["/static/app.css", "/static/app.000000000000.css"])
def test_a_plain_or_outdated_name_still_gets_the_file_revalidated_each_time(client, path):
    with client.get(path) as answer:
        assert answer.status_code == 200
        assert answer.data == (STATIC / "app.css").read_bytes()
        assert answer.headers["Cache-Control"] == "no-cache"


def test_a_name_outside_the_static_folder_is_not_found(client):
    assert client.get("/static/../app/__init__.py").status_code == 404
    assert client.get("/static/missing.000000000000.css").status_code == 404


def test_a_changed_file_gets_a_new_name(tmp_path):
    stylesheet = tmp_path / "site.css"
    stylesheet.write_text("body { color: black; }")
    digests = StaticDigests(str(tmp_path))
    first = digests.hashed_name("site.css")
    stylesheet.write_text("body { color: navy; }")
    second = digests.hashed_name("site.css")
    assert re.fullmatch(r"site\.[0-9a-f]{12}\.css", first) and re.fullmatch(r"site\.[0-9a-f]{12}\.css", second)
    assert first != second
    assert digests.hashed_name("missing.css") == "missing.css"
