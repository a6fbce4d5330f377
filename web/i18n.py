"""Interface strings in Chinese (default) and English. Field labels come from the field
declaration (archive/fields.py)."""

from __future__ import annotations

from archive.fields import BY_NAME

LANGS = ("zh", "en")  # the first is the default


def lang_of(value: str | None) -> str:
    """The interface language a request asks for (?lang=en); anything else is the default."""
    return value if value in LANGS else LANGS[0]


STRINGS: dict[str, tuple[str, str | None]] = {
    "site": ("乡镇政府文本档案", "Township Government Texts Archive"),
    "search": ("搜索", "Search"),
    "query_label": ("检索词", "Search terms"),
    "placeholder": ("例如：腾笼换鸟", "e.g. 腾笼换鸟"),
    "help": ("检索语法", "Query syntax"),
    "results": ("条段落", "paragraphs"),
    "no_results": ("没有找到包含这些词的段落。", "No paragraph contains these terms."),
    "drop_filter": ("试试去掉一个筛选条件：", "Try removing a filter:"),
    "filters": ("筛选", "Filters"),
    "apply": ("应用筛选", "Apply filters"),
    "remove_filter": ("去掉筛选", "Remove filter"),
    "evidence_none": ("（无记录）", "(not recorded)"),
    "county_wide": ("（县级，无乡镇）", "(county-wide)"),
    "no_township": ("（无乡镇）", "(no township)"),
    "none": ("（无）", "(none)"),
    "sort": ("排序", "Sort"),
    "relevance": ("相关度", "Relevance"),
    "newest": ("最新", "Newest"),
    "oldest": ("最早", "Oldest"),
    "place": ("地区", "Place"),
    "prev": ("上一页", "Previous"),
    "next": ("下一页", "Next"),
    "page": ("第{0}页，共{1}页", "Page {0} of {1}"),
    "paragraph": ("段落", "Paragraph"),
    "document": ("全文", "Document"),
    "source": ("原始文件", "Source file"),
    "lines": ("第{0}–{1}行", "lines {0}–{1}"),
    "para_n": ("第{0}段", "paragraph {0}"),
    "open_in_doc": ("在全文中查看", "Open in the document"),
    "open_source": ("查看原始文件中的行", "See its lines in the source file"),
    "citation": ("引用", "Citation"),
    "copy": ("复制", "Copy"),
    "copied": ("已复制", "Copied"),
    "before": ("前文", "Before"),
    "after": ("后文", "After"),
    "metadata": ("元数据", "Metadata"),
    "trends": ("趋势", "Trends"),
    "trend_title": ("“{0}”的年度分布", "“{0}” by year"),
    "per_year": ("每年匹配段落数", "Matching paragraphs per year"),
    "per_1000": ("每千段落", "Per 1,000 paragraphs"),
    "diffusion": ("各乡镇首次出现（扩散）", "Where and when it first appears (diffusion)"),
    "first_year": ("首次出现", "First year"),
    "total": ("合计", "Total"),
    "export": ("导出", "Export"),
    "export_note": ("导出全部 {0} 条匹配段落", "Export all {0} matches"),
    "hit_of": ("第{0}处，共{1}处命中", "hit {0} of {1}"),
    "prev_hit": ("上一处", "Previous hit"),
    "next_hit": ("下一处", "Next hit"),
    "back_to_results": ("返回检索结果", "Back to results"),
    "source_of": ("原始文件：{0}", "Source file: {0}"),
    "not_found": ("找不到这个页面。", "Page not found."),
    "error": ("出错了", "Error"),
    "index_missing": ("还没有建立索引：请先运行 archive index。", "No index yet: run 'archive index' first."),
    "lang_switch": ("English", "中文"),
    "similar": ("其他文件中的相似段落", "Similar paragraphs elsewhere"),
    "no_similar": (
        "没有发现其他文件中有与本段共享文字的段落。",
        "No paragraph in another document shares a passage with this one.",
    ),
    "level_national": ("全国", "National"),
    "level_province": ("省级", "Province"),
    "level_city": ("市级", "City"),
    "level_county": ("县级", "County"),
    "level_township": ("乡镇级", "Township"),
    "documents": ("文档", "Documents"),
    "home_intro": (
        "在乡镇和县市政府的表态发言、工作报告、工作总结、心得体会和任务书中查找政策用语：每个段落都标明乡镇、年份和发言人，并可追溯到原始文件。",
        "Trace policy language through township and county pledge speeches, work reports, summaries, reflections and task books: every paragraph is tagged with township, year and speaker, and links to its source.",
    ),
    "try": ("试试：", "Try:"),
    "skip": ("跳到结果", "Skip to results"),
    "syntax_terms": (
        "多个词用空格分开，段落须同时包含每个词（精确子串，不受分词影响）。",
        "Space-separated terms must all occur (exact substrings, whatever the word segmentation).",
    ),
    "syntax_quotes": ("用英文引号包住含空格的短语：\"人人有责 人人尽责\"", "Quotes hold spaces: \"人人有责 人人尽责\""),
    "syntax_minus": ("减号排除：腾笼换鸟 -腾退", "Minus excludes: 腾笼换鸟 -腾退"),
    "syntax_or": ("OR 表示“或”：招大引强 OR 招大育强", "OR between terms: 招大引强 OR 招大育强"),
    "syntax_filters": (
        "筛选：township:新仓镇 year:2022-2024 speaker:金一 type:任务书",
        "Filters: township:新仓镇 year:2022-2024 speaker:金一 type:任务书",
    ),
    "syntax_norm": (
        "繁体、全角字符与简体、半角一样匹配；单个汉字也可检索。",
        "Traditional and full-width forms match simplified and half-width; single characters work.",
    ),
}


