"""Citations of a paragraph: GB/T 7714-2015 text, RIS and BibTeX, from one dict of fields.

Why these fields: a paper cites who said it (the speaker, or the signed author of a piece in a
collection), the full title, the meeting or occasion it was delivered at, the issuing body, the
date, and where in the text (the paragraph number), with a permalink a reader can type, so the
displayed link is the readable IRI (http://…/p/绍兴-2024-12), and RIS and BibTeX carry the
percent-encoded URL that reference managers and LaTeX accept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote

from .datafiles import rows

HEAD_PARAGRAPHS = 6  # the title and dateline of a document are in its first paragraphs


@lru_cache(maxsize=1)
def newspaper_endings() -> tuple[str, ...]:
    """Endings of an issuer's name that make it a newspaper, from newspaper_issuers.tsv."""
    return tuple(r[0] for r in rows("newspaper_issuers.tsv"))


@lru_cache(maxsize=1)
def genre_types() -> dict[str, tuple[str, str, str]]:
    """doc_type -> (GB/T 7714 type, RIS type, issuer suffix), from cite_types.tsv."""
    return {r[0]: (r[1], r[2], r[3] if len(r) > 3 else "") for r in rows("cite_types.tsv")}


# The name of a place's government at the national level (a report 'for the people's
# government' of the whole country is the State Council's).
NATIONAL_GOVERNMENT = "国务院"


def issuer_of(p: dict[str, Any], suffix: str) -> str | None:
    """The issuing body from the place of a document whose genre names it (cite_types.tsv)."""
    if not suffix:
        return None
    if p.get("level") == "national":
        return NATIONAL_GOVERNMENT if suffix == "人民政府" else None
    place = {
        "township": p.get("township"),
        "county": p.get("county"),
        "city": p.get("city"),
        "province": p.get("province"),
    }.get(p.get("level") or "")
    return place + suffix if place else None


def issuing_body(p: dict[str, Any]) -> str | None:
    """The recorded publisher, else the body the genre and place name (成都市人民政府)."""
    return p.get("publisher") or issuer_of(p, genre_types().get(p.get("doc_type") or "", ("", "", ""))[2])


@lru_cache(maxsize=1)
def _occasion_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(r[0], re.compile(r[1])) for r in rows("occasions.tsv")]


def occasion(title: str | None, head: list[str]) -> str | None:
    """The meeting or occasion named by a dateline in the document's head, else by its title."""
    for where, pattern in _occasion_patterns():
        texts = head if where == "head" else [title or ""]
        for text in texts:
            m = pattern.search(text)
            if m:
                return m.group("occasion").strip("——— ")
    return None


_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})(?:\s*[月\-/.]\s*(\d{1,2}))?")


def iso_date(date: str | None, year: int | None) -> str | None:
    """'2024年1月13日' / '2018-2-22' / '2014-08-01 13:52' -> '2024-01-13' …; else the year."""
    m = _DATE.search(date or "")
    if m:
        y, mo, d = m.group(1), int(m.group(2)), m.group(3)
        if 1 <= mo <= 12:
            return f"{y}-{mo:02d}" + (f"-{int(d):02d}" if d and 1 <= int(d) <= 31 else "")
    if date and re.fullmatch(r"\d{4}", date.strip()):
        return date.strip()
    return str(year) if year else None


def permalink(base_url: str, pid: str) -> str:
    """The paragraph's address, percent-encoded (for links, RIS and BibTeX)."""
    return f"{base_url.rstrip('/')}/p/{quote(pid, safe='')}"


def readable(url: str) -> str:
    """The same address as a person reads it: percent-escapes of non-ASCII text decoded,
    escapes of reserved ASCII (a / or a space inside an id) kept."""
    return re.sub(r"(?:%[89A-Fa-f][0-9A-Fa-f])+", lambda m: unquote(m.group()), url)


def fields(p: dict[str, Any], head: list[dict[str, Any]], base_url: str, accessed: dt.date) -> dict[str, Any]:
    """The citation's fields for paragraph ``p``; ``head`` is its document's first paragraphs."""
    title = p.get("title") or p["doc_id"]
    gbt, ris, _ = genre_types().get(p.get("doc_type") or "", ("Z", "GEN", ""))
    issuer = issuing_body(p)
    author = p.get("speaker")
    if issuer and issuer.endswith(newspaper_endings()):
        gbt, ris = "N", "NEWS"  # a newspaper page, whatever the genre of the piece
    url = permalink(base_url, p["id"])
    return {
        "id": p["id"],
        "author": author,
        "author_title": p.get("speaker_title"),
        "issuer": issuer,
        "title": title,
        "occasion": occasion(title, [h["text"] for h in head[:HEAD_PARAGRAPHS]]),
        "date": iso_date(p.get("date"), p.get("year")),
        "year": p.get("year"),
        "paragraph": p["n"],
        "doc_type": p.get("doc_type"),
        "gbt_type": gbt,
        "ris_type": ris,
        "url": url,
        "permalink": readable(url),
        "accessed": accessed.isoformat(),
    }


