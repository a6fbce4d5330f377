"""The JSON API's error messages in Chinese (web/api.py error(): ?lang=zh, or a request whose
Accept-Language prefers Chinese; English is each message's own text), and the Chinese of
query errors that had only English (archive/search.py, archive/kwic.py, web/params.py keys)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str | None]] = {
    "apierr_not_found": ("找不到这个地址", None),
    "apierr_method": ("不支持这种请求方法", None),
    "apierr_no_index": ("还没有索引：请先运行 archive index", None),
    "apierr_no_paragraph": ("没有段落 {0}", None),
    "apierr_no_document": ("没有文件 {0}", None),
    "apierr_no_page": ("扫描文件 {1} 没有第 {0} 页", None),
    "apierr_no_saved": ("没有名为 {0} 的保存检索", None),
    "qerr_offset": ("起始位置必须在 0 到 {0} 之间", None),
    "qerr_offset_negative": ("起始位置不能是负数", None),
    "qerr_width": ("上下文宽度必须在 1 到 {0} 个字之间", None),
    "qerr_kwic_term": ("语境索引需要一个词语，例如 腾笼换鸟", None),
    "qerr_kwic_lines": ("出现次数超过 {0} 次：请加筛选条件或用更长的词语", None),
    "qerr_batch_none": ("没有词语：每行粘贴一个词语，例如 腾笼换鸟", None),
    "qerr_batch_many": ("词语太多：{0} 个（最多 {1} 个）", None),
    "qerr_batch_long": ("词语太长：{0}…（{1} 个字符，最多 {2} 个）", None),
    "qerr_batch_bytes": ("有一个词语含有无法识别的字节", None),
    "qerr_batch_blank": ("词语 {0} 里没有可检索的字符", None),
    "qerr_batch_place": ("地区层级只能是：{0}", None),
    "qerr_batch_time": ("时间只能是：{0}", None),
    "qerr_compare_ids": ("请指定两个文件：?a=文件编号&b=文件编号", None),
    "qerr_compare_same": ("请选择两个不同的文件进行比较", None),
}
