"""Interface strings of the researcher's workbench (concordance, batch search, saved
searches, side by side), in Chinese and English; merged into web/i18n.py's STRINGS."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "kwic": ("语境索引", "Concordance"),
    "kwic_width": ("每侧字数", "Characters each side"),
    "kwic_show": ("显示", "Show"),
    "kwic_lines": ("处出现", "occurrences"),
    "kwic_left": ("左语境", "Left context"),
    "kwic_hit": ("检索词", "Hit"),
    "kwic_right": ("右语境", "Right context"),
    "kwic_sort_oldest": ("年份（最早）", "Year (oldest)"),
    "kwic_sort_newest": ("年份（最新）", "Year (newest)"),
    "kwic_sort_place": ("地区", "Place"),
    "kwic_sort_left": ("左侧字", "Left characters"),
    "kwic_sort_right": ("右侧字", "Right characters"),
    "kwic_sort_left_words": ("左侧词", "Left words"),
    "kwic_sort_right_words": ("右侧词", "Right words"),
    "syntax_kwic": (
        "语境索引：每处出现一行，按左右语境排序，例如 /kwic?q=腾笼换鸟&sort=left",
        "Concordance: one line per occurrence, sortable by context, e.g. /kwic?q=腾笼换鸟&sort=left",
    ),
    "batch": ("批量检索", "Batch search"),
    "batch_intro": (
        "一次检索多个短语（每行一个，或上传 .txt / .csv 文件）：按地区和年份列出匹配段落数（括号内为文档数）和首次出现年份。",
        "Many phrases at once (one a line, or upload a .txt / .csv file): matching paragraphs per place "
        "and year (documents in brackets) and the year each first appears.",
    ),
    "batch_phrases": ("短语（每行一个）", "Phrases (one a line)"),
    "batch_file": ("或上传文件", "or upload a file"),
    "batch_place": ("地区层级", "Place level"),
    "batch_time": ("年份口径", "Years by"),
    "batch_run": ("批量检索", "Count"),
    "batch_unknown_year": ("年份不详", "Year unknown"),
    "syntax_batch": (
        "批量检索：每行一个短语，得到地区×年份表，例如",
        "Batch search: one phrase a line gives a place × year table, e.g.",
    ),
    "saved": ("保存的检索", "Saved searches"),
    "saved_intro": (
        "保存的检索存放在档案目录的 saved.sqlite 中；本档案没有账户，能访问它的人都能查看和修改。每条检索有 Atom 订阅源；“新增”是上次打开以来新索引（或文件有变化）的匹配段落。",
        "Saved searches live in saved.sqlite in the archive home; the archive has no accounts, so anyone "
        "who can reach it can read and change them. Each has an Atom feed; “new” counts matching "
        "paragraphs indexed (or whose file changed) since it was last opened.",
    ),
    "saved_name": ("名称", "Name"),
    "saved_new": ("新增", "New"),
    "saved_last_visit": ("上次打开", "Last opened"),
    "saved_never": ("从未", "never"),
    "saved_delete": ("删除", "Delete"),
    "saved_none": (
        "还没有保存的检索：在检索结果页上点“保存检索”。",
        "No saved searches yet: use “Save search” on a results page.",
    ),
    "saved_export": ("导出全部", "Export all"),
    "saved_import": ("导入", "Import"),
    "saved_replace": ("覆盖同名检索", "Replace searches of the same name"),
    "saved_imported": ("已导入（新增 / 跳过）：", "Imported (added / skipped):"),
    "saved_as": ("保存为", "Save as"),
    "saved_save": ("保存检索", "Save search"),
    "syntax_saved": (
        "保存的检索与订阅：在结果页保存检索，之后在",
        "Saved searches and feeds: save a search on its results page, then see",
    ),
    "compare": ("两篇对照", "Side by side"),
    "compare_a": ("文档甲", "Document A"),
    "compare_b": ("文档乙", "Document B"),
    "compare_go": ("对照", "Compare"),
    "compare_summary": (
        "{0}/{1} 段含共享文字；共享 {2}/{3} 字（{4}%）",
        "{0} of {1} paragraphs share text; {2} of {3} characters ({4}%) shared",
    ),
    "compare_none": (
        "索引时没有发现这两篇文档之间有共享段落。",
        "The index found no shared passages between these two documents.",
    ),
    "compare_link": ("两篇对照", "compare the documents"),
    "syntax_compare": (
        "两篇对照：两篇文档并排，共享段落在两边标出，例如",
        "Side by side: two documents aligned, shared passages marked in both, e.g.",
    ),
    "proximity": ("邻近与同句检索", "Proximity and same sentence"),
    "syntax_near": (
        "引号后加 ~N：引号中的词彼此相距不超过 N 个字，顺序不限，例如",
        "~N after quotes: the quoted words within N characters of each other, in any order, e.g.",
    ),
    "syntax_sentence": (
        "/s（两侧留空格）：两边的词在同一句中（句号、问号、叹号、分号分句），例如",
        "/s (with spaces around it): the words on both sides in one sentence (。！？； end a sentence), e.g.",
    ),
}
