"""Scanned pages made here, for the OCR tests and bench/ocr_bench.py: Chinese text drawn with a
CJK font (Debian's fonts-noto-cjk) into the layouts of township papers and notices, with the
truth kept: each paragraph's text, kind and the region it was drawn in, in reading order.

The text comes from a small phrase book written for this file (no corpus text), combined by
a seeded random generator, so every page is the same on every machine.
"""

from __future__ import annotations

import io
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
BODY_FONT = FONT_DIR / "NotoSerifCJK-Regular.ttc"  # 宋体-like body type
HEAD_FONT = FONT_DIR / "NotoSansCJK-Bold.ttc"  # 黑体 headlines
SC = 2  # the Simplified Chinese face in both collections


def fonts_available() -> bool:
    return BODY_FONT.exists() and HEAD_FONT.exists()


_SUBJECTS = ["全镇", "镇党委", "镇政府", "各村社区", "各部门", "全体干部", "我们", "农业农村办", "综合执法队"]
_VERBS = ["坚持", "深入推进", "全面落实", "持续加强", "着力提升", "扎实开展", "认真做好", "统筹推进", "大力实施"]
_OBJECTS = [
    "乡村振兴战略",
    "基层社会治理",
    "农村人居环境整治",
    "产业结构调整",
    "民生实事项目",
    "安全生产工作",
    "生态环境保护",
    "招商引资工作",
    "美丽乡村建设",
    "文明城市创建",
    "粮食生产任务",
    "河道保洁行动",
    "老旧小区改造",
    "养老服务体系",
    "数字化改革",
]
_TAILS = [
    "取得明显成效",
    "群众满意度不断提高",
    "各项指标完成良好",
    "为高质量发展打下坚实基础",
    "工作机制更加健全",
    "受到上级部门肯定",
    "形成了一批可复制的经验",
    "基础设施明显改善",
]
_NUMBERS = [
    "全年完成固定资产投资{n}亿元",
    "新增就业岗位{k}个",
    "改造农房{k}户",
    "新建道路{n}公里",
    "村级集体经济收入增长{p}%",
    "发放补助资金{k}万元",
]
_HEADINGS = [
    "关于做好农村人居环境整治工作的通知",
    "镇政府召开全体干部大会",
    "二〇二四年工作回顾",
    "存在的问题和不足",
    "下一步工作打算",
    "聚焦民生实事",
    "推进乡村全面振兴",
    "加强基层党组织建设",
]
# Chinese numerals for vertical text, where Latin digits would stand sideways
_CN_DIGITS = "〇一二三四五六七八九"


def sentence(rng: random.Random, latin_digits: bool = True) -> str:
    """One sentence of government prose from the phrase book."""
    body = f"{rng.choice(_SUBJECTS)}{rng.choice(_VERBS)}{rng.choice(_OBJECTS)}"
    if rng.random() < 0.5:
        num = rng.choice(_NUMBERS).format(
            n=f"{rng.randint(1, 9)}.{rng.randint(1, 9)}", k=rng.randint(12, 980), p=rng.randint(3, 25)
        )
        if not latin_digits:
            num = "".join(_CN_DIGITS[int(c)] if c.isdigit() else ("点" if c == "." else c) for c in num)
            num = num.replace("%", "个百分点")
        body += "，" + num
    return body + "，" + rng.choice(_TAILS) + "。"


def paragraph(rng: random.Random, sentences: int, latin_digits: bool = True) -> str:
    return "".join(sentence(rng, latin_digits) for _ in range(sentences))


@dataclass
class TruthParagraph:
    text: str
    kind: str  # heading or body
    boxes: list[tuple[int, int, int, int]] = field(default_factory=list)  # drawn regions, one per column piece


@dataclass
class Page:
    image: object  # a PIL image
    paragraphs: list[TruthParagraph]
    layout: str

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.paragraphs)

    def png(self) -> bytes:
        buf = io.BytesIO()
        self.image.save(buf, "PNG")  # type: ignore[attr-defined]
        return buf.getvalue()


