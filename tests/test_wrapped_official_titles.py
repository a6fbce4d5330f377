"""An official title wrapped over two lines before its 的 ("关于开展夏季环境卫生大整治" / "活动的通知")
is one title (data/heading_connectives.tsv): files written here, read through the real pipeline,
exact outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.paragraphs import heading_continues
from indexer.pipeline import build_document
from indexer.read import read_sources

BODY = "各村(社区)、镇属各单位:\n为进一步改善人居环境,现将有关事项通知如下。\n一、整治时间\n5月10日至6月30日。\n东林镇人民政府\n2023年5月6日\n"


def doc_of(tmp_path: Path, text: str):
    p = tmp_path / "notice.txt"
    p.write_text(text, encoding="utf-8")
    return build_document(p, None, p.name, read_sources(p)[0])


@pytest.mark.parametrize(
    "first, second, title, genre",
    [
        ("关于开展夏季环境卫生大整治", "活动的通知", "关于开展夏季环境卫生大整治活动的通知", "通知"),
        ("东林镇人民政府关于表彰2022年度", "先进集体的决定", "东林镇人民政府关于表彰2022年度先进集体的决定", "决定"),
        ("關於開展秸稈禁燒專項", "整治行動的通知", "關於開展秸稈禁燒專項整治行動的通知", "通知"),
    ],
)
def test_a_title_cut_before_its_de_is_one_title(tmp_path: Path, first: str, second: str, title: str, genre: str):
    doc = doc_of(tmp_path, f"{first}\n{second}\n{BODY}")
    assert (doc.title, doc.doc_type) == (title, genre)
    assert doc.paragraphs[0].text == title


def test_a_whole_title_line_does_not_take_the_next():
    assert heading_continues("关于开展夏季环境卫生大整治", "活动的通知")
    assert heading_continues("东林镇关于开展", "环境整治的通知")  # the older rule: a bare 关于 at the end
    assert not heading_continues("关于开展夏季环境卫生大整治活动的通知", "东林镇人民政府")
    assert not heading_continues("一、整治时间", "5月10日至6月30日")
    # a 关于 inside a sentence-like line (with a comma) is not a title cut short
    assert not heading_continues("二、关于整治内容,各村要", "抓好落实")
