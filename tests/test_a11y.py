"""axe-core (vendored, tests/vendor/) in real Chromium on the main pages, desktop and phone:
no serious or critical violation. Add a page to PAGES to have it checked."""

from __future__ import annotations

import threading
from urllib.parse import quote

import pytest

# (name, path); "{pid}" and "{doc}" are a hit of 腾笼换鸟 on the seed archive
PAGES = [
    ("search", "/?q=腾笼换鸟"),
    ("search-en", "/?q=腾笼换鸟&lang=en"),
    ("search-empty", "/?q=不存在的词语组合"),
    ("home", "/"),
    ("paragraph", "/p/{pid}?q=腾笼换鸟"),
    ("document", "/d/{doc}?q=腾笼换鸟"),
    ("source", "/d/{doc}/source?lines=1-3"),
    ("help", "/help"),
    ("trends", "/trends?q=腾笼换鸟,筑巢引凤"),
    ("trends-count", "/trends?q=腾笼换鸟&measure=count&by=period&diffusion=county"),
    ("trends-empty", "/trends"),
    ("browse", "/browse?sort=title"),
    ("browse-en", "/browse?province=浙江省&lang=en"),
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def site(seed_home, archive):
    from waitress.server import create_server

    from web import create_app

    srv = create_server(create_app(seed_home), host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=srv.run, daemon=True).start()
    hit = archive.search("腾笼换鸟", limit=1)["hits"][0]
    yield f"http://127.0.0.1:{srv.effective_port}", {"pid": quote(hit["id"]), "doc": quote(hit["doc_id"])}
    srv.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name,path", PAGES)
def test_no_serious_or_critical_violation(chromium, axe, site, name, path, viewport):
    base, ids = site
    ctx = chromium.new_context(viewport=VIEWPORTS[viewport])
    try:
        page = ctx.new_page()
        resp = page.goto(base + path.format(**ids))
        assert resp is not None and resp.status == 200, (name, resp and resp.status)
        found = axe(page)
        assert not found, [(v["id"], v["impact"], v["help"], v["nodes"][:3]) for v in found]
    finally:
        ctx.close()


def test_the_checker_finds_a_planted_violation(chromium, axe, site):
    # the check can fail: an image without alt text and a button without a name are reported
    base, _ = site
    ctx = chromium.new_context()
    try:
        page = ctx.new_page()
        page.goto(base + "/help")
        page.evaluate("""() => { const b = document.createElement('button'); document.body.appendChild(b);
                                 const i = document.createElement('img'); i.src = '/static/none.png';
                                 document.body.appendChild(i); }""")
        ids = {v["id"] for v in axe(page)}
        assert {"button-name", "image-alt"} <= ids, ids
    finally:
        ctx.close()
