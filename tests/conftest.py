"""Shared fixtures: a real Whoosh index of the repo's seeds, built once per test session, and
the app, its test client and a CLI runner on it (as in the Flask tutorial's conftest).

Helpers are fixtures here (never imported from this file by module name): ask for
``replicate_seeds``, ``listening_port`` or ``serve_in_thread`` as an argument.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest
from click.testing import CliRunner

from archive.search import Archive
from indexer.build import build

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(scope="session")
def seed_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("home")
    report = build([SEEDS], home)
    assert report.documents == 5 and not report.skipped
    return home


@pytest.fixture(scope="session")
def archive(seed_home) -> Archive:
    return Archive(seed_home)


@pytest.fixture(scope="session")
def app(seed_home):
    """The Flask app on the seed archive, through create_app's test_config."""
    from web import create_app

    return create_app(seed_home, {"TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner() -> Callable[..., object]:
    """Runs the `archive` command line in-process: runner("search", "x", "--home", h)."""
    from cli.main import main

    def run(*args: str, catch_exceptions: bool = True):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=catch_exceptions)

    return run


@pytest.fixture
def seeds_copy(tmp_path) -> Path:
    """A writable copy of the seeds folder (for tests that change files)."""
    d = tmp_path / "seeds"
    shutil.copytree(SEEDS, d)
    return d


def _replicate(dest: Path, copies: int) -> Path:
    for k in range(copies):
        d = dest / f"copy{k}"
        d.mkdir(parents=True)
        for f in SEEDS.glob("*.txt"):
            shutil.copy(f, d / f.name)
    return dest


@pytest.fixture
def replicate_seeds() -> Callable[[Path, int], Path]:
    """replicate_seeds(dest, copies): the seeds copied into `copies` folders, a larger index
    for tests that need one (index it with keep_duplicates, since the copies are the same text)."""
    return _replicate


def _listening_port(pid: int) -> int | None:
    """The TCP port process ``pid`` listens on (Linux /proc), None while it listens on none.
    A server started with port 0 picks a free port itself: no window in which another
    process can take a port the test chose (the race of bind-close-reuse)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            cols = row.split()
            if cols[3] == "0A" and cols[9] in inodes:  # state LISTEN, our socket
                return int(cols[1].rsplit(":", 1)[1], 16)
    return None


@pytest.fixture
def listening_port() -> Callable[[int], int | None]:
    if not Path("/proc/self/fd").is_dir() or not Path("/proc/net/tcp").exists():
        pytest.skip("reading a server's port needs Linux /proc")
    return _listening_port


@pytest.fixture
def serve_in_thread() -> Iterator[Callable[..., str]]:
    """serve_in_thread(app, threads=4) -> base URL: the app under waitress in this process,
    on a port the server picked (port 0, read back), closed after the test."""
    from waitress.server import create_server

    servers = []

    def start(app, threads: int = 4) -> str:
        srv = create_server(app, host="127.0.0.1", port=0, threads=threads)
        servers.append(srv)
        threading.Thread(target=srv.run, daemon=True).start()
        return f"http://127.0.0.1:{srv.effective_port}"

    yield start
    for srv in servers:
        srv.close()


@pytest.fixture
def serve_process(listening_port) -> Iterator[Callable[..., tuple[subprocess.Popen, int]]]:
    """serve_process(*args) -> (process, port): `archive serve --port 0 *args` in a subprocess,
    once it accepts connections (the port is read back from the socket it listens on); stopped
    after the test."""
    exe = str(Path(sys.executable).with_name("archive"))
    procs: list[subprocess.Popen] = []

    def start(*args: str) -> tuple[subprocess.Popen, int]:
        proc = subprocess.Popen([exe, "serve", "--port", "0", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        procs.append(proc)
        deadline = time.time() + 60
        while True:
            port = listening_port(proc.pid)
            if port is not None:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=5).close()
                    return proc, port
                except OSError:
                    pass
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "server exited"
            assert time.time() < deadline, "server did not listen within 60 s"
            time.sleep(0.2)

    yield start
    for proc in procs:
        proc.terminate()
        proc.wait(timeout=20)


# --- browser and accessibility --------------------------------------------------------------

CHROMIUM = os.environ.get("ARCHIVE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"  # axe-core, MPL-2.0 (vendor/README.md)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def need_browser() -> None:
    """Skip without Chromium, unless ARCHIVE_REQUIRE_BROWSER=1 (CI), where that fails."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("ARCHIVE_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
        pytest.skip("Chromium not installed (apt-get install chromium); browser tests skipped")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        if os.environ.get("ARCHIVE_REQUIRE_BROWSER") == "1":
            pytest.fail("playwright not installed (pip install -e '.[test]')")
        pytest.skip("playwright not installed")


@pytest.fixture(scope="session")
def browser_available() -> None:
    """Depend on this in a fixture that starts a server for browser tests: it skips (or, in CI,
    fails) before the server is built when there is no browser."""
    need_browser()


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session (Playwright driving Debian's package)."""
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def axe() -> Callable[..., list[dict]]:
    """axe(page, impacts=("serious", "critical")) -> the violations axe-core finds in the
    page as loaded, of those impacts (each {"id", "impact", "help", "nodes": [html, ...]}).

    The engine is evaluated through the DevTools protocol, which the page's strict CSP does
    not govern (a <script> tag would be refused), so the page is tested under its real policy."""
    source = AXE_JS.read_text(encoding="utf-8")

    def check(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(source)
        result = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.map(n => n.html.slice(0, 200))}));
        }""")
        return [v for v in result if v["impact"] in impacts]

    return check


# --- a larger archive: hundreds of places, thousands of hits, years with gaps ---------------

# Years the generated archive covers: runs with gaps (a chart or range control must show them)
BIG_YEARS = [1995, 1998, 2003, 2004, 2005, 2006, 2008, 2012, 2015, 2018, 2019, 2020, 2021, 2022, 2023, 2024]
BIG_TYPES = ["表态发言", "政府工作报告", "工作总结", "心得体会", "任务书"]


def _seed_paragraphs() -> list[str]:
    """Body sentences of the seeds, joined into paragraphs of 80-300 characters (real text,
    cut loose from the seeds' own place lines and signatures)."""
    import re

    text = "".join(f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt")))
    text = re.sub(r"\s+", "", text)
    sentences = [
        s
        for s in re.findall(r"[^。！？]{12,160}[。！？]", text)
        if not re.search(r"[镇乡]|街道|市|县|书记|镇长|县长|市长|■", s)
    ]
    out, cur = [], ""
    for s in sentences:
        cur += s
        if len(cur) >= 80:
            out.append(cur)
            cur = ""
    return out


def _big_places(n_docs: int) -> list[tuple[str, str, str, str | None]]:
    """(province, city, county, township) for each generated document, from the gazetteer:
    many provinces and counties, and mostly a different township per document."""
    names: dict[str, tuple[str, str]] = {}
    for line in (REPO / "archive" / "data" / "divisions.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        code, name, parent = line.split("\t")
        names[code] = (name, parent)
    counties = sorted(
        c for c in names if len(c) == 6 and names[c][0].endswith(("县", "市")) and names.get(c[:4]) and names.get(c[:2])
    )
    step = max(1, len(counties) // 60)
    picked = counties[::step][:60]
    towns = {
        c: sorted(t for t in names if len(t) == 9 and t.startswith(c) and names[t][0].endswith("镇")) for c in picked
    }
    out: list[tuple[str, str, str, str | None]] = []
    k = 0
    while len(out) < n_docs:
        c = picked[k % len(picked)]
        row = k // len(picked)
        ts = towns[c]
        town = None if k % 11 == 0 or not ts else names[ts[row % len(ts)]][0]  # some county-wide
        out.append((names[c[:2]][0], names[c[:4]][0], names[c][0], town))
        k += 1
    return out


@pytest.fixture(scope="session")
def big_home(tmp_path_factory) -> Path:
    """An archive of 420 generated documents (~10,000 paragraphs) from the seeds' sentences:
    60 counties in many provinces, ~380 townships, 16 years with gaps, five types; every
    document has 发展 many times, some 腾笼换鸟、凤凰涅槃. Built once per session."""
    import random

    rng = random.Random(12)
    paras = _seed_paragraphs()
    root = tmp_path_factory.mktemp("big")
    docs = root / "docs"
    docs.mkdir()
    catalog = []
    for i, (prov, city, county, town) in enumerate(_big_places(420)):
        year = BIG_YEARS[i % len(BIG_YEARS)]
        body = rng.sample(paras, 22)
        if i % 7 == 0:
            body.insert(3, "我们坚持腾笼换鸟、凤凰涅槃，推动产业转型升级，全力以赴抓发展。")
        (docs / f"d{i:03d}.txt").write_text("\n\n".join(body) + "\n", encoding="utf-8")
        entry = [
            f'[[document]]\nfile = "d{i:03d}.txt"\nid = "big-{i:03d}"',
            f'title = "{county}{year}年{BIG_TYPES[i % 5]}（第{i}号）"',
            f'date = "{year}"',
            f'type = "{BIG_TYPES[i % 5]}"',
            f'province = "{prov}"',
            f'city = "{city}"',
            f'county = "{county}"',
        ]
        if town:
            entry.append(f'township = "{town}"')
        catalog.append("\n".join(entry))
    (docs / "catalog.toml").write_text("\n\n".join(catalog) + "\n", encoding="utf-8")
    home = root / "home"
    build([docs], home, keep_duplicates=True)
    return home
