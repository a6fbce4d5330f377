"""A local text that mentions the Party or the State Council is not national (data:
national_markers.tsv): files written here, read through the real pipeline, exact outputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.pipeline import build_document
from indexer.read import read_sources


def doc_of(tmp_path: Path, text: str):
    p = tmp_path / "page.txt"
    p.write_text(text, encoding="utf-8")
    return build_document(p, None, p.name, read_sources(p)[0])


def where(doc) -> tuple:
    return doc.township, doc.county, doc.city, doc.province, doc.level


@pytest.mark.parametrize(
    "text",
    [
        # a township's news that studies the Central Committee's documents
        "孝丰镇召开党委理论学习中心组学习会\n3月5日上午,孝丰镇召开党委理论学习中心组学习会,"
        "传达学习中共中央有关文件精神。\n镇领导班子成员参加会议。\n",
        # the township's own Party committee in the headline
        "中共孝丰镇委员会召开全体扩大会议\n3月5日上午,中共孝丰镇委员会召开全体扩大会议。\n镇领导班子成员参加会议。\n",
        # 中国共产党 in the lead, traditional script
        "孝豐鎮開展主題黨日活動\n近日,孝豐鎮各支部開展主題黨日活動,重溫中國共產黨章程。\n",
        # a joint signature of the Party committee and the government on one line
        "关于表彰2022年度先进集体的决定\n各村、各单位:\n2022年,全镇上下团结一心,取得了显著成绩。\n"
        "中共孝丰镇委员会 孝丰镇人民政府\n2023年2月1日\n",
    ],
)
def test_a_township_text_that_mentions_the_party_keeps_its_township(tmp_path: Path, text: str):
    doc = doc_of(tmp_path, text)
    assert where(doc) == ("孝丰镇", "安吉县", "湖州市", "浙江省", "township")


def test_a_township_name_shared_by_several_townships_is_kept_too(tmp_path: Path):
    # seven townships are called 马桥镇: the county stays open, the township is still named
    doc = doc_of(
        tmp_path,
        "马桥镇召开党建工作推进会\n3月5日上午,马桥镇召开党建工作推进会,学习中国共产党纪律处分条例。\n",
    )
    assert where(doc) == ("马桥镇", None, None, None, "township")


def test_a_county_text_quoting_the_state_council_keeps_its_county(tmp_path: Path):
    doc = doc_of(
        tmp_path,
        "德清县召开全县安全生产工作会议\n4月2日,德清县召开全县安全生产工作会议,传达学习国务院安全生产委员会"
        "有关会议精神。德清县县长出席会议并讲话。\n",
    )
    assert where(doc) == (None, "德清县", "湖州市", "浙江省", "county")


def test_a_county_party_office_signature_is_not_national(tmp_path: Path):
    # 中共 in the signature, the county named once: the county, not the country
    doc = doc_of(
        tmp_path,
        "关于开展环境整治的通知\n各乡镇(街道):\n为进一步做好相关工作,现将有关事项通知如下。\n"
        "一、加强组织领导。\n中共德清县委办公室\n2023年5月6日\n",
    )
    assert where(doc) == (None, "德清县", "湖州市", "浙江省", "county")


def test_a_national_text_is_still_national(tmp_path: Path):
    # no place below the country is named: the markers decide
    doc = doc_of(tmp_path, "在中国共产党第十次全国代表大会上的报告\n同志们!\n党的第十次全国代表大会今天开幕了。\n")
    assert (doc.province, doc.level) == (None, "national")
    assert doc.evidence["place.level"] == "national marker 中国共产党第[一二三四五六七八九十]+次全国代表大会"
    # a resolution of the national congress that names a province in passing
    doc = doc_of(
        tmp_path,
        "关于政府工作报告的决议\n第十四届全国人民代表大会第二次会议听取和审议了国务院总理的政府工作报告。"
        "会议充分肯定国务院过去一年的工作。\n",
    )
    assert doc.level == "national"
