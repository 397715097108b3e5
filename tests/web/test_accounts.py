"""Logging in, sessions, CSRF, the login rate limit and per-user tokens, through the real app."""

from __future__ import annotations

from datetime import timedelta

import pytest

from odind.domain.accounts import users
from odind.store.accounts import users as users_sql
from odind.web.sessions import COOKIE, CSRF_HEADER
from tests.web.conftest import PASSWORD, Web


async def test_login_sets_a_strict_http_only_cookie_and_me_answers(web: Web) -> None:
    response = await web.client.post("/api/login", json={"name": "operator", "password": PASSWORD})
    assert response.status == 200
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert not cookie["secure"]  # plain http on the LAN: a Secure cookie would never come back
    body = await response.json()
    status, me = await web.call("GET", "/api/me", headers={"Cookie": f"{COOKIE}={cookie.value}"})
    assert status == 200
    assert (me["name"], me["role"], me["via"], me["csrf"]) == ("operator", "operator", "session", body["csrf"])


async def test_password_is_stored_as_salted_scrypt(web: Web) -> None:
    async with web.store.read() as db:
        rows = [await users_sql.user_by_name(db, name) for name in ("viewer", "operator")]
    hashes = [row["password_hash"] for row in rows]
    assert all(h.startswith("scrypt$") and PASSWORD not in h for h in hashes)
    assert hashes[0].split("$")[4] != hashes[1].split("$")[4], "each user has their own salt"
    assert await users.verify_password(PASSWORD, hashes[0])
    assert not await users.verify_password(PASSWORD + "x", hashes[0])


async def test_wrong_password_and_unknown_user_get_the_same_generic_answer(web: Web) -> None:
    wrong = await web.call("POST", "/api/login", json={"name": "admin", "password": "not it at all"})
    unknown = await web.call("POST", "/api/login", json={"name": "nobody", "password": "not it at all"})
    assert wrong[0] == unknown[0] == 401
    assert wrong[1]["error"]["message"] == unknown[1]["error"]["message"] == users.LOGIN_REFUSED


async def test_repeated_wrong_passwords_are_rate_limited_per_name(web: Web) -> None:
    for _ in range(5):
        status, _ = await web.call("POST", "/api/login", json={"name": "admin", "password": "guess-guess"})
        assert status == 401
    status, body = await web.call("POST", "/api/login", json={"name": "admin", "password": PASSWORD})
    assert status == 429, "even the right password waits once the limit is reached"
    assert body["error"]["retry_after_s"] > 0
    await web.login("operator")  # another name from the same address is not locked out


