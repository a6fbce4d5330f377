"""Loading the rule files under archive/data: Chinese-text rules live there, not in code."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


def data_path(name: str) -> Path:
    return DATA_DIR / name


def rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, skipping blank lines and '#' comments."""
    out: list[list[str]] = []
    for line in data_path(name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append(line.split("\t"))
    return out


@lru_cache(maxsize=None)
def patterns(name: str) -> tuple[re.Pattern[str], ...]:
    """One regular expression per line."""
    return tuple(re.compile(r[0]) for r in rows(name))
