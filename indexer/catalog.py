"""Catalog files (catalog.toml beside the sources) describing each document."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CATALOG_NAME = "catalog.toml"


class CatalogError(Exception):
    pass


@dataclass
class Entry:
    file: str
    id: str | None = None
    title: str | None = None
    publisher: str | None = None
    date: str | None = None
    type: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    speaker: str | None = None
    source_url: str | None = None
    note: str | None = None


def load_catalog(directory: Path) -> dict[str, Entry]:
    """Entries of directory/catalog.toml by file name (empty when there is none)."""
    path = directory / CATALOG_NAME
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CatalogError(f"{path}: {exc}") from None
    out: dict[str, Entry] = {}
    known = set(Entry.__dataclass_fields__)
    for raw in data.get("document", []):
        if "file" not in raw:
            raise CatalogError(f"{path}: a [[document]] has no 'file'")
        fields = {k: (str(v) if v is not None else None) for k, v in raw.items() if k in known}
        out[raw["file"]] = Entry(**fields)  # type: ignore[arg-type]  # "file" is present (checked above)
    return out
