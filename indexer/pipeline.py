"""One source file to one tagged Document: read, strip boilerplate, repair, split, tag."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from archive.model import Document, Paragraph, paragraph_id
from archive.places import CountyPlaces, county_places, divisions

from .boilerplate import strip_boilerplate
from .catalog import Entry, year_of
from .paragraphs import build_blocks
from .read import SourceText, read_source
from .tag import attribute

_TITLE_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")


def doc_id_for(path: Path) -> str:
    """A stable id for an uncataloged file: its name, made URL-safe."""
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "-", path.stem).strip("-") or "doc"
    return stem


def infer_county(text: str) -> CountyPlaces | None:
    """The county a text speaks of, when one county (区/县/市 at county level) dominates it."""
    d = divisions()
    counts: dict[str, int] = {}
    for m in re.finditer(r"[\u4e00-\u9fff]{1,6}?(?:市|县|区|旗)", text[:5000]):
        name = m.group(0)
        for start in range(len(name) - 2, -1, -1):
            cand = name[start:]
            if d.codes(cand, "county"):
                counts[cand] = counts.get(cand, 0) + 1
                break
    for name, _ in sorted(counts.items(), key=lambda kv: -kv[1]):
        places = county_places(name)
        if places:
            return places
    # no county named: a township name that exists in exactly one county settles it
    counties: dict[str, int] = {}
    for m in re.finditer(r"[\u4e00-\u9fff]{2,4}(?:镇|街道|乡)", text[:5000]):
        name = m.group(0)
        for start in range(0, len(name) - 2):
            codes = d.codes(name[start:], "township")
            if codes:
                if len({c[:6] for c in codes}) == 1:
                    counties[codes[0][:6]] = counties.get(codes[0][:6], 0) + 1
                break
    if len(counties) == 1:
        code = next(iter(counties))
        return county_places(d.name[code], d.name.get(code[:4]))
    return None


def source_sha(src: SourceText) -> str:
    return hashlib.sha256(src.text.encode("utf-8")).hexdigest()


def build_document(path: Path, entry: Entry | None, display_path: str, src: SourceText | None = None) -> Document:
    src = src or read_source(path)
    lines, meta, removed = strip_boilerplate(src.lines)
    meta = {**src.meta, **meta}
    e = entry or Entry(file=path.name)
    places = None
    if e.county:
        places = county_places(e.county, e.city or e.province)
    if places is None:
        places = infer_county(src.text)
    county_place = places.county if places else None
    date = e.date or meta.get("date")
    year = year_of(date)
    blocks = build_blocks(lines, places)
    title = e.title or meta.get("title") or next((b.text for b in blocks if b.kind == "heading" and not b.place), None)
    if year is None:
        # no date in catalog or metadata: the title's year, else the first year the text names
        m = _TITLE_YEAR.search(title or "") or _TITLE_YEAR.search("".join(b.text for b in blocks[:5])[:500])
        year = int(m.group(1)) if m else None
    township = e.township
    if places and township:
        township = places.resolve(township) or township
    doc = Document(
        doc_id=e.id or doc_id_for(path), title=title, publisher=e.publisher or meta.get("publisher"),
        date=date, year=year, doc_type=e.type, province=e.province or (county_place.province if county_place else None),
        city=e.city or (county_place.city if county_place else None),
        county=e.county or (county_place.name if county_place else None), township=township,
        speaker=e.speaker, source_url=e.source_url, source_path=display_path, cataloged=entry is not None,
        encoding=src.encoding, fmt=src.fmt, removed_lines=removed)
    tags = attribute(blocks, places, doc_year=year, default_township=township, default_speaker=e.speaker,
                     doc_type=e.type)
    for n, (b, t) in enumerate(zip(blocks, tags), start=1):
        doc.paragraphs.append(Paragraph(
            id=paragraph_id(doc.doc_id, n), doc_id=doc.doc_id, n=n, kind=b.kind, text=b.text,
            heading=t.heading, township=t.township, county=doc.county, city=doc.city, province=doc.province,
            year=t.year, date=doc.date, speaker=t.speaker, speaker_title=t.speaker_title,
            doc_type=t.doc_type, title=doc.title, publisher=doc.publisher, source_path=display_path,
            source_lines=[b.line_start, b.line_end]))
    return doc
