"""Proximity: whether terms stand within N characters of each other, checked exactly.

Pure functions on occurrence lists; the query language's nodes for ``"A B"~N`` and
``A /s B`` are in archive/query.py (``Near``, ``SameSentence``), which calls these, and
archive/conditions.py applies them to the exact index's candidates.
"""

from __future__ import annotations

import bisect
import itertools
import re

MAX_DISTANCE = 1000
NEAR_SUFFIX = re.compile(r"~(\d+)")  # right after a closing quote: "腾笼换鸟 凤凰涅槃"~10


def near(occ: list[list[tuple[int, int]]], distance: int) -> bool:
    """Whether one occurrence (start, end) from each list fits in a stretch of the text with
    at most ``distance`` characters besides the occurrences' own (for two terms: at most
    ``distance`` characters between them, either order; occurrences may overlap)."""
    if not all(occ):
        return False
    if len(occ) == 2:
        # the best partner of an occurrence is the nearest one starting before it or after it
        starts = [s for s, _ in occ[1]]
        for a, ae in occ[0]:
            i = bisect.bisect_left(starts, a)
            for j in (i - 1, i):
                if 0 <= j < len(starts):
                    b, be = occ[1][j]
                    if max(ae, be) - min(a, b) - (ae - a) - (be - b) <= distance:
                        return True
        return False
    for combo in itertools.product(*occ):
        own = sum(e - s for s, e in combo)
        if max(e for _, e in combo) - min(s for s, _ in combo) - own <= distance:
            return True
    return False
