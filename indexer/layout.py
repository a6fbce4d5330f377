"""Reading order of an OCR'd page: text boxes into lines, columns and blocks, headings and
paragraph starts. Pure functions over the boxes of indexer/ocr/engine.py.

Why a cut and not a sort by position: sorting boxes top to bottom interleaves the columns
of a newspaper page (the seed pages' problem). A recursive cut (XY-cut) splits the page
at white gaps that run across the whole region: for horizontal text first at vertical
gutters (columns, left to right), else at the widest horizontal gaps (bands, top to
bottom: a headline over the columns, then the columns); for vertical text first at
horizontal gaps (tiers, top to bottom), else at the widest vertical gaps (columns, right
to left). A headline across two columns stops a gutter from running through it, so the
band above and below it are cut apart first.
"""

from __future__ import annotations

import math
import re
import statistics
from functools import lru_cache
from dataclasses import dataclass

from archive.datafiles import rows

Box = tuple[float, float, float, float]

# A vertical box is taller than this many times its width (RapidOCR turns such crops too).
VERTICAL_RATIO = 1.5
# A gutter between columns is at least this many characters wide (a word gap is less).
GUTTER_CHARS = 0.9
# A white band at least this many characters high across the page may set off a headline.
BAND_CHARS = 0.9
# A line is a heading when its characters are this much larger than the body's.
HEADING_SIZE = 1.15
# A line starts a paragraph when it is indented this many characters from its column's edge.
INDENT_CHARS = 0.8
# A line ends a paragraph when it stops this many characters short of its column's far edge
# after a sentence end.
SHORT_CHARS = 1.5
# Fragments of one line (split by the detector at a gap) are joined across at most this many
# characters of white; more is a space in the text (a signature's 镇长　张三).
JOIN_CHARS = 1.2
_SENTENCE_END = re.compile(r"[。！？!?；;：:”’」』)）]$")


@dataclass
class Piece:
    """A detected text box, straightened (the page's skew taken out)."""

    text: str
    box: Box  # straightened, for layout
    raw: Box  # as on the page image, for outlines
    chars: list[list[float]]  # [conf, x0, y0, x1, y1] per character, on the page image
    score: float


@dataclass
class OcrLine:
    """One line of text (a column of characters in vertical text) in reading order."""

    text: str
    page: int  # 1-based
    boxes: list[Box]  # on the page image
    chars: list[list[float]]
    size: float  # character size, pixels
    vertical: bool
    role: str = ""  # heading, start (begins a paragraph), or ""
    ends: bool = False  # ends a paragraph (stops short after a sentence end)
    column: Box = (0.0, 0.0, 0.0, 0.0)  # the region it was cut from
    straight: Box = (0.0, 0.0, 0.0, 0.0)

    @property
    def confidence(self) -> float:
        return sum(c[0] for c in self.chars) / len(self.chars) if self.chars else 0.0


def _bbox(points) -> Box:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def skew(boxes: list[dict]) -> float:
    """The page's rotation (radians): the median slope of long horizontal boxes' top edges,
    or of long vertical boxes' left edges."""
    angles = []
    for b in boxes:
        q = b["quad"]
        (x0, y0), (x1, y1), (x2, y2), (x3, y3) = q
        w, h = math.hypot(x1 - x0, y1 - y0), math.hypot(x3 - x0, y3 - y0)
        if w > 3 * h:
            angles.append(math.atan2(y1 - y0, x1 - x0))
        elif h > 3 * w:
            angles.append(-math.atan2(x3 - x0, y3 - y0))
    return statistics.median(angles) if angles else 0.0


def straighten(page: dict) -> list[Piece]:
    """The page's boxes with its skew taken out (turned about the page centre)."""
    a = -skew(page["boxes"])
    cx, cy = page["width"] / 2, page["height"] / 2
    ca, sa = math.cos(a), math.sin(a)

    def turn(x: float, y: float) -> tuple[float, float]:
        dx, dy = x - cx, y - cy
        return cx + dx * ca - dy * sa, cy + dx * sa + dy * ca

    out = []
    for b in page["boxes"]:
        out.append(
            Piece(
                b["text"],
                _bbox([turn(x, y) for x, y in b["quad"]]),
                _bbox(b["quad"]),
                b.get("chars") or [],
                float(b.get("score", 0)),
            )
        )
    return out


