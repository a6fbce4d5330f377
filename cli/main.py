"""The `archive` command line: index, search, show, export, stats, serve."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from typing import Any

import click

from archive import config
from archive.export import export_chunks
from archive.place_display import place_label
from archive.fields import DEFAULT_SORT, PARAGRAPH_FIELDS, PLACE_FIELDS, SORTS, flat_facets
from archive.printable import printable
from archive.query import QueryError
from archive.snippets import snippet

from .common import _echo_json, _filters, _home, _open, _query_text, _styled, filter_options


def _default_paths(paths: tuple[str, ...]) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    local = Path("seeds")
    return [local if local.is_dir() else config.SEEDS_DIR]


def _meta_line(h: dict[str, Any]) -> str:
    bits = [place_label(h), str(h.get("year") or ""), h.get("speaker") or "", h.get("doc_type") or ""]
    return " · ".join(b for b in bits if b)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="township-archive", prog_name="archive")
def main() -> None:
    """Full-text archive of Chinese local-government texts.

    Start with `archive index` (indexes seeds/), then `archive search 腾笼换鸟`.
    """


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--home", envvar="ARCHIVE_HOME", help="Archive home (default ./var/archive; or $ARCHIVE_HOME).")
@click.option("--rebuild", is_flag=True, help="Start afresh instead of updating changed documents only.")
@click.option("--keep-duplicates", is_flag=True, help="Index copies of the same text as separate documents.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--verbose", "-v", is_flag=True, help="List every undated, unplaced and uncatalogued file.")
@click.option("--max-file-mb", type=float, help="Skip files larger than this (default 200; $ARCHIVE_MAX_FILE_MB).")
@click.option(
    "--max-paragraph-chars",
    type=click.IntRange(min=200),
    help="Split longer paragraphs at sentence ends (default 5000; $ARCHIVE_MAX_PARAGRAPH_CHARS).",
)
@click.option("--max-pdf-pages", type=int, help="Skip PDFs with more pages (default 2000; $ARCHIVE_MAX_PDF_PAGES).")
@click.option(
    "--max-docx-xml-mb",
    type=float,
    help="Skip .docx files with an XML part larger than this, uncompressed (default 64).",
)
@click.option(
    "--max-docx-ratio",
    type=float,
    help="Skip .docx files with a part over 1 MB compressed more than this (default 100).",
)
def index(
    paths: tuple[str, ...],
    home: str | None,
    rebuild: bool,
    keep_duplicates: bool,
    as_json: bool,
    verbose: bool,
    max_file_mb: float | None,
    max_paragraph_chars: int | None,
    max_pdf_pages: int | None,
    max_docx_xml_mb: float | None,
    max_docx_ratio: float | None,
) -> None:
    """Index PATHS (files or folders; default seeds/). Unchanged documents are skipped."""
    from indexer.build import build

    home_path = _home(home)
    limits = config.Limits.from_env(
        file_mb=max_file_mb,
        paragraph_chars=max_paragraph_chars,
        pdf_pages=max_pdf_pages,
        docx_xml_mb=max_docx_xml_mb,
        docx_ratio=max_docx_ratio,
    )
    bar: Any = None

    def progress(src, i: int, n: int) -> None:
        nonlocal bar
        if as_json or not sys.stderr.isatty():
            return
        if bar is None:
            bar = click.progressbar(length=n, label="indexing", file=sys.stderr, show_pos=True)
            bar.__enter__()
        bar.update(1)

    def ocr_progress(shown: str, done: int, total: int, left: float | None) -> None:
        from indexer.ocr.cache import progress_line

        if not as_json:
            click.echo(printable(progress_line(shown, done, total, left)), err=True)

    try:
        report = build(
            _default_paths(paths),
            home_path,
            rebuild=rebuild,
            keep_duplicates=keep_duplicates,
            progress=progress,
            limits=limits,
            ocr_progress=ocr_progress,
        )
    except KeyboardInterrupt:
        raise click.ClickException("interrupted: the previous index is unchanged") from None
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    if as_json:
        _echo_json(report.to_dict())
        return
    click.echo(f"index: {report.home}" + (f"  (rebuilt: {report.reason})" if report.rebuilt else ""))
    click.echo(
        f"  {report.documents} documents, {report.paragraphs} paragraphs; "
        f"{len(report.added)} added, {len(report.updated)} updated, {len(report.removed)} removed, "
        f"{report.unchanged} unchanged; {report.seconds:.2f} s"
    )
    for fmt, c in sorted(report.formats.items()):
        click.echo(f"  {fmt:>5}: {c['files']} files, {c['documents']} documents, {c['skipped']} skipped")
    if report.ocr_pages:
        rate = 60 * report.ocr_pages / report.ocr_seconds if report.ocr_seconds else 0
        click.echo(f"    OCR: {report.ocr_pages} pages in {report.ocr_seconds:.1f} s ({rate:.0f} pages a minute)")
    P = printable  # file names can hold newlines or U+202E: never printed raw
    for path, why in report.skipped:
        click.echo(f"  skipped {P(path)}: {P(why)}", err=True)
    for path, why in report.warnings:
        click.echo(f"  warning {P(path)}: {P(why)}", err=True)
    for path, twin, similarity in report.duplicates:
        click.echo(
            f"  duplicate {P(path)}: same text as {P(twin)} (similarity {similarity:.2f}); stored once, path kept as an alias"
        )
    shown = None if verbose else NOTES_SHOWN
    _echo_some([f"  place: {P(path)}: {P(why)}" for path, why in report.unplaced], shown)
    _echo_some(
        [
            f"  undated: {P(path)}: no catalog date, dateline, session or title year; year left empty"
            for path in report.undated
        ],
        shown,
    )
    _echo_some(
        [
            f"  note: {P(path)} has no catalog entry; title, date and place were inferred from the file"
            for path in report.uncataloged
        ],
        shown,
    )


NOTES_SHOWN = 8  # notes of one kind printed before "… and N more": a folder of 5,000 files stays readable


def _echo_some(lines: list[str], shown: int | None) -> None:
    """Every line, or the first `shown` and a count of the rest (--verbose or --json list them all)."""
    for line in lines if shown is None else lines[:shown]:
        click.echo(line)
    if shown is not None and len(lines) > shown:
        kind = lines[0].split(":")[0].strip()
        click.echo(f"  … and {len(lines) - shown} more {kind} lines (archive index --verbose or --json lists them all)")


@main.command()
@click.argument("query", nargs=-1)
@filter_options
@click.option("--sort", type=click.Choice(SORTS), default=DEFAULT_SORT)
@click.option("--limit", type=int, default=10, show_default=True)
@click.option("--offset", type=int, default=0)
@click.option("--json", "as_json", is_flag=True, help="Print the result object as JSON.")
@click.option("--home", envvar="ARCHIVE_HOME")
def search(
    query: tuple[str, ...],
    sort: str,
    limit: int,
    offset: int,
    as_json: bool,
    home: str | None,
    **filters: tuple[str, ...],
) -> None:
    """Search paragraphs. Terms are exact substrings, ANDed; "quotes", -exclude, OR,
    township:新仓镇 year:2022-2024 speaker:金一 type:任务书 work inside QUERY."""
    archive = _open(_home(home))
    text = _query_text(query)
    try:
        result = archive.search(
            text,
            filters=_filters(**filters),
            sort=sort,
            limit=limit,
            offset=offset,
            allow_empty=bool(any(filters.values())),
        )
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    from archive.hints import hints

    found = hints(archive, text, result["filters"]) if result["total"] == 0 else None
    if as_json:
        _echo_json({k: result[k] for k in ("query", "total", "hits", "facets")} | ({"hints": found} if found else {}))
        return
    total = result["total"]
    click.echo(
        click.style(f"{total} paragraph{'s' if total != 1 else ''}", bold=True)
        + (f" for «{text}»" if text else "")
        + (f", showing {offset + 1}-{offset + len(result['hits'])}" if result["hits"] else "")
    )
    if found and found["suggestion"]:
        click.echo(f"did you mean: {found['suggestion']}")
    for w in (found or {}).get("without", []):
        click.echo(f"without {w['field']}:{','.join(w['values'])}: {w['total']} paragraphs")
    width = min(shutil.get_terminal_size((100, 20)).columns, 100)
    for h in result["hits"]:
        click.echo("")
        click.echo(click.style(h["id"], fg="cyan") + "  " + _meta_line(h))
        click.echo(click.style(f"  {h['title'] or ''}  lines {h['source_lines'][0]}-{h['source_lines'][1]}", dim=True))
        snip, spans, _ = snippet(h["text"], h["highlights"])
        for line in _wrap_styled(snip, spans, width - 2):
            click.echo("  " + line)
    if result["facets"]:
        click.echo("")
        for name in (PLACE_FIELDS[-1], *(f.name for f in flat_facets())):  # the innermost place, the rest
            vals = result["facets"].get(name) or []
            shown = ", ".join(f"{v['value'] if v['value'] is not None else '（无）'} {v['count']}" for v in vals[:8])
            if shown:
                click.echo(click.style(f"{name:>9}: ", dim=True) + shown)


def _wrap_styled(text: str, spans: list[list[int]], width: int) -> list[str]:
    """Wrap CJK text by display width (two columns a character), keeping highlights."""
    lines, start, col = [], 0, 0
    for i, ch in enumerate(text):
        w = 2 if ord(ch) > 0x2E80 else 1
        if col + w > width:
            lines.append((start, i))
            start, col = i, 0
        col += w
    lines.append((start, len(text)))
    out = []
    for a, b in lines:
        local = [[max(s, a) - a, min(e, b) - a] for s, e in spans if s < b and e > a]
        out.append(_styled(text[a:b], local))
    return out


@main.command()
@click.argument("pid")
@click.option("--context", type=int, default=1, show_default=True, help="Paragraphs before and after.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--home", envvar="ARCHIVE_HOME")
def show(pid: str, context: int, as_json: bool, home: str | None) -> None:
    """Show paragraph PID with its neighbours and its lines in the source file."""
    archive = _open(_home(home))
    p = archive.paragraph(pid)
    if not p:
        raise click.ClickException(f"no paragraph {pid!r} (ids look like pinghu-2023-biaotai-12)")
    before, after = archive.neighbours(p, max(0, min(context, 20)))
    src = archive.source_text(p["doc_id"])
    a, b = p["source_lines"]
    source_lines = []
    if src is not None:
        lines = src.split("\n")
        source_lines = [{"line": i, "text": lines[i - 1]} for i in range(a, min(b, len(lines)) + 1)]
    if as_json:
        _echo_json({"paragraph": p, "before": before, "after": after, "source": source_lines})
        return
    for x in before:
        click.echo(click.style(f"[{x['n']}] {x['text']}", dim=True))
    click.echo(click.style(f"[{p['n']}] ", bold=True) + p["text"])
    for x in after:
        click.echo(click.style(f"[{x['n']}] {x['text']}", dim=True))
    click.echo("")
    for k in PARAGRAPH_FIELDS:
        if k not in ("text", "evidence"):
            click.echo(f"{k:>14}: {p[k]}")
    click.echo("\nwhy these tags:")
    for k, why in (p.get("evidence") or {}).items():
        click.echo(f"{k:>14}: {why}")
    click.echo(f"\n{p['source_path']}, lines {a}-{b}:")
    for row in source_lines:
        click.echo(f"{row['line']:>6} | {row['text']}")


@main.command()
@click.argument("pid")
@click.option("--json", "as_json", is_flag=True)
@click.option("--home", envvar="ARCHIVE_HOME")
def similar(pid: str, as_json: bool, home: str | None) -> None:
    """Paragraphs elsewhere that reuse text from paragraph PID (found at index time)."""
    archive = _open(_home(home))
    p = archive.paragraph(pid)
    if not p:
        raise click.ClickException(f"no paragraph {pid!r}")
    rows = archive.similar(pid)
    if as_json:
        _echo_json({"paragraph": p, "similar": rows})
        return
    click.echo(click.style(f"[{p['id']}] ", bold=True) + _meta_line(p))
    click.echo("  " + p["text"][:200])
    if not rows:
        click.echo("\nno paragraph in another document shares a passage with it")
    for r in rows:
        click.echo("")
        click.echo(click.style(f"{r['id']}", fg="cyan") + f"  {r['similarity']:.2f}  " + _meta_line(r))
        click.echo("  " + r["text"][:200])


@main.command()
@click.argument("query", nargs=-1)
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many paragraphs (default: all).")
@click.option("--sort", type=click.Choice(SORTS), default="oldest", show_default=True)
@click.option("--home", envvar="ARCHIVE_HOME")
def export(
    query: tuple[str, ...],
    fmt: str,
    output: str | None,
    limit: int | None,
    sort: str,
    home: str | None,
    **filters: tuple[str, ...],
) -> None:
    """Export every matching paragraph with every field; no QUERY exports the whole archive.
    Rows are streamed (memory stays flat); CSV is UTF-8 with BOM, for Excel, with cells a
    spreadsheet would run as formulas (=, +, -, @) prefixed with an apostrophe."""
    archive = _open(_home(home))
    try:
        total, rows = archive.matches(_query_text(query), filters=_filters(**filters), sort=sort, cap=limit)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    written = 0

    def counted():
        nonlocal written
        for r in rows:
            written += 1
            yield r

    if output:
        with open(output, "wb") as f:
            for chunk in export_chunks(counted(), fmt):
                f.write(chunk)
        click.echo(f"{written:,} of {total:,} matching paragraphs written to {output}", err=True)
    else:
        out = sys.stdout.buffer
        for chunk in export_chunks(counted(), fmt):
            out.write(chunk)
        out.flush()
    if written < total:
        click.echo(f"export stopped at --limit {limit:,}: {total - written:,} more paragraphs match", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True)
@click.option("--home", envvar="ARCHIVE_HOME")
def stats(as_json: bool, home: str | None) -> None:
    """What the archive holds: documents, paragraphs, places, years."""
    s = _open(_home(home)).stats()
    if as_json:
        _echo_json(s)
        return
    click.echo(
        f"{s['home']}: {s['documents']} documents, {s['paragraphs']} paragraphs "
        f"({', '.join(f'{k} {v}' for k, v in sorted(s['kinds'].items()))}); "
        f"index {s['index_bytes'] / 1e6:.1f} MB; analysis {s['analysis']}"
    )
    if s["unreachable_rows"]:
        click.echo(
            f"exact-match table: {s['unreachable_rows']:,} rows of replaced paragraphs "
            "(unreachable; 'archive index --rebuild' drops them)"
        )
    for d in s["docs"]:
        place = " ".join(x for x in (d["province"], d["city"], d["county"]) if x) or (
            "全国" if d["level"] == "national" else "?"
        )
        alias = f"  (+{len(d['aliases'])} alias)" if d["aliases"] else ""
        if d.get("given_id"):  # the id the catalog or row gave, before it was made a safe name
            alias += f"  (given id {printable(repr(d['given_id']))})"
        click.echo(
            f"  {d['doc_id']:<30} {d['paragraphs']:>5}  {d['year'] or '?':<4}  {place:<16} {d['title'] or ''}{alias}"
        )
    for name in (*PLACE_FIELDS[-2:], *(f.name for f in flat_facets())):
        vals = s["facets"].get(name) or []
        click.echo(
            f"{name:>9}: "
            + ", ".join(f"{v['value'] if v['value'] is not None else '（无）'} {v['count']}" for v in vals[:12])
        )


def _default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 4))


def _free_port(host: str) -> int:
    """A port the OS says is free now, so the printed address and the permalinks name the port
    the server really listens on (``--port 0`` printed and cited port 0)."""
    import socket

    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--workers",
    default=_default_workers,
    show_default="one per core, up to 4",
    type=int,
    help="server processes (each opens the index itself)",
)
@click.option("--threads", default=8, show_default=True, type=int, help="threads per process")
@click.option(
    "--base-url",
    envvar="ARCHIVE_BASE_URL",
    help="Public address for permalinks and citations (or $ARCHIVE_BASE_URL; default http://HOST:PORT).",
)
@click.option("--home", envvar="ARCHIVE_HOME")
def serve(host: str, port: int, workers: int, threads: int, base_url: str | None, home: str | None) -> None:
    """Serve the web archive (builds the index from seeds/ first if there is none)."""
    from archive import store

    home_path = _home(home)
    if not store.exists(home_path):
        from indexer.build import build

        click.echo(f"no index in {home_path}: indexing seeds first", err=True)
        report = build(_default_paths(()), home_path)
        click.echo(
            f"  {report.documents} documents, {report.paragraphs} paragraphs in {report.seconds:.1f} s", err=True
        )
    if port == 0:  # "any free port": name the one it gets
        port = _free_port(host)
    click.echo(
        f"serving {home_path} on http://{host}:{port}/  ({workers} process{'es' if workers > 1 else ''}; "
        "Ctrl-C to stop)",
        err=True,
    )
    base_url = base_url or f"http://{host}:{port}"  # never the Host header a client sends
    if workers > 1 and os.name == "posix":
        from web.server import serve_processes

        serve_processes(home_path, host, port, workers, threads, base_url)
    else:
        from waitress import serve as waitress_serve

        from web.server import warm_app

        waitress_serve(warm_app(home_path, base_url), host=host, port=port, threads=threads, ident="archive")


# Trends and citations (cli/views.py), registered here so that `archive --help` lists them.
from .views import cite as _cite, trend as _trend  # noqa: E402

main.add_command(_trend)
main.add_command(_cite)


def _add_workbench() -> None:
    """The workbench's commands (kwic, batch, …) live in cli/workbench.py."""
    from .workbench import COMMANDS

    for command in COMMANDS:
        main.add_command(command)


_add_workbench()


if __name__ == "__main__":  # pragma: no cover
    main()
