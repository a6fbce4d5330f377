"""What every reader returns (SourceText of numbered Lines, or ReadError) and the decoding of
bytes they share. Kept apart from read.py, which dispatches to the readers, so that the
readers (read_docx, read_pdf, read_table, read_md) and the dispatcher do not import each other."""

from __future__ import annotations

import codecs
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_record_lock = threading.Lock()


class ReadError(Exception):
    """A file that cannot be read; the message says why."""


@dataclass
class Line:
    no: int  # 1-based line number in the source file
    text: str
    # what the source says the line is, when it says: "heading" (Markdown #, HTML h1-h6),
    # "row" (a table row, cells joined by " | "), "note" (a footnote), each a paragraph of
    # its own; "start" (the first line of an HTML block) begins a paragraph
    role: str = ""


@dataclass
class SourceText:
    path: Path
    text: str  # the decoded file, as shown in the source view
    lines: list[Line]  # the text lines the pipeline works on
    fmt: str  # text, html, markdown, docx, pdf, image, csv, jsonl
    meta: dict[str, str] = field(default_factory=dict)
    part: int | None = None  # row number in a CSV/JSONL collection
    warnings: list[str] = field(default_factory=list)  # what was replaced or skipped while reading
    ocr: dict[str, Any] | None = None  # a scan's page sizes and line boxes (indexer/ocr/read.py)

    @property
    def key(self) -> str:
        """Where this document comes from: the path, plus the row for collections."""
        return f"{self.path}#{self.part}" if self.part else str(self.path)


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030; strict."""
    text, encoding, warnings = decode_lossy(data)
    if warnings:
        raise ReadError(warnings[0])
    return text, encoding


def decode_lossy(data: bytes) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings): a few undecodable bytes are replaced by U+FFFD and
    reported with their byte offsets in the file, rather than the whole file lost.

    A file is read as UTF-8 when its bad sequences are rare against the multi-byte
    characters that decoded cleanly (one stray byte in a UTF-8 report); GBK text read as
    UTF-8 fails on nearly every character, so it goes on to GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, bad = _decode_recording(data[3:], "utf-8")
        return text, "utf-8-sig", _bad_bytes(data, [b + 3 for b in bad], "UTF-8", len(text))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if data.startswith(b"\xff\xfe") else "utf-16-be"
        text, bad = _decode_recording(data[2:], codec)
        return text, "utf-16", _bad_bytes(data, [b + 2 for b in bad], "UTF-16", len(text))
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    text, bad = _decode_recording(data, "utf-8")
    # characters beyond ASCII that decoded cleanly, against the bad sequences
    valid = len(text.encode("utf-8", "surrogatepass")) - len(text) - 2 * len(bad) if bad else 0
    if valid >= 8 * len(bad):
        return text, "utf-8", _bad_bytes(data, bad, "UTF-8", len(text))
    try:
        return data.decode("gb18030"), "gb18030", []
    except UnicodeDecodeError:
        pass
    text, bad = _decode_recording(data, "gb18030")
    return text, "gb18030", _bad_bytes(data, bad, "GB18030", len(text))


_recorded: list[int] = []


def _record(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)  # registered for decoding only
    _recorded.append(exc.start)
    return "\ufffd", exc.end


codecs.register_error("archive-record", _record)


def _decode_recording(data: bytes, codec: str) -> tuple[str, list[int]]:
    """Decode with U+FFFD for each bad sequence, and the offsets (in ``data``) where they start."""
    with _record_lock:
        _recorded.clear()
        text = data.decode(codec, errors="archive-record")
        return text, list(_recorded)


def _bad_bytes(data: bytes, offsets: list[int], codec: str, text_chars: int) -> list[str]:
    """The warning for replaced sequences; a file that is mostly undecodable is not text."""
    if not offsets:
        return []
    if len(offsets) * 10 > text_chars:
        raise ReadError(
            f"broken {codec} text: {len(offsets):,} undecodable sequences in {text_chars:,} "
            f"characters, the first at byte {offsets[0]:,}"
        )
    first = ", ".join(f"0x{data[o]:02X} at byte {o:,}" for o in offsets[:5])
    more = f" (and {len(offsets) - 5:,} more)" if len(offsets) > 5 else ""
    n = len(offsets)
    return [f"{n} undecodable {codec} sequence{'s' if n != 1 else ''} replaced by U+FFFD: {first}{more}"]