def _is_vertical(p: Piece) -> bool:
    x0, y0, x1, y1 = p.box
    return (y1 - y0) > VERTICAL_RATIO * (x1 - x0) and len(p.text) >= 2


def _weight(text: str) -> float:
    """Width in character cells: Latin letters and digits are half a cell."""
    return sum(1.0 if ord(c) >= 0x2E80 else 0.5 for c in text if not c.isspace()) or 1.0


def char_size(p: Piece, vertical: bool) -> float:
    """Character pitch along the line: its length over its characters (a larger type has a
    larger pitch; box heights are padded by the detector and say less)."""
    x0, y0, x1, y1 = p.box
    along = (y1 - y0) if vertical else (x1 - x0)
    across = (x1 - x0) if vertical else (y1 - y0)
    n = _weight(p.text) if not vertical else len(p.text.replace(" ", "")) or 1
    # a line of one or two characters: its pitch is its cross size
    return along / n if n >= 3 else min(across, along / n)


def _gaps(spans: list[tuple[float, float]], lo: float, hi: float) -> list[tuple[float, float]]:
    """White intervals between lo and hi not covered by any span."""
    out, edge = [], lo
    for a, b in sorted(spans):
        if a > edge:
            out.append((edge, a))
        edge = max(edge, b)
    return [g for g in out if g[0] > lo]


def _cut(pieces: list[Piece], vertical: bool, size: float, column: Box | None = None) -> list[tuple[Box, list[Piece]]]:
    """Recursive XY-cut into leaves in reading order (see the module's docstring), each with
    its column: the region of the last cut at a gutter (a tier for vertical text), which
    indentation and short lines are measured against."""
    if not pieces:
        return []
    x0, y0, x1, y1 = _region(pieces)
    column = column or (x0, y0, x1, y1)
    if len(pieces) == 1:
        return [(column, pieces)]
    xs = _gaps([(p.box[0], p.box[2]) for p in pieces], x0, x1)
    ys = _gaps([(p.box[1], p.box[3]) for p in pieces], y0, y1)
    # horizontal text: columns at gutters first; vertical text: tiers at horizontal gaps first
    first, second = (ys, xs) if vertical else (xs, ys)
    across = (x1 - x0) if vertical else (y1 - y0)
    if not second and across < 2 * size:
        return [(column, pieces)]  # one line, in pieces (a signature's title and name)
    first = [g for g in first if g[1] - g[0] >= GUTTER_CHARS * size]
    band = _headline_band(pieces, second, vertical, size) if first else None
    if band is not None:
        cuts, axis, gutter = [band], (0 if vertical else 1), False
    elif first:
        cuts, axis, gutter = first, (1 if vertical else 0), True
    elif second:
        widest = max(g[1] - g[0] for g in second)
        cuts, axis, gutter = [g for g in second if g[1] - g[0] >= 0.8 * widest], (0 if vertical else 1), False
    else:
        return [(column, pieces)]
    edges = [(a + b) / 2 for a, b in cuts]
    parts: list[list[Piece]] = [[] for _ in range(len(edges) + 1)]
    for p in pieces:
        centre = (p.box[axis] + p.box[axis + 2]) / 2
        parts[sum(centre > e for e in edges)].append(p)
    if vertical and axis == 0:
        parts.reverse()  # vertical columns are read right to left
    out: list[tuple[Box, list[Piece]]] = []
    for part in parts:
        if part:
            out.extend(_cut(part, vertical, size, _region(part) if gutter else column))
    return out


def _headline_band(
    pieces: list[Piece], gaps: list[tuple[float, float]], vertical: bool, size: float
) -> tuple[float, float] | None:
    """A wide gap across the whole region with a band on one side that has no gutter of its
    own: a headline over the columns (centred, it may fit inside one column's width, so the
    gutters would run past it). Cut there before cutting the columns."""
    axis = 0 if vertical else 1
    for gap in sorted((g for g in gaps if g[1] - g[0] >= BAND_CHARS * size), key=lambda g: g[0]):
        edge = (gap[0] + gap[1]) / 2
        near = [p for p in pieces if (p.box[axis] + p.box[axis + 2]) / 2 < edge]
        far = [p for p in pieces if (p.box[axis] + p.box[axis + 2]) / 2 >= edge]
        if vertical:
            near, far = far, near
        if near and far and not _has_gutter(near, vertical, size):
            return gap
    return None


