"""File names and ids as printed to a terminal or a log: nothing in them can move the cursor,
start a new line or reverse the text that follows (U+202E would make `evil\u202etxt.exe`
read as `evilexe.txt`), so each such character is shown as an escape."""

from __future__ import annotations

import unicodedata

# Bidirectional embedding, override and isolate controls, and the marks (Unicode's
# "Bidi_Control" property): invisible, yet they reorder what is printed after them.
_BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(name: str) -> str:
    """'a\\nb' stays visible as 'a\\\\nb'; CJK, spaces and ordinary punctuation are unchanged."""
    out = []
    for ch in str(name):
        if ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif ch in _BIDI or unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return "".join(out)