def gbt7714(f: dict[str, Any]) -> str:
    """主要责任者. 题名: 其他题名信息[类型/OL]. 出版者, 日期: 第n段[引用日期]. 永久链接."""
    who = f["author"] or f["issuer"]
    out = f"{who}. " if who else ""
    out += f["title"] + (f": {f['occasion']}" if f["occasion"] and f["occasion"] not in f["title"] else "")
    out += f"[{f['gbt_type']}/OL]. "
    pub = [x for x in (f["issuer"] if f["author"] else None, f["date"]) if x]
    out += ", ".join(pub) + (": " if pub else "") + f"第{f['paragraph']}段[{f['accessed']}]. {f['permalink']}."
    return out


def _one_line(v: Any) -> str:
    return re.sub(r"\s+", " ", str(v)).strip()


def ris(f: dict[str, Any]) -> str:
    """An RIS record (one TAG  - value per line, CRLF as the format has it)."""
    lines = [("TY", f["ris_type"])]
    if f["author"]:
        lines.append(("AU", f["author"]))
    if f["issuer"]:
        lines.append(("A2" if f["author"] else "AU", f["issuer"]))
        lines.append(("PB", f["issuer"]))
    lines.append(("TI", f["title"]))
    if f["occasion"]:
        lines.append(("T2", f["occasion"]))
    if f["year"]:
        lines.append(("PY", str(f["year"])))
    if f["date"]:
        parts = f["date"].split("-") + ["", ""]
        lines.append(("DA", f"{parts[0]}/{parts[1]}/{parts[2]}/"))
    lines += [
        ("SE", f"第{f['paragraph']}段"),
        ("UR", f["url"]),
        ("Y2", f["accessed"].replace("-", "/")),
        ("N1", f"paragraph {f['paragraph']}; id {f['id']}" + (f"; {f['author_title']}" if f["author_title"] else "")),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {_one_line(v)}\r\n" for tag, v in lines)


_BIB_SPECIAL = re.compile(r"([\\{}%&#_$^~])")


def _bib(v: Any) -> str:
    def esc(m: re.Match[str]) -> str:
        c = m.group(1)
        return {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}.get(c, "\\" + c)

    return _BIB_SPECIAL.sub(esc, _one_line(v))


def bibtex(f: dict[str, Any]) -> str:
    """A BibTeX @misc entry (biblatex fields date and urldate too); the key is the id made
    ASCII-safe."""
    key = re.sub(r"[^A-Za-z0-9:_-]", "", f["id"])
    if key != f["id"]:  # 绍兴-2024-12 -> 2024-12-<stable hash of the id>
        key = (key.strip("-") or "p") + "-" + hashlib.sha1(f["id"].encode("utf-8")).hexdigest()[:8]
    entries = []
    if f["author"] or f["issuer"]:
        entries.append(("author", "{" + _bib(f["author"] or f["issuer"]) + "}"))
    entries.append(("title", "{" + _bib(f["title"]) + "}"))
    if f["occasion"]:
        entries.append(("eventtitle", _bib(f["occasion"])))
    if f["issuer"]:
        entries.append(("publisher", _bib(f["issuer"])))
        entries.append(("howpublished", _bib(f["issuer"])))
    if f["year"]:
        entries.append(("year", str(f["year"])))
    if f["date"]:
        entries.append(("date", f["date"]))
    entries += [
        ("note", _bib(f"第{f['paragraph']}段" + (f"; {f['author_title']}" if f["author_title"] else ""))),
        ("url", f["url"]),
        ("urldate", f["accessed"]),
    ]
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in entries)
    return f"@misc{{{key},\n{body}\n}}\n"


def citation(
    p: dict[str, Any], head: list[dict[str, Any]], base_url: str, accessed: dt.date | None = None
) -> dict[str, Any]:
    """{"fields", "gbt7714", "ris", "bibtex"}: one dict for the page, the API and the CLI."""
    f = fields(p, head, base_url, accessed or dt.datetime.now(dt.timezone.utc).date())
    return {"fields": f, "gbt7714": gbt7714(f), "ris": ris(f), "bibtex": bibtex(f)}
