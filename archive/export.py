"""Export of paragraph rows, shared by `archive export` and the web export."""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from .model import PARAGRAPH_FIELDS


def render_export(rows: list[dict[str, Any]], fmt: str) -> bytes:
    """Paragraph rows as JSONL or as CSV (UTF-8 with BOM); shared with the web export."""
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(PARAGRAPH_FIELDS)
    for r in rows:
        w.writerow([f"{r['source_lines'][0]}-{r['source_lines'][1]}" if k == "source_lines"
                    else ("" if r[k] is None else r[k]) for k in PARAGRAPH_FIELDS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")
