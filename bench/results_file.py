"""One section of bench/RESULTS.md per bench script: each rewrites only its own section.

The benches run at different times (run.py per size, faults, load, search and reading pages,
OCR); a rerun of one must leave the others' figures in place.
"""

from __future__ import annotations

import os
import platform
from datetime import datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).with_name("RESULTS.md")


def replace_section(heading: str, body: str, path: Path = RESULTS) -> None:
    """Put `heading` (a '## …' line) and `body` where that section stands, or at the end."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    section = heading + "\n\n" + body.strip() + "\n"
    start = text.find(heading + "\n")
    if start >= 0:
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + section + ("\n" + text[end + 1 :] if end >= 0 else "")
    else:
        text = (text.rstrip("\n") + "\n\n" if text else "") + section
    path.write_text(text, encoding="utf-8")


def page_timing_preamble(home: Path, repeat: int, what: str) -> str:
    """The first sentence of a page-timing section: when, on what, which index, how often."""
    return (
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores (shared), Python {platform.python_version()}; index: the corpus "
        f"(`../shared/corpus`), `{home.name}`; median and worst of {repeat} requests {what}"
    )


def verdict(median_ms: float, target_ms: float) -> str:
    return "met" if median_ms < target_ms else "missed"
