"""Score the archive's tags against the hand-made truth in ../shared/gold (when present).

    .venv/bin/python bench/gold_check.py                 # external-dev and the corpus
    .venv/bin/python bench/gold_check.py --set external  # one set; --home DIR keeps the index
    .venv/bin/python bench/gold_check.py --set external --show township,year   # list the misses
    .venv/bin/python bench/gold_check.py --external DIR  # another set of the same form (docs/ + truth.json)

Each set is indexed into a fresh home (the archive's own `build`), then every document's tags are
read back through `Archive` (the index, not the pipeline) and compared field by field with the
truth or one of its accepted values. Prints one score line per field and, with --show, the misses.
Measurement only: nothing here is a test, and nothing from ../shared is copied into the repo.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any, Callable

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from archive.search import Archive  # noqa: E402
from archive import store  # noqa: E402
from archive.textnorm import normalize  # noqa: E402
from indexer.build import build  # noqa: E402

SHARED = REPO.parent / "shared"
EXTERNAL = SHARED / "gold" / "external-dev"
CORPUS = SHARED / "corpus"
CORPUS_GOLD = SHARED / "gold" / "corpus-documents.json"

LEVEL_OF_CLASS = {
    "township": "township",
    "community": "township",
    "village": "township",
    "county": "county",
    "prefecture": "city",
}
_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)", re.I)


def squash(text: str | None) -> str:
    """The truth's comparison form: NFKC, pinyin glosses dropped, simplified, no whitespace."""
    t = unicodedata.normalize("NFKC", text or "")
    t = _PINYIN.sub("", t)
    return re.sub(r"\s+", "", normalize(t))


def count_phrase(text: str, phrase: str) -> int:
    return squash(text).count(squash(phrase))


def doc_value(paras: list[dict[str, Any]], key: str) -> Any:
    """A document's value of a paragraph field: the most common non-empty one."""
    vals = [p.get(key) for p in paras if p.get(key) not in (None, "")]
    return Counter(vals).most_common(1)[0][0] if vals else None


def index_folder(folder: Path, home: Path | None) -> tuple[Archive, dict[str, str]]:
    """Index a folder into a home; map each source file (relative to the folder) to its doc id."""
    home = home or Path(tempfile.mkdtemp(prefix="gold-home-"))
    report = build([folder], home, rebuild=True)
    print(
        f"indexed {folder}: {report.documents} documents, {report.paragraphs} paragraphs, "
        f"{len(report.skipped)} skipped, {len(report.duplicates)} duplicates → {home}",
        file=sys.stderr,
    )
    for path, why in report.skipped:
        print(f"  skipped {path}: {why}", file=sys.stderr)
    by_file: dict[str, str] = {}
    root = str(folder.resolve()) + "/"
    for doc_id, d in store.read_manifest(home).get("documents", {}).items():
        for p in [d.get("display")] + [a.get("display") if isinstance(a, dict) else a for a in d.get("aliases", [])]:
            p = str(p or "")
            if p.startswith(root):
                p = p[len(root) :]
            by_file[p] = doc_id
    return Archive(home), by_file


class Score:
    def __init__(self) -> None:
        self.ok: Counter[str] = Counter()
        self.n: Counter[str] = Counter()
        self.misses: dict[str, list[str]] = {}

    def add(self, field: str, good: bool, doc: str, got: Any, want: Any) -> None:
        self.n[field] += 1
        self.ok[field] += bool(good)
        if not good:
            self.misses.setdefault(field, []).append(f"{doc}: got {got!r}, want {want!r}")

    def print(self, title: str, show: set[str]) -> None:
        print(f"\n== {title}")
        for f in self.n:
            print(f"  {f:<16} {self.ok[f]:>4}/{self.n[f]:<4} {100 * self.ok[f] / self.n[f]:5.1f}%")
        for f in self.n:
            if f in show or "all" in show:
                for m in self.misses.get(f, []):
                    print(f"    {f} miss  {m}")

    def as_dict(self) -> dict[str, Any]:
        return {f: {"ok": self.ok[f], "n": self.n[f]} for f in self.n}


def accepted(truth: dict[str, Any], key: str) -> list[Any]:
    vals = [truth.get(key)] + list(truth.get(f"{key}_accept") or [])
    return vals


def same_title(got: str | None, truth: dict[str, Any]) -> bool:
    g = squash(got)
    wants = [truth.get("title")] + list(truth.get("title_accept") or [])
    return any(w and squash(w.strip("[]")) == g for w in wants)


