"""The shop's branding: what its invoices, packing slips and pages show of it."""

from __future__ import annotations

from aiohttp import web

from odind.domain import shop
from odind.domain.accounts.tokens import Role
from odind.errors import Invalid, NotFound
from odind.invoice.document import LOGO_MAX_BYTES
from odind.web import multipart
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.routes import Api

api = Api("shop")


@api.get("/api/settings/branding", "The shop's name, address, accent colour, locale, footer and currency")
async def get_branding(request: web.Request) -> web.Response:
    ctx = context(request)
    return web.json_response(await shop.branding_view(ctx.store, ctx.config))


@api.put("/api/settings/branding", "Change the shop's branding (the currency is set in the config file)",
         role=Role.ADMIN, body=shop.BrandingIn)
async def put_branding(request: web.Request) -> web.Response:
    ctx = context(request)
    data = await read_body(request, shop.BrandingIn)
    return web.json_response(await shop.put_branding(ctx.store, ctx.config, actor(request), data))


@api.put("/api/settings/branding/logo", "Upload the letterhead logo (PNG or JPEG, multipart field `file`)",
         role=Role.ADMIN, upload=True)
async def put_logo(request: web.Request) -> web.Response:
    ctx = context(request)
    image: bytes | None = None
    async for part in multipart.parts(request):
        if part.name == "file" and image is None:
            image = await multipart.read_bytes(part, LOGO_MAX_BYTES, "the logo")
    if image is None:
        raise Invalid("no 'file' field in the upload", field="file")
    return web.json_response(await shop.put_logo(ctx.store, ctx.config, actor(request), image))


@api.delete("/api/settings/branding/logo", "Remove the uploaded logo (the configured file, if any, applies again)",
            role=Role.ADMIN)
async def remove_logo(request: web.Request) -> web.Response:
    ctx = context(request)
    return web.json_response(await shop.remove_logo(ctx.store, ctx.config, actor(request)))


@api.get("/api/settings/branding/logo", "The letterhead logo as uploaded", produces="image/*")
async def get_logo(request: web.Request) -> web.Response:
    ctx = context(request)
    image = await shop.logo(ctx.store, ctx.config)
    if image is None:
        raise NotFound("the shop has no logo", field="logo")
    content_type = "image/png" if image.startswith(b"\x89PNG") else "image/jpeg"
    return web.Response(body=image, content_type=content_type, headers={"Cache-Control": "no-cache"})
