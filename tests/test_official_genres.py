"""The statutory kinds of official document (data/genres.tsv): a "关于…的决定" title names its
genre, and a verb inside it (表彰, 开展, 召开) does not make it news. Exact outputs, through the
real pipeline for whole files."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.pipeline import build_document
from indexer.read import read_sources
from indexer.titles import genre_in


@pytest.mark.parametrize(
    "title, genre",
    [
        ("关于表彰2022年度先进集体和先进个人的决定", "决定"),
        ("关于开展农村人居环境整治提升行动的意见", "意见"),
        ("关于加快推进乡村振兴的实施意见", "意见"),
        ("關於開展專項整治工作的實施意見", "意见"),  # traditional script
        ("关于召开全镇安全生产会议的请示", "请示"),
        ("关于同意2023年度部门预算调整的批复", "批复"),
        ("关于举办全县农民运动会的函", "函"),
        ("关于征求意见的复函", "函"),
        ("镇长办公会议纪要", "纪要"),
        ("关于开展专项整治工作的会议纪要（第3期）", "纪要"),
        ("关于2023年度财政预算执行情况的报告", "报告"),
        ("东林镇人民政府关于推进乡村振兴工作情况的报告", "报告"),
        ("关于设立镇综合行政执法队的决定（草案）", "决定"),
        ("2023年第一季度经济运行公报", "公报"),
        # not these: the genre a title names first still wins, and news stays news
        ("关于召开全镇安全生产会议的通知", "通知"),
        ("关于征求《镇村规划》意见的通知", "通知"),
        ("关于政府工作报告的决议", "关于政府工作报告的决议"),
        ("东林镇召开2023年度安全生产工作会议", "新闻报道"),
        ("东林镇开展意见征集活动", "新闻报道"),
        ("在中国共产党第十次全国代表大会上的报告", "党代会报告"),
    ],
)
def test_official_document_kinds_from_the_title(title: str, genre: str):
    assert genre_in(title, "title") == genre


def test_a_decision_with_a_verb_in_its_title_is_a_decision_not_news(tmp_path: Path):
    p = tmp_path / "decision.txt"
    p.write_text(
        "关于表彰2022年度先进集体的决定\n各村、各单位:\n2022年,全镇上下团结一心,取得了显著成绩。\n"
        "东林镇人民政府\n2023年2月1日\n",
        encoding="utf-8",
    )
    doc = build_document(p, None, p.name, read_sources(p)[0])
    assert doc.doc_type == "决定"
    assert doc.evidence["doc_type"] == 'title "关于表彰2022年度先进集体的决定" (genres.tsv)'


def test_the_official_kinds_have_citation_types():
    from archive.datafiles import rows

    genres = {r[0] for r in rows("genres.tsv")}
    types = {r[0]: r[1:3] for r in rows("cite_types.tsv")}
    assert {g: types[g] for g in ("决定", "意见", "函", "纪要")} == {
        "决定": ["EB", "GOVDOC"],
        "意见": ["EB", "GOVDOC"],
        "函": ["EB", "GOVDOC"],
        "纪要": ["EB", "GOVDOC"],
    }
    assert types["报告"] == ["R", "GOVDOC"]
    official = {"决议", "决定", "命令", "公报", "意见", "报告", "请示", "批复", "议案", "函", "纪要"}
    assert official <= genres and official <= set(types)


def test_work_news_closing_with_its_next_steps_is_news(tmp_path: Path):
    # a headline without a meeting verb, a text that ends with what the township will go on doing:
    # a site's work news, not an experience report (that one names itself: 经验交流材料)
    p = tmp_path / "news.txt"
    p.write_text(
        "东林镇扎实推进人居环境整治\n今年以来,东林镇扎实推进人居环境整治工作,全镇共清理垃圾300余吨,"
        "整治河道15公里,拆除违章建筑20处,村容村貌明显改善,群众满意度不断提升。\n"
        "下一步,东林镇将继续巩固整治成果,推动人居环境持续改善。\n",
        encoding="utf-8",
    )
    doc = build_document(p, None, p.name, read_sources(p)[0])
    assert doc.doc_type == "新闻报道"
    assert (
        doc.evidence["doc_type"]
        == 'closing formula "下一步,东林镇将继续巩固整治成果,推动人居环境持续改善。" (genres.tsv)'
    )
    assert genre_in("东林镇农村人居环境整治经验交流材料", "title") == "经验材料"
