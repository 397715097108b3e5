"""Configuration: TOML file, then `ODIND_<SECTION>__<KEY>` environment overrides, then validation.

Unknown keys are warned about rather than refused, so a typo shows up in the log without keeping a
farm's daemon from starting after an upgrade that dropped an option.
"""

from __future__ import annotations

import logging
import os
import tomllib
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

log = logging.getLogger(__name__)

DEFAULT_PATH = Path("/etc/odind/odind.toml")
ENV_PREFIX = "ODIND_"


class Section(BaseModel):
    model_config = ConfigDict(extra="ignore")


class HttpConfig(Section):
    host: str = "0.0.0.0"
    port: int = Field(8080, ge=0, le=65535)  # 0: any free port (tests, side-by-side instances)
    max_upload_mb: int = Field(256, ge=1, le=4096)
    public_url: str | None = Field(None, pattern=r"^https?://[^\s/]+(/[^\s]*)?$")  # how customers reach this
    # farm, for the links in their e-mails (a quote to accept); unset: http://<host name>:<port>
    kiosk: bool = False  # read-only status page without login, for a wall-mounted screen on a trusted LAN
    request_timeout_s: float = Field(30.0, gt=0, le=3600)  # a request (its body included) must be done by then;
    # uploads get twenty times as long. A body that trickles in forever (slowloris) is cut off with a 408.


