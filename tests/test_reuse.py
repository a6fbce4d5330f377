"""indexer/reuse.py: paragraphs that share passages with paragraphs of other documents, against
a brute-force comparison of every pair's 8-character shingles (the oracle)."""

from __future__ import annotations

import random

from archive.textnorm import normalize
from indexer import reuse

POOL = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"


def text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(POOL) for _ in range(n))


def shingles(t: str, k: int = 8) -> set[str]:
    """Oracle: the 8-character shingle strings of the normalised text without spaces."""
    t = "".join(normalize(t).split())
    return {t[i : i + k] for i in range(len(t) - k + 1)} if len(t) >= k else ({t} if t else set())


def brute_force(paragraphs: list[tuple[str, str, str]]) -> dict[tuple[str, str], tuple[int, float]]:
    """(id, id) -> (shared shingles, containment) for every pair of comparable paragraphs of
    different documents that share any 8-character passage."""
    out = {}
    for i, (pa, da, ta) in enumerate(paragraphs):
        for pb, db, tb in paragraphs[i + 1 :]:
            if da == db or len(ta) < reuse.MIN_CHARS or len(tb) < reuse.MIN_CHARS:
                continue
            sa, sb = shingles(ta), shingles(tb)
            shared = len(sa & sb)
            if shared:
                out[(pa, pb)] = (shared, shared / min(len(sa), len(sb)))
    return out


def pairs(result: dict) -> dict[tuple[str, str], float]:
    """Reported near pairs as (first id of group a, first id of group b) -> score."""
    g = result["groups"]
    return {(g[a][0], g[b][0]): score for a, b, score in result["near"]}


def test_a_shared_passage_is_found_and_scored_as_the_brute_force_containment():
    rng = random.Random(7)
    passage = text(rng, 80)
    paragraphs = [
        ("a-1", "a", text(rng, 40) + passage + text(rng, 40)),
        ("b-1", "b", text(rng, 10) + passage),
        ("c-1", "c", text(rng, 160)),  # unrelated
        ("c-2", "c", "短段落不比较"),  # under MIN_CHARS
    ]
    truth = brute_force(paragraphs)
    found = pairs(reuse.find_reuse(paragraphs))
    assert list(found) == [("a-1", "b-1")]
    shared, containment = truth[("a-1", "b-1")]
    assert shared >= reuse.MIN_PASSAGE and found[("a-1", "b-1")] == round(containment, 3)


def test_every_reported_pair_is_real_and_every_long_shared_passage_is_reported():
    rng = random.Random(11)
    passages = [text(rng, 60) for _ in range(6)]
    paragraphs = []
    for d in range(12):
        for k in range(3):
            body = text(rng, rng.randrange(20, 120))
            if rng.random() < 0.4:
                p = rng.choice(passages)
                cut = rng.randrange(len(body) + 1)
                body = body[:cut] + p + body[cut:]
            paragraphs.append((f"d{d}-{k}", f"d{d}", body))
    truth = brute_force(paragraphs)
    found = pairs(reuse.find_reuse(paragraphs))
    assert found
    for pair, score in found.items():
        shared, containment = truth[pair]
        assert score == round(containment, 3)
        assert containment >= reuse.MIN_CONTAINMENT or shared >= reuse.MIN_PASSAGE
    # a passage of 60 characters leaves 53 shared shingles, about 6.6 sampled ones: always found
    missed = [pair for pair, (shared, _) in truth.items() if shared >= 53 and pair not in found]
    assert missed == []


def test_the_same_text_in_two_documents_is_one_group_and_within_one_document_is_none():
    rng = random.Random(5)
    same = text(rng, 50)
    result = reuse.find_reuse([("a-1", "a", same), ("b-1", "b", " ".join(same)), ("c-1", "c", text(rng, 50))])
    assert result == {"groups": [["a-1", "b-1"]], "near": []}
    # repeated inside one document only: not reuse
    assert reuse.find_reuse([("a-1", "a", same), ("a-2", "a", same)]) == {"groups": [], "near": []}


def test_texts_fetched_again_give_the_same_answer():
    rng = random.Random(13)
    passage = text(rng, 70)
    paragraphs = [(f"p{i}", f"d{i}", text(rng, 30) + passage + text(rng, i * 5)) for i in range(4)]
    texts = [t for _, _, t in paragraphs]
    assert reuse.find_reuse(paragraphs, text_of=texts.__getitem__) == reuse.find_reuse(paragraphs)


def test_a_stock_phrase_in_very_many_paragraphs_links_none_of_them():
    rng = random.Random(17)
    stock = "以习近平新时代中国特色社会主义思想为指导全面贯彻党的二十大精神"
    paragraphs = [(f"d{i}-1", f"d{i}", stock + text(rng, 200)) for i in range(reuse.COMMON + 5)]
    assert brute_force(paragraphs)  # they do share the phrase
    assert reuse.find_reuse(paragraphs) == {"groups": [], "near": []}
