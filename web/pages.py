"""The status page and its static files, served from memory with ETags and gzip.

The files are read once; each gets a content hash. The page links them as `?v=<hash>`, so a
browser may keep them for a year and still fetches a new copy the moment one changes; the page
itself is always revalidated (a cheap 304). A Pi on Wi-Fi then sends the few KB once.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from odind.web.routes import Api

api = Api("pages")
STATIC_DIR = Path(__file__).resolve().parent / "static"
PAGE = "index.html"
TYPES = {".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".html": "text/html"}
FOREVER = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class Asset:
    body: bytes
    gzipped: bytes
    content_type: str
    version: str

    @property
    def etag(self) -> str:
        return f'"{self.version}"'


def _asset(body: bytes, name: str) -> Asset:
    kind = TYPES.get(Path(name).suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Asset(body, gzip.compress(body, 9, mtime=0), kind, hashlib.sha256(body).hexdigest()[:16])


def _link(body: bytes, found: dict[str, Asset], here: str) -> bytes:
    """Point every link to an asset already versioned at `?v=<hash>`: absolute, and `./x.js` in one folder."""
    text = body.decode()
    for name, asset in found.items():
        text = text.replace(f'"/static/{name}"', f'"/static/{name}?v={asset.version}"')
        folder, _, base = name.rpartition("/")
        if folder == here:
            text = text.replace(f'"./{base}"', f'"./{base}?v={asset.version}"')
    return text.encode()


def _link_order(path: Path) -> tuple[int, int, str]:
    """Shared modules first, then the views that import them, then what imports views, the page last."""
    rank = 0 if path.name == "lib.js" else 1 if path.parent.name == "views" else 3 if path.name == PAGE else 2
    return rank, len(path.parts), path.name


@functools.cache
def assets(folder: Path = STATIC_DIR) -> dict[str, Asset]:
    """Every file under the folder by its relative path (views/ holds one module per view), each linking
    the others by content hash, so a change to one module re-versions everything that imports it."""
    found: dict[str, Asset] = {}
    for path in sorted((p for p in folder.rglob("*") if p.is_file()), key=_link_order):
        name = path.relative_to(folder).as_posix()
        body = path.read_bytes()
        if path.suffix in (".js", ".html", ".css"):
            body = _link(body, found, name.rpartition("/")[0])
        found[name] = _asset(body, path.name)
    return found


def _send(request: web.Request, asset: Asset, cache: str) -> web.Response:
    headers = {"ETag": asset.etag, "Cache-Control": cache, "Vary": "Accept-Encoding"}
    if asset.etag in request.headers.get("If-None-Match", ""):
        return web.Response(status=304, headers=headers)
    body = asset.body
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        body = asset.gzipped
        headers["Content-Encoding"] = "gzip"
    response = web.Response(body=body, headers=headers, content_type=asset.content_type)
    if asset.content_type.startswith("text/") or asset.content_type.endswith("+xml"):
        response.charset = "utf-8"
    return response


@api.get("/", "The status page (log in there)", role=None, produces="text/html")
async def page(request: web.Request) -> web.Response:
    return _send(request, assets()[PAGE], "no-cache")


def _file(request: web.Request, name: str) -> web.Response:
    asset = assets().get(name)
    if asset is None or name == PAGE:
        raise web.HTTPNotFound()
    cache = FOREVER if request.query.get("v") == asset.version else "no-cache"
    return _send(request, asset, cache)


@api.get("/static/{name}", "The page's script, style sheet and icon", role=None, produces="application/octet-stream")
async def static(request: web.Request) -> web.Response:
    return _file(request, request.match_info["name"])


@api.get("/static/views/{name}", "One view's module (each view loads only its own, when first opened)",
         role=None, produces="text/javascript")
async def view_module(request: web.Request) -> web.Response:
    return _file(request, f"views/{request.match_info['name']}")
