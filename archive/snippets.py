"""Cutting a long paragraph down to the parts around its hits."""

from __future__ import annotations


def snippet(
    text: str, spans: list[list[int]], width: int = 60, max_len: int = 240
) -> tuple[str, list[list[int]], bool]:
    """(snippet text, spans shifted into it, whether anything was cut).

    Short paragraphs are returned whole. Otherwise windows of ``width`` characters around
    each hit are kept, joined with an ellipsis, until ``max_len`` is reached.
    """
    if len(text) <= max_len or not spans:
        if len(text) <= max_len:
            return text, [list(s) for s in spans], False
        return text[:max_len] + "…", [], True
    windows: list[list[int]] = []
    for s, e in spans:
        a, b = max(0, s - width), min(len(text), e + width)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    out, shifted, used = "", [], 0
    for a, b in windows:
        if used >= max_len:
            break
        b = min(b, a + max(max_len - used, width))
        prefix = "…" if a > 0 and not out.endswith("…") else ""
        base = len(out) + len(prefix) - a
        out += prefix + text[a:b]
        for s, e in spans:
            if s >= a and e <= b:
                shifted.append([s + base, e + base])
        if b < len(text):
            out += "…"
        used += b - a
    return out, shifted, True
