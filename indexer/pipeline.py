"""One source file to one tagged Document: read, strip boilerplate, repair, split, tag."""
from __future__ import annotations

import re
from pathlib import Path

from archive.ids import safe_id
from archive.model import Document, Paragraph, paragraph_id
from archive.places import CountyPlaces, county_places, locate

from .boilerplate import strip_boilerplate
from .catalog import Entry, year_of
from .paragraphs import build_blocks
from . import rules
from .read import SourceText, read_source
from .tag import attribute

_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def doc_id_for(path: Path) -> str:
    """A stable id for an uncataloged file: its name, made URL-safe."""
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "-", path.stem).strip("-") or "doc"
    return stem


def file_title(path: Path, part: int | None) -> str:
    """A title for a file that has none: its name ('嘉兴', 'reports #3')."""
    return path.stem + (f" #{part}" if part else "")


def infer_year(title: str | None, blocks: list, head: str) -> int | None:
    """No year in catalog or metadata: the title's year; else the latest year a top-level
    heading names (a report reviewing 2023 and planning 2024 is the 2024 report); else the
    first year in the opening text; else the year of an event it names (十九大 -> 2017)."""
    m = _TITLE_YEAR.search(title or "")
    if m:
        return int(m.group(1))
    heading_years = [int(y) for b in blocks if b.kind == "heading" and (rules.enum_level(b.text) or (0,))[0] == 1
                     for y in _TITLE_YEAR.findall(b.text)]
    if heading_years:
        return max(heading_years)
    m = _TITLE_YEAR.search("".join(b.text for b in blocks[:5])[:500])
    return int(m.group(1)) if m else event_year(f"{title or ''}\n{head[:300]}")


def event_year(text: str) -> int | None:
    """The year of an event the text names (年份 in data/year_events.tsv), for undated documents."""
    from archive.datafiles import rows
    for year, rx in rows("year_events.tsv"):
        if re.search(rx, text):
            return int(year)
    return None


def _merge(entry: Entry | None, meta: dict[str, str]) -> dict[str, str | None]:
    """Catalog entry fields win; metadata found in the file (or a CSV/JSONL row) fills the gaps."""
    out: dict[str, str | None] = {k: v for k, v in meta.items() if v}
    if entry:
        for k, v in vars(entry).items():
            if v not in (None, "") and k != "file":
                out[k] = v
    return out


def build_document(path: Path, entry: Entry | None, display_path: str, src: SourceText | None = None) -> Document:
    src = src or read_source(path)
    lines, found, removed = strip_boilerplate(src.lines)
    f = _merge(entry, {**src.meta, **found})
    head = "\n".join(l.text for l in lines[:80] if l.text.strip())[:3000]
    title_guess = f.get("title")
    located = locate(fields={k: f.get(k) for k in ("province", "city", "county", "township", "publisher", "source")},
                     file_stem=path.stem, title=title_guess, head=head, lines=[(l.no, l.text) for l in lines])
    place = located.place
    places: CountyPlaces | None = None
    if place and place.level in ("county", "township"):
        places = county_places(place.county, place.city or place.province)
    blocks = build_blocks(lines, places)
    title = title_guess or next((b.text for b in blocks[:8] if b.kind == "heading" and not b.place
                                 and not rules.is_enumerated(b.text)), None) or file_title(path, src.part)
    year = year_of(f.get("year")) or year_of(f.get("date"))
    if year is None:
        year = infer_year(title, blocks, head)
    township = place.township if place and place.level == "township" else None
    # an id from a catalog or a row is a name chosen by whoever wrote the file: made safe
    doc_id = safe_id(f["id"]) if f.get("id") else (doc_id_for(path) + (f"-{src.part}" if src.part else ""))
    doc = Document(
        doc_id=doc_id, title=title, publisher=f.get("publisher"), date=f.get("date") or (str(year) if year else None),
        year=year, doc_type=f.get("type"), province=place.province if place else None,
        city=place.city if place else None, county=place.county if place else None, township=township,
        speaker=f.get("speaker"), source_url=f.get("source_url"), source_path=display_path,
        cataloged=entry is not None, encoding=src.encoding, fmt=src.fmt, removed_lines=removed,
        level=located.level, place_note=located.note)
    doc.evidence.update({f"place.{k}": v for k, v in located.evidence.items()})
    tags = attribute(blocks, places, doc_year=year, default_township=township, default_speaker=doc.speaker,
                     doc_type=doc.doc_type)
    for n, (b, t) in enumerate(zip(blocks, tags), start=1):
        # a paragraph of a township's document that no township claims is county-wide (a
        # department's task); in a township-level text whose township is unknown it stays township
        level = "township" if t.township else (doc.level if doc.level != "township" or not township else "county")
        doc.paragraphs.append(Paragraph(
            id=paragraph_id(doc.doc_id, n), doc_id=doc.doc_id, n=n, kind=b.kind, text=b.text,
            heading=t.heading, township=t.township, county=doc.county, city=doc.city, province=doc.province,
            level=level, year=t.year, date=doc.date, speaker=t.speaker, speaker_title=t.speaker_title,
            doc_type=t.doc_type, title=doc.title, publisher=doc.publisher, source_path=display_path,
            source_lines=[b.line_start, b.line_end]))
    return doc
