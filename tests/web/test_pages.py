"""The page and its files: size budget, caching, and the headers that keep injected markup inert."""

from __future__ import annotations

import gzip
import re

from odind.web.pages import STATIC_DIR, assets
from tests.web.conftest import Web

BUDGET = 60 * 1024


async def test_first_load_fits_the_budget_gzipped(web: Web) -> None:
    page = await web.client.get("/", headers={"Accept-Encoding": "gzip"}, auto_decompress=False)
    raw = await page.read()
    total = len(raw)
    html = gzip.decompress(raw).decode()
    linked = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert {link.split("?")[0] for link in linked} == {"/static/app.js", "/static/app.css", "/static/icon.svg"}
    for link in linked:
        response = await web.client.get(link, headers={"Accept-Encoding": "gzip"}, auto_decompress=False)
        assert response.status == 200 and response.headers["Content-Encoding"] == "gzip"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        total += len(await response.read())
    assert total < BUDGET, f"first load is {total} bytes gzipped"


async def test_page_carries_security_headers_and_no_inline_script(web: Web) -> None:
    response = await web.client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    html = await response.text()
    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html)), "every script is a file"
    assert not re.search(r"<script[^>]*>\s*[^<\s]", html), "no inline script body"
    assert not re.search(r"\son[a-z]+=", html), "no inline event handlers"
    js = (STATIC_DIR / "app.js").read_text()
    assert "innerHTML" not in js and "eval(" not in js and "odt_" not in js
    error = await web.client.get("/api/printers")
    assert error.status == 401 and "frame-ancestors 'none'" in error.headers["Content-Security-Policy"]


async def test_unchanged_files_answer_304_and_unknown_ones_404(web: Web) -> None:
    first = await web.client.get("/static/app.js")
    again = await web.client.get("/static/app.js", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status == 304
    assert first.headers["Cache-Control"] == "no-cache", "an unversioned link must revalidate"
    assert (await web.client.get("/static/nope.js")).status == 404
    assert (await web.client.get("/static/index.html")).status == 404
    assert (await web.client.get("/static/..%2Fpages.py")).status == 404
    assert assets()["index.html"].content_type == "text/html"


async def test_each_view_is_its_own_module_linked_by_content_hash(web: Web) -> None:
    files = assets()
    views = sorted(name for name in files if name.startswith("views/") and name != "views/lib.js")
    assert len(views) >= 9
    app = files["app.js"].body.decode()
    for name in views:
        version = files[name].version
        assert f'"/static/{name}?v={version}"' in app, f"app.js does not link {name} by its hash"
        body = files[name].body.decode()
        assert f'"./lib.js?v={files["views/lib.js"].version}"' in body
        assert "innerHTML" not in body and "eval(" not in body and "insertAdjacentHTML" not in body
        response = await web.client.get(f"/static/{name}?v={version}")
        assert response.status == 200 and response.content_type == "text/javascript"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    page = files["index.html"].body.decode()
    assert "views/" not in page, "the status view's first load fetches no view module"
    assert (await web.client.get("/static/views/nope.js")).status == 404
    assert (await web.client.get("/static/views/..%2F..%2Fpages.py")).status == 404
