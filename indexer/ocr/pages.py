"""Page images of a scan: PDF pages rendered with pypdfium2, image files read with Pillow
(every frame of a multi-page TIFF)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from ..source import ReadError

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}

# PDF pages are rendered at this resolution: bench/ocr_bench.py measured the error rate of
# 10.5-point text at 100-300 dpi; 200 reads as well as 300 in less than half the time, and
# 150 starts losing strokes of small characters.
PDF_DPI = 200

# An image larger than this (pixels on its long side) is scaled down before OCR: RapidOCR
# shrinks detection input to 2,000 pixels anyway, and a 600-dpi A3 scan is 10,000.
MAX_SIDE = 3000


def page_count(path: Path) -> int:
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        try:
            pdf = pdfium.PdfDocument(str(path))
        except Exception as exc:
            raise ReadError(f"not a readable PDF ({type(exc).__name__})") from None
        try:
            return len(pdf)
        finally:
            pdf.close()
    with open_image(path) as img:
        return getattr(img, "n_frames", 1)


def page_image(path: Path, index: int, dpi: int = PDF_DPI) -> Any:
    """Page ``index`` (0-based) as an RGB PIL image."""
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            page = pdf[index]
            img = page.render(scale=dpi / 72).to_pil()
            page.close()
        finally:
            pdf.close()
        return _fit(img.convert("RGB"))
    with open_image(path) as img:
        img.seek(index)
        return _fit(img.convert("RGB"))


def pages(path: Path, indices: list[int] | None = None, dpi: int = PDF_DPI) -> Iterator[Any]:
    for i in indices if indices is not None else range(page_count(path)):
        yield page_image(path, i, dpi)


def open_image(path: Path) -> Any:
    """An image file opened with Pillow, or a ReadError that says how to fix it."""
    from PIL import Image, UnidentifiedImageError

    try:
        return Image.open(path)
    except (UnidentifiedImageError, OSError) as exc:
        raise ReadError(f"not a readable image ({type(exc).__name__}): open it and save it again") from None


def _fit(img: Any) -> Any:
    if max(img.size) <= MAX_SIDE:
        return img
    k = MAX_SIDE / max(img.size)
    return img.resize((round(img.width * k), round(img.height * k)))
