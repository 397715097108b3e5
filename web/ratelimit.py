"""Login throttling, in memory: a run of wrong passwords for one name from one address waits a while.

Keyed by (address, name) so a guesser cannot lock a colleague out from another phone, and
bounded so a flood of made-up names cannot grow it without limit. A restart forgets it, which is
fine: scrypt already makes each guess slow.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from aiohttp import web


class LoginLimiter:
    def __init__(self, attempts: int = 5, window_s: float = 300.0, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self.max_keys = max_keys
        self._clock = clock
        self._failures: OrderedDict[tuple[str, str], list[float]] = OrderedDict()

    def _recent(self, key: tuple[str, str]) -> list[float]:
        cutoff = self._clock() - self.window_s
        times = [t for t in self._failures.get(key, []) if t > cutoff]
        if times:
            self._failures[key] = times
        else:
            self._failures.pop(key, None)
        return times

    def retry_after(self, address: str, name: str) -> float:
        """Seconds until this pair may try again; 0 when it may try now."""
        times = self._recent((address, name.casefold()))
        if len(times) < self.attempts:
            return 0.0
        return max(0.0, times[-self.attempts] + self.window_s - self._clock())

    def failed(self, address: str, name: str) -> None:
        key = (address, name.casefold())
        times = self._recent(key)
        times.append(self._clock())
        self._failures[key] = times
        self._failures.move_to_end(key)
        while len(self._failures) > self.max_keys:
            self._failures.popitem(last=False)

    def succeeded(self, address: str, name: str) -> None:
        self._failures.pop((address, name.casefold()), None)


LIMITER = web.AppKey("odind_login_limiter", LoginLimiter)