def _has_gutter(pieces: list[Piece], vertical: bool, size: float) -> bool:
    x0, y0, x1, y1 = _region(pieces)
    if vertical:
        spans, lo, hi = [(p.box[1], p.box[3]) for p in pieces], y0, y1
    else:
        spans, lo, hi = [(p.box[0], p.box[2]) for p in pieces], x0, x1
    return any(b - a >= GUTTER_CHARS * size for a, b in _gaps(spans, lo, hi))


def _region(pieces: list[Piece]) -> Box:
    return (
        min(p.box[0] for p in pieces),
        min(p.box[1] for p in pieces),
        max(p.box[2] for p in pieces),
        max(p.box[3] for p in pieces),
    )


def _same_line(a: Piece, b: Piece, vertical: bool) -> bool:
    """b continues a's line: they overlap across the line and the gap along it is small."""
    if vertical:
        over = min(a.box[2], b.box[2]) - max(a.box[0], b.box[0])
        return over >= 0.5 * min(a.box[2] - a.box[0], b.box[2] - b.box[0])
    over = min(a.box[3], b.box[3]) - max(a.box[1], b.box[1])
    return over >= 0.5 * min(a.box[3] - a.box[1], b.box[3] - b.box[1])


def _join(pieces: list[Piece], vertical: bool, size: float) -> tuple[str, list[list[float]]]:
    """The text and character boxes of pieces on one line, in order along it; a wide gap
    between them is a space."""
    ordered = sorted(pieces, key=lambda p: p.box[1] if vertical else p.box[0])
    text, chars = "", []
    prev: Piece | None = None
    for p in ordered:
        if prev is not None:
            gap = (p.box[1] - prev.box[3]) if vertical else (p.box[0] - prev.box[2])
            if gap > JOIN_CHARS * size:
                text += " "
                chars.append([1.0, prev.raw[2], prev.raw[1], p.raw[0], p.raw[3]])
        ptext = p.text
        pchars = p.chars if len(p.chars) == len(p.text) else [[p.score, *p.raw]] * len(p.text)
        if text and chars and ptext[:1] == text[-1] and _overlap(chars[-1], pchars[0]) > 0.5:
            ptext, pchars = ptext[1:], pchars[1:]  # a mark read by both pieces the detector cut it between
        text += ptext
        chars.extend(pchars)
        prev = p
    return text, chars


def _overlap(a: list[float], b: list[float]) -> float:
    """Shared area of two character boxes ([conf, x0, y0, x1, y1]) over the smaller one's."""
    w = min(a[3], b[3]) - max(a[1], b[1])
    h = min(a[4], b[4]) - max(a[2], b[2])
    small = min((a[3] - a[1]) * (a[4] - a[2]), (b[3] - b[1]) * (b[4] - b[2]))
    return w * h / small if w > 0 and h > 0 and small > 0 else 0.0


@lru_cache(maxsize=1)
def _confusions() -> tuple[tuple[re.Pattern[str], str, bool], ...]:
    return tuple((re.compile(r[0]), r[1], r[2].strip() == "vertical") for r in rows("ocr_confusions.tsv"))


def repair_line(text: str, vertical: bool = False) -> str:
    """Characters the recogniser confuses, put right (data/ocr_confusions.tsv); one for one,
    so the line keeps a box per character: '二O二四年' -> '二〇二四年', '任务,基础' -> '任务，基础'."""
    for rx, rep, only_vertical in _confusions():
        if vertical or not only_vertical:
            text = rx.sub(lambda m: rep if len(m.group(0)) == 1 else m.group(0), text)
    return text


