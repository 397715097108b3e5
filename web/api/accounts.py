"""Logging in and out, who am I, users (admin) and each user's own API tokens."""

from __future__ import annotations

from aiohttp import web

from odind.domain import shop
from odind.domain.accounts import setup, users
from odind.domain.accounts.tokens import Role
from odind.errors import DomainError, Forbidden, Unauthorized
from odind.web.api.params import int_param
from odind.web.auth import kiosk_enabled
from odind.web.context import actor, context
from odind.web.errors import read_body
from odind.web.ratelimit import LIMITER
from odind.web.responses import Out
from odind.web.routes import Api
from odind.web.sessions import COOKIE, IDENTITY, clear_session_cookie, set_session_cookie


class UserOut(Out):
    id: int
    name: str
    role: str


class TokenOut(Out):
    """An API token's record; the secret is shown once, at creation, never here."""

    id: int
    name: str
    role: str


api = Api("accounts")
SETUP_KEY = "\x00setup"  # the limiter counts wrong setup codes under a name no user can have


class TooManyAttempts(DomainError):
    status = 429
    code = "too_many_attempts"


def _address(request: web.Request) -> str:
    return request.remote or "unknown"


@api.post("/api/login", "Log in with name and password; sets the session cookie", role=None, body=users.LoginIn)
async def login(request: web.Request) -> web.Response:
    data = await read_body(request, users.LoginIn)
    limiter = request.app[LIMITER]
    wait = limiter.retry_after(_address(request), data.name)
    if wait > 0:
        raise TooManyAttempts(f"too many wrong passwords; try again in {int(wait) + 1} s",
                              details={"retry_after_s": int(wait) + 1})
    try:
        session, user = await users.login(context(request).store, data)
    except Unauthorized:
        limiter.failed(_address(request), data.name)
        raise
    limiter.succeeded(_address(request), data.name)
    response = web.json_response({"user": user, "csrf": session.csrf_token, "expires_at":
                                  session.expires_at.isoformat(timespec="seconds")})
    set_session_cookie(request, response, session)
    return response


@api.get("/api/setup", "Whether the farm still needs its first admin (a fresh install)", role=None)
async def setup_state(request: web.Request) -> web.Response:
    return web.json_response({"needed": await setup.needed(context(request).store)})


@api.post("/api/setup", "Create the first admin with the setup code from the daemon's log; logs them in",
          role=None, body=setup.FirstAdminIn)
async def first_admin(request: web.Request) -> web.Response:
    data = await read_body(request, setup.FirstAdminIn)
    limiter = request.app[LIMITER]
    wait = limiter.retry_after(_address(request), SETUP_KEY)
    if wait > 0:
        raise TooManyAttempts(f"too many wrong setup codes; try again in {int(wait) + 1} s",
                              details={"retry_after_s": int(wait) + 1})
    ctx = context(request)
    try:
        await setup.claim(ctx.store, ctx.config.data_dir, data)
    except Forbidden:
        limiter.failed(_address(request), SETUP_KEY)
        raise
    session, user = await users.login(ctx.store, users.LoginIn(name=data.name, password=data.password))
    response = web.json_response({"user": user, "csrf": session.csrf_token, "expires_at":
                                  session.expires_at.isoformat(timespec="seconds")}, status=201)
    set_session_cookie(request, response, session)
    return response


@api.post("/api/logout", "End this browser's session", role=Role.VIEWER)
async def logout(request: web.Request) -> web.Response:
    secret = request.cookies.get(COOKIE)
    ended = secret is not None and await users.logout(context(request).store, actor(request), secret)
    response = web.json_response({"logged_out": ended})
    clear_session_cookie(request, response)
    return response


@api.get("/api/me", "Who is asking: name, role, how, and the CSRF token for this session")
async def me(request: web.Request) -> web.Response:
    who = request[IDENTITY]
    ctx = context(request)
    branding = await shop.branding_view(ctx.store, ctx.config)
    return web.json_response({"name": who["name"], "role": who["role"].value, "via": who["via"],
                              "user_id": who.get("user_id"), "csrf": who.get("csrf"),
                              "kiosk": kiosk_enabled(request),
                              "shop": {"name": branding["business_name"], "currency": branding["currency"],
                                       "locale": branding["locale"]}})


@api.get("/api/users", "List users", role=Role.ADMIN, response=list[UserOut])
async def list_users(request: web.Request) -> web.Response:
    return web.json_response(await users.list_users(context(request).store))


@api.post("/api/users", "Add a user with a role and password", role=Role.ADMIN, body=users.UserIn)
async def create_user(request: web.Request) -> web.Response:
    data = await read_body(request, users.UserIn)
    return web.json_response(await users.create_user(context(request).store, actor(request), data), status=201)


@api.put("/api/users/{user_id}", "Change a user's role or password", role=Role.ADMIN, body=users.UserUpdateIn)
async def update_user(request: web.Request) -> web.Response:
    data = await read_body(request, users.UserUpdateIn)
    user_id = int_param(request, "user_id")
    return web.json_response(await users.update_user(context(request).store, actor(request), user_id, data))


@api.delete("/api/users/{user_id}", "Remove a user, their sessions and tokens", role=Role.ADMIN)
async def delete_user(request: web.Request) -> web.Response:
    await users.delete_user(context(request).store, actor(request), int_param(request, "user_id"))
    return web.json_response({"removed": True})


def _own_user_id(request: web.Request) -> int:
    user_id = request[IDENTITY].get("user_id")
    if user_id is None:
        raise Forbidden("only a logged-in user owns tokens; log in with a name and password")
    return int(user_id)


@api.get("/api/me/tokens", "Your API tokens (never the secrets)", response=list[TokenOut])
async def my_tokens(request: web.Request) -> web.Response:
    return web.json_response(await users.list_tokens(context(request).store, _own_user_id(request)))


@api.post("/api/me/tokens", "Create an API token for yourself, at most your role; the secret is shown once",
          role=Role.VIEWER, body=users.TokenIn)
async def create_my_token(request: web.Request) -> web.Response:
    data = await read_body(request, users.TokenIn)
    token = await users.create_user_token(context(request).store, actor(request), _own_user_id(request), data)
    return web.json_response(token, status=201)


@api.delete("/api/me/tokens/{token_id}", "Revoke one of your API tokens", role=Role.VIEWER)
async def revoke_my_token(request: web.Request) -> web.Response:
    token_id = int_param(request, "token_id")
    owner = _own_user_id(request)
    return web.json_response(await users.revoke_token(context(request).store, actor(request), token_id, owner=owner))


@api.get("/api/tokens", "Every API token, with its owner", role=Role.ADMIN, response=list[TokenOut])
async def all_tokens(request: web.Request) -> web.Response:
    return web.json_response(await users.list_tokens(context(request).store))


@api.delete("/api/tokens/{token_id}", "Revoke any API token", role=Role.ADMIN)
async def revoke_token(request: web.Request) -> web.Response:
    token_id = int_param(request, "token_id")
    return web.json_response(await users.revoke_token(context(request).store, actor(request), token_id))

