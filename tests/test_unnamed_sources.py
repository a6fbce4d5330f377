"""A 来源/发布机构 value that names no one (本站原创, 网友投稿, 未知, 机关, a glued link label) is no
publisher (data/unnamed_sources.tsv): files written here, read through the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.pipeline import build_document
from indexer.read import read_sources

TEXT = "关于做好春节期间安全工作的通知\n{label}:{value}   发布时间:2024-01-20\n各村(社区):\n春节将至,现将有关事项通知如下。\n东林镇人民政府\n2024年1月20日\n"


def doc_of(tmp_path: Path, label: str, value: str):
    p = tmp_path / "page.txt"
    p.write_text(TEXT.format(label=label, value=value), encoding="utf-8")
    return build_document(p, None, p.name, read_sources(p)[0])


@pytest.mark.parametrize(
    "label, value",
    [
        ("来源", "本站原创"),
        ("来源", "网友投稿"),
        ("信息来源", "机关"),
        ("来源", "未知"),
        ("来源", "<推荐访问:通知"),
        ("发布机构", "本站"),
    ],
)
def test_a_value_that_names_no_one_is_no_publisher(tmp_path: Path, label: str, value: str):
    doc = doc_of(tmp_path, label, value)
    assert doc.publisher is None
    assert value not in " ".join(p.text for p in doc.paragraphs)  # the line is still page metadata


@pytest.mark.parametrize("value", ["东林镇人民政府", "某县融媒体中心", "平湖日报"])
def test_a_named_body_stays_the_publisher(tmp_path: Path, value: str):
    assert doc_of(tmp_path, "来源", value).publisher == value
