"""Domain errors: raised by domain and store code, turned into HTTP responses at one edge only."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base of every error a user can cause; `status` is the HTTP status the web edge answers with."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, field: str | None = None, details: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details or {}

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message, "field": self.field}
        body.update(self.details)
        return {"error": body}


class BadRequest(DomainError):
    """Malformed request (not JSON, wrong content type); a wrong field value is Invalid instead."""


class Invalid(DomainError):
    status = 422
    code = "invalid"


class NotFound(DomainError):
    status = 404
    code = "not_found"


class Conflict(DomainError):
    status = 409
    code = "conflict"


class IllegalTransition(Conflict):
    code = "illegal_transition"


class InsufficientStock(Conflict):
    code = "insufficient_stock"


class Unauthorized(DomainError):
    status = 401
    code = "unauthorized"


class Forbidden(DomainError):
    status = 403
    code = "forbidden"


class RequestTimeout(DomainError):
    status = 408
    code = "request_timeout"


class TooLarge(DomainError):
    status = 413
    code = "too_large"


class UnsupportedMediaType(DomainError):
    status = 415
    code = "unsupported_media_type"


class StorageFull(DomainError):
    """The disk is full (or a file-size limit was hit): nothing was written; free space and retry."""

    status = 507
    code = "storage_full"


class Unavailable(DomainError):
    """The database cannot be reached just now (restart, network); the client should retry."""

    status = 503
    code = "unavailable"

    def __init__(self, message: str, *, retry_after: int = 2) -> None:
        super().__init__(message, details={"retry_after": retry_after})
        self.retry_after = retry_after
