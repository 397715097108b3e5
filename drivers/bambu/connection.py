"""The `connection` table of a Bambu printer, validated before anything touches the network."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

_TLS = re.compile(r"^(tofu|insecure|pinned:[0-9a-f]{64}|ca:.+)$")


class BambuConnection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    host: str = Field(min_length=1)
    port: int = Field(default=8883, ge=1, le=65535)
    ftps_port: int = Field(default=990, ge=1, le=65535)
    serial: str = Field(pattern=r"^[A-Za-z0-9]{6,32}$")
    access_code: str = Field(min_length=1, max_length=64, repr=False)
    # tofu: pin the certificate seen first; pinned:<sha256>; ca:<path to PEM>; insecure: no checks
    tls: str = "tofu"
    model: str | None = None  # "X1C", "P1S", "A1", "H2D" ...; guessed from the serial when absent
    use_ams: bool = True
    bed_levelling: bool = True
    timelapse: bool = False
    flow_cali: bool = True
    vibration_cali: bool = True
    layer_inspect: bool = False
    bed_type: Literal["auto", "cool_plate", "eng_plate", "hot_plate", "textured_plate"] = "auto"
    command_timeout_s: float = Field(default=10.0, gt=0)
    upload_timeout_s: float = Field(default=120.0, gt=0)
    stale_after_s: float = Field(default=60.0, gt=0)  # silence before asking for pushall

    @field_validator("tls", mode="before")
    @classmethod
    def _normalise_tls(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        if value.lower().startswith("pinned:"):
            value = "pinned:" + value[7:].replace(":", "").strip().lower()
        if not _TLS.match(value):
            raise ValueError('tls must be "tofu", "insecure", "pinned:<sha256 hex>" or "ca:<path>"')
        return value
