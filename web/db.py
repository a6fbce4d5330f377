"""The index is opened in one place: once per app, shared by every request."""
from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask, current_app

from archive.search import Archive

_lock = threading.Lock()


def get_archive() -> Archive:
    """The app's Archive (opens the index on first use; raises IndexMissing if there is none)."""
    ext = current_app.extensions
    if "archive" not in ext:
        with _lock:
            if "archive" not in ext:
                ext["archive"] = Archive(Path(current_app.config["ARCHIVE_HOME"]))
    return ext["archive"]


def init_app(app: Flask) -> None:
    app.extensions.pop("archive", None)
