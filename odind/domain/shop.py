"""The shop's face on its documents and pages: name, address, logo, accent colour, footer, locale.

`[branding]` in the config file gives the values a fresh install starts with; an admin changes them
from the back office and the store keeps the change, so every node of a farm prints the same
letterhead. The currency is the exception: it stays in the config because every stored price was
entered in it, and relabelling them from a settings page would change what they mean.
"""

from __future__ import annotations

import base64
import json
import logging
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from odind.config import Config
from odind.errors import Invalid
from odind.invoice import Branding
from odind.invoice.document import LOGO_MAX_BYTES, logo_size
from odind.store import settings as settings_sql
from odind.store.db import Db, Store

BRANDING_SETTING = "shop.branding"
LOGO_SETTING = "shop.logo"

log = logging.getLogger(__name__)

Line = Annotated[str, Field(min_length=1, max_length=200)]


class BrandingIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    business_name: str = Field(min_length=1, max_length=200)
    address_lines: list[Line] = Field(default_factory=list, max_length=8)
    accent_colour: str = Field("#2E6FDB", pattern=r"^#[0-9A-Fa-f]{6}$")
    locale: str = Field("en-GB", max_length=35, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    footer: str | None = Field(None, max_length=500)


def _configured(config: Config) -> dict[str, Any]:
    b = config.branding
    return {"business_name": b.business_name, "address_lines": list(b.address_lines),
            "accent_colour": b.accent_colour, "locale": b.locale, "footer": b.footer}


async def stored_branding(db: Db, config: Config) -> dict[str, Any]:
    raw = await settings_sql.get(db, BRANDING_SETTING)
    return {**_configured(config), **(json.loads(raw) if raw else {})}


async def _logo(db: Db, config: Config) -> bytes | None:
    """The uploaded logo, else the configured file (read now, so a fix to the file needs no restart)."""
    raw = await settings_sql.get(db, LOGO_SETTING)
    if raw is not None:
        return base64.b64decode(raw)
    path = config.branding.logo
    if path is None:
        return None
    try:
        image = path.read_bytes()
        logo_size(image)
    except (OSError, ValueError) as exc:
        log.warning("the configured logo %s is left off documents: %s", path, exc)
        return None
    return image


async def branding_view(store: Store, config: Config) -> dict[str, Any]:
    async with store.read() as db:
        shown = await stored_branding(db, config)
        has_logo = await _logo(db, config) is not None
    return {**shown, "currency": config.branding.currency, "has_logo": has_logo}


async def document_branding(store: Store, config: Config) -> Branding:
    """What an invoice, credit note, packing slip or quote is printed with."""
    async with store.read() as db:
        shown = await stored_branding(db, config)
        logo = await _logo(db, config)
    return Branding(business_name=shown["business_name"], address_lines=shown["address_lines"], logo=logo,
                    accent_colour=shown["accent_colour"], footer=shown["footer"])


async def logo(store: Store, config: Config) -> bytes | None:
    async with store.read() as db:
        return await _logo(db, config)


async def put_branding(store: Store, config: Config, actor: str, data: BrandingIn) -> dict[str, Any]:
    async with store.transaction(actor) as tx:
        await settings_sql.put(tx, BRANDING_SETTING, json.dumps(data.model_dump(), sort_keys=True))
        await tx.record("shop", None, "branding_set", **data.model_dump())
    return await branding_view(store, config)


async def put_logo(store: Store, config: Config, actor: str, image: bytes) -> dict[str, Any]:
    if len(image) > LOGO_MAX_BYTES:
        raise Invalid(f"the logo may be at most {LOGO_MAX_BYTES} bytes", field="file")
    try:
        width, height = logo_size(image)
    except ValueError as exc:
        raise Invalid(str(exc), field="file") from None
    async with store.transaction(actor) as tx:
        await settings_sql.put(tx, LOGO_SETTING, base64.b64encode(image).decode("ascii"))
        await tx.record("shop", None, "logo_set", bytes=len(image), width=width, height=height)
    return await branding_view(store, config)


async def remove_logo(store: Store, config: Config, actor: str) -> dict[str, Any]:
    """Back to the configured logo file, if there is one."""
    async with store.transaction(actor) as tx:
        await settings_sql.delete(tx, LOGO_SETTING)
        await tx.record("shop", None, "logo_removed")
    return await branding_view(store, config)