def _fonts(size: int, head_size: int):
    from PIL import ImageFont

    return (ImageFont.truetype(str(BODY_FONT), size, index=SC), ImageFont.truetype(str(HEAD_FONT), head_size, index=SC))


def _advance(ch: str, font, size: int) -> int:
    return size if ord(ch) >= 0x2E80 else math.ceil(font.getlength(ch))


_NO_LINE_START = "，。、；：！？”’）》"


def _wrap(text: str, width: int, font, size: int, indent: int) -> list[str]:
    """Lines of at most ``width`` pixels; closing punctuation hangs at the line end rather
    than open a line (Chinese typesetting's rule)."""
    lines, cur, x = [], "", indent * size
    for ch in text:
        adv = _advance(ch, font, size)
        if cur and x + adv > width and ch not in _NO_LINE_START:
            lines.append(cur)
            cur, x = "", 0
        cur += ch
        x += adv
    if cur:
        lines.append(cur)
    return lines


def horizontal(
    paras: list[tuple[str, str]], columns: int = 1, width: int = 760, size: int = 20, layout: str = ""
) -> Page:
    """Horizontal text: a headline across the page, then the paragraphs flowing down the
    columns left to right (indented two characters, headings in bold, larger)."""
    from PIL import Image, ImageDraw

    body_font, head_font = _fonts(size, round(size * 1.5))
    sub_font = _fonts(size, round(size * 1.25))[1]
    margin, gutter, leading = 2 * size, 2 * size, round(size * 1.7)
    col_w = (width - 2 * margin - (columns - 1) * gutter) // columns
    col_w -= col_w % size  # a whole number of character cells
    title: tuple[str, str] | None = paras[0] if paras and paras[0][0] == "title" else None
    flow = paras[1:] if title else paras
    # (paragraph index, text, font, size, indent, line height)
    rows: list[tuple[int, str, object, int, int, int]] = []
    for k, (kind, text) in enumerate(flow):
        if kind == "heading":
            s = round(size * 1.25)
            for line in _wrap(text, col_w, sub_font, s, 0):
                rows.append((k, line, sub_font, s, 0, round(s * 1.8)))
        else:
            for j, line in enumerate(_wrap(text, col_w, body_font, size, 2)):
                rows.append((k, line, body_font, size, 2 if j == 0 else 0, leading))
    total = sum(r[5] for r in rows)
    col_h = math.ceil(total / columns) + leading
    top = margin
    truth: list[TruthParagraph] = []
    title_h = 0
    if title:
        hs = round(size * 1.5)
        title_lines = _wrap(title[1], width - 2 * margin, head_font, hs, 0)
        title_h = len(title_lines) * round(hs * 1.6) + size
    height = margin + title_h + col_h + margin
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    if title:
        hs = round(size * 1.5)
        tp = TruthParagraph(title[1], "heading")
        y = top
        for line in _wrap(title[1], width - 2 * margin, head_font, hs, 0):
            w = sum(_advance(c, head_font, hs) for c in line)
            x = (width - w) // 2
            _extend(tp, _draw_line(draw, line, x, y, head_font, hs), 0)
            y += round(hs * 1.6)
        truth.append(tp)
        top += title_h
    for kind, text in flow:
        truth.append(TruthParagraph(text, "heading" if kind == "heading" else "body"))
    base = len(truth) - len(flow)
    col, y = 0, top
    for k, line, font, s, indent, lh in rows:
        if y + lh > top + col_h and y > top:
            col, y = col + 1, top
        x = margin + col * (col_w + gutter) + indent * s
        _extend(truth[base + k], _draw_line(draw, line, x, y, font, s), col + 1)
        y += lh
    return Page(img, truth, layout or f"{columns}-column")


_VERTICAL_SHIFT = "。，、"


