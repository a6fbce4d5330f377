"""The workbench's commands (kwic, batch, saved, compare): thin calls into archive/,
registered on the `archive` group by cli/main.py."""
from __future__ import annotations

import csv
import shutil
import sys

import click

from archive import batch as batch_mod
from archive import config
from archive import kwic as kwic_mod
from archive.query import QueryError

from .main import _echo_json, _filters, _home, _open, _query_text, filter_options


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


@click.command()
@click.argument("phrases_file", type=click.Path(dir_okay=False, allow_dash=True))
@filter_options
@click.option("--place", type=click.Choice(batch_mod.PLACE_LEVELS), default="township", show_default=True,
              help="The place level of the rows.")
@click.option("--time", "time_", type=click.Choice(batch_mod.TIMES), default="year", show_default=True,
              help="year: the year a document was issued; period: the year its section speaks about.")
@click.option("--json", "as_json", is_flag=True, help="Print the table object as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="The table as CSV (UTF-8 with BOM).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the CSV or JSON here.")
@click.option("--home", envvar="ARCHIVE_HOME")
def batch(phrases_file: str, place: str, time_: str, as_json: bool, as_csv: bool, output: str | None,
          home: str | None, **filters: tuple[str, ...]) -> None:
    """Count every phrase of PHRASES_FILE (one a line, or a .csv/.tsv column; - for stdin)
    per place and year: paragraphs, documents, first appearance, totals."""
    raw = _read_bytes(phrases_file)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            raise click.ClickException(f"{phrases_file}: neither UTF-8 nor GB18030 text") from None
    archive = _open(_home(home))
    try:
        result = batch_mod.batch(archive, batch_mod.read_phrases(text, phrases_file), filters=_filters(**filters),
                                 place=place, time=time_)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json or as_csv:
        out = open(output, "w", encoding="utf-8-sig" if as_csv else "utf-8", newline="") if output else sys.stdout
        try:
            if as_csv:
                w = csv.writer(out)
                for row in batch_mod.csv_rows(result):
                    w.writerow(row)
            else:
                import json
                out.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
        finally:
            if output:
                out.close()
        return
    years = result["years"]
    for ph in result["phrases"]:
        click.echo(click.style(f"{ph['phrase']}", bold=True) + f"  {ph['paragraphs']} paragraphs, "
                   f"{ph['documents']} documents" + (f", first {ph['first_year']}" if ph["first_year"] else ""))
        if not ph["paragraphs"]:
            continue
        click.echo(_pad_right(place, 22) + _pad_right("first", 6) + "".join(f"{y:>7}" for y in years) + "      ?  total")
        for row in ph["places"]:
            cells = {c["year"]: c["paragraphs"] for c in row["cells"]}
            label = (row["place"] or "(none)") + (f" · {row['parent']}" if row["parent"] else "")
            click.echo(_pad_right(label, 22) + _pad_right(str(row["first_year"] or ""), 6)
                       + "".join(f"{cells.get(y, ''):>7}" for y in [*years, None]) + f"{row['paragraphs']:>7}")
        click.echo("")


def _read_bytes(path: str) -> bytes:
    """The file's bytes (standard input for '-'); a clear message when it cannot be read."""
    if path == "-":
        data: bytes = sys.stdin.buffer.read()
        return data
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        raise click.ClickException(f"cannot read {path}: {exc.strerror}") from None


def _pad_right(s: str, width: int) -> str:
    return s + " " * max(1, width - _cjk_width(s))


COMMANDS = [kwic, batch]
