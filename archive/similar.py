"""Looking up reused text: which paragraphs elsewhere share text with this one.

The build (indexer/reuse.py) writes home/similar.json as groups of paragraphs with the same
text plus scored pairs of groups that share passages; this answers for one paragraph.
"""

from __future__ import annotations

from typing import Any

TOP = 10


def doc_of(pid: str) -> str:
    """The document of a paragraph id (ids are '<doc id>-<n>')."""
    return pid.rsplit("-", 1)[0]


class SimilarIndex:
    def __init__(self, data: dict[str, Any]) -> None:
        self.groups: list[list[str]] = data.get("groups", [])
        self.group_of = {pid: g for g, members in enumerate(self.groups) for pid in members}
        self.near: dict[int, list[tuple[int, float]]] = {}
        for a, b, score in data.get("near", []):
            self.near.setdefault(a, []).append((b, score))
            self.near.setdefault(b, []).append((a, score))

    def lookup(self, pid: str, top: int = TOP) -> list[tuple[str, float]]:
        """(other paragraph id, score): the same text in other documents (1.0), then
        paragraphs sharing passages with it, best first; never from its own document."""
        g = self.group_of.get(pid)
        if g is None:
            return []
        doc = doc_of(pid)
        out = [(o, 1.0) for o in self.groups[g] if doc_of(o) != doc]
        for other, score in sorted(self.near.get(g, []), key=lambda x: (-x[1], x[0])):
            if len(out) >= top:
                break
            out += [(o, score) for o in self.groups[other] if doc_of(o) != doc]
        seen: set[str] = set()
        unique = []
        for x in out:
            if x[0] not in seen:
                seen.add(x[0])
                unique.append(x)
        return unique[:top]
