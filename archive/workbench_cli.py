"""The workbench's commands (kwic, batch, saved, compare): thin calls into archive/,
registered on the `archive` group by archive/cli.py."""
from __future__ import annotations

import csv
import shutil
import sys

import click

from . import config
from . import kwic as kwic_mod
from .cli import _echo_json, _filters, _home, _open, _query_text, filter_options
from .query import QueryError


def _cols() -> int:
    return min(shutil.get_terminal_size((100, 20)).columns, 120)


def _cjk_width(s: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in s)


def _pad_left(s: str, width: int) -> str:
    return " " * max(0, width - _cjk_width(s)) + s


@click.command()
@click.argument("query", nargs=-1)
@filter_options
@click.option("--width", type=click.IntRange(1, kwic_mod.MAX_WIDTH), default=kwic_mod.DEFAULT_WIDTH, show_default=True,
              help="Characters of context on each side.")
@click.option("--sort", type=click.Choice(kwic_mod.SORTS), default="oldest", show_default=True,
              help="left/right: by the context characters nearest the hit; left_words/right_words: by jieba words.")
@click.option("--limit", type=click.IntRange(1, None), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0, None), default=0)
@click.option("--json", "as_json", is_flag=True, help="Print the concordance object as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Every line as CSV (UTF-8 with BOM), ignoring --limit.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the CSV here instead of stdout.")
@click.option("--home", envvar="ARCHIVE_HOME")
def kwic(query: tuple[str, ...], width: int, sort: str, limit: int, offset: int, as_json: bool, as_csv: bool,
         output: str | None, home: str | None, **filters: tuple[str, ...]) -> None:
    """Concordance: one line per occurrence of QUERY, aligned on the hit, with place and year."""
    archive = _open(_home(home))
    text = _query_text(query)
    try:
        if as_csv:
            _n, lines = kwic_mod.all_lines(archive, text, filters=_filters(**filters), width=width, sort=sort)
            out = open(output, "w", encoding="utf-8-sig", newline="") if output else sys.stdout
            try:
                w = csv.writer(out)
                for row in kwic_mod.csv_rows(lines, config.base_url()):
                    w.writerow(row)
            finally:
                if output:
                    out.close()
            if output:
                click.echo(f"{len(lines)} lines written to {output}", err=True)
            return
        result = kwic_mod.concordance(archive, text, filters=_filters(**filters), width=width, sort=sort,
                                      limit=min(limit, 100), offset=offset)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        _echo_json(result)
        return
    click.echo(click.style(f"{result['total']} occurrences in {result['paragraphs']} paragraphs", bold=True)
               + f" for «{text}», sorted by {sort}")
    side = width * 2
    for ln in result["lines"]:
        left, right = ln["left"].replace("\n", " "), ln["right"].replace("\n", " ")
        click.echo(_pad_left(left, side) + " " + click.style(ln["hit"], fg="red", bold=True) + " " + right
                   + click.style(f"  {ln['place']} {ln['year'] or ''} {ln['id']}", dim=True))


COMMANDS = [kwic]
