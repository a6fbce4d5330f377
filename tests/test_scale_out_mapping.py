"""docs/scale-out.md and docs/opensearch-mapping.json stay true to the paragraph model: every
field of archive/model.py PARAGRAPH_FIELDS (read now, not copied) is mapped, facets are
aggregatable, and the bigram translation of exact matching finds the same paragraphs as the
archive (a simulation of the ngram tokenizer and match_phrase over the seed index)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from archive import analysis, model, record
from archive.engine.exact import END
from archive.textnorm import normalize

DOCS = Path(__file__).resolve().parent.parent / "docs"
DERIVED = {"grams", "words"}  # added by the loader: normalised text for bigrams, jieba words


@pytest.fixture(scope="module")
def mapping() -> dict:
    return json.loads((DOCS / "opensearch-mapping.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def loader():
    """The loader printed in docs/scale-out.md (the python block after '<!-- loader -->'), run."""
    doc = (DOCS / "scale-out.md").read_text(encoding="utf-8")
    code = re.search(r"<!-- loader -->\s*```python\n(.*?)```", doc, re.S)
    assert code, "docs/scale-out.md lost its loader block"
    namespace: dict = {}
    exec(compile(code.group(1), "docs/scale-out.md", "exec"), namespace)
    return namespace


def test_every_paragraph_field_is_in_the_mapping_and_nothing_else(mapping):
    props = mapping["mappings"]["properties"]
    missing = [f for f in model.PARAGRAPH_FIELDS if f not in props]
    assert missing == [], f"add to docs/opensearch-mapping.json: {missing}"
    assert set(props) - set(model.PARAGRAPH_FIELDS) == DERIVED
    assert mapping["mappings"]["dynamic"] == "strict"


def test_facets_and_sort_keys_are_aggregatable_fields(mapping):
    props = mapping["mappings"]["properties"]
    for f in (*model.FACETS, "doc_id", "n", "date", "kind"):
        assert props[f]["type"] in ("keyword", "short", "integer"), f
        assert props[f].get("index", True) and props[f].get("doc_values", True), f


def test_exact_matching_is_a_bigram_phrase_and_ranking_a_word_field(mapping):
    analysis_ = mapping["settings"]["analysis"]
    grams = mapping["mappings"]["properties"]["grams"]
    tok = analysis_["tokenizer"][analysis_["analyzer"][grams["analyzer"]]["tokenizer"]]
    assert (tok["type"], tok["min_gram"], tok["max_gram"], tok["token_chars"]) == ("ngram", 2, 2, [])
    assert grams["index_options"] == "positions"  # match_phrase needs positions
    words = mapping["mappings"]["properties"]["words"]
    assert analysis_["analyzer"][words["analyzer"]]["tokenizer"] == "whitespace"


def _bigrams(s: str) -> list[str]:
    """What the ngram tokenizer (min_gram = max_gram = 2, all characters kept) emits, in
    position order: one bigram per character offset."""
    return [s[i : i + 2] for i in range(len(s) - 1)]


def _engine_matches(grams_field: str, query: str) -> bool:
    """match_phrase on the bigram field (consecutive positions), or for one character a
    prefix query on its terms, as docs/scale-out.md translates a query term."""
    tokens = _bigrams(grams_field)
    if len(query) == 1:
        return any(t.startswith(query) for t in tokens)
    q = _bigrams(query)
    return any(tokens[p : p + len(q)] == q for p in range(len(tokens) - len(q) + 1))


def test_the_bigram_translation_finds_what_the_archive_finds(archive, loader):
    paragraphs = [record.from_fields(f) for f in archive.searcher().all_stored_fields()]
    docs = [loader["engine_document"](p) for p in paragraphs]
    for q in ["腾笼换鸟", "騰籠換鳥", "棒", "。", "GDP", "2024", "人人有责", "全省县级城市数字化改革标杆", "镇"]:
        term = normalize(q)
        ours = {d["id"] for d in docs if _engine_matches(d["grams"], term)}
        assert ours == {h["id"] for h in archive.iter_matches(q, cap=10**6)} != set(), q


def test_the_loader_writes_bulk_lines_the_mapping_accepts(archive, mapping, loader, seed_home, runner):
    out = runner("export", "--format", "jsonl", "--home", seed_home, catch_exceptions=False)
    rows = [json.loads(line) for line in out.output.splitlines() if line.strip()]
    lines = list(loader["bulk_lines"](rows, "paragraphs"))
    assert len(lines) == 2 * len(rows) and len(rows) == archive.stats()["paragraphs"]
    props = mapping["mappings"]["properties"]
    for action, source, row in zip(lines[::2], lines[1::2], rows):
        action, source = json.loads(action), json.loads(source)
        assert action == {"index": {"_index": "paragraphs", "_id": row["id"], "routing": row["doc_id"]}}
        assert set(source) <= set(props) and {k: source[k] for k in row} == row
        assert source["grams"] == normalize(row["text"]) + END
        assert source["words"] == " ".join(analysis.words(row["text"]))
