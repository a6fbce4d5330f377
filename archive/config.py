"""Where things live: the archive home (index, copies of sources, manifest) and the seeds."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_DIR / "seeds"
DEFAULT_HOME = "var/archive"

# Bounds that keep one request cheap, whoever sends it.
MAX_QUERY_CHARS = 500
MAX_LIMIT = 100
MAX_OFFSET = 10_000


def home_dir(home: str | os.PathLike[str] | None = None) -> Path:
    """--home, else $ARCHIVE_HOME, else ./var/archive."""
    return Path(home or os.environ.get("ARCHIVE_HOME") or DEFAULT_HOME).resolve()


DEFAULT_BASE_URL = "http://127.0.0.1:8000"


def base_url(value: str | None = None) -> str:
    """Where the web archive is reached, for permalinks and citations: --base-url, else
    $ARCHIVE_BASE_URL, else the default address of `archive serve`."""
    return (value or os.environ.get("ARCHIVE_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")
