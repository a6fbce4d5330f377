"""A paragraph dict to the index's stored fields and back, by each declared field's column
kind (archive/fields.py): no field is named here, so a new field needs no line."""

from __future__ import annotations

from typing import Any

from .analysis import words
from .fields import FIELDS

# Facet fields hold this for "none" (a county-wide paragraph has no township).
NONE = "∅"


def to_fields(p: dict[str, Any], key: int, norm: str | None = None) -> dict[str, Any]:
    """A paragraph dict as index fields, by each declared field's column kind; ``key`` is its
    row in the exact index, ``norm`` its normalised text if already known."""
    out: dict[str, Any] = {"key": key}
    for f in FIELDS:
        v: Any = p.get(f.name)
        if f.column == "coded":
            out[f.name] = NONE if v in (None, "") else str(v)  # a column value for "none"
        elif f.column == "number":
            out[f.name] = v if v is not None else 0
        elif f.column == "text":
            out[f.name], out["words"] = v, words(v, norm)
        elif f.column == "lines":
            out["line_start"], out["line_end"] = v[0], v[1]
        else:
            out[f.name] = v
    out["evidence"] = p.get("evidence") or {}
    return out


def from_fields(f: dict[str, Any]) -> dict[str, Any]:
    """Stored fields back to the paragraph dict (the public shape)."""
    d: dict[str, Any] = {}
    for field in FIELDS:
        v = f.get(field.name)
        if field.column == "lines":
            d[field.name] = [f.get("line_start"), f.get("line_end")]
        elif field.column == "number":
            d[field.name] = v or None  # 0: none
        else:
            d[field.name] = None if v in (NONE, None, "") else v
    d["evidence"] = f.get("evidence") or {}
    return d