async def test_expired_session_is_refused(web: Web, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(users, "SESSION_LIFETIME", timedelta(seconds=-1))
    login = await web.login("admin")
    status, body = await web.call("GET", "/api/status", headers=login.headers())
    assert status == 401
    assert "log in" in body["error"]["message"]


async def test_logout_ends_the_session(web: Web) -> None:
    login = await web.login("viewer")
    assert (await web.call("POST", "/api/logout", headers=login.headers()))[0] == 200
    assert (await web.call("GET", "/api/me", headers=login.headers()))[0] == 401


@pytest.mark.parametrize("csrf", [None, "", "forged-token"])
async def test_cookie_requests_that_change_state_need_the_csrf_token(web: Web, csrf: str | None) -> None:
    login = await web.login("admin")
    headers = login.headers(csrf=False)
    if csrf is not None:
        headers[CSRF_HEADER] = csrf
    status, body = await web.call("POST", "/api/users", headers=headers,
                                  json={"name": "mallory", "role": "admin", "password": "p4ssword!"})
    assert status == 403
    assert CSRF_HEADER in body["error"]["message"]
    async with web.store.read() as db:
        assert await users_sql.user_by_name(db, "mallory") is None
    ok, _ = await web.call("POST", "/api/users", headers=login.headers(),
                           json={"name": "mallory", "role": "viewer", "password": "p4ssword!"})
    assert ok == 201


async def test_bearer_tokens_need_no_csrf(web: Web) -> None:
    status, _ = await web.call("POST", "/api/users", headers=web.bearer("admin"),
                               json={"name": "script", "role": "viewer", "password": "p4ssword!"})
    assert status == 201


async def test_a_new_password_ends_sessions_and_a_lower_role_revokes_tokens(web: Web) -> None:
    login = await web.login("operator")
    status, token = await web.call("POST", "/api/me/tokens", headers=login.headers(), json={"name": "cron"})
    assert status == 201 and token["role"] == "operator" and token["token"].startswith("odt_")
    bearer = {"Authorization": f"Bearer {token['token']}"}
    assert (await web.call("GET", "/api/status", headers=bearer))[0] == 200
    user_id = login_user = (await web.call("GET", "/api/me", headers=login.headers()))[1]["user_id"]
    assert login_user
    status, _ = await web.call("PUT", f"/api/users/{user_id}", headers=web.bearer("admin"),
                               json={"role": "viewer", "password": "a whole new one"})
    assert status == 200
    assert (await web.call("GET", "/api/me", headers=login.headers()))[0] == 401
    assert (await web.call("GET", "/api/status", headers=bearer))[0] == 401


async def test_tokens_are_scoped_to_the_owner_and_revocable(web: Web) -> None:
    viewer = await web.login("viewer")
    status, body = await web.call("POST", "/api/me/tokens", headers=viewer.headers(),
                                  json={"name": "sneaky", "role": "admin"})
    assert status == 403
    status, token = await web.call("POST", "/api/me/tokens", headers=viewer.headers(), json={"name": "wall"})
    assert status == 201 and token["role"] == "viewer"
    listed = (await web.call("GET", "/api/me/tokens", headers=viewer.headers()))[1]
    assert [t["name"] for t in listed] == ["wall"] and "token_hash" not in listed[0] and "token" not in listed[0]
    bearer = {"Authorization": f"Bearer {token['token']}"}
    assert (await web.call("GET", "/api/status", headers=bearer))[0] == 200  # now remembered between requests
    operator = await web.login("operator")
    status, _ = await web.call("DELETE", f"/api/me/tokens/{token['id']}", headers=operator.headers())
    assert status == 404, "someone else's token is not yours to revoke"
    status, body = await web.call("DELETE", f"/api/me/tokens/{token['id']}", headers=viewer.headers())
    assert status == 200, body
    assert (await web.call("GET", "/api/status", headers=bearer))[0] == 401  # forgotten with the revocation


async def test_removing_a_user_revokes_their_tokens_and_the_last_admin_stays(web: Web) -> None:
    operator = await web.login("operator")
    token = (await web.call("POST", "/api/me/tokens", headers=operator.headers(), json={"name": "t"}))[1]
    everyone = {u["name"]: u["id"] for u in (await web.call("GET", "/api/users", headers=web.bearer("admin")))[1]}
    assert (await web.call("DELETE", f"/api/users/{everyone['operator']}", headers=web.bearer("admin")))[0] == 200
    assert (await web.call("GET", "/api/status", headers={"Authorization": f"Bearer {token['token']}"}))[0] == 401
    status, body = await web.call("DELETE", f"/api/users/{everyone['admin']}", headers=web.bearer("admin"))
    assert status == 409 and "last admin" in body["error"]["message"]


async def test_bad_user_input_is_refused_in_words(web: Web) -> None:
    status, body = await web.call("POST", "/api/users", headers=web.bearer("admin"),
                                  json={"name": "short", "role": "viewer", "password": "1234"})
    assert status == 422 and body["error"]["field"] == "password"
    status, body = await web.call("POST", "/api/users", headers=web.bearer("admin"),
                                  json={"name": "viewer", "role": "viewer", "password": "long enough"})
    assert status == 409
    status, body = await web.call("POST", "/api/users", headers=web.bearer("admin"),
                                  json={"name": "x", "role": "owner", "password": "long enough"})
    assert status == 422 and body["error"]["field"] == "role"


async def test_kiosk_mode_reads_the_status_without_login_and_nothing_else(web: Web) -> None:
    assert (await web.call("GET", "/api/status"))[0] == 401, "kiosk is off by default"
    web.config.http.kiosk = True
    status, me = await web.call("GET", "/api/me")
    assert status == 200 and me["via"] == "kiosk" and me["role"] == "viewer" and me["csrf"] is None
    assert (await web.call("GET", "/api/status"))[0] == 200
    assert (await web.call("GET", "/api/orders"))[0] == 401
    assert (await web.call("POST", "/api/printers/1/pause"))[0] == 401
