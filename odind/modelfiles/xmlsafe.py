"""XML from uploads, parsed with the standard library after refusing DTDs.

ElementTree never fetches external entities, but internal entity expansion (billion laughs)
needs a DTD, so a document that declares one is refused outright: slicers never write one.
The check runs on the exact text that is then parsed, so no other encoding can sneak a DTD past.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET

from odind.modelfiles.models import UnsafeUpload

log = logging.getLogger(__name__)


def parse_xml(data: bytes, label: str) -> ET.Element | None:
    """The root element, None when the bytes are not well-formed XML; UnsafeUpload for a DTD."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        log.info("%s is not UTF-8 XML; ignored", label)
        return None
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise UnsafeUpload(f"{label} declares a DTD or entities, which odind refuses to expand")
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        log.info("%s is not well-formed XML (%s); ignored", label, exc)
        return None
