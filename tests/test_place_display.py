"""Level-aware place labels: exact outputs, the CLI hit line and the web pages, on a small
index of documents written here (a city report, a national report, a county's compilation)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import main
from archive.place_display import place_label
from indexer.build import build
from web.server import create_app


def test_place_label_exact_outputs():
    assert place_label({"level": "city", "city": "绍兴市", "province": "浙江省"}) == "绍兴市 · 浙江省"
    assert place_label({"level": "national"}) == "全国"
    assert place_label({"level": "national"}, "en") == "National"
    assert place_label({"level": "province", "province": "浙江省"}) == "浙江省"
    assert place_label({"level": "province", "province": "上海市", "city": None}) == "上海市"
    assert (
        place_label({"level": "township", "township": "新埭镇", "county": "平湖市", "city": "嘉兴市"})
        == "新埭镇 · 平湖市 · 嘉兴市"
    )
    # a township of a city without counties (东莞市), and one whose county alone is known
    assert place_label({"level": "township", "township": "虎门镇", "city": "东莞市", "province": "广东省"}) == (
        "虎门镇 · 东莞市"
    )
    assert place_label({"level": "township", "township": "新埭镇", "county": "平湖市"}) == "新埭镇 · 平湖市"
    assert place_label({"level": "county", "county": "平湖市", "city": "嘉兴市"}) == "平湖市 · 嘉兴市（县级，无乡镇）"
    assert (
        place_label({"level": "county", "county": "平湖市", "city": "嘉兴市"}, "en") == "平湖市 · 嘉兴市(county-wide)"
    )
    # a township known by name only (its county not named anywhere)
    assert place_label({"level": "township", "township": "五营镇"}) == "五营镇"


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("docs")
    (src / "绍兴.txt").write_text(
        "各位代表：\n\n现在，我代表市人民政府，向大会报告工作，共同推进数字赋能。\n", encoding="utf-8"
    )
    (src / "国务院报告.txt").write_text(
        "各位代表：\n\n现在，我代表国务院，向大会报告政府工作，共同推进数字赋能。\n", encoding="utf-8"
    )
    (src / "平湖.txt").write_text(
        "各位代表：\n\n现在，我代表平湖市人民政府向大会报告工作，推进数字赋能。\n\n2024年，新埭镇将深化数字赋能。\n",
        encoding="utf-8",
    )
    h = tmp_path_factory.mktemp("home")
    build([src], h)
    return h


def test_cli_hit_line_names_the_place_at_its_level(home):
    out = CliRunner().invoke(main, ["search", "数字赋能", "--home", str(home)]).output
    hits = sorted(l.split("  ", 1) for l in out.splitlines() if l.startswith(("绍兴-", "国务院报告-", "平湖-")))
    assert hits == [
        ["国务院报告-2", "全国 · 政府工作报告"],
        ["平湖-2", "平湖市 · 嘉兴市（县级，无乡镇） · 政府工作报告"],
        ["平湖-3", "新埭镇 · 平湖市 · 嘉兴市 · 政府工作报告"],
        ["绍兴-2", "绍兴市 · 浙江省 · 政府工作报告"],
    ], out


def test_web_pages_show_level_aware_places(home):
    client = create_app(home).test_client()
    html = client.get("/?q=数字赋能").get_data(as_text=True)
    assert "绍兴市 · 浙江省" in html and "全国" in html and "新埭镇 · 平湖市 · 嘉兴市" in html
    assert html.count("（县级，无乡镇）") == 1
    p = client.get("/p/绍兴-2").get_data(as_text=True)
    assert '<dd class="place">绍兴市 · 浙江省</dd>' in p and "<dd>市级</dd>" in p
