"""The HTTP protocol edges: JSON errors for every /api status, 400 for bytes that are not
UTF-8, security headers under which the pages still work, permalinks from the configured
base URL; through Flask's test client and through a real `archive serve` (gunicorn)."""

from __future__ import annotations

import json
import os
import shutil
import socket

import pytest
from click.testing import CliRunner

from cli.main import main
from archive.query import QueryError
from archive import store
from web import create_app
from web.protocol import CSP


@pytest.fixture(scope="module")
def client(seed_home):
    return create_app(seed_home, {"BASE_URL": "https://archive.example.org/township"}).test_client()


BAD_QUERIES = ["q=%FF", "q=\xff", "q=%ED%A0%80", "q=\xed\xa0\x80", "q=ok&township=%E5%B9"]


@pytest.mark.parametrize("qs", BAD_QUERIES)
def test_undecodable_query_bytes_are_a_400(client, qs):
    r = client.get("/api/search", environ_overrides={"QUERY_STRING": qs})
    assert r.status_code == 400 and r.get_json()["status"] == 400
    name = "township" if "township" in qs else "q"
    assert r.get_json()["error"].startswith(f"parameter '{name}': its value is not UTF-8 text (byte 0x")
    for path in ("/", "/trends", "/export.csv", "/d/pinghu-2023-xinde"):
        page = client.get(path, environ_overrides={"QUERY_STRING": qs})
        # the page says it in the page's language, naming the parameter
        assert page.status_code == 400 and f"参数“{name}”的值不是 UTF-8 文本" in page.get_data(as_text=True)


def test_the_offset_named_is_the_bad_byte(client):
    r = client.get("/api/search", environ_overrides={"QUERY_STRING": "q=%E8%85%BE%E7%AC%BC%FF"})
    assert r.get_json()["error"] == "parameter 'q': its value is not UTF-8 text (byte 0xFF at offset 6)"


def test_every_api_status_is_json(client, tmp_path, seed_home):
    cases = {
        ("GET", "/api/nowhere"): 404,
        ("GET", "/api/p/no-such-paragraph"): 404,
        ("POST", "/api/search?q=x"): 405,
        ("DELETE", "/api/p/x"): 405,
        ("GET", "/api/search?q=" + "%E8%85%BE" * 1000): 414,
        ("GET", "/api/search?q=%22"): 400,
        ("GET", "/api/search?limit=x&q=a"): 400,
    }
    for (method, url), status in cases.items():
        r = client.open(url, method=method)
        assert r.status_code == status and r.mimetype == "application/json", (url, r.data[:200])
        assert r.get_json()["status"] == status and r.get_json()["error"]
    assert client.post("/api/search").headers["Allow"]
    # a 500: a damaged similar.json makes /api/p fail inside the view
    broken = tmp_path / "home"
    shutil.copytree(seed_home, broken)
    store.similar_path(broken).write_text("{not json", encoding="utf-8")
    r = create_app(broken).test_client().get("/api/p/pinghu-2023-xinde-2")
    assert r.status_code == 500 and r.get_json() == {
        "error": "internal error: the server could not answer this request",
        "status": 500,
    }
    # pages keep answering with HTML
    assert client.post("/").status_code == 405 and client.post("/").mimetype == "text/html"


def test_security_headers_on_every_response(client):
    for url in (
        "/",
        "/?q=腾笼换鸟",
        "/p/pinghu-2023-xinde-2",
        "/api/search?q=腾笼换鸟",
        "/api/nowhere",
        "/static/app.js",
        "/export.csv?q=腾笼换鸟",
    ):
        h = client.get(url).headers
        assert h["Content-Security-Policy"] == CSP and "frame-ancestors 'none'" in CSP
        assert h["X-Content-Type-Options"] == "nosniff" and h["X-Frame-Options"] == "DENY"


def test_no_inline_script_or_style_in_the_pages(client):
    import re

    for url in (
        "/",
        "/?q=腾笼换鸟",
        "/p/pinghu-2023-xinde-2",
        "/d/pinghu-2023-xinde?q=腾笼换鸟",
        "/d/pinghu-2023-xinde/source?lines=9-19",
        "/trends?q=腾笼换鸟",
        "/help",
    ):
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), url  # every script is a file
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=|javascript:", html), url


def test_permalinks_come_from_the_base_url_not_the_host_header(client):
    html = client.get("/p/pinghu-2023-xinde-2", headers={"Host": "evil.example"}).get_data(as_text=True)
    assert "evil.example" not in html
    assert "https://archive.example.org/township/p/pinghu-2023-xinde-2" in html


def test_cli_and_core_refuse_undecodable_queries(seed_home, archive):
    out = CliRunner().invoke(main, ["search", "腾笼\udcff", "--home", str(seed_home)])
    assert out.exit_code == 2 and "not UTF-8 text: byte 0xFF at character 3" in out.output
    assert "Traceback" not in out.output
    for text in ("\ud800", "腾笼\udfff换鸟", "a \udcff"):
        with pytest.raises(QueryError, match="not valid text"):
            archive.search(text)
    with pytest.raises(QueryError):
        archive.search("腾笼换鸟", filters={"township": ["\udcff"]})


def _raw(port: int, request: bytes) -> tuple[int, bytes, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(request)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), head, body


@pytest.mark.skipif(os.name != "posix", reason="gunicorn runs on POSIX only")
def test_under_gunicorn(seed_home, serve_process):
    # port 0: gunicorn picks a free port, read back from the socket it listens on
    _, port = serve_process("--home", str(seed_home), "--workers", "2", "--base-url", "https://archive.example.org")
    status, _, _ = _raw(port, b"GET /api/search?q=x HTTP/1.0\r\n\r\n")
    assert status == 200
    status, head, body = _raw(port, b"GET /api/search?q=\xff HTTP/1.0\r\n\r\n")  # a raw 0xFF byte
    assert status == 400 and json.loads(body)["error"].startswith("parameter 'q'")
    status, head, body = _raw(port, b"POST /api/search HTTP/1.0\r\nContent-Length: 0\r\n\r\n")
    assert status == 405 and json.loads(body)["status"] == 405
    status, head, body = _raw(port, b"GET /api/search?q=" + b"x" * 8100 + b" HTTP/1.0\r\n\r\n")
    assert status == 414 and json.loads(body)["status"] == 414
    status, head, body = _raw(port, b"GET /p/pinghu-2023-xinde-2 HTTP/1.0\r\nHost: evil.example\r\n\r\n")
    assert status == 200 and b"evil.example" not in body and b"https://archive.example.org/p/" in body
    assert b"Content-Security-Policy: default-src 'none'" in head