def page_lines(page: dict, page_no: int) -> list[OcrLine]:
    """The lines of one page in reading order, with headings, paragraph starts and ends."""
    pieces = [p for p in straighten(page) if p.text.strip()]
    if not pieces:
        return []
    vert_chars = sum(len(p.text) for p in pieces if _is_vertical(p))
    vertical = vert_chars > 0.5 * sum(len(p.text) for p in pieces)
    sizes: list[float] = []
    for p in pieces:
        sizes += [char_size(p, vertical)] * max(1, len(p.text))
    body = statistics.median(sizes)
    lines: list[OcrLine] = []
    for region, leaf in _cut(pieces, vertical, body):
        # a leaf is one line, or pieces of one line that the detector split
        rows: list[list[Piece]] = []
        for p in sorted(leaf, key=lambda p: p.box[0] if vertical else p.box[1]):
            if rows and _same_line(rows[-1][-1], p, vertical):
                rows[-1].append(p)
            else:
                rows.append([p])
        if vertical:
            rows.reverse()
        for row in rows:
            text, chars = _join(row, vertical, body)
            text = repair_line(text, vertical)
            size = statistics.median([char_size(p, vertical) for p in row])
            lines.append(
                OcrLine(
                    text, page_no, [p.raw for p in row], chars, size, vertical, column=region, straight=_region(row)
                )
            )
    _merge_same_row(lines, body)
    _roles(lines, body)
    return lines


def _merge_same_row(lines: list[OcrLine], body: float) -> None:
    """Consecutive lines on one row of one column (a signature's name after a wide gap) are one line."""
    k = 1
    while k < len(lines):
        a, b = lines[k - 1], lines[k]
        if a.column == b.column and not a.vertical and not b.vertical:
            over = min(a.straight[3], b.straight[3]) - max(a.straight[1], b.straight[1])
            if (
                over >= 0.5 * min(a.straight[3] - a.straight[1], b.straight[3] - b.straight[1])
                and b.straight[0] >= a.straight[2]
            ):
                a.text = a.text + " " + b.text
                a.chars = a.chars + [[1.0, a.straight[2], a.straight[1], b.straight[0], a.straight[3]]] + b.chars
                a.boxes += b.boxes
                a.straight = (
                    a.straight[0],
                    min(a.straight[1], b.straight[1]),
                    b.straight[2],
                    max(a.straight[3], b.straight[3]),
                )
                del lines[k]
                continue
        k += 1


def _roles(lines: list[OcrLine], body: float) -> None:
    """Headings (larger type), paragraph starts (indented from the column's edge) and ends
    (stopping short of the far edge after a sentence end)."""
    for ln in lines:
        x0, y0, x1, y1 = ln.straight
        cx0, cy0, cx1, cy1 = ln.column
        if ln.size >= HEADING_SIZE * body:
            ln.role = "heading"
            continue
        start, end = (y0 - cy0, cy1 - y1) if ln.vertical else (x0 - cx0, cx1 - x1)
        if start >= INDENT_CHARS * ln.size:
            ln.role = "start"
        ln.ends = end >= SHORT_CHARS * ln.size and bool(_SENTENCE_END.search(ln.text))


def source_lines(pages: list[list[OcrLine]]) -> list[tuple[str, str, dict | None]]:
    """Text lines of all pages as the pipeline reads them: a heading's lines joined into one,
    a blank line after every paragraph end, heading and page; with each line's geometry
    (page, boxes, character boxes and confidences) for the evidence and the page view."""
    out: list[tuple[str, str, dict | None]] = []

    def blank() -> None:
        if out and out[-1][0]:
            out.append(("", "", None))

    for lines in pages:
        k = 0
        while k < len(lines):
            ln = lines[k]
            group = [ln]
            if ln.role == "heading":
                while (
                    k + 1 < len(lines)
                    and lines[k + 1].role == "heading"
                    and lines[k + 1].page == ln.page
                    and abs(lines[k + 1].size - ln.size) <= 0.15 * ln.size
                ):
                    k += 1
                    group.append(lines[k])
                blank()
            elif ln.role == "start":
                blank()
            text = "".join(g.text for g in group)
            chars = [c for g in group for c in g.chars]
            geo = {
                "page": ln.page,
                "boxes": [[round(v, 1) for v in b] for g in group for b in g.boxes],
                "chars": [[round(c[0], 3)] + [round(v, 1) for v in c[1:5]] for c in chars],
                "vertical": ln.vertical,
            }
            out.append((text, "heading" if ln.role == "heading" else ("start" if ln.role == "start" else ""), geo))
            if ln.role == "heading" or group[-1].ends:
                blank()
            k += 1
        blank()
    while out and not out[-1][0]:
        out.pop()
    return out