def check_external(home: Path | None, folder: Path = EXTERNAL) -> Score:
    """Score a set in external-dev's form: `folder`/docs/ and `folder`/truth.json (a held-out set too)."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    archive, by_file = index_folder(folder / "docs", home)
    sc = Score()
    phrases = truth["phrases"]
    for t in truth["documents"]:
        name = Path(t["file"]).name
        doc_id = by_file.get(name)
        paras = archive.document(doc_id) if doc_id else []
        tid = t["id"]
        sc.add("read", bool(paras), tid, doc_id, name)
        if not paras:
            continue
        for key in ("province", "city", "county", "township"):
            got = doc_value(paras, key)
            sc.add(key, got in accepted(t, key), tid, got, accepted(t, key))
        # the truth's level_class in the archive's levels (a community or village office is
        # township-level government; a prefecture is a city)
        want_level = LEVEL_OF_CLASS.get(t.get("level_class") or "", t.get("level_class"))
        got = doc_level(archive, doc_id, paras)
        sc.add("level", got == want_level, tid, got, want_level)
        got = paras[0].get("year")
        sc.add("year", got in accepted(t, "year"), tid, got, accepted(t, "year"))
        got = doc_value(paras, "doc_type")
        sc.add("doc_type", got in accepted(t, "doc_type"), tid, got, accepted(t, "doc_type"))
        want_sp = (t.get("speaker") or {}).get("name")
        got = doc_value(paras, "speaker")
        sc.add("speaker", squash(got) == squash(want_sp), tid, got, want_sp)
        got = paras[0].get("title")
        sc.add("title", same_title(got, t), tid, got, t.get("title"))
        if t.get("title_in_text") and not t.get("title_supplied"):
            # the file prints its title: a fair test of reading it ("[…]" titles are the cataloguer's)
            sc.add("title_in_text", same_title(got, t), tid, got, t.get("title"))
        body = [p for p in paras if p.get("kind") != "note"]
        lo, hi = t.get("paragraph_count_range") or [t["paragraph_count"]] * 2
        sc.add("paragraph_count", lo <= len(body) <= hi, tid, len(body), [lo, hi])
        leaks = [b for b in t.get("boilerplate") or [] if any(squash(b) in squash(p["text"]) for p in paras)]
        sc.add("furniture", not leaks, tid, leaks, [])
        wrong = {}
        for ph in phrases:
            hits = [h for h in archive.iter_matches(ph) if h["doc_id"] == doc_id]
            got_n = sum(count_phrase(h["text"], ph) for h in hits)
            body, title = t["counts"].get(ph, 0), (t.get("title_counts") or {}).get(ph, 0)
            if got_n not in (body, body + title):  # the title lines are paragraphs here too
                wrong[ph] = (got_n, body)
        sc.add("phrase_counts", not wrong, tid, wrong, {})
    return sc


def check_corpus(home: Path | None) -> Score:
    gold = json.loads(CORPUS_GOLD.read_text(encoding="utf-8"))
    archive, by_file = index_folder(CORPUS, home)
    sc = Score()

    def gold_key(g: dict[str, Any]) -> str:
        return g["file"] + (f"#{g['record']}" if g.get("record") else "")

    for g in gold:
        f = gold_key(g)
        doc_id = by_file.get(f)
        if g.get("duplicate_of"):
            twin = by_file.get(gold_key(g["duplicate_of"]))
            sc.add("duplicate", doc_id is not None and doc_id == twin, f, doc_id, twin)
            continue
        paras = archive.document(doc_id) if doc_id else []
        sc.add("read", bool(paras), f, doc_id, f)
        if not paras:
            continue
        for key in ("level", "province", "city", "county"):
            got = doc_value(paras, key) if key != "level" else doc_level(archive, doc_id, paras)
            sc.add(key, got == g.get(key), f, got, g.get(key))
        got = paras[0].get("year")
        sc.add("year", got == g.get("year"), f, got, f"{g.get('year')} ({g.get('year_evidence')})")
        got = doc_value(paras, "doc_type")
        sc.add("doc_type", got == g.get("doc_type"), f, got, g.get("doc_type"))
        got = doc_value(paras, "speaker")
        sc.add("speaker", squash(got) == squash(g.get("speaker")), f, got, g.get("speaker"))
        title = paras[0].get("title") or ""
        must = g.get("title_must_contain") or []
        sc.add("title", all(squash(w) in squash(title) for w in must), f, title, must)
    return sc


def doc_level(archive: Archive, doc_id: str, paras: list[dict[str, Any]]) -> Any:
    """The issuing body's level: the manifest's document level, else the paragraphs' most common."""
    d = store.read_manifest(archive.home).get("documents", {}).get(doc_id, {})
    return d.get("level") or doc_value(paras, "level")


SETS: dict[str, tuple[Path, Callable[[Path | None], Score]]] = {
    "external": (EXTERNAL, check_external),
    "corpus": (CORPUS_GOLD, check_corpus),
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=[*SETS, "all"], help="which set to score (default: all; external with --external)")
    ap.add_argument(
        "--external",
        type=Path,
        metavar="DIR",
        help=f"score this folder (docs/ + truth.json, external-dev's form) as the external set (default {EXTERNAL})",
    )
    ap.add_argument("--home", type=Path, help="index into this home (kept) instead of a temporary one")
    ap.add_argument("--show", default="", help="comma-separated fields whose misses to list (or 'all')")
    ap.add_argument("--json", type=Path, help="also write the scores as JSON to this file")
    args = ap.parse_args(argv)
    show = {s for s in args.show.split(",") if s}
    chosen = args.set or ("external" if args.external else "all")
    sets = dict(SETS)
    if args.external:
        folder = args.external.resolve()
        if not (folder / "truth.json").is_file() or not (folder / "docs").is_dir():
            print(f"--external {args.external}: needs docs/ and truth.json inside", file=sys.stderr)
            return 2
        sets["external"] = (folder, lambda home: check_external(home, folder))
    out: dict[str, Any] = {}
    for name, (need, fn) in sets.items():
        if chosen not in (name, "all"):
            continue
        if not need.exists():
            print(f"{name}: {need} not present, skipped", file=sys.stderr)
            continue
        home = args.home / name if args.home else None
        sc = fn(home)
        sc.print(name, show)
        out[name] = sc.as_dict()
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
