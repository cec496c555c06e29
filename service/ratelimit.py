"""Rate limits (CLAIMLEDGER_RATE_LIMIT per API key, CLAIMLEDGER_AUTH_FAILURE_LIMIT per client address), counted
by the ``limits`` library in a moving window.

Applied in ``service.api.deps.require`` once the key is known, so unauthenticated routes (/healthz, /readyz,
/metrics) are never limited. A failed authentication counts against the client's address; once over that budget
further failures are answered 429 instead of 401. A valid key from the same address is still served (a newsroom
behind one NAT address is not locked out by one misconfigured client), and guessing a key is hopeless anyway
(256 random bits): the limit is there to tell a flood to back off.

With the default ``memory://`` storage each process counts on its own: run several processes or replicas with a
shared storage (``redis://``, ``memcached://``; ``CLAIMLEDGER_RATE_LIMIT_STORAGE``), or each allows the full rate.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence

from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from service.config import Settings
from service.errors import TooManyRequestsError

PER_KEY = "key"
AUTH_FAILURE = "auth_failure"
RefusalObserver = Callable[[str], None]


class RateLimits:
    """The process's limits and their counters; ``refused`` hears of every 429 (the metrics count them)."""

    def __init__(
        self,
        per_key: Sequence[RateLimitItem],
        auth_failures: Sequence[RateLimitItem],
        storage_uri: str = "memory://",
        refused: RefusalObserver | None = None,
    ) -> None:
        self.per_key = list(per_key)
        self.auth_failures = list(auth_failures)
        self.refused = refused
        self._limiter = MovingWindowRateLimiter(storage_from_string(storage_uri)) if per_key or auth_failures else None

    @classmethod
    def from_settings(cls, settings: Settings, refused: RefusalObserver | None = None) -> RateLimits:
        return cls(
            parse_many(settings.rate_limit) if settings.rate_limit else [],
            parse_many(settings.auth_failure_limit) if settings.auth_failure_limit else [],
            settings.rate_limit_storage,
            refused,
        )

    def hit_key(self, key_id: str) -> None:
        """Count one request of this key; 429 (TooManyRequestsError) when it is over its limit."""
        self._hit(PER_KEY, self.per_key, key_id, "this API key is over its rate limit")

    def hit_auth_failure(self, address: str) -> None:
        """Count one failed authentication from this address; 429 once there were too many."""
        self._hit(AUTH_FAILURE, self.auth_failures, address, "too many requests with a missing or invalid API key")

    def _hit(self, kind: str, items: Sequence[RateLimitItem], identifier: str, detail: str) -> None:
        if self._limiter is None:
            return
        for item in items:
            if not self._limiter.hit(item, kind, identifier):
                if self.refused is not None:
                    self.refused(kind)
                raise TooManyRequestsError(
                    f"{detail} ({item}); retry after the time in Retry-After",
                    retry_after=self._seconds_until_free(item, kind, identifier),
                )

    def _seconds_until_free(self, item: RateLimitItem, kind: str, identifier: str) -> int:
        """Whole seconds until the oldest request in the window leaves it (at least 1)."""
        assert self._limiter is not None
        reset_at = self._limiter.get_window_stats(item, kind, identifier).reset_time
        return max(1, math.ceil(reset_at - time.time()))
