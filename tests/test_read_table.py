"""indexer/read_table.py: CSV, TSV, JSONL and JSON collections, one document per row, on
files written here (exact outputs: text, lines, metadata, row numbers, warnings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.read import ReadError
from indexer.read_table import detect_columns, known_columns, read_table


def rows(path: Path) -> list[tuple[int | None, str, list[tuple[int, str]], dict[str, str], str, list[str]]]:
    return [(s.part, s.text, [(ln.no, ln.text) for ln in s.lines], s.meta, s.fmt, s.warnings) for s in read_table(path)]


def test_known_column_names_come_from_the_data_file():
    names = known_columns()
    assert names["text"][:3] == ["full_text", "content", "text"] and "正文" in names["text"]
    assert "标题" in names["title"] and "年份" in names["year"]


def test_csv_with_a_bom_a_multiline_field_an_empty_value_and_a_quote_never_closed(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(
        '\ufeffid,标题,正文,年份,note\n1,报告一,"第一行\n第二行",2023,x\n2,报告二,短,,y\n\n3,"坏,标题\n'.encode("utf-8")
    )
    assert rows(f) == [
        (
            1,
            "第一行\n第二行",
            [(1, "第一行"), (2, "第二行")],
            {"title": "报告一", "year": "2023", "id": "1"},
            "csv",
            ["line 6: a quote opened in this row is never closed; row skipped"],
        ),
        (2, "短", [(1, "短")], {"title": "报告二", "id": "2"}, "csv", []),
    ]  # empty year: no key


def test_ragged_rows_are_kept_and_reported(tmp_path):
    f = tmp_path / "r.csv"
    f.write_text("title,text\nA,甲乙丙\nB\nC,丁,戊\n", encoding="utf-8")
    assert rows(f) == [
        (
            1,
            "甲乙丙",
            [(1, "甲乙丙")],
            {"title": "A"},
            "csv",
            [
                "line 3: 1 fields where the header has 2 (missing columns left empty)",
                "line 4: 3 fields where the header has 2 (1 extra field(s) dropped)",
            ],
        ),
        (2, "", [(1, "")], {"title": "B"}, "csv", []),
        (3, "丁", [(1, "丁")], {"title": "C"}, "csv", []),
    ]


def test_without_known_names_the_text_is_the_column_with_the_longest_values(tmp_path):
    f = tmp_path / "b.tsv"
    f.write_text("a\tb\n1\t很长很长的一段正文\n2\t短,3\n", encoding="utf-8")  # a comma is no delimiter in TSV
    assert [(p, t, m) for p, t, _, m, _, _ in rows(f)] == [(1, "很长很长的一段正文", {}), (2, "短,3", {})]
    assert detect_columns([{"a": "x", "b": "yyyy"}]).mapping == {"text": "b"}
    assert detect_columns([]).mapping == {}


def test_jsonl_skips_lines_that_are_not_objects_and_keeps_row_numbers(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text('{"text":"甲","year":2024,"x":null}\n[1]\nnot json\n\n{"text":"乙"}\n', encoding="utf-8")
    assert rows(f) == [
        (
            1,
            "甲",
            [(1, "甲")],
            {"year": "2024"},
            "jsonl",
            [
                "line 2: a JSON list, not an object; row skipped",
                "line 3: broken JSON at column 1 (Expecting value); row skipped",
            ],
        ),
        (4, "乙", [(1, "乙")], {}, "jsonl", []),
    ]


def test_a_json_array_of_objects(tmp_path):
    f = tmp_path / "d.json"
    f.write_text('[{"content": "丙\\r\\n丁", "title": "T"}, 5]', encoding="utf-8")
    assert rows(f) == [(1, "丙\n丁", [(1, "丙"), (2, "丁")], {"title": "T"}, "jsonl", [])]
    (tmp_path / "e.json").write_text('[{"content": "丙"', encoding="utf-8")
    with pytest.raises(ReadError, match="broken JSON"):
        read_table(tmp_path / "e.json")


def test_collection_toml_names_the_columns(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("正文,摘要,题目\n全文在此,摘要在此,题一\n", encoding="utf-8")
    assert [(t, m) for _, t, _, m, _, _ in rows(f)] == [("全文在此", {})]  # 正文 is a known name
    # the manifest wins over known names: the text is the column it declares
    (tmp_path / "collection.toml").write_text('[csv]\ntext = "摘要"\ntitle = "题目"\n', encoding="utf-8")
    assert [(t, m) for _, t, _, m, _, _ in rows(f)] == [("摘要在此", {"title": "题一"})]
    (tmp_path / "collection.toml").write_text('[columns]\ntitle = "标题"\n', encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read_table(f)
    assert str(e.value) == "collection.toml names column '标题' for title, but the file has 正文, 摘要, 题目"
    (tmp_path / "collection.toml").write_text('[columns\n', encoding="utf-8")
    with pytest.raises(ReadError, match="collection.toml unreadable"):
        read_table(f)


def test_a_file_without_rows_is_an_error_that_says_why(tmp_path):
    (tmp_path / "h.csv").write_text("title,text\n", encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read_table(tmp_path / "h.csv")
    assert str(e.value) == "CSV file without readable rows"
    (tmp_path / "n.jsonl").write_text("nope\n", encoding="utf-8")
    with pytest.raises(ReadError) as e:
        read_table(tmp_path / "n.jsonl")
    assert (
        str(e.value)
        == "JSONL file without readable rows (line 1: broken JSON at column 1 (Expecting value); row skipped)"
    )
