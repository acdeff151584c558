"""CSV downloads: streamed, UTF-8 with a BOM (so Excel reads the accents), every cell made inert.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula; such a cell gets a leading apostrophe, so customer or merchant text (a name such as
``=HYPERLINK(...)``) is shown as the text it is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from flask import Response, stream_with_context

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: object) -> str:
    """A cell's text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    if value is None:
        return ""
    cell = str(value)
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_lines(header: Iterable[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def line(cells: Iterable[object]) -> str:
        writer.writerow([inert(cell) for cell in cells])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield BOM + line(header)
    for row in rows:
        yield line(row)


def download(name: str, header: Iterable[str], rows: Iterable[Iterable[object]]) -> Response:
    """A streamed CSV attachment named ``<name>-<UTC time>.csv``."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    response = Response(stream_with_context(csv_lines(header, rows)), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    response.charset = "utf-8"
    return response
