"""The workbench's commands (kwic, batch, saved, compare): thin calls into archive/,
registered on the `archive` group by cli/main.py."""

from __future__ import annotations

import csv
import shutil
import sys
from typing import Any

import click

from archive import batch as batch_mod
from archive.fields import DEFAULT_PLACE, DEFAULT_TIME, YEAR_FIELDS
from archive import compare as compare_mod
from archive import config
from archive import kwic as kwic_mod
from archive import saved as saved_mod
from archive.query import QueryError

from .common import _echo_json, _filters, _home, _open, _query_text, filter_options


def _cols() -> int:
    return min(shutil.get_terminal_size((100, 20)).columns, 120)


def _cjk_width(s: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in s)


def _pad_left(s: str, width: int) -> str:
    return " " * max(0, width - _cjk_width(s)) + s


@click.command()
@click.argument("query", nargs=-1)
@filter_options
@click.option(
    "--width",
    type=click.IntRange(1, kwic_mod.MAX_WIDTH),
    default=kwic_mod.DEFAULT_WIDTH,
    show_default=True,
    help="Characters of context on each side.",
)
@click.option(
    "--sort",
    type=click.Choice(kwic_mod.SORTS),
    default="oldest",
    show_default=True,
    help="left/right: by the context characters nearest the hit; left_words/right_words: by jieba words.",
)
@click.option("--limit", type=click.IntRange(1, None), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0, None), default=0)
@click.option("--json", "as_json", is_flag=True, help="Print the concordance object as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Every line as CSV (UTF-8 with BOM), ignoring --limit.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the CSV here instead of stdout.")
@click.option("--home", envvar="ARCHIVE_HOME")
def kwic(
    query: tuple[str, ...],
    width: int,
    sort: str,
    limit: int,
    offset: int,
    as_json: bool,
    as_csv: bool,
    output: str | None,
    home: str | None,
    **filters: tuple[str, ...],
) -> None:
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
        result = kwic_mod.concordance(
            archive, text, filters=_filters(**filters), width=width, sort=sort, limit=min(limit, 100), offset=offset
        )
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        _echo_json(result)
        return
    click.echo(
        click.style(f"{result['total']} occurrences in {result['paragraphs']} paragraphs", bold=True)
        + f" for «{text}», sorted by {sort}"
    )
    side = width * 2
    for ln in result["lines"]:
        left, right = ln["left"].replace("\n", " "), ln["right"].replace("\n", " ")
        click.echo(
            _pad_left(left, side)
            + " "
            + click.style(ln["hit"], fg="red", bold=True)
            + " "
            + right
            + click.style(f"  {ln['place']} {ln['year'] or ''} {ln['id']}", dim=True)
        )