# A paragraph field's name is also its label's key (t('township'), t('year')).
for _f in BY_NAME.values():
    STRINGS.setdefault(_f.name, (_f.zh, _f.en))


def t(key: str, lang: str = "zh", *args: object) -> str:
    zh, en = STRINGS.get(key, (key, key))
    s = (en or zh) if lang == "en" else zh
    return s.format(*args) if args else s


def field_label(key: str, lang: str = "zh") -> str:
    """The label of a paragraph field or an evidence key ("place.county" is the county's)."""
    name = key.rsplit(".", 1)[-1]
    f = BY_NAME.get(name)
    if f is None:
        return t(name, lang)
    return f.en if lang == "en" else f.zh


# The strings of the trends, map, citation and browsing views (web/i18n_views.py).
from .i18n_views import STRINGS as _VIEW_STRINGS  # noqa: E402

STRINGS.update(_VIEW_STRINGS)
# The scanned-page view's strings (web/i18n_scan.py).
from .i18n_scan import STRINGS as _SCAN_STRINGS  # noqa: E402

STRINGS.update(_SCAN_STRINGS)


def _merge_workbench() -> None:
    """The workbench's strings live in their own file (web/i18n_workbench.py)."""
    from .i18n_workbench import STRINGS as WORKBENCH

    STRINGS.update(WORKBENCH)


_merge_workbench()


def error_text(exc: Exception, lang: str = "zh") -> str:
    """A query error in the interface's language: the Chinese of its key, else its own text."""
    key = getattr(exc, "key", None)
    if lang != "en" and key and f"qerr_{key}" in STRINGS:
        return t(f"qerr_{key}", lang, *getattr(exc, "args_", ()))
    return str(exc)


# The strings of the search page's filter panel, pager, hints and query errors (web/i18n_search.py).
from .i18n_search import STRINGS as _SEARCH_STRINGS  # noqa: E402

STRINGS.update(_SEARCH_STRINGS)

# The JSON API's error messages (web/i18n_api.py).
from .i18n_api import STRINGS as _API_STRINGS  # noqa: E402

STRINGS.update(_API_STRINGS)
