"""Interface strings of the scanned-page view (web/scan.py), in Chinese and English."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "scan_page": ("扫描页 第{0}页，共{1}页", "Scanned page {0} of {1}"),
    "scan_nav": ("翻页与缩放", "Pages and zoom"),
    "prev_page": ("上一页", "Previous page"),
    "next_page": ("下一页", "Next page"),
    "zoom": ("缩放", "Zoom"),
    "open_page": ("单独打开此页", "Open this page"),
    "scan_alt": ("第{0}页的扫描图像", "Scan of page {0}"),
    "scan_region": ("段落所在区域", "the paragraph's region"),
    "scan_hits": ("检索词", "search terms"),
    "scan_low": ("识别把握较低的字（{0}个）", "characters read with low confidence ({0})"),
    "ocr_text": ("本页识别文字", "Text read from this page"),
    "ocr_low_note": (
        "波浪线下的字识别把握较低，请对照图像核实。",
        "Characters with a wavy underline were read with low confidence: check them against the image.",
    ),
    "ocr_confidence": ("识别置信度", "OCR confidence"),
    "scan_help_h": ("扫描件", "Scanned pages"),
    "scan_help": (
        "安装 OCR 扩展后，图片（PNG、JPG、多页 TIFF）和没有文字层的 PDF 也会被识别入库。命中扫描件中的段落时，"
        "段落页和原始文件页会显示该页图像，框出段落所在区域并标出检索词；可缩放、翻页，识别把握较低的字另有标记。",
        "With the OCR extra, images (PNG, JPG, multi-page TIFF) and PDFs without a text layer are read too. "
        "A hit in a scan shows the page image on the paragraph and source pages, with the paragraph's "
        "region outlined and the search terms marked; zoom, previous and next page, and characters read "
        "with low confidence marked.",
    ),
}
