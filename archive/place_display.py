"""How a paragraph's place is shown (CLI hit lines, search, document and paragraph pages).
Place *resolution* (the gazetteer, the scan of issuer lines and text) is the indexer's job and
lives in indexer/places.py; showing needs only the fields already stored on the paragraph."""

from __future__ import annotations

COUNTY_WIDE = {"zh": "（县级，无乡镇）", "en": "(county-wide)"}
NATIONAL = {"zh": "全国", "en": "National"}


def place_label(p: dict, lang: str = "zh") -> str:
    """A paragraph's place at its own level, then the divisions above it: a township with its
    county and city ('新埭镇 · 平湖市 · 嘉兴市': many townships share a name, and a county's name
    alone rarely tells a reader where it is), '平湖市 · 嘉兴市（县级，无乡镇）', '绍兴市 · 浙江省',
    '浙江省', '全国'. The county-wide mark is only for county-level paragraphs (a county
    document's text no township claims)."""
    level = p.get("level")
    if level == "national":
        return NATIONAL.get(lang, NATIONAL["zh"])
    township, county, city, province = (p.get(k) for k in ("township", "county", "city", "province"))
    if township:
        chain = [township, county, city] if county else [township, city or province]
    elif county:
        chain = [county, city or province]
    elif city:
        chain = [city, province]
    else:
        chain = [province]
    label = " · ".join(dict.fromkeys(x for x in chain if x))  # 上海市 · 上海市 once
    if level == "county" and not township and county:
        label += COUNTY_WIDE.get(lang, COUNTY_WIDE["zh"])
    return label


def document_place(first: dict, lang: str = "zh") -> str:
    """A document's place (the document list, its page header, /compare): as place_label at
    the document's own level, from its first paragraph; a township only for a township
    document (a county report's first paragraph may name one). No county-wide mark: that
    says a *paragraph* of a county document belongs to no township, and a county document
    is the county's by its level (it read '平湖市 · 嘉兴市（县级，无乡镇）' on /compare)."""
    township = first.get("township") if first.get("level") == "township" else None
    return place_label({**first, "township": township, "level": first.get("level") or None}, lang).removesuffix(
        COUNTY_WIDE.get(lang, COUNTY_WIDE["zh"])
    )
