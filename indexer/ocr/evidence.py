"""What a scanned paragraph keeps of its page: the page, the regions its lines cover, and how
sure the recogniser was. Pure functions over the line geometry of indexer/ocr/read.py."""

from __future__ import annotations

from typing import Any

# A character read with less confidence than this is shown marked in the page view.
LOW_CONFIDENCE = 0.8


def _merge(region: list[float], box: list[float], vertical: bool) -> bool:
    """Grow region by box when box is the next line of the same column."""
    x0, y0, x1, y1 = region
    bx0, by0, bx1, by1 = box
    if vertical:
        over = min(y1, by1) - max(y0, by0)
        near = (x0 - bx1) <= 1.5 * max(bx1 - bx0, 1) and bx0 <= x1
        ok = over >= 0.3 * min(y1 - y0, by1 - by0) and near
    else:
        over = min(x1, bx1) - max(x0, bx0)
        near = (by0 - y1) <= 1.5 * max(by1 - by0, 1) and by1 >= y0
        ok = over >= 0.3 * min(x1 - x0, bx1 - bx0) and near
    if ok:
        region[:] = [min(x0, bx0), min(y0, by0), max(x1, bx1), max(y1, by1)]
    return ok


# The detector's boxes hug the strokes and may cut the tips of large type: a region is drawn
# this share of the line's height (its width for vertical text) outside them.
PAD = 0.2


def _padded(box: list[float]) -> list[float]:
    x0, y0, x1, y1 = box
    pad = PAD * min(x1 - x0, y1 - y0)
    return [max(0.0, x0 - pad), max(0.0, y0 - pad), x1 + pad, y1 + pad]


def paragraph_ocr(lines: dict[str, dict], first: int, last: int) -> dict[str, Any] | None:
    """{"page", "boxes": [[page, x0, y0, x1, y1], ...], "confidence", "low_chars"} for the
    source lines first..last, one box per column piece; None when no line was OCR'd."""
    geos = [lines[str(n)] for n in range(first, last + 1) if str(n) in lines]
    if not geos:
        return None
    regions: list[list[float]] = []  # [page, x0, y0, x1, y1]
    confs: list[float] = []
    for g in geos:
        confs += [c[0] for c in g.get("chars", [])]
        for raw in g["boxes"]:
            box = _padded(raw)
            tail = regions[-1][1:] if regions and regions[-1][0] == g["page"] else None
            if tail is not None and _merge(tail, list(box), g.get("vertical", False)):
                regions[-1][1:] = tail
                continue
            regions.append([g["page"], *box])
    return {
        "page": geos[0]["page"],
        "boxes": [[int(r[0])] + [round(v) for v in r[1:]] for r in regions],
        "confidence": round(sum(confs) / len(confs), 3) if confs else None,
        "low_chars": sum(1 for c in confs if c < LOW_CONFIDENCE),
    }
