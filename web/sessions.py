"""The browser side of logging in: the session cookie and the CSRF check that goes with it.

A browser sends cookies on its own, even on requests another site makes it send, so a request
that changes state with a cookie must also carry the session's CSRF token in a header, which
only our own page can read (from /api/me or the login answer). Bearer tokens are never sent
automatically, so they need no such check.
"""

from __future__ import annotations

import hmac
from typing import Any

from aiohttp import web

from odind.domain.accounts import users
from odind.errors import Forbidden
from odind.web.context import context

COOKIE = "odind_session"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
IDENTITY = web.RequestKey("odind_identity", dict)


async def session_identity(request: web.Request) -> dict[str, Any] | None:
    secret = request.cookies.get(COOKIE)
    if not secret or len(secret) > 200:
        return None
    who = await users.session_identity(context(request).store, secret)
    if who is not None:
        who["via"] = "session"
    return who


def check_csrf(request: web.Request, who: dict[str, Any]) -> None:
    if request.method in SAFE_METHODS or who.get("via") != "session":
        return
    sent = request.headers.get(CSRF_HEADER, "")
    if not sent:
        raise Forbidden(f"this request needs the {CSRF_HEADER} header of your session; reload the page")
    if not hmac.compare_digest(sent.encode(), str(who["csrf"]).encode()):
        raise Forbidden(f"the {CSRF_HEADER} header does not match your session; reload the page")


def set_session_cookie(request: web.Request, response: web.StreamResponse, session: users.Session) -> None:
    """HttpOnly keeps it from scripts; SameSite=Strict keeps other sites from sending it at all."""
    response.set_cookie(COOKIE, session.secret, max_age=int(users.SESSION_LIFETIME.total_seconds()), path="/",
                        httponly=True, samesite="Strict", secure=request.secure)


def clear_session_cookie(request: web.Request, response: web.StreamResponse) -> None:
    response.del_cookie(COOKIE, path="/", httponly=True, samesite="Strict", secure=request.secure)
