"""Models (uploaded sliced files) and products with their bill of materials."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from aiohttp import web
from pydantic import Field

from odind.domain import catalog
from odind.domain.accounts.tokens import Role
from odind.domain.paging import PageIn
from odind.errors import Invalid
from odind.web import multipart
from odind.web.api.params import int_param, query_values
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.multipart import NAME_LIMIT
from odind.web.responses import Out, Page, reply
from odind.web.routes import Api


class ModelOut(Out):
    """An uploaded sliced file and what its metadata says."""

    id: int
    name: str
    kind: str


class ProductOut(Out):
    """A product with its bill of materials."""

    id: int
    sku: str
    name: str


api = Api("catalog")


async def _receive_upload(request: web.Request, limit: int, tmp_dir: Path) -> tuple[Path, str, str | None]:
    """Stream the multipart `file` field to disk, stopping at the size limit."""
    name: str | None = None
    upload: tuple[Path, str] | None = None
    try:
        async for part in multipart.parts(request):
            if part.name == "name":
                name = await multipart.read_text(part)
            elif part.name == "file" and upload is None:
                if not part.filename:
                    raise Invalid("the file field has no file name", field="file")
                path = await multipart.save_file(part, tmp_dir, limit, f"the file is larger than the "
                                                 f"{limit // (1 << 20)} MiB upload limit")
                upload = (path, part.filename[:NAME_LIMIT])
    except BaseException:
        if upload is not None:
            upload[0].unlink(missing_ok=True)
        raise
    if upload is None:
        raise Invalid("no 'file' field in the upload", field="file")
    return upload[0], upload[1], name


@api.post("/api/models", "Upload a sliced model (.gcode, .gcode.3mf, .3mf); its metadata is parsed",
          role=Role.OPERATOR, upload=True)
async def upload_model(request: web.Request) -> web.Response:
    ctx = context(request)
    limit = ctx.config.http.max_upload_mb << 20
    path, filename, name = await _receive_upload(request, limit, ctx.config.data_dir / "uploads")
    try:
        catalog.model_kind(filename)
        model = await catalog.add_model(ctx.store, actor(request), upload=path, filename=filename, name=name,
                                        models_dir=ctx.config.data_dir / "models")
    finally:
        path.unlink(missing_ok=True)
    return web.json_response(model, status=201)


class ModelQuery(PageIn):
    q: str | None = Field(None, max_length=200, description="search in name and file name")


class ModelPage(Page[ModelOut]):
    pass


@api.get("/api/models", "A page of models, oldest first (?q= to search name and file name, ?limit=, ?cursor=)",
         query=ModelQuery, response=ModelPage)
async def list_models(request: web.Request) -> web.Response:
    query = ModelQuery.model_validate(query_values(request, ModelQuery))
    page = PageIn(limit=query.limit, cursor=query.cursor)
    return reply(ModelPage, await catalog.models_page(context(request).store, page, search=query.q))


@api.put("/api/products/{product_id}/aliases", "Other names customers use for a product (read in their notes)",
         role=Role.OPERATOR, body=catalog.AliasesIn)
async def set_aliases(request: web.Request) -> web.Response:
    data = await read_body(request, catalog.AliasesIn)
    return web.json_response(await catalog.set_aliases(context(request).store, actor(request),
                                                       int_param(request, "product_id"), data))


@api.get("/api/models/{model_id}", "One model with its parsed metadata", response=ModelOut)
async def get_model(request: web.Request) -> web.Response:
    return web.json_response(await catalog.get_model(context(request).store, int_param(request, "model_id")))


@api.post("/api/products", "Create a product with its BOM", role=Role.OPERATOR, body=catalog.ProductIn)
async def create_product(request: web.Request) -> web.Response:
    data = await read_body(request, catalog.ProductIn)
    return web.json_response(await catalog.create_product(context(request).store, actor(request), data), status=201)


class ProductQuery(PageIn):
    q: str | None = Field(None, max_length=200, description="search in SKU and name")
    kind: Literal["product", "set"] | None = None
    model_id: int | None = Field(None, ge=1, le=2**53, description="only products that print this model")


class ProductPage(Page[ProductOut]):
    pass


@api.get("/api/products", "A page of products and sets (?q= to search SKU and name, ?kind=, ?model_id=, ?limit=,"
         " ?cursor=)",
         query=ProductQuery, response=ProductPage)
async def list_products(request: web.Request) -> web.Response:
    query = ProductQuery.model_validate(query_values(request, ProductQuery))
    page = PageIn(limit=query.limit, cursor=query.cursor)
    return reply(ProductPage, await catalog.products_page(context(request).store, page, search=query.q,
                                                          kind=query.kind, model_id=query.model_id))


@api.get("/api/products/{product_id}",
         "One product; `cogs` is its material and consumable cost per unit (every COGS line: /cogs)",
         response=ProductOut)
async def get_product(request: web.Request) -> web.Response:
    return web.json_response(await catalog.get_product(context(request).store, int_param(request, "product_id")))


@api.put("/api/products/{product_id}", "Change a product and replace its BOM (sets: PUT /api/sets/{id})",
         role=Role.OPERATOR, body=catalog.ProductIn)
async def update_product(request: web.Request) -> web.Response:
    data = await read_body(request, catalog.ProductIn)
    product_id = int_param(request, "product_id")
    return web.json_response(await catalog.update_product(context(request).store, actor(request), product_id, data))


@api.post("/api/products/{product_id}/archive", "Archive a product or set: kept for history, not sold",
          role=Role.OPERATOR)
async def archive_product(request: web.Request) -> web.Response:
    product_id = int_param(request, "product_id")
    return web.json_response(await catalog.archive_product(context(request).store, actor(request), product_id,
                                                           archived=True))


@api.post("/api/products/{product_id}/restore", "Bring an archived product or set back", role=Role.OPERATOR)
async def restore_product(request: web.Request) -> web.Response:
    product_id = int_param(request, "product_id")
    return web.json_response(await catalog.archive_product(context(request).store, actor(request), product_id,
                                                           archived=False))


@api.put("/api/products/{product_id}/costing", "A product's labour hours and cost overrides", role=Role.ADMIN,
         body=catalog.CostingIn)
async def set_costing(request: web.Request) -> web.Response:
    data = await read_body(request, catalog.CostingIn)
    product_id = int_param(request, "product_id")
    return web.json_response(await catalog.set_costing(context(request).store, actor(request), product_id, data))


@api.post("/api/sets", "Create a product set: N of several products or other sets", body=catalog.SetIn)
async def create_set(request: web.Request) -> web.Response:
    data = await read_body(request, catalog.SetIn)
    return web.json_response(await catalog.create_set(context(request).store, actor(request), data), status=201)


@api.get("/api/sets", "List product sets with their items", response=list[Out])
async def list_sets(request: web.Request) -> web.Response:
    products = await catalog.list_products(context(request).store)
    return web.json_response([product for product in products if product["kind"] == "set"])


@api.get("/api/sets/{set_id}", "One product set with its items and unit COGS")
async def get_set(request: web.Request) -> web.Response:
    return web.json_response(await catalog.get_set(context(request).store, int_param(request, "set_id")))


@api.put("/api/sets/{set_id}", "Change a set; its items are replaced (a set may not contain itself)",
         body=catalog.SetChangeIn)
async def update_set(request: web.Request) -> web.Response:
    data = await read_body(request, catalog.SetChangeIn)
    set_id = int_param(request, "set_id")
    return web.json_response(await catalog.update_set(context(request).store, actor(request), set_id, data))
