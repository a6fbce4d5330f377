"""Short place names typed in a filter resolve to the full division names in the index.

People type ``province:浙江``, ``county:平湖``, ``township:新埭``; the index stores 浙江省,
平湖市, 新埭镇. A value that is not itself a stored value matches every stored value of that
field whose short form (archive/gazetteer.short_forms, the suffix table in data/place_suffixes.tsv)
it is; one that matches nothing stays as typed (and finds nothing, which the hint explains).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .fields import PLACE_FIELDS
from .gazetteer import short_forms

if TYPE_CHECKING:
    from .columns import Columns


def resolve(filters: dict[str, list[str]], columns: "Columns") -> dict[str, list[str]]:
    """The filters with short place names replaced by the full names they stand for."""
    out: dict[str, list[str]] = {}
    for name, values in filters.items():
        if name not in PLACE_FIELDS or name not in columns.values:
            out[name] = values
            continue
        stored = [v for v in columns.values[name] if v]
        present = set(stored)
        resolved: list[str] = []
        for v in values:
            full = [v] if v in present or v == "none" else [s for s in stored if v in short_forms(s, name)]
            for f in full or [v]:
                if f not in resolved:
                    resolved.append(f)
        out[name] = resolved
    return out
