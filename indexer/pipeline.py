"""One source file to one tagged Document. The stages, in the order build_document runs them:

read         read.py          the file's numbered lines (build.py reads; a test may pass src)
repair       repair.py        pinyin glosses off every line (repair_lines)
boilerplate  boilerplate.py   page furniture and metadata lines out, metadata kept
locate       places.py        the document's place, from its fields, name and first lines
split        paragraphs.py    lines into paragraphs, each one's text repaired as its lines
                              are joined (repair.repair_paragraph: OCR spaces, doubled bold)
limit        limits.py        no paragraph longer than the limit
describe     titles.py, dating.py   title, genre, year and date of the document
tag          tag.py           each paragraph's township, year, speaker, heading
write        build.py         the documents into the index (not here)
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from archive.config import Limits
from archive.ids import safe_id
from archive.model import Document, Paragraph, paragraph_id
from .places import CountyPlaces, county_places, locate

from .boilerplate import strip_boilerplate
from .catalog import Entry
from .dating import Dated, document_date, section_year
from .limits import split_long_blocks
from .titles import doc_genre, document_title, own_title
from .paragraphs import build_blocks
from .read import SourceText, read_source
from . import rules
from .repair import repair_lines
from .tag import attribute


def doc_id_for(path: Path) -> str:
    """A stable id for an uncataloged file: its name, made URL-safe."""
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "-", path.stem).strip("-") or "doc"
    return stem


def _removed(before: list, after: list) -> frozenset[int]:
    """Numbers of the source lines that boilerplate removal emptied or cut off."""
    kept = {l.no for l in after if l.text.strip()}
    return frozenset(l.no for l in before if l.text.strip() and l.no not in kept)


def file_title(path: Path, part: int | None) -> str:
    """A title for a file that has none: its name ('嘉兴', 'reports #3')."""
    return path.stem + (f" #{part}" if part else "")


def date_document(
    f: dict[str, str | None],
    entry: Entry | None,
    meta: dict[str, str],
    found: dict[str, str],
    title: str | None,
    blocks: list,
) -> Dated:
    """The document's year and date (indexer/dating.py), each field labelled with its source."""
    fields = dict(f)
    for key in ("date", "year"):
        fields[key + "_source"] = _source(key, entry, meta, found)
    first_body = next((i for i, b in enumerate(blocks) if b.kind == "body"), len(blocks))
    head = [b.text for b in blocks[: max(8, min(first_body + 3, 14))]]
    tail = [b.text for b in blocks[-6:]]
    headings = []
    for i, b in enumerate(blocks):
        # a body paragraph that opens with a section heading is one whose line break was lost
        glued = (
            b.kind == "body"
            and (sy := section_year(b.text[:24]))
            and sy[0] != "section"
            and b.text.find(str(sy[1])) < 4
        )
        if (b.kind == "heading" and not b.place) or glued:
            nxt = next((x.text for x in blocks[i + 1 : i + 3] if x.kind == "body"), None)
            headings.append((i, b.text, nxt))
    # the lead: the first two body paragraphs (a stray headline may stand above it)
    lead = [b.text for b in blocks if b.kind == "body"][:2]
    return document_date(
        fields=fields,
        title=title,
        head=head,
        tail=tail,
        headings=headings,
        lead=lead,
        texts=[b.text for b in blocks],
        lines=[b.line_start for b in blocks],
    )


def _source(key: str, entry: Entry | None, meta: dict[str, str], found: dict[str, str], fmt: str = "") -> str | None:
    """Where a merged field came from, in the words of the evidence shown to readers (a saved
    page's own title is its headline, read by read.page_title, not a collection's field)."""
    if entry is not None and getattr(entry, key, None):
        return f"catalog field {key}"
    if found.get(key):
        return f"page metadata {key}"
    if meta.get(key):
        return "page headline (<title>, <h1>)" if fmt == "html" and key == "title" else f"collection field {key}"
    return None


def _names_no_one(key: str, value: str) -> bool:
    """A 来源/发布机构 value such as 本站原创, 网友投稿, 未知 (data/unnamed_sources.tsv): no publisher."""
    from archive.datafiles import patterns

    v = re.sub(r"\s", "", value)
    return key in ("publisher", "source") and any(rx.fullmatch(v) for rx in patterns("unnamed_sources.tsv"))


def _merge(entry: Entry | None, meta: dict[str, str]) -> dict[str, str | None]:
    """Catalog entry fields win; metadata found in the file (or a CSV/JSONL row) fills the gaps."""
    out: dict[str, str | None] = {k: v for k, v in meta.items() if v and not _names_no_one(k, v)}
    if entry:
        for k, v in vars(entry).items():
            if v not in (None, "") and k != "file":
                out[k] = v
    return out