@click.command()
@click.argument("phrases_file", type=click.Path(dir_okay=False, allow_dash=True))
@filter_options
@click.option(
    "--place",
    type=click.Choice(batch_mod.PLACE_LEVELS),
    default=DEFAULT_PLACE,
    show_default=True,
    help="The place level of the rows.",
)
@click.option(
    "--time",
    "time_",
    type=click.Choice(YEAR_FIELDS),
    default=DEFAULT_TIME,
    show_default=True,
    help="year: the year a document was issued; period: the year its section speaks about.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the table object as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="The table as CSV (UTF-8 with BOM).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the CSV or JSON here.")
@click.option("--home", envvar="ARCHIVE_HOME")
def batch(
    phrases_file: str,
    place: str,
    time_: str,
    as_json: bool,
    as_csv: bool,
    output: str | None,
    home: str | None,
    **filters: tuple[str, ...],
) -> None:
    """Count every phrase of PHRASES_FILE (one a line, or a .csv/.tsv column; - for stdin)
    per place and year: paragraphs, documents, first appearance, totals."""
    try:
        text = batch_mod.decode_phrases(_read_bytes(phrases_file))
    except QueryError as exc:
        raise click.ClickException(f"{phrases_file}: {exc}") from None
    archive = _open(_home(home))
    try:
        result = batch_mod.batch(
            archive, batch_mod.read_phrases(text, phrases_file), filters=_filters(**filters), place=place, time=time_
        )
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
        click.echo(
            click.style(f"{ph['phrase']}", bold=True) + f"  {ph['paragraphs']} paragraphs, "
            f"{ph['documents']} documents" + (f", first {ph['first_year']}" if ph["first_year"] else "")
        )
        if not ph["paragraphs"]:
            continue
        click.echo(
            _pad_right(place, 22) + _pad_right("first", 6) + "".join(f"{y:>7}" for y in years) + "      ?  total"
        )
        for row in ph["places"]:
            cells = {c["year"]: c["paragraphs"] for c in row["cells"]}
            label = (row["place"] or "(none)") + (f" · {row['parent']}" if row["parent"] else "")
            click.echo(
                _pad_right(label, 22)
                + _pad_right(str(row["first_year"] or ""), 6)
                + "".join(f"{cells.get(y, ''):>7}" for y in [*years, None])
                + f"{row['paragraphs']:>7}"
            )
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


@click.group()
def saved() -> None:
    """Saved searches (in saved.sqlite in the archive home; no accounts): add, list, open,
    feed, delete, export, import."""


def _saved(home: str | None) -> tuple[Any, saved_mod.SavedSearches]:
    archive = _open(_home(home))
    return archive, saved_mod.SavedSearches(archive.home)


@saved.command("add")
@click.argument("name")
@click.argument("query", nargs=-1)
@filter_options
@click.option("--sort", type=click.Choice(["relevance", "newest", "oldest", "place"]), default="relevance")
@click.option("--replace", is_flag=True, help="Replace a saved search of the same name.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--home", envvar="ARCHIVE_HOME")
def saved_add(
    name: str,
    query: tuple[str, ...],
    sort: str,
    replace: bool,
    as_json: bool,
    home: str | None,
    **filters: tuple[str, ...],
) -> None:
    """Save QUERY (with the filters and sort) under NAME."""
    archive, store = _saved(home)
    try:
        s = store.save(name, _query_text(query), _filters(**filters), sort, replace=replace)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    st = saved_mod.status(archive, store, s)
    if as_json:
        _echo_json(st)
    else:
        click.echo(f"saved {name!r}: {st['total']} paragraphs match")


@saved.command("list")
@click.option("--json", "as_json", is_flag=True)
@click.option("--home", envvar="ARCHIVE_HOME")
def saved_list(as_json: bool, home: str | None) -> None:
    """Every saved search with its matches now and how many are new since it was last opened."""
    archive, store = _saved(home)
    rows = [saved_mod.status(archive, store, s) for s in store.all()]
    if as_json:
        _echo_json({"saved": rows})
        return
    if not rows:
        click.echo("no saved searches (archive saved add NAME QUERY)")
    for r in rows:
        filters = " ".join(f"{k}:{v}" for k, vals in r["filters"].items() for v in vals)
        if r.get("error"):
            click.echo(click.style(r["name"], bold=True) + f"  «{r['query']}» {filters}  cannot run: {r['error']}")
            continue
        click.echo(
            click.style(r["name"], bold=True)
            + f"  «{r['query']}» {filters}  {r['total']} paragraphs, "
            + click.style(f"{r['new']} new", fg="green" if r["new"] else None)
            + f" since {r['last_visit'] or 'never opened'}"
        )


@saved.command("open")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.option("--home", envvar="ARCHIVE_HOME")
def saved_open(name: str, as_json: bool, home: str | None) -> None:
    """Open NAME: print its counts and mark everything it matches as seen."""
    archive, store = _saved(home)
    try:
        st = saved_mod.visit(archive, store, name)
    except KeyError:
        raise click.ClickException(f"no saved search {name!r}") from None
    if as_json:
        _echo_json(st)
    else:
        click.echo(
            f"{name}: {st['total']} paragraphs, {st['new']} new since the last visit; "
            f"archive search {saved_mod.query_text(st)}"
            + (f" --sort {st['sort']}" if st["sort"] != "relevance" else "")
        )


@saved.command("feed")
@click.argument("name")
@click.option("--output", "-o", type=click.Path(dir_okay=False))
@click.option("--home", envvar="ARCHIVE_HOME")
def saved_feed(name: str, output: str | None, home: str | None) -> None:
    """Print the Atom feed of NAME (newest paragraphs first)."""
    archive, store = _saved(home)
    s = store.get(name)
    if s is None:
        raise click.ClickException(f"no saved search {name!r}")
    body = saved_mod.atom_feed(archive, s, config.base_url())
    if output:
        with open(output, "wb") as f:
            f.write(body)
    else:
        click.echo(body.decode("utf-8"))


@saved.command("delete")
@click.argument("name")
@click.option("--home", envvar="ARCHIVE_HOME")
def saved_delete(name: str, home: str | None) -> None:
    """Delete the saved search NAME."""
    _archive, store = _saved(home)
    if not store.delete(name):
        raise click.ClickException(f"no saved search {name!r}")
    click.echo(f"deleted {name!r}")


@saved.command("export")
@click.option("--output", "-o", type=click.Path(dir_okay=False))
@click.option("--home", envvar="ARCHIVE_HOME")
def saved_export(output: str | None, home: str | None) -> None:
    """Every saved search as JSON (for saved import elsewhere)."""
    import json

    _archive, store = _saved(home)
    text = json.dumps(store.export(), ensure_ascii=False, indent=1)
    if output:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        click.echo(text)


@saved.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--replace", is_flag=True, help="Replace saved searches of the same name.")
@click.option("--home", envvar="ARCHIVE_HOME")
def saved_import(file: str, replace: bool, home: str | None) -> None:
    """Add the saved searches of an export FILE (names already taken are skipped)."""
    import json

    _archive, store = _saved(home)
    try:
        data = json.loads(_read_bytes(file).decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise click.ClickException(f"{file}: not JSON") from None
    try:
        done = store.import_(data, replace=replace)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"added {len(done['added'])}, skipped {len(done['skipped'])} (names taken: "
        f"{', '.join(done['skipped']) or 'none'})"
    )


@click.command()
@click.argument("doc_a")
@click.argument("doc_b")
@click.option("--all", "show_all", is_flag=True, help="Print every paragraph, not only those that share text.")
@click.option("--json", "as_json", is_flag=True, help="Print the comparison object as JSON.")
@click.option("--home", envvar="ARCHIVE_HOME")
def compare(doc_a: str, doc_b: str, show_all: bool, as_json: bool, home: str | None) -> None:
    """Two documents side by side: shared passages (as `archive similar` finds them) marked."""
    from .common import _styled

    archive = _open(_home(home))
    try:
        result = compare_mod.compare(archive, doc_a, doc_b)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    except LookupError as exc:
        raise click.ClickException(compare_mod.message(exc)) from None
    if as_json:
        _echo_json(result)
        return
    for side in (result["a"], result["b"]):
        click.echo(
            click.style(side["doc_id"], bold=True) + f"  {side['title'] or ''}  {side['place']} {side['year'] or ''}"
        )
        click.echo(
            f"  {side['shared_paragraphs']} of {side['paragraphs']} paragraphs share text; "
            f"{side['shared_chars']} of {side['chars']} characters ({side['shared_share']:.1%}) shared"
        )
    if not result["pairs"]:
        click.echo("\nno shared passages between them were found at index time")
    for row in result["rows"]:
        a, b = row["a"], row["b"]
        if not show_all and not ((a and a["spans"]) or (b and b["spans"])):
            continue
        click.echo("")
        for tag, x in (("A", a), ("B", b)):
            if x:
                click.echo(click.style(f"{tag} {x['id']}", fg="cyan") + "  " + _styled(x["text"], x["spans"]))


COMMANDS = [kwic, batch, saved, compare]


@click.command("ocr-cache")
@click.option("--prune", is_flag=True, help="Delete the entries no generation needs (default: only report).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--home", default=None, help="Archive home (default $ARCHIVE_HOME or ./var/archive).")
def ocr_cache(prune: bool, as_json: bool, home: str | None) -> None:
    """The OCR cache in the home (home/ocr/): what the indexed scans need and what they no
    longer do (a changed or removed scan's pages); --prune frees the latter."""
    from indexer.ocr.prune import prune as prune_cache

    report = prune_cache(_home(home), dry_run=not prune)
    if as_json:
        from dataclasses import asdict

        _echo_json({**asdict(report), "pruned": prune})
        return
    mb = 1 << 20
    click.echo(f"{len(report.kept)} entries needed ({report.kept_bytes / mb:.1f} MB)")
    verb = "removed" if prune else "not needed (archive ocr-cache --prune frees them)"
    click.echo(f"{len(report.removed)} entries {verb}: {report.freed_bytes / mb:.1f} MB")
    for layout in report.unreadable:
        click.echo(f"  unreadable scan layout {layout}: nothing removed", err=True)


COMMANDS.append(ocr_cache)
