"""The web export: every matching paragraph in the order of the result page, in a file named
after the query, each row with its permalink.

The rows are streamed (the server holds one at a time), so an export is never cut: the
file holds every match, and X-Export-Count says how many."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

from flask import Response, current_app, request, stream_with_context

from archive.export import export_chunks
from archive.query import QueryError

from .db import get_archive
from .i18n import error_text
from .params import FILTER_ARGS, SearchParams, parse_args

MIME = {"csv": "text/csv; charset=utf-8", "json": "application/json", "jsonl": "application/x-ndjson"}


def file_stem(params: SearchParams) -> str:
    """archive-腾笼换鸟-新埭镇: the query's words and filter values, unsafe characters as '_'."""
    words = [params.q] + [v for f in FILTER_ARGS.values() for v in params.filters.get(f, [])]
    text = "-".join(w for w in words if w)
    text = re.sub(r"[^\w\u3400-\u9fff]+", "_", text, flags=re.UNICODE).strip("_")[:60]
    return "archive-" + text if text else "archive-all"


def disposition(stem: str, fmt: str) -> str:
    """An attachment name for every browser: an ASCII fallback and the UTF-8 name (RFC 6266)."""
    ascii_stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", stem).strip("_-")
    if ascii_stem in ("", "archive"):
        ascii_stem = "archive-export"
    return f"attachment; filename=\"{ascii_stem}.{fmt}\"; filename*=UTF-8''{quote(stem)}.{fmt}"


def export_response(fmt: str) -> Response:
    lang = "en" if request.args.get("lang") == "en" else "zh"
    try:
        params = parse_args(request.args)
        total, rows = get_archive().matches(params.q, filters=params.filters, sort=params.sort)
    except QueryError as exc:
        return Response(error_text(exc, lang), status=400, content_type="text/plain; charset=utf-8")
    base = current_app.config["BASE_URL"]

    def permalink(r: dict[str, Any]) -> str:
        return f"{base}/p/{r['id']}"

    headers = {"Content-Disposition": disposition(file_stem(params), fmt), "X-Export-Count": str(total)}
    if fmt == "json":

        def body():
            head = json.dumps(
                {"query": params.q, "filters": params.filters, "sort": params.sort, "count": total, "truncated": False},
                ensure_ascii=False,
            )
            yield (head[:-1] + ', "paragraphs": [').encode("utf-8")
            for k, r in enumerate(rows):
                yield (("," if k else "") + json.dumps(dict(r, permalink=permalink(r)), ensure_ascii=False)).encode(
                    "utf-8"
                )
            yield b"]}"

        return Response(stream_with_context(body()), content_type=MIME[fmt], headers=headers)
    return Response(
        stream_with_context(export_chunks(rows, fmt, permalink=permalink)), content_type=MIME[fmt], headers=headers
    )
