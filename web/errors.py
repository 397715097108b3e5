"""The one place where errors become HTTP responses: JSON `{"error": {code, message, field}}`."""

from __future__ import annotations

import json
import logging
from typing import TypeVar

from aiohttp import web
from aiohttp.typedefs import Handler
from pydantic import BaseModel, ValidationError

from odind.errors import BadRequest, DomainError, Invalid, TooLarge, Unavailable

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
JSON_BODY_LIMIT = 2 << 20


def error_response(status: int, code: str, message: str, field: str | None = None, **extra: object) -> web.Response:
    body = {"error": {"code": code, "message": message, "field": field, **extra}}
    return web.json_response(body, status=status)


def validation_response(exc: ValidationError) -> web.Response:
    first = exc.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or None
    message = f"{field}: {first['msg']}" if field else first["msg"]
    problems = [{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()]
    return error_response(422, "invalid", message, field, problems=problems)


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except DomainError as exc:
        response = web.json_response(exc.to_json(), status=exc.status)
        if exc.status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="odind"'
        if isinstance(exc, Unavailable):
            response.headers["Retry-After"] = str(exc.retry_after)
        return response
    except ValidationError as exc:
        return validation_response(exc)
    except web.HTTPRequestEntityTooLarge:
        return error_response(413, "too_large", "request body is too large")
    except web.HTTPException as exc:
        if exc.status >= 400 and exc.content_type != "application/json":
            code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status, "http_error")
            response = error_response(exc.status, code, exc.reason)
            for name in ("Allow", "WWW-Authenticate"):
                if name in exc.headers:
                    response.headers[name] = exc.headers[name]
            return response
        raise
    except Exception:
        log.exception("unhandled error serving %s %s", request.method, request.path)
        return error_response(500, "internal", "internal error; the daemon log has the details")


async def read_body(request: web.Request, model: type[M]) -> M:
    """Parse and validate a JSON body; malformed JSON is a 400 and a wrong field a 422 naming it."""
    if request.content_type != "application/json":
        raise BadRequest("send the body as JSON with Content-Type: application/json")
    if request.content_length is not None and request.content_length > JSON_BODY_LIMIT:
        raise TooLarge(f"a JSON body may be at most {JSON_BODY_LIMIT} bytes")
    raw = await request.read()
    try:
        data = json.loads(raw or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise BadRequest(f"the body is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise BadRequest("the body must be a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _name_the_field(exc, model) from None


def _name_the_field(exc: ValidationError, model: type[BaseModel]) -> Exception:
    """A rule spanning several fields has no location; name the field its message mentions first."""
    first = exc.errors()[0]
    if first["loc"]:
        return exc
    message = first["msg"].removeprefix("Value error, ")
    mentioned = [(message.find(name), name) for name in model.model_fields if name in message]
    named = min(mentioned)[1] if mentioned else None
    return Invalid(message, field=named or next(iter(model.model_fields)),
                   details={"problems": [{"field": named, "message": message}]})