def vertical(
    paras: list[tuple[str, str]], height: int = 640, size: int = 22, layout: str = "vertical", shift_marks: bool = True
) -> Page:
    """Vertical text: characters top to bottom, columns right to left; a bold headline in the
    first (rightmost) columns, body paragraphs indented two characters."""
    from PIL import Image, ImageDraw

    body_font, head_font = _fonts(size, round(size * 1.4))
    margin, pitch = 2 * size, round(size * 1.8)
    per_col = (height - 2 * margin) // size
    cols: list[tuple[int, str, object, int, int]] = []  # (paragraph, chars, font, size, indent)
    for k, (kind, text) in enumerate(paras):
        font, s, indent = (head_font, round(size * 1.4), 1) if kind != "body" else (body_font, size, 2)
        n = (height - 2 * margin) // s
        rest, first = text, True
        while rest:
            take = n - (indent if first else 0)
            # a mark may not open a column: the character before it moves down with it (追い込み)
            while 1 < take < len(rest) and rest[take] in _NO_LINE_START:
                take -= 1
            cols.append((k, rest[:take], font, s, indent if first else 0))
            rest, first = rest[take:], False
    width = 2 * margin + sum(round(c[3] * 1.8) for c in cols)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    truth = [TruthParagraph(text, "heading" if kind != "body" else "body") for kind, text in paras]
    x = width - margin
    for k, chars, font, s, indent in cols:
        x -= round(s * 1.8)
        y = margin + indent * s
        ink = []
        for ch in chars:
            # vertical type sets 。，、 in the upper right of their cell
            dx, dy = (s // 2, -s // 2) if ch in _VERTICAL_SHIFT and shift_marks else (0, 0)
            at = (x + (pitch - s) // 2 + dx, y + dy)
            draw.text(at, ch, font=font, fill=0)
            ink.append(_ink(at, ch, font))
            y += s
        _extend(truth[k], _union(ink), 0)
    del per_col
    return Page(img, truth, layout)


def _draw_line(draw, line: str, x: int, y: int, font, size: int) -> tuple[int, int, int, int]:
    """Draw a line character by character; the box its ink covers."""
    ink: list[tuple[int, int, int, int]] = []
    for ch in line:
        draw.text((x, y), ch, font=font, fill=0)
        ink.append(_ink((x, y), ch, font))
        x += _advance(ch, font, size)
    return _union(ink)


def _ink(at: tuple[int, int], ch: str, font) -> tuple[int, int, int, int]:
    """The box of a character's strokes drawn at ``at`` (textbbox would add its advance)."""
    mask, (ox, oy) = font.getmask2(ch)
    b = mask.getbbox() or (0, 0, 0, 0)
    return (at[0] + ox + b[0], at[1] + oy + b[1], at[0] + ox + b[2], at[1] + oy + b[3])


def _union(boxes) -> tuple[int, int, int, int]:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _extend(tp: TruthParagraph, box: tuple[int, int, int, int], column: int) -> None:
    """Grow the paragraph's region in this column (a new region when it moves on to the next)."""
    tp_cols = getattr(tp, "_cols", [])
    if tp_cols and tp_cols[-1] == column:
        x0, y0, x1, y1 = tp.boxes[-1]
        tp.boxes[-1] = (min(x0, box[0]), min(y0, box[1]), max(x1, box[2]), max(y1, box[3]))
    else:
        tp.boxes.append(box)
        tp_cols.append(column)
        tp._cols = tp_cols  # type: ignore[attr-defined]


def degrade(page: Page, angle: float = 1.2, noise: float = 28.0, seed: int = 7) -> Page:
    """A scanner's copy: turned slightly, grey noise and specks, a little blur. The truth
    regions are turned with the page (their bounding boxes)."""
    import numpy as np
    from PIL import Image, ImageFilter

    img = page.image
    w, h = img.size  # type: ignore[attr-defined]
    turned = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255)  # type: ignore[attr-defined]
    rng = np.random.default_rng(seed)
    arr = np.asarray(turned.filter(ImageFilter.GaussianBlur(0.6)), dtype=np.float32)
    arr += rng.normal(0, noise, arr.shape)
    specks = rng.random(arr.shape) < 0.002
    arr[specks] = 0
    out = Image.fromarray(np.clip(arr, 0, 255).astype("uint8"))
    cx, cy, a = w / 2, h / 2, math.radians(angle)

    def turn(x: float, y: float) -> tuple[float, float]:
        # PIL turns counter-clockwise on screen: y grows downwards
        dx, dy = x - cx, y - cy
        return cx + dx * math.cos(a) + dy * math.sin(a), cy - dx * math.sin(a) + dy * math.cos(a)

    paras = []
    for p in page.paragraphs:
        boxes = []
        for x0, y0, x1, y1 in p.boxes:
            pts = [turn(x, y) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
            boxes.append(
                (
                    math.floor(min(q[0] for q in pts)),
                    math.floor(min(q[1] for q in pts)),
                    math.ceil(max(q[0] for q in pts)),
                    math.ceil(max(q[1] for q in pts)),
                )
            )
        paras.append(TruthParagraph(p.text, p.kind, boxes))
    return Page(out, paras, page.layout + "+noise")


def sample_pages(seed: int = 14) -> dict[str, Page]:
    """The generated set: one-, two- and three-column pages with headings, a vertical page,
    and noisy copies (turned, speckled) of the one-column and two-column pages."""
    rng = random.Random(seed)
    pages: dict[str, Page] = {}
    pages["one-column"] = horizontal(
        [
            ("title", rng.choice(_HEADINGS[:2])),
            ("body", paragraph(rng, 2)),
            ("heading", _HEADINGS[2]),
            ("body", paragraph(rng, 2)),
            ("body", paragraph(rng, 1)),
        ],
        columns=1,
        width=640,
    )
    pages["two-column"] = horizontal(
        [
            ("title", _HEADINGS[1]),
            ("body", paragraph(rng, 3)),
            ("heading", _HEADINGS[3]),
            ("body", paragraph(rng, 2)),
            ("body", paragraph(rng, 2)),
        ],
        columns=2,
        width=820,
    )
    pages["three-column"] = horizontal(
        [
            ("title", _HEADINGS[6]),
            ("body", paragraph(rng, 3)),
            ("body", paragraph(rng, 2)),
            ("heading", _HEADINGS[7]),
            ("body", paragraph(rng, 3)),
        ],
        columns=3,
        width=980,
        size=18,
    )
    pages["vertical"] = vertical(
        [
            ("heading", _HEADINGS[5]),
            ("body", paragraph(rng, 3, latin_digits=False)),
            ("body", paragraph(rng, 2, latin_digits=False)),
            ("body", paragraph(rng, 2, latin_digits=False)),
        ]
    )
    pages["one-column-noisy"] = degrade(pages["one-column"], angle=1.2)
    pages["two-column-noisy"] = degrade(pages["two-column"], angle=-0.8, seed=8)
    return pages


def image_pdf(images: list, path: Path, dpi: float = 150.0) -> Path:
    """An image-only PDF (no text layer), as a scanner writes one: one page per image."""
    first, rest = images[0].convert("RGB"), [i.convert("RGB") for i in images[1:]]
    first.save(path, "PDF", resolution=dpi, save_all=True, append_images=rest)
    return path


def multipage_tiff(images: list, path: Path) -> Path:
    images[0].save(path, "TIFF", save_all=True, append_images=images[1:], compression="tiff_deflate")
    return path


def cer(truth: str, got: str) -> float:
    """Character error rate: edit distance over the truth's length, whitespace ignored."""
    a, b = "".join(truth.split()), "".join(got.split())
    if not a:
        return 0.0 if not b else 1.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        prev = cur
    return prev[-1] / len(a)
