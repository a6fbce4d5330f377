"""The Flask web front end: search with facets, permalinks, documents, sources, trends, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from archive import config


def create_app(home: str | Path | None = None, test_config: dict[str, Any] | None = None) -> Flask:
    """Application factory: one archive home per app, opened lazily (web/db.py)."""
    app = Flask(__name__)
    # permalinks and citations are built on BASE_URL, never on the Host header a client sent
    app.config.update(
        ARCHIVE_HOME=str(config.home_dir(home)),
        JSON_AS_ASCII=False,
        SEND_FILE_MAX_AGE_DEFAULT=3600,
        BASE_URL=config.base_url(),
    )
    if test_config:
        app.config.update(test_config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    # keep the documented field order
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from . import api, browse, cite, db, pages, protocol

    db.init_app(app)
    protocol.init_app(app)
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp, url_prefix="/api")
    app.register_blueprint(cite.bp)
    app.register_blueprint(browse.bp)
    from . import workbench

    workbench.register(app)
    from . import scan

    app.register_blueprint(scan.bp)
    return app
