"""The index is opened in one place: once per app, shared by every request."""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app, g, has_request_context

from archive.search import Archive

_lock = threading.Lock()


def get_archive() -> Archive:
    """The app's Archive (opens the index on first use; raises IndexMissing if there is none)."""
    ext = current_app.extensions
    if "archive" not in ext:
        with _lock:
            if "archive" not in ext:
                ext["archive"] = Archive(Path(current_app.config["ARCHIVE_HOME"]))
    archive = ext["archive"]
    if has_request_context() and not g.get("archive_held"):
        archive.hold()  # one request reads one generation, however many lookups it makes
        g.archive_held = True
    return archive


def _release(_exc: BaseException | None) -> None:
    if g.get("archive_held"):
        current_app.extensions["archive"].release()


def init_app(app: Flask) -> None:
    app.extensions.pop("archive", None)
    app.teardown_request(_release)