class BrandingConfig(Section):
    business_name: str = "My Print Farm"
    address_lines: list[str] = Field(default_factory=list)
    logo: Path | None = None
    accent_colour: str = Field("#2E6FDB", pattern=r"^#[0-9A-Fa-f]{6}$")
    currency: str = Field("GBP", min_length=3, max_length=3)
    locale: str = Field("en-GB", pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")  # how the pages write money, dates
    footer: str | None = None


class SalesConfig(Section):
    tax_rate_percent: Decimal = Field(Decimal("0"), ge=0, le=100)
    backorder_retry_interval_s: float = Field(300.0, gt=0)  # stock counted in by hand reaches backorders too


SCORE_WEIGHTS = ("priority", "due", "age", "colour", "spool", "wear", "scarcity", "balance", "sjf")


class SchedulerConfig(Section):
    sweep_interval_s: float = Field(5.0, gt=0)
    start_ack_timeout_s: float = Field(180.0, gt=0)
    reprint_limit: int = Field(2, ge=0)
    blackout_start: time | None = None  # quiet hours, local time: no print may still run then
    blackout_end: time | None = None
    timezone: str = "UTC"  # IANA name the quiet hours are read in
    shortest_job_first: bool = False
    weights: dict[str, float] = Field(default_factory=dict)  # overrides, e.g. {colour = 2.0}

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
        return value

    @field_validator("weights")
    @classmethod
    def _known_weights(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(SCORE_WEIGHTS))
        if unknown:
            raise ValueError(f"unknown weight(s) {', '.join(unknown)}; known: {', '.join(SCORE_WEIGHTS)}")
        return value

    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class StoreConfig(Section):
    # None: SQLite in data_dir/odind.db. "postgresql://user@host/db": a database shared by the farm's nodes.
    url: str | None = None
    node: str | None = Field(None, min_length=1, max_length=80)  # this node's name in a farm (default: host name)
    heartbeat_s: float = Field(5.0, gt=0)  # how often a node renews its lease
    lease_s: float = Field(30.0, gt=0)  # a node silent this long is dead: its printing jobs are interrupted
    command_timeout_s: float = Field(10.0, gt=0, le=3600)  # PostgreSQL: a statement unanswered this long means
    # the network to the database is gone (a partition drops packets; nothing closes the connection)

    @field_validator("url")
    @classmethod
    def _known_engine(cls, value: str | None) -> str | None:
        if value is None or value.split(":", 1)[0] in ("postgres", "postgresql", "sqlite"):
            return value
        raise ValueError("url must be postgresql://... or sqlite:///path (or unset for SQLite in data_dir)")


class SmtpConfig(Section):
    host: str | None = None  # unset: no e-mail is sent (messages wait in the outbox until it is set)
    port: int = Field(587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    username: str | None = None
    password: str | None = None
    sender: str = Field("odind@localhost", pattern=r"^[^@\s]+@[^@\s]+$")
    timeout_s: float = Field(15.0, gt=0, le=300)
    ca_file: Path | None = None  # trust this CA for the server's certificate (a private mail relay)


class WebhookConfig(Section):
    url: str = Field(pattern=r"^https?://")
    secret: str = Field(min_length=16)  # signs each body: X-Odind-Signature: sha256=<HMAC-SHA256 hex>
    messages: list[str] = Field(default_factory=lambda: ["*"])  # template names, or "*" for all
    timeout_s: float = Field(10.0, gt=0, le=120)  # a receiver slower than this is tried again later


class MessagesConfig(Section):
    """Where messages go. Which are sent, and their words, are shop settings (Settings > Messages)."""

    smtp: SmtpConfig = Field(default_factory=SmtpConfig)
    staff_email: str | None = Field(None, pattern=r"^[^@\s]+@[^@\s]+$")  # staff alerts: failed prints and such
    webhooks: list[WebhookConfig] = Field(default_factory=list)
    max_attempts: int = Field(12, ge=1, le=100)  # then the message is marked failed and shown as such
    retry_base_s: float = Field(30.0, gt=0)  # backoff: base x 2^attempt, capped at an hour


class PrinterConfig(Section):
    name: str = Field(min_length=1, max_length=80)
    driver: str
    model: str = "generic"
    nozzle_diameter: float = Field(0.4, gt=0, le=2)
    build_volume_mm: tuple[float, float, float] = (220.0, 220.0, 250.0)
    tags: list[str] = Field(default_factory=list)
    auto_clear: bool = False
    connection: dict[str, Any] = Field(default_factory=dict)


class Config(Section):
    data_dir: Path = Path("var")
    log_level: str = "INFO"
    http: HttpConfig = Field(default_factory=HttpConfig)
    branding: BrandingConfig = Field(default_factory=BrandingConfig)
    sales: SalesConfig = Field(default_factory=SalesConfig)
    scheduler: SchedulerConfig = Field(default_factory=SchedulerConfig)
    store: StoreConfig = Field(default_factory=StoreConfig)
    messages: MessagesConfig = Field(default_factory=MessagesConfig)
    printers: list[PrinterConfig] = Field(default_factory=list)

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        if value.upper() not in logging.getLevelNamesMapping():
            raise ValueError(f"unknown log level {value!r}")
        return value.upper()


class ConfigError(Exception):
    pass


def _apply_env(raw: dict[str, Any], environ: dict[str, str]) -> None:
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or name == "ODIND_CONFIG":
            continue
        path = [part.lower() for part in name[len(ENV_PREFIX):].split("__")]
        node = raw
        for part in path[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise ConfigError(f"environment {name}: [{part}] is not a section")
        node[path[-1]] = value


def _warn_unknown(raw: dict[str, Any], model: type[BaseModel], where: str) -> None:
    for key, value in raw.items():
        field = model.model_fields.get(key)
        if field is None:
            log.warning("config: unknown key %s%s (ignored; a typo?)", where, key)
            continue
        annotation = field.annotation
        if isinstance(value, dict) and isinstance(annotation, type) and issubclass(annotation, Section):
            _warn_unknown(value, annotation, f"[{key}] ")


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        loc = [str(p) for p in item["loc"]]
        where = f"[{loc[0]}] {'.'.join(loc[1:])}" if len(loc) > 1 else loc[0] if loc else "config"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def load(path: Path | None = None, environ: dict[str, str] | None = None,
         overrides: dict[str, Any] | None = None) -> Config:
    """Read the config; a missing default file is fine (defaults apply), a missing explicit one is not."""
    environ = dict(os.environ if environ is None else environ)
    explicit = path is not None
    path = path or Path(environ.get("ODIND_CONFIG", DEFAULT_PATH))
    raw: dict[str, Any] = {}
    if path.exists():
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from None
    elif explicit:
        raise ConfigError(f"config file {path} does not exist")
    _apply_env(raw, environ)
    if "data_dir" not in raw and environ.get("STATE_DIRECTORY"):
        raw["data_dir"] = environ["STATE_DIRECTORY"].split(":")[0]  # systemd's StateDirectory=
    for key, value in (overrides or {}).items():
        raw[key] = value
    _warn_unknown(raw, Config, "")
    try:
        return Config.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"{path}: {_describe(exc)}") from None
