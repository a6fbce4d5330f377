"""What the commands share: the home, opening the archive, filter options, the query text,
JSON output. Its own module so that command modules (views.py) and main.py both import it
without importing each other."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from archive import config
from archive.fields import BY_NAME, FILTER_ARGS
from archive.store import IndexMissing


def _home(home: str | None) -> Path:
    return config.home_dir(home)


def _open(home: Path):
    from archive.search import Archive

    try:
        return Archive(home)
    except IndexMissing as exc:
        raise click.ClickException(str(exc)) from None


def _filters(**kw: tuple[str, ...]) -> dict[str, list[str]]:
    return {FILTER_ARGS[k]: list(v) for k, v in kw.items() if v}


def _query_text(words: tuple[str, ...]) -> str:
    """The query from the command line. A byte that was not UTF-8 (`archive search $'\\xff'`)
    reaches Python as a lone surrogate: a clear error, not a traceback."""
    text = " ".join(words)
    for i, ch in enumerate(text):
        if "\udc80" <= ch <= "\udcff":
            raise click.UsageError(
                f"the query is not UTF-8 text: byte 0x{ord(ch) - 0xDC00:02X} at character {i + 1} "
                "(check the terminal's encoding)"
            )
    return text


def _echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=1))


def filter_options(f):
    """One option per filter of the field declaration (--type for doc_type)."""
    for field in reversed([BY_NAME[name] for name in FILTER_ARGS.values()]):
        f = click.option(
            f"--{field.arg}",
            multiple=True,
            help=f"Only paragraphs with this {field.en.lower()} (repeat to OR several).",
        )(f)
    return f


def _styled(text: str, spans: list[list[int]]) -> str:
    out, pos = [], 0
    for s, e in spans:
        out.append(text[pos:s])
        out.append(click.style(text[s:e], fg="red", bold=True))
        pos = e
    out.append(text[pos:])
    return "".join(out)
