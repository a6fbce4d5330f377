"""The researcher's workbench blueprints, registered on the app in one call."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from . import batch, compare, kwic, saved

    app.register_blueprint(kwic.bp)
    app.register_blueprint(batch.bp)
    app.register_blueprint(saved.bp)
    app.register_blueprint(compare.bp)
