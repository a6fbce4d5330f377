"""Where things live: the archive home (index, copies of sources, manifest) and the seeds."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_DIR / "seeds"
DEFAULT_HOME = "var/archive"

# Bounds that keep one request cheap, whoever sends it.
MAX_QUERY_CHARS = 500
MAX_LIMIT = 100
MAX_OFFSET = 10_000_000  # deep pages stay reachable (the pager clamps to the last)
PAGE_SIZE = 20  # hits on a result page
MAX_PAGE = MAX_OFFSET // PAGE_SIZE  # the last page a result list goes to


def home_dir(home: str | os.PathLike[str] | None = None) -> Path:
    """--home, else $ARCHIVE_HOME, else ./var/archive."""
    return Path(home or os.environ.get("ARCHIVE_HOME") or DEFAULT_HOME).resolve()


DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def base_url(value: str | None = None) -> str:
    """Where the web archive is reached, for permalinks and citations: --base-url, else
    $ARCHIVE_BASE_URL, else the default address of `archive serve`."""
    return (value or os.environ.get("ARCHIVE_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")


# A hit in a list (search JSON, CLI, API) carries at most this much of its paragraph, cut
# around the highlights; /api/p/<id> and `archive show` give the whole paragraph.
HIT_TEXT_CHARS = 3000


@dataclass(frozen=True)
class Limits:
    """Per-file limits of `archive index`, so that one hostile or broken file cannot take
    the machine: each refusal is reported with the limit it broke. The defaults are far
    above real documents (the longest paragraph of the 290 real reports is 2,162
    characters; the largest file 3.3 MB). Set by `archive index --max-…` or $ARCHIVE_MAX_…"""

    file_mb: float = 200  # any source file
    paragraph_chars: int = 5000  # longer runs are split at sentence ends
    pdf_pages: int = 2000
    docx_xml_mb: float = 64  # the largest XML part of a .docx, uncompressed
    docx_ratio: float = 100  # uncompressed / compressed, for parts over 1 MB

    @classmethod
    def from_env(cls, **overrides: float | None) -> "Limits":
        """Defaults, then $ARCHIVE_MAX_FILE_MB, $ARCHIVE_MAX_PARAGRAPH_CHARS …, then overrides."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            env = os.environ.get(f"ARCHIVE_MAX_{f.name.upper()}")
            if env:
                kind: Any = type(f.default)  # int or float, as the default is
                values[f.name] = kind(float(env))
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)
