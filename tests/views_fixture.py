"""A generated collection for the trends, map, citation and browsing tests: 48 documents
(JSONL rows with catalog fields) in 8 provinces, at every level from province to township,
issued 1996-2024 with gaps, some with a section speaking about the year before, and two
phrases at known places. Written by code, not copied from any real text."""

from __future__ import annotations

import json
import random
from pathlib import Path

from archive.datafiles import rows

PROVINCES = ("33", "44", "51", "37", "62", "45", "23", "11")
YEARS = (1996, 1999, 2000, 2005, 2006, 2013, 2018, 2019, 2020, 2021, 2023, 2024)
TYPES = ("政府工作报告", "工作总结", "表态发言", "讲话")
_POOL = "经济社会发展建设改革创新服务保障民生城乡区域产业项目投资环境治理安全文化教育卫生就业收入农村生态"


def places() -> list[dict[str, str]]:
    """One township (with its county, city, province) in each province of PROVINCES."""
    names: dict[str, str] = {}
    children: dict[str, list[str]] = {}
    for code, name, parent in rows("divisions.tsv"):
        names[code] = name
        children.setdefault(parent, []).append(code)
    out = []
    for p in PROVINCES:
        city = children[p][0]
        county = next(c for c in children[city] if children.get(c))
        township = children[county][0]
        out.append(
            {
                "province": names[p],
                "city": names[city] if len(city) == 4 else names[p],
                "county": names[county],
                "township": names[township],
            }
        )
    return out


def _filler(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(_POOL) for _ in range(n)) + "。"


def write_collection(dest: Path) -> Path:
    rng = random.Random(12)
    pl = places()
    docs = []
    k = 0
    for i, year in enumerate(YEARS):
        for j in range(4):
            k += 1
            place = pl[(i + j) % len(pl)]
            level = ("township", "county", "city", "province")[j]
            fields = {
                key: place[key]
                for key in ("province", "city", "county", "township")
                if ("province", "city", "county", "township").index(key)
                <= ("province", "city", "county", "township").index(level)
            }
            issuer = fields[level] + ("人民政府" if level != "township" else "党委")
            paras = [f"{issuer}{year}年{TYPES[j]}", f"一、{year - 1}年工作回顾"]
            for m in range(6 + (k % 5)):
                text = _filler(rng, 30 + m)
                # the phrases: 腾笼换鸟 from 2000 on in two documents of three, 筑巢引凤 from 2018 on
                if year >= 2000 and (i + j) % 3 != 1 and m in (1, 4):
                    text = "推进腾笼换鸟，" + text
                if year >= 2018 and m == 2:
                    text = text[:10] + "筑巢引凤" + text[10:]
                if year == 2005 and m == 3:
                    text = "實施騰籠換鳥戰略，" + text  # traditional script matches too
                paras.append(text)
                if m == 3:
                    paras.append(f"二、{year}年工作安排")
            # one id in Chinese characters, as real collections have (a permalink a person reads)
            doc_id = "省报告-2024" if (year, j) == (2024, 3) else f"fx-{year}-{j}"
            docs.append(
                {
                    "id": doc_id,
                    "title": f"{issuer}{year}年{TYPES[j]}",
                    "content": "\n".join(paras),
                    "publish_date": f"{year}-0{1 + j}-1{j}",
                    "type": TYPES[j],
                    "publisher": issuer,
                    "speaker": f"张{'一二三四'[j]}{k}",
                    **fields,
                }
            )
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / "views.jsonl"
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs) + "\n", encoding="utf-8")
    return dest
