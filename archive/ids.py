"""Document ids are names, never paths.

An id comes from a catalog, a CSV column or a JSONL field, that is from whoever wrote the
file; the archive uses it as a file name in its home (sources/<id>.txt) and in URLs. So a
given id is mapped to a safe name: letters (any script), digits, `_`, `-` and inner `.`
are kept, every other run becomes `-`, and when anything had to change a short hash of the
original is appended, so that two ids that differ only in unsafe characters stay apart and
the same id always maps to the same name (lookups stay stable across rebuilds).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

MAX_ID_CHARS = 100
_UNSAFE = re.compile(r"[^\w.-]+")


def safe_id(raw: str) -> str:
    """'2024/01号' -> '2024-01号-3f5c1a2b'; an id that is already safe is returned unchanged."""
    raw = str(raw)
    name = _UNSAFE.sub("-", raw)
    name = re.sub(r"\.{2,}", "-", name)  # no '..' anywhere
    name = re.sub(r"-{2,}", "-", name).strip("-.")[:MAX_ID_CHARS].strip("-.")
    if name == raw and name:
        return name
    digest = hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{name}-{digest}" if name else f"id-{digest}"


class OutsideHome(ValueError):
    """A path the archive was about to write is not inside the folder it belongs in."""


def path_inside(base: Path, name: str) -> Path:
    """base/name, checked on resolved paths to be a direct child of base (never elsewhere)."""
    path = base / name
    if path.resolve().parent != base.resolve():
        raise OutsideHome(f"refusing to use {name!r}: it would leave {base}")
    return path
