"""Export of paragraph rows, shared by `archive export` and the web export.

Rows are written as they come (an export of the whole archive holds one row in memory at
a time). A CSV cell that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Callable, Iterable, Iterator

from .model import PARAGRAPH_FIELDS

# A cell starting with one of these is a formula to Excel, LibreOffice or Google Sheets
# (=HYPERLINK(…), =cmd|' /C calc'!A0, +, -, @, and tab/CR, which some strip first): OWASP's
# advice is a leading apostrophe, which every spreadsheet shows as text and does not run.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """'=1+2' -> "'=1+2"; numbers and other text unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_cell(key: str, value: Any) -> Any:
    """A field as one spreadsheet cell: line ranges as "9-19", the evidence dict as JSON."""
    if key == "source_lines":
        return f"{value[0]}-{value[1]}"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False) if value else ""
    return "" if value is None else safe_cell(value)


def csv_row(r: dict[str, Any], extra: tuple[str, ...] = ()) -> list[Any]:
    return [csv_cell(k, r[k]) for k in PARAGRAPH_FIELDS] + [csv_cell(k, r.get(k)) for k in extra]


def export_chunks(
    rows: Iterable[dict[str, Any]], fmt: str, permalink: Callable[[dict[str, Any]], str] | None = None
) -> Iterator[bytes]:
    """The export as byte chunks, one per row (after the BOM and header for CSV). With
    ``permalink``, every row also carries its paragraph's permanent address (a last
    ``permalink`` column, a ``permalink`` key)."""
    extra = ("permalink",) if permalink else ()

    def rows_with_links() -> Iterator[dict[str, Any]]:
        for r in rows:
            if permalink:
                r = dict(r, permalink=permalink(r))
            yield r

    if fmt == "jsonl":
        for r in rows_with_links():
            yield (json.dumps(r, ensure_ascii=False) + "\n").encode("utf-8")
        return
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(list(PARAGRAPH_FIELDS) + list(extra))
    yield ("\ufeff" + buf.getvalue()).encode("utf-8")
    for r in rows_with_links():
        buf.seek(0)
        buf.truncate()
        w.writerow(csv_row(r, extra))
        yield buf.getvalue().encode("utf-8")
