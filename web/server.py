"""Running the app: one process with threads (waitress), or several processes (gunicorn).

One Python process answers on one core at a time, so under concurrent clients the pages
queue behind each other; gunicorn's pre-forking workers use every core. Each worker opens
the index itself after the fork (a SQLite connection or a Whoosh file position must not be
shared between processes) and warms it (columns and ranker) before taking requests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from . import create_app


def warm_app(home: Path, base_url: str | None = None) -> Flask:
    """The app with its index opened and its columns read, so the first search is quick."""
    app = create_app(home, {"BASE_URL": base_url.rstrip("/")} if base_url else None)
    with app.app_context():
        from .db import get_archive

        get_archive().warm()
    return app


def serve_processes(home: Path, host: str, port: int, workers: int, threads: int, base_url: str | None = None) -> None:
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):
        def load_config(self) -> None:
            for key, value in {
                "bind": f"{host}:{port}",
                "workers": workers,
                "threads": threads,
                "worker_class": "gthread",
                "preload_app": False,
                "accesslog": None,
                "timeout": 120,
                "graceful_timeout": 5,
                # no request-line limit of gunicorn's own (its maximum, 8190 bytes, is
                # 910 CJK characters of query, and it answers with its own page): the
                # app refuses long URLs itself, with the documented message (a query
                # over 500 characters) or a 414 in JSON under /api, see web/protocol.py
                "limit_request_line": 0,
            }.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return warm_app(home, base_url)

    Server().run()
