"""Text boxes of one page image, from RapidOCR (detection, orientation, recognition).

Why RapidOCR and not Tesseract: on the generated pages (bench/ocr_bench.py) it reads
Chinese with fewer errors, reads vertical columns with the same models, gives a confidence
and a box for every character, and installs from PyPI with its models inside the wheel
(Tesseract needs Debian's tesseract-ocr-chi-sim and -vert, outside pip). README: "Scanned pages".

The result is plain data (JSON-ready), cached per file by cache.py:
{"width", "height", "boxes": [{"quad": [[x, y] x4], "text", "score", "chars": [[conf, x0, y0, x1, y1], ...]}]}
with one entry in "chars" per character of "text".
"""

from __future__ import annotations

import os
import threading
from typing import Any

# Recognition results below this score are noise (specks, rules), not text: RapidOCR's default.
TEXT_SCORE = 0.5

_engine: Any = None
_engine_threads: int | None = None
_lock = threading.Lock()


def engine(threads: int | None = None) -> Any:
    """The process's OCR engine, loaded once (about half a second); ``threads`` caps
    onnxruntime's threads when pages run in parallel processes."""
    global _engine, _engine_threads
    with _lock:
        if _engine is None or threads != _engine_threads:
            from rapidocr_onnxruntime import RapidOCR

            kwargs = {"intra_op_num_threads": threads, "inter_op_num_threads": 1} if threads else {}
            _engine = RapidOCR(text_score=TEXT_SCORE, **kwargs)
            _engine_threads = threads
        return _engine


def version() -> str:
    """What the cached results depend on: the engine and its models."""
    from importlib.metadata import version as v

    return f"rapidocr-onnxruntime {v('rapidocr-onnxruntime')}"


def recognise(image: Any, threads: int | None = None) -> dict:
    """The text boxes of one page (a PIL image)."""
    import numpy as np

    rgb = image.convert("RGB")
    result, _ = engine(threads)(np.asarray(rgb), return_word_box=True)
    boxes = []
    for item in result or []:
        quad, text, score = item[0], str(item[1]), float(item[2])
        if not text.strip():
            continue
        chars = _chars(
            text,
            item[3] if len(item) > 3 else None,
            item[5] if len(item) > 5 else None,
            item[4] if len(item) > 4 else None,
            quad,
            score,
        )
        boxes.append(
            {
                "quad": [[round(float(x), 1), round(float(y), 1)] for x, y in quad],
                "text": text,
                "score": round(score, 4),
                "chars": chars,
            }
        )
    return {"width": rgb.width, "height": rgb.height, "boxes": boxes}


def _chars(text: str, word_boxes: Any, confs: Any, words: Any, quad: Any, score: float) -> list[list[float]]:
    """One [conf, x0, y0, x1, y1] per character of text. RapidOCR gives a box per Chinese
    character but one per Latin word; a word's box is shared out among its letters, and a
    line whose pieces do not add up to its text falls back to even cells along the box."""
    out: list[list[float]] = []
    if word_boxes and words and confs and len(words) == len(word_boxes) == len(confs) and "".join(words) == text:
        for word, box, conf in zip(words, word_boxes, confs):
            xs, ys = [p[0] for p in box], [p[1] for p in box]
            x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
            n = max(1, len(word))
            for k in range(len(word)):
                if x1 - x0 >= y1 - y0 or n == 1:
                    cx0, cx1 = x0 + (x1 - x0) * k / n, x0 + (x1 - x0) * (k + 1) / n
                    out.append([round(float(conf), 3), round(cx0, 1), y0, round(cx1, 1), y1])
                else:
                    cy0, cy1 = y0 + (y1 - y0) * k / n, y0 + (y1 - y0) * (k + 1) / n
                    out.append([round(float(conf), 3), x0, round(cy0, 1), x1, round(cy1, 1)])
        return out
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    n = max(1, len(text))
    vertical = (y1 - y0) > 1.5 * (x1 - x0)
    for k in range(len(text)):
        if vertical:
            out.append([round(score, 3), x0, y0 + (y1 - y0) * k / n, x1, y0 + (y1 - y0) * (k + 1) / n])
        else:
            out.append([round(score, 3), x0 + (x1 - x0) * k / n, y0, x0 + (x1 - x0) * (k + 1) / n, y1])
    return [[round(float(v), 1) if i else v for i, v in enumerate(c)] for c in out]


def worker_threads(workers: int) -> int | None:
    """Threads per worker: all cores for one worker, one each when pages run side by side."""
    return None if workers <= 1 else max(1, (os.cpu_count() or 1) // workers)
