"""OCR of scanned pages (the optional extra ``pip install -e '.[ocr]'``).

engine.py runs RapidOCR (PP-OCRv4 Chinese models shipped inside its wheel, onnxruntime) on
page images; pages.py turns PDFs and images into page images; cache.py keeps each file's
recognised boxes and downscaled page images in the archive home, keyed by the file's hash;
read.py puts it together into a SourceText with the geometry of every line
(indexer/layout.py decides columns, reading order, headings and paragraph starts).
Without the extra nothing here is imported and scans are reported with INSTALL_HINT.
"""

from __future__ import annotations

INSTALL_HINT = "install the OCR extra to read it: pip install -e '.[ocr]'"


def missing() -> str | None:
    """Why OCR cannot run here (a missing package), or None when it can."""
    import importlib.util

    for module, package in (
        ("rapidocr_onnxruntime", "rapidocr-onnxruntime"),
        ("onnxruntime", "onnxruntime"),
        ("PIL", "Pillow"),
        ("pypdfium2", "pypdfium2"),
    ):
        if importlib.util.find_spec(module) is None:
            return f"{package} is not installed"
    return None
