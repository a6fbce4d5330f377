"""Batch search: the page (paste or upload phrases), its CSV and JSON downloads, and the
JSON API (/batch, /batch.csv, /batch.json, /api/batch)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from archive import batch
from archive.fields import DEFAULT_PLACE, DEFAULT_TIME, PARENT, YEAR_FIELDS
from archive.query import QueryError
from archive.store import IndexMissing

from .db import get_archive
from .params import FILTER_ARGS, SearchParams, parse_args
from .i18n import error_text

bp = Blueprint("batch", __name__)
MAX_UPLOAD_BYTES = 1 << 20  # a list of phrases, not a corpus


class Request:
    """What a batch request asks: phrases, filters, place level, time axis."""

    def __init__(self) -> None:
        args = MultiDict([(k, v) for k, v in request.values.items(multi=True) if k in ("lang", *FILTER_ARGS)])
        self.params: SearchParams = parse_args(args)
        self.place = request.values.get("place") or DEFAULT_PLACE
        self.time = request.values.get("time") or DEFAULT_TIME
        phrases: list[str] = []
        body = request.get_json(silent=True) if request.is_json else None
        if isinstance(body, dict):
            raw = body.get("phrases") or []
            if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
                raise QueryError('"phrases" must be a list of strings')
            phrases = batch.read_phrases("\n".join(raw))
            self.place = body.get("place") or self.place
            self.time = body.get("time") or self.time
            filters = body.get("filters") or {}
            if not isinstance(filters, dict):
                raise QueryError('"filters" must be an object of lists, as {"township": ["新埭镇"]}')
            for k, v in filters.items():
                self.params.filters.setdefault(FILTER_ARGS.get(k) or str(k), []).extend(
                    v if isinstance(v, list) else [v]
                )
        upload = request.files.get("file")
        if upload is not None and upload.filename:
            data = upload.read(MAX_UPLOAD_BYTES + 1)
            if len(data) > MAX_UPLOAD_BYTES:
                raise QueryError(f"the file is over {MAX_UPLOAD_BYTES // 1024} KB: a list of phrases is far smaller")
            phrases += batch.read_phrases(batch.decode_phrases(data), upload.filename)
        pasted = "\n".join(request.values.getlist("phrases") + request.values.getlist("phrase"))
        phrases += [p for p in batch.read_phrases(pasted) if p not in phrases]
        self.phrases = phrases
        self.text = "\n".join(phrases)

    def run(self) -> dict[str, Any]:
        return batch.batch(get_archive(), self.phrases, filters=self.params.filters, place=self.place, time=self.time)

    def args(self) -> str:
        """URL arguments that ask this again (for the downloads and links)."""
        from urllib.parse import urlencode

        return urlencode(
            [
                ("phrases", self.text),
                ("place", self.place),
                ("time", self.time),
                *[(a, v) for a, f in FILTER_ARGS.items() for v in self.params.filters.get(f, [])],
            ]
        )


def search_query(phrase: str) -> str | None:
    """The phrase as a query of the search (quoted, so that spaces and syntax are text);
    None when it holds a double quote, which the query language cannot quote."""
    return None if '"' in phrase else f'"{phrase}"'


def cell_url(req: Request, phrase: str, row: dict[str, Any] | None, year: int | None) -> str | None:
    """The search listing exactly the paragraphs of one cell (None: no search can say it)."""
    q = search_query(phrase)
    if q is None:
        return None
    changes: dict[str, Any] = {"page": None, "sort": None}
    if row is not None:
        changes[req.place] = ["none" if row["place"] is None else row["place"]]
        parent = PARENT.get(req.place)
        if parent:
            changes[parent] = ["none" if row["parent"] is None else row["parent"]]
    if year is not None:
        changes[req.time] = [str(year)]
    return (
        url_for("pages.search")
        + "?"
        + SearchParams(q=q, filters=dict(req.params.filters), lang=req.params.lang).url_args(**changes)
    )


@bp.route("/batch", methods=["GET", "POST"])
def page():
    lang = "en" if request.values.get("lang") == "en" else "zh"
    try:
        req = Request()
        result = req.run() if req.phrases else None
    except QueryError as exc:
        return render_template(
            "batch.html",
            params=SearchParams(lang=lang),
            req=None,
            result=None,
            error=error_text(exc, lang),
            levels=batch.PLACE_LEVELS,
            times=YEAR_FIELDS,
        ), 400
    return render_template(
        "batch.html",
        params=req.params,
        req=req,
        result=result,
        error=None,
        levels=batch.PLACE_LEVELS,
        times=YEAR_FIELDS,
        cell_url=cell_url,
    )


@bp.route("/batch.<fmt>", methods=["GET", "POST"])
def download(fmt: str):
    if fmt not in ("csv", "json"):
        return Response("not found", status=404, mimetype="text/plain")
    try:
        result = Request().run()
    except QueryError as exc:
        return Response(str(exc), status=400, mimetype="text/plain")
    headers = {"Content-Disposition": f"attachment; filename=batch.{fmt}"}
    if fmt == "json":
        return Response(json.dumps(result, ensure_ascii=False), mimetype="application/json", headers=headers)
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf)
    for row in batch.csv_rows(result):
        w.writerow(row)
    return Response(buf.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8", headers=headers)


@bp.route("/api/batch", methods=["GET", "POST"])
def api():
    from .api import error

    try:
        return jsonify(Request().run())
    except QueryError as exc:
        return error(400, exc)
    except IndexMissing as exc:
        return error(503, str(exc), "no_index")
