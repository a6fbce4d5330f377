"""indexer/dedup.py: fingerprints and MinHash sketches, against exact Jaccard similarity of
the 8-character shingle sets (the oracle), on texts written here."""

from __future__ import annotations

import random
import zlib

from archive.model import Document, Paragraph
from indexer import dedup

POOL = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"


def text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(POOL) for _ in range(n))


def shingles(t: str, k: int = dedup.SHINGLE) -> set[str]:
    """Oracle: the shingle strings themselves (not their hashes)."""
    t = "".join(t.split())
    return {t[i : i + k] for i in range(len(t) - k + 1)} if len(t) >= k else ({t} if t else set())


def jaccard(a: str, b: str) -> float:
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / len(sa | sb)


def doc(paragraphs: list[str]) -> Document:
    d = Document(
        doc_id="d",
        title=None,
        publisher=None,
        date=None,
        year=None,
        doc_type=None,
        province=None,
        city=None,
        county=None,
        township=None,
        speaker=None,
        source_path="d.txt",
        cataloged=False,
    )
    d.paragraphs = [Paragraph(id=f"d-{i}", doc_id="d", n=i, kind="body", text=t) for i, t in enumerate(paragraphs)]
    return d


def test_shingles_are_crc32_of_8_characters_after_normalising_and_dropping_spaces():
    assert dedup.shingle_hashes("") == set()
    assert dedup.shingle_hashes("腾笼换鸟") == {zlib.crc32("腾笼换鸟".encode())}  # shorter than 8: itself
    assert dedup.shingle_hashes("一二三四五六七八九") == {
        zlib.crc32("一二三四五六七八".encode()),
        zlib.crc32("二三四五六七八九".encode()),
    }
    # traditional script, full-width forms and spaces do not change a text's shingles
    assert dedup.shingle_hashes("騰籠換鳥 推進 高質量發展") == dedup.shingle_hashes("腾笼换鸟推进高质量发展")
    assert dedup.shingle_hashes("ＧＤＰ增长百分之五点二") == dedup.shingle_hashes("GDP增长 百分之五点二")


def test_sketch_estimate_is_exact_jaccard_when_the_sets_fit_in_the_sketch():
    rng = random.Random(1)
    for _ in range(20):
        a = text(rng, 30)  # 23 shingles: both sets and their union fit in 64
        b = a[: rng.randrange(5, 25)] + text(rng, 30 - 25) + a[25:]
        est = dedup.estimate(dedup.sketch_of(a), dedup.sketch_of(b))
        assert abs(est - jaccard(a, b)) < 1e-12, (a, b)


def test_sketch_estimate_is_close_to_exact_jaccard_on_long_texts():
    rng = random.Random(2)
    errors = []
    for keep in (1.0, 0.95, 0.9, 0.8, 0.6, 0.3, 0.0):
        for _ in range(5):
            a = text(rng, 2000)
            cut = int(len(a) * keep)
            b = a[:cut] + text(rng, len(a) - cut)
            exact = jaccard(a, b)
            est = dedup.estimate(dedup.sketch_of(a), dedup.sketch_of(b))
            errors.append(abs(est - exact))
            assert abs(est - exact) < 0.2, (keep, exact, est)  # bottom-64: sd ≤ 0.0625
    assert sum(errors) / len(errors) < 0.05
    assert dedup.estimate([], dedup.sketch_of("一二三四五六七八九")) == 0.0


def test_fingerprint_ignores_spaces_and_script_and_sees_one_changed_character():
    fp, sketch = dedup.fingerprint(doc(["全面推进腾笼换鸟，", "建设共同富裕示范区。"]))
    assert (fp, sketch) == dedup.fingerprint(doc(["全面推进 騰籠換鳥，", "建设共同富裕示范区。"]))
    assert len(fp) == 32 and sketch == sorted(sketch) and len(sketch) <= dedup.SKETCH
    assert dedup.fingerprint(doc(["全面推进腾笼换鸟，", "建设共同富裕示范县。"]))[0] != fp


def test_duplicate_finder_twins_near_copies_and_never_its_own_earlier_version():
    rng = random.Random(3)
    a = text(rng, 3000)
    near = a[:2950] + text(rng, 50)  # ~97% of the shingles shared
    far = a[:2000] + text(rng, 1000)  # ~50%
    fa, sa = dedup.fingerprint(doc([a]))
    finder = dedup.DuplicateFinder(
        {"a": {"fingerprint": fa, "sketch": sa, "display": "a.txt"}, "x": {"fingerprint": None}}
    )  # unfingerprinted: ignored
    assert list(finder.sketches) == ["a"]
    assert finder.match(fa, sa, "copy.txt") == ("a", 1.0)
    assert finder.match(fa, sa, "a.txt") is None  # the same file read again is no duplicate
    fn, sn = dedup.fingerprint(doc([near]))
    twin, sim = finder.match(fn, sn, "near.txt")
    assert twin == "a" and sim == round(dedup.estimate(sn, sa), 3) >= dedup.NEAR
    assert abs(sim - jaccard(a, near)) < 0.1
    ff, sf = dedup.fingerprint(doc([far]))
    assert jaccard(a, far) < 0.5 and finder.match(ff, sf, "far.txt") is None
