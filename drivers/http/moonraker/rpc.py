"""JSON-RPC 2.0 over Moonraker's websocket: requests matched to answers by id, notifications queued.

Moonraker multiplexes answers and notifications on one socket, so one reader task sorts them:
an answer completes the caller's future, a notification (a method without an id) goes to a queue
the driver consumes in order. When the socket ends, pending calls fail and the queue says so.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from typing import Any

import aiohttp

from odind.drivers.http.printer import AuthRefused, PrinterUnavailable
from odind.tasks import TaskSet


class RpcError(PrinterUnavailable):
    """Moonraker answered a call with a JSON-RPC error (it uses HTTP-like codes: 401, 503, ...)."""

    def __init__(self, method: str, code: int, message: str) -> None:
        super().__init__(f"{method}: {message} (code {code})")
        self.code = code


class _Closed:
    """Queued once the server closed the socket cleanly."""


class RpcSocket:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse, messages: AsyncIterator[Any], *,
                 timeout_s: float, owner: str) -> None:
        self._ws = ws
        self._timeout_s = timeout_s
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[str, asyncio.Future[Any]]] = {}
        self._notifications: asyncio.Queue[dict[str, Any] | BaseException | _Closed] = asyncio.Queue()
        self._tasks = TaskSet(f"{owner}:rpc")
        self._tasks.spawn(self._read(messages), "read")

    async def call(self, method: str, params: dict[str, Any] | None = None) -> Any:
        """Send one request and wait for its answer; raises RpcError, AuthRefused or PrinterUnavailable."""
        request_id = next(self._ids)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = (method, future)
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "id": request_id}
        if params is not None:
            message["params"] = params
        try:
            await self._ws.send_json(message)
            async with asyncio.timeout(self._timeout_s):
                return await future
        except TimeoutError as exc:
            raise PrinterUnavailable(f"no answer to {method} within {self._timeout_s:g}s") from exc
        except (aiohttp.ClientError, ConnectionError) as exc:
            raise PrinterUnavailable(f"push socket failed sending {method}: {exc}") from exc
        finally:
            self._pending.pop(request_id, None)

    async def notification(self) -> dict[str, Any] | None:
        """The next notification, or None once the server closed the socket."""
        item = await self._notifications.get()
        if isinstance(item, BaseException):
            raise item
        if isinstance(item, _Closed):
            return None
        return item

    async def close(self) -> None:
        await self._tasks.cancel_all()

    async def _read(self, messages: AsyncIterator[Any]) -> None:
        end: BaseException | _Closed = _Closed()
        try:
            async for message in messages:
                if isinstance(message, dict):
                    self._sort(message)
        except PrinterUnavailable as exc:
            end = exc
        gone = end if isinstance(end, BaseException) else PrinterUnavailable("the printer closed its push socket")
        for _, future in self._pending.values():
            if not future.done():
                future.set_exception(gone)
        self._notifications.put_nowait(end)

    def _sort(self, message: dict[str, Any]) -> None:
        if "id" not in message:
            if isinstance(message.get("method"), str):
                self._notifications.put_nowait(message)
            return
        pending = self._pending.get(message["id"])
        if pending is None or pending[1].done():
            return
        method, future = pending
        error = message.get("error")
        if isinstance(error, dict):
            code = error.get("code")
            text = str(error.get("message") or "error")
            if code in (401, 403):
                future.set_exception(AuthRefused(f"Moonraker refused the API key on its websocket ({text})"))
            else:
                future.set_exception(RpcError(method, int(code or 0), text))
        else:
            future.set_result(message.get("result"))
