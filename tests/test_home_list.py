"""The home page's list of latest documents: date, place and type joined only where known (a
document without a place or date shows no empty '·  ·' slot). A real index of files written here."""

from __future__ import annotations

import re
from pathlib import Path

from indexer.build import build
from web.server import create_app


def test_latest_documents_show_only_what_is_known(tmp_path: Path):
    src = tmp_path / "docs"
    src.mkdir()
    # no place, no date: a masked template text
    (src / "a.txt").write_text(
        "在XX镇村干部大会上的讲话\n同志们:\n今天召开全镇村干部大会,部署今年的重点工作。\n", encoding="utf-8"
    )
    (src / "b.txt").write_text(
        "孝丰镇召开安全生产工作会议\n3月13日上午,孝丰镇召开安全生产工作会议。\n发布时间:2023-03-14\n",
        encoding="utf-8",
    )
    home = tmp_path / "home"
    build([src], home)
    html = create_app(home).test_client().get("/").get_data(as_text=True)
    items = re.findall(r'<li><a href="/d/([^"]+)">[^<]*</a> <span class="muted">([^<]*)</span></li>', html)
    got = dict(items)
    assert got["a"] == "讲话"
    assert got["b"] == "2023-03-14 · 孝丰镇 · 安吉县 · 湖州市 · 新闻报道"
