"""Removing web and print furniture while keeping the metadata it carries.

Rules are data: archive/data/boilerplate.tsv (breadcrumbs, share and scan prompts, watermarks,
footers), metadata_labels.tsv (索引号/发布机构/文号/发布日期 … lines become fields) and
page_buttons.tsv (toolbars). They are matched against the line's furniture form, so a
traditional-script mirror (當前位置, 發布機構, 掃描二維碼) loses the same lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache

from archive.datafiles import rows
from archive.textnorm import to_simplified

from .source import Line

_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zA-Z\u00e0-\u01dc\u0300-\u036f?]{1,8}\)")
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")
_CELL_SPLIT = re.compile(r"[\s|｜【】\[\]•·]+")
_LEAD = re.compile(r"^[\s•·]+")


def furniture_form(text: str, *, join: bool = True) -> str:
    """NFKC, traditional as simplified, no pinyin glosses, no leading bullets, no spaces between
    Chinese characters (unless join=False): '• 索 引 號：' -> '索引号:'."""
    s = to_simplified(unicodedata.normalize("NFKC", text))
    s = _LEAD.sub("", _PINYIN.sub("", s)).strip()
    return _CJK_SPACE.sub("", s) if join else s


@lru_cache(maxsize=1)
def _rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for r in rows("boilerplate.tsv"):
        flags = 0 if r[0] == "inline" else re.IGNORECASE
        out.append((r[0], re.compile(r[1], flags)))
    return tuple(out)


@dataclass(frozen=True)
class _Label:
    key: str  # field name, or "-" for none
    strong: bool


@lru_cache(maxsize=1)
def _labels() -> tuple[dict[str, _Label], re.Pattern[str]]:
    labels = {r[0]: _Label(r[1], r[2] == "strong") for r in rows("metadata_labels.tsv")}
    alt = "|".join(re.escape(k) for k in sorted(labels, key=len, reverse=True))
    # a label with its colon anywhere, a label in 【】 (a legal database's 【发布日期】2024.03.18),
    # or a bare label standing as a cell of its own
    rx = re.compile(
        rf"(?P<c>{alt})\s*[:：]|(?:(?<=^)|(?<=【))(?P<k>{alt})】"
        rf"|(?:(?<=^)|(?<=[\s|｜]))(?P<b>{alt})(?=\s*(?:[|｜]|$))"
    )
    return labels, rx


@lru_cache(maxsize=1)
def _buttons() -> re.Pattern[str]:
    alt = "|".join(f"(?:{r[0]})" for r in rows("page_buttons.tsv"))
    return re.compile(rf"(?:{alt})+", re.IGNORECASE)


# an item of a list of links: a bullet and a short headline
_LIST_ITEM = re.compile(r"^[\s\u3000]*[·•▪◆●]\s*\S.{0,38}$")
_WEAK_DATE = re.compile(r"^\d{1,4}[-/.年]\d{1,2}")
_SENTENCE = re.compile(r"[。；;，,！？!?]")


def metadata_line(form: str) -> dict[str, str] | None:
    """The fields of a metadata line ('索引号:… | 发布机构:…'), or None when it is not one."""
    labels, rx = _labels()
    text = re.sub(r"^[\s•·(（【\[]+", "", form)
    # a closing bracket that wraps the whole line goes; one that closes a bracket inside the
    # value stays ("标题:政府工作报告(2024年)")
    if re.search(r"[)）】\]]\s*$", text) and sum(text.count(c) for c in "(（【[") < sum(
        text.count(c) for c in ")）】]"
    ):
        text = re.sub(r"[)）】\]]\s*$", "", text)
    found = list(rx.finditer(text))
    if not found or found[0].start() != 0:
        return None
    spans: list[tuple[str, str]] = []
    for i, m in enumerate(found):
        label = m.group("c") or m.group("k") or m.group("b")
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        spans.append((label, text[m.end() : end].strip(" \t|｜【")))
    first = labels[spans[0][0]]
    if len(spans) == 1 and not first.strong:
        value = spans[0][1]
        if not value or len(value) > 30 or _SENTENCE.search(value):
            return None
        if first.key == "date" and not _WEAK_DATE.match(value):
            return None
    fields: dict[str, str] = {}
    for label, value in spans:
        key = labels[label].key
        if key != "-" and value and key not in fields:
            fields[key] = value
    return fields


def is_button_line(form: str) -> bool:
    """A line made only of page controls (【打印本页】【关闭窗口】, 无障碍浏览 长者模式, 打印关闭),
    maybe after the site's name (泾县人民政府　无障碍　长者版), or a site's menu bar (首页　政务公开
    政务服务　走进某县: 首页 and at least NAV_CELLS short cells); form is the furniture form with
    its spaces kept."""
    cells = [c for c in _CELL_SPLIT.split(form) if c]
    rx = _buttons()
    if len(cells) > 1 and any(kind == "site" and r.match(cells[0]) for kind, r in _sandwich_rules()):
        cells = cells[1:]
    if len(cells) >= NAV_CELLS and cells[0] in ("首页", "网站首页"):
        return all(2 <= len(c) <= 8 and not _SENTENCE.search(c) for c in cells)
    return bool(cells) and all(rx.fullmatch(c) for c in cells)


NAV_CELLS = 3  # 首页 and two sections at least: a menu bar, not a line that opens with 首页


def strip_boilerplate(lines: list[Line], glossed: list[Line] | None = None) -> tuple[list[Line], dict[str, str], int]:
    """Lines without furniture, the metadata found in it, and how many lines were removed.
    ``glossed`` are the lines as read, before the repair stage took pinyin glosses off (a
    mirror's spam headline is told by its glosses); by default the lines themselves.

    A removed line becomes empty (so a paragraph cannot run across it) but keeps its number.
    Metadata keys: date (as written), publisher, doc_number, index_number, subject, source,
    title, author; the first value of each wins.
    """
    meta: dict[str, str] = {}
    out: list[Line] = []
    removed = 0
    in_list = False  # after the heading of a list of other pages (热点推荐)
    rules = _rules()
    inline = [rx for act, rx in rules if act == "inline"]
    for i, line in enumerate(lines):
        for rx in inline:
            if rx.search(line.text):
                line = replace(line, text=rx.sub("", line.text))
        spaced = furniture_form(line.text, join=False)
        form = _CJK_SPACE.sub("", spaced)
        action = None
        is_meta = False
        if in_list and form and _LIST_ITEM.match(line.text) and not _SENTENCE.search(form):
            action = "line"  # an item of a list of other pages (· 某县持续优化营商环境)
        elif form:
            in_list = False
            fields = metadata_line(form)
            if fields is not None:
                is_meta = True
                for k, v in fields.items():
                    meta.setdefault(k, v)
                action = "line"
            elif is_button_line(spaced):
                action = "line"
        for act, rx in rules:
            if action or not form:
                break
            if act == "inline":
                continue
            m = rx.search(form)
            if not m:
                continue
            if act == "links" and line.role == "row":
                continue  # a table row's cells are joined by ' | ' too
            if act == "meta":
                is_meta = True
                for k, v in m.groupdict().items():
                    if v and k not in meta:
                        meta[k] = v
            action = "tail" if act == "tail" else "line"
            in_list = act == "list"
        if action == "tail":
            removed += sum(1 for l in lines[i:] if l.text.strip())
            break
        if action == "line":
            removed += 1
            # a metadata line (发布时间 …) stands between a page's title and its text: no
            # paragraph runs across it ("break"); other furniture may sit inside a paragraph
            out.append(Line(line.no, "", "break" if is_meta else ""))
            continue
        out.append(line)
    gone = _sandwiched(lines[: len(out)], out, meta) | _spam_headline(out, glossed or lines)
    if gone:
        removed += len(gone)
        out = [Line(l.no, "", l.role) if i in gone else l for i, l in enumerate(out)]
    return out, meta, removed


@lru_cache(maxsize=1)
def _sandwich_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((r[0], re.compile(r[1])) for r in rows("sandwiched_lines.tsv"))


def _sandwiched(before: list[Line], after: list[Line], meta: dict[str, str]) -> set[int]:
    """Positions of kept lines that are furniture because both their neighbours are
    (data/sandwiched_lines.tsv); a date found so fills the metadata's date when it has none."""
    kept = [i for i, l in enumerate(after) if l.text.strip()]
    was = [i for i, l in enumerate(before) if l.text.strip()]  # non-blank source lines
    removed = {i for i in was if not after[i].text.strip()}
    out: set[int] = set()
    for i in kept:
        prev = next((j for j in reversed(was) if j < i), None)
        nxt = next((j for j in was if j > i), None)
        if nxt is None or nxt not in removed:
            continue
        # the page's first line is its masthead when a menu or breadcrumb (not a metadata line,
        # which may follow a letterhead) comes next
        masthead = prev is None and after[nxt].role != "break"
        if not masthead and (prev is None or prev not in removed):
            continue
        form = furniture_form(after[i].text)
        for kind, rx in _sandwich_rules():
            if masthead and kind != "site":
                continue
            m = rx.match(form)
            if m:
                out.add(i)
                if kind == "date":
                    meta.setdefault("date", m.group("date"))
                break
    return out


_TONED_GLOSS = re.compile(r"(?<=[\u4e00-\u9fff])\([a-z]*[\u00e0-\u01dc][a-z]*\)", re.IGNORECASE)


def _spam_headline(lines: list[Line], glossed: list[Line]) -> set[int]:
    """The position of a mirror's spam headline (data/spam_headlines.tsv), if the first line is one."""
    from archive.segmenter import cut

    cfg = {r[0]: int(r[1]) for r in rows("spam_headlines.tsv")}
    kept = [i for i, l in enumerate(lines) if l.text.strip()]
    if len(kept) < 2:
        return set()
    raw = {l.no: l.text for l in glossed}
    first = raw.get(lines[kept[0]].no, "")
    form = furniture_form(lines[kept[0]].text)
    if len(form) > cfg["max_length"] or len(_TONED_GLOSS.findall(first)) < cfg["min_glosses"]:
        return set()
    if any(_TONED_GLOSS.search(raw.get(lines[i].no, "")) for i in kept[1:]):
        return set()
    rest = "".join(furniture_form(lines[i].text) for i in kept[1:])
    words = [w for w, _, _ in cut(form) if len(w) >= cfg["min_word"]]
    return set() if any(w in rest for w in words) else {kept[0]}