def build_document(
    path: Path,
    entry: Entry | None,
    display_path: str,
    src: SourceText | None = None,
    max_paragraph_chars: int | None = None,
) -> Document:
    src = src or read_source(path)
    repaired = repair_lines(src.lines)
    lines, found, _ = strip_boilerplate(repaired, glossed=src.lines)
    f = _merge(entry, {**src.meta, **found})
    head = "\n".join(l.text for l in lines[:80] if l.text.strip())[:3000]
    title_guess = f.get("title")
    located = locate(
        fields={k: f.get(k) for k in ("province", "city", "county", "township", "publisher", "source")},
        file_stem=path.stem,
        title=title_guess,
        head=head,
        # page furniture still tells where a page is from (a site's name and address)
        lines=[(l.no, l.text) for l in repaired],
        furniture=_removed(repaired, lines),
    )
    place = located.place
    places: CountyPlaces | None = None
    if place and place.level in ("county", "township"):
        places = county_places(place.county, place.city or place.province)
    blocks = build_blocks(lines, places)
    # no paragraph is longer than the limit: a 17M-character line would be one hit of 61 MB
    blocks, split = split_long_blocks(blocks, max_paragraph_chars or Limits.from_env().paragraph_chars)
    src.warnings += split
    title_source = _source("title", entry, src.meta, found, src.fmt)
    own = title_guess or own_title(blocks).value
    genre = doc_genre(
        given=f.get("type"),
        given_source=_source("type", entry, src.meta, found),
        title=own,
        head=[b.text for b in blocks[:8]],
        tail=[b.text for b in blocks[-3:]],
        body=[(b.line_start, b.text) for b in blocks],
    )
    dated = date_document(f, entry, src.meta, found, own, blocks)
    year = dated.year
    issuer = (place.township or place.county or place.city or place.province) if place else None
    titled = document_title(
        given=title_guess, given_source=title_source, blocks=blocks, place=issuer, year=year, genre=genre.value
    )
    title = titled.value or file_title(path, src.part)
    township = place.township if place and place.level == "township" else None
    # an id from a catalog or a row is a name chosen by whoever wrote the file: made safe
    given_id = f.get("id")
    doc_id = safe_id(given_id) if given_id else (doc_id_for(path) + (f"-{src.part}" if src.part else ""))
    doc = Document(
        doc_id=doc_id,
        title=title,
        publisher=f.get("publisher") or f.get("source"),
        date=dated.date,
        year=year,
        doc_type=genre.value,
        province=place.province if place else None,
        city=place.city if place else None,
        county=place.county if place else None,
        township=township,
        speaker=f.get("speaker"),
        source_path=display_path,
        cataloged=entry is not None,
        level=located.level,
        place_note=located.note,
    )
    doc.evidence.update({f"place.{k}": v for k, v in located.evidence.items()})
    if not doc.speaker and title_guess:
        # a catalog's or collection's title may name who delivered it ("某某在…大会上的报告")
        named = rules.match_byline(title_guess)
        if named:
            doc.speaker = unicodedata.normalize("NFKC", named[1])
            doc.evidence["speaker"] = f'{title_source or "catalog field title"} "{title_guess[:40]}" (bylines.tsv)'
    for key, why in (
        ("year", dated.evidence),
        ("doc_type", genre.evidence),
        ("title", titled.evidence or f"file name {path.name}"),
    ):
        if why:
            doc.evidence[key] = why
    tags = attribute(
        blocks, places, doc_year=year, default_township=township, default_speaker=doc.speaker, doc_type=doc.doc_type
    )
    for n, (b, t) in enumerate(zip(blocks, tags), start=1):
        # a paragraph of a township's document that no township claims is county-wide (a
        # department's task); in a township-level text whose township is unknown it stays township
        level = "township" if t.township else (doc.level if doc.level != "township" or not township else "county")
        doc.paragraphs.append(
            Paragraph(
                id=paragraph_id(doc.doc_id, n),
                doc_id=doc.doc_id,
                n=n,
                kind=b.kind,
                text=b.text,
                heading=t.heading,
                township=t.township,
                county=doc.county,
                city=doc.city,
                province=doc.province,
                level=level,
                year=t.year,
                period=t.period,
                date=doc.date,
                speaker=t.speaker,
                speaker_title=t.speaker_title,
                doc_type=t.doc_type,
                title=doc.title,
                publisher=doc.publisher,
                source_path=display_path,
                source_lines=[b.line_start, b.line_end],
                evidence={**doc.evidence, **t.evidence},
            )
        )
    if src.ocr:
        from .ocr.evidence import paragraph_ocr

        doc.ocr = src.ocr
        for p in doc.paragraphs:
            p.ocr = paragraph_ocr(src.ocr["lines"], p.source_lines[0], p.source_lines[1])
    return doc
