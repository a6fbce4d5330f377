"""bench/gold_check.py --external DIR scores any folder in external-dev's form (docs/ + truth.json):
a held-out set is measured the same way as the development set, through a real index."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "gold_check.py"

TEXT = """关于开展春季植树活动的通知

各村（社区）：
为改善人居环境，镇政府定于三月十二日组织植树活动。请各村做好准备。
植树活动结束后，各村上报完成情况。
"""


def load_gold_check():
    spec = importlib.util.spec_from_file_location("gold_check", BENCH)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_set(folder: Path, counts: dict[str, int]) -> None:
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "h01.txt").write_text(TEXT, encoding="utf-8")
    truth = {
        "phrases": list(counts),
        "documents": [
            {
                "id": "h01",
                "file": "docs/h01.txt",
                "title": "关于开展春季植树活动的通知",
                "title_in_text": True,
                "province": None,
                "city": None,
                "county": None,
                "township": None,
                "level_class": "township",
                "year": None,
                "doc_type": "通知",
                "speaker": None,
                "paragraph_count": 3,
                "paragraph_count_range": [3, 3],
                "boilerplate": ["【打印】"],
                "counts": counts,
                "title_counts": {p: TEXT.splitlines()[0].count(p) for p in counts},
            }
        ],
    }
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")


def score(tmp_path: Path, counts: dict[str, int]) -> dict:
    folder = tmp_path / "set"
    write_set(folder, counts)
    out = tmp_path / "scores.json"
    rc = load_gold_check().main(["--external", str(folder), "--home", str(tmp_path / "home"), "--json", str(out)])
    assert rc == 0
    return json.loads(out.read_text(encoding="utf-8"))


def test_external_folder_is_read_and_scored(tmp_path):
    # the oracle for the phrase counts: a plain substring count over the file's body lines
    body = TEXT.splitlines()[1:]
    right = {"植树活动": sum(line.count("植树活动") for line in body)}
    got = score(tmp_path, right)
    assert set(got) == {"external"}  # --external alone scores that set only, not the corpus
    ext = got["external"]
    assert ext["read"] == {"ok": 1, "n": 1}
    assert ext["furniture"] == {"ok": 1, "n": 1}
    assert ext["phrase_counts"] == {"ok": 1, "n": 1}


def test_a_wrong_truth_count_is_a_miss(tmp_path):
    got = score(tmp_path, {"植树活动": 7})
    assert got["external"]["phrase_counts"] == {"ok": 0, "n": 1}


def test_a_folder_without_truth_is_refused(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    assert load_gold_check().main(["--external", str(tmp_path)]) == 2
    assert "truth.json" in capsys.readouterr().err
