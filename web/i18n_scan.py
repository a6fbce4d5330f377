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
    "ocr_low_note": ("波浪线下的字识别把握较低，请对照图像核实。",
                     "Characters with a wavy underline were read with low confidence: check them against the image."),
    "ocr_confidence": ("识别置信度", "OCR confidence"),
}
