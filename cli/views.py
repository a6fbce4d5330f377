"""`archive trend` and `archive cite`: the trends and citations of the web archive on the
command line, with the same dicts as the JSON API (--json)."""

from __future__ import annotations

import click

from archive import config
from archive.cite import citation
from archive.query import QueryError
from archive.fields import DEFAULT_PLACE, DEFAULT_TIME, PLACE_FIELDS, YEAR_FIELDS

from .common import _echo_json, _filters, _home, _open, _query_text, filter_options


@click.command()
@click.argument("query", nargs=-1)
@filter_options
@click.option(
    "--by",
    type=click.Choice(YEAR_FIELDS),
    default=DEFAULT_TIME,
    show_default=True,
    help="year: the year a document was issued; period: the year its section speaks about.",
)
@click.option(
    "--diffusion",
    type=click.Choice(PLACE_FIELDS),
    default=DEFAULT_PLACE,
    show_default=True,
    help="Level of the places in the first-appearance table.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the trend object as JSON (as /api/trend).")
@click.option("--home", envvar="ARCHIVE_HOME")
def trend(
    query: tuple[str, ...], by: str, diffusion: str, as_json: bool, home: str | None, **filters: tuple[str, ...]
) -> None:
    """Matching paragraphs per year, raw and per 1,000 paragraphs, for one or more phrases
    separated by commas (archive trend 腾笼换鸟,筑巢引凤), and where each first appears."""
    archive = _open(_home(home))
    try:
        t = archive.trend(_query_text(query), filters=_filters(**filters), by=by, level=diffusion)
    except QueryError as exc:
        raise click.UsageError(str(exc)) from None
    if as_json:
        _echo_json(t)
        return
    terms, shared = t["terms"], t["shared_base"]
    head = f"{'year' if by == 'year' else 'period':>6}" + (f" {'paragraphs':>10}" if shared else "")
    head += "".join((f"  {'paragraphs':>10}" if not shared else "") + f"  {term[:12]:>12} {'‰':>7}" for term in terms)
    click.echo(head)
    for row in t["rows"]:
        cells = "".join(
            (f"  {b:>10}" if not shared else "") + f"  {c:>12} {('-' if r is None else f'{r:.2f}'):>7}"
            for b, c, r in zip(row["paragraphs"], row["counts"], row["per_1000"])
        )
        click.echo(f"{row['year']:>6}" + (f" {row['paragraphs'][0]:>10}" if shared else "") + cells)
    for s in t["series"]:
        click.echo("")
        click.echo(
            click.style(f"{s['query']}: {s['total']} paragraphs", bold=True)
            + (f", first in {s['first_year']}" if s["first_year"] else "")
            + (f" ({s['undated']} undated)" if s["undated"] else "")
        )
        for r in s["diffusion"][:30]:
            place = r["place"] or f"(no {diffusion})"
            parent = f" · {r['parent']}" if r["parent"] else ""
            undated = f" ({r['undated']} undated)" if r["undated"] else ""
            click.echo(f"  {r['first_year'] or '?':>6}  {place}{parent}  {r['total']}{undated}")
        if len(s["diffusion"]) > 30:
            click.echo(f"  … {len(s['diffusion']) - 30} more places (--json for all)")


@click.command()
@click.argument("pid")
@click.option("--format", "fmt", type=click.Choice(["gbt7714", "ris", "bibtex"]), default="gbt7714", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the citation object as JSON (as /api/cite/ID).")
@click.option(
    "--base-url",
    envvar="ARCHIVE_BASE_URL",
    help="Public address of the web archive for the permalink (or $ARCHIVE_BASE_URL).",
)
@click.option("--home", envvar="ARCHIVE_HOME")
def cite(pid: str, fmt: str, as_json: bool, base_url: str | None, home: str | None) -> None:
    """Cite paragraph PID: GB/T 7714 (default), RIS or BibTeX, with its permalink."""
    archive = _open(_home(home))
    p = archive.paragraph(pid)
    if not p:
        raise click.ClickException(f"no paragraph {pid!r} (ids look like pinghu-2023-biaotai-12)")
    head = ([p] if p["n"] == 1 else []) + (archive.neighbours({**p, "n": 1}, 6)[1] if p["n"] > 1 else [])
    c = citation(p, head, config.base_url(base_url))
    if as_json:
        _echo_json(c)
    else:
        click.echo(c[fmt].rstrip("\r\n").replace("\r\n", "\n"))
