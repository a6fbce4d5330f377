"""The repair stage: undo what OCR, PDF extraction and mirror sites did to the text.

Two pure functions, one per grain the damage shows at (the repairs themselves are in
clean.py, each a small function on strings):

- ``repair_lines`` runs on the lines as read, before boilerplate, place and paragraph
  decisions: pinyin glosses ('高質(zhì)量') go from every line (the source view keeps them).
- ``repair_paragraph`` runs on the lines that the split stage has put into one paragraph:
  hard wraps joined, OCR spaces removed, doubled bold collapsed. These need the whole
  paragraph: a space is an OCR gap or a headline's phrase break depending on whether the
  paragraph is a heading, and doubled bold runs across line ends.
"""

from __future__ import annotations

from . import clean
from .source import Line


def repair_lines(lines: list[Line]) -> list[Line]:
    """The lines with pinyin glosses removed; numbers and roles kept, a line never added or lost."""
    text = "\n".join(l.text for l in lines)
    fixed = clean.remove_pinyin_glosses(text)
    if fixed == text:
        return lines
    return [Line(l.no, t, l.role) for l, t in zip(lines, fixed.split("\n"))]


def repair_paragraph(raw: list[str], heading: bool) -> str:
    """One paragraph's text from its lines: wrapped lines joined, OCR spaces and doubled bold undone.

    A two-part headline ('实干争先 攀高向前') keeps its phrase break; body text joins tight."""
    text = raw[0]
    for t in raw[1:]:
        if heading and " " in text:
            text = text + " " + t
        else:
            text = clean.join_wrapped(text, t)
    if heading:
        text = clean.remove_ocr_spaces(text, keep_phrase_gaps=True)
    else:
        text = clean.remove_ocr_spaces(text)
    return clean.collapse_doubled(text)


def repair_note(raw: list[str]) -> str:
    """A footnote's text: its lines joined by a space, OCR spaces removed (no wrap or bold repair)."""
    return clean.remove_ocr_spaces(" ".join(raw))
