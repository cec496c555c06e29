"""A newsroom's integration with claimledger, in plain httpx: submit a quote, read the verdict and the matches,
subscribe a webhook and verify what it receives. docs/integration.md walks through it.

    python docs/examples/newsroom_client.py --url http://127.0.0.1:8000 --key "$KEY" \\
        --quote "U.S. troops in Iraq have risen to 10,000." --speaker "Jane Senator"

Copy what you need; it depends on httpx alone.
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import hmac
import json
import os
import sys
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import httpx

RETRY_STATUSES = (429, 503)  # rate limited, or busy / still loading: the reply's Retry-After says when to retry


class ClaimledgerError(Exception):
    """An error reply (application/problem+json): ``status`` and the problem's ``detail``."""

    def __init__(self, status: int, problem: Mapping[str, Any]) -> None:
        super().__init__(f"{status}: {problem.get('detail') or problem.get('title')}")
        self.status = status
        self.problem = dict(problem)


def retry_after_seconds(response: httpx.Response, default: float) -> float:
    """Retry-After as seconds: a number of seconds or an HTTP date."""
    value = response.headers.get("Retry-After", "").strip()
    if value.replace(".", "", 1).isdigit():
        return float(value)
    try:
        return max(0.0, email.utils.parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return default


class ClaimledgerClient:
    """Calls /v1 with one API key. A POST that creates carries an Idempotency-Key, the same on every retry, so
    retrying after a 429, a 503 or a lost connection never stores anything twice."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        max_attempts: int = 6,
        max_wait: float = 60.0,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=timeout,
            transport=transport,
        )
        self.max_attempts = max_attempts
        self.max_wait = max_wait
        self.sleep = sleep

    def close(self) -> None:
        self.http.close()

    def request(self, method: str, path: str, *, idempotency_key: str | None = None, **kwargs: Any) -> Any:
        """The reply's JSON (None for 204). Retries 429 and 503 after their Retry-After, and a lost connection
        when repeating is safe (a GET, or a POST with an Idempotency-Key); raises ClaimledgerError otherwise."""
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        safe_to_repeat = method == "GET" or idempotency_key is not None
        for attempt in range(1, self.max_attempts + 1):
            last = attempt == self.max_attempts
            try:
                response = self.http.request(method, path, headers=headers, **kwargs)
            except httpx.TransportError:
                if last or not safe_to_repeat:
                    raise
                self.sleep(min(self.max_wait, 2.0**attempt))
                continue
            if response.status_code in RETRY_STATUSES and not last:
                self.sleep(min(self.max_wait, retry_after_seconds(response, default=2.0**attempt)))
                continue
            if response.status_code >= 400:
                try:
                    problem = response.json()
                except ValueError:
                    problem = {"detail": response.text}
                raise ClaimledgerError(response.status_code, problem)
            return response.json() if response.content else None
        raise AssertionError("unreachable")

    def submit_quote(
        self,
        quote: str,
        speaker: str,
        *,
        source_url: str | None = None,
        said_at: str | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Store a quote and check it against the record: ``{"claim": {...}, "check": {"verdict", "matches"}}``."""
        body = {"quote": quote, "speaker": speaker, "source_url": source_url, "said_at": said_at}
        key = idempotency_key or str(uuid.uuid4())
        result: dict[str, Any] = self.request("POST", "/v1/quotes", json=body, idempotency_key=key)
        return result

    def subscribe(self, url: str, events: Sequence[str] = ("flag.created",)) -> dict[str, Any]:
        """A webhook subscription (admin key); keep its ``secret``: it is shown only now."""
        key = str(uuid.uuid4())
        result: dict[str, Any] = self.request(
            "POST", "/v1/webhooks", json={"url": url, "events": list(events)}, idempotency_key=key
        )
        return result

    def deliveries(self, webhook_id: str) -> list[dict[str, Any]]:
        """The webhook's delivery log, newest first (attempts, status codes, errors)."""
        page: dict[str, Any] = self.request("GET", f"/v1/webhooks/{webhook_id}/deliveries")
        return list(page["items"])


# -- receiving webhooks -------------------------------------------------------------------------------------------


def verify_signature(secret: str, body: bytes, signature_header: str | None) -> bool:
    """Whether X-Claimledger-Signature is ``sha256=`` + the hex HMAC-SHA256 of the raw body under the secret.
    Check the bytes as received, before parsing them."""
    if not signature_header:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature_header.strip())


def handle_delivery(
    secret: str, headers: Mapping[str, str], body: bytes, seen_delivery_ids: set[str]
) -> dict[str, Any] | None:
    """What a receiver does with one request: refuse a bad signature (ValueError: answer 401), drop a repeat of
    a delivery already handled (None: still answer 2xx), else return the event ``{"id", "type", "created_at",
    "data"}``. A delivery is retried until it gets a 2xx, so answer quickly and do slow work afterwards."""
    lower = {k.lower(): v for k, v in headers.items()}
    if not verify_signature(secret, body, lower.get("x-claimledger-signature")):
        raise ValueError("bad or missing X-Claimledger-Signature")
    delivery_id = lower.get("x-claimledger-delivery", "")
    if delivery_id in seen_delivery_ids:
        return None
    seen_delivery_ids.add(delivery_id)
    event: dict[str, Any] = json.loads(body)
    return event


# -- reading a verdict ----------------------------------------------------------------------------------------------


def describe(check: Mapping[str, Any], limit: int = 3) -> list[str]:
    """A check's verdict and top matches as lines for an editor: who said what, when, and who rated it."""
    lines = [f"verdict: {check['verdict']}"]
    for match in check["matches"][:limit]:
        claim = match["claim"]
        speaker = (claim.get("speaker") or {}).get("name", "unknown")
        when = f", {claim['said_at']}" if claim.get("said_at") else ""
        line = f"  {match['relation']} ({match['similarity']:.2f}): {claim['text']!r} ({speaker}{when})"
        ratings = [f"rated {r['rating']} by {r['author']}" for r in match.get("reviews", []) if r.get("rating")]
        lines.append(line + (f"; {'; '.join(ratings)}" if ratings else ""))
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check and store a quote with claimledger.")
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--key", default=os.environ.get("CLAIMLEDGER_KEY"), help="or CLAIMLEDGER_KEY")
    parser.add_argument("--quote", required=True)
    parser.add_argument("--speaker", required=True)
    parser.add_argument("--source-url")
    parser.add_argument("--said-at")
    args = parser.parse_args(argv)
    if not args.key:
        parser.error("give --key or set CLAIMLEDGER_KEY")
    client = ClaimledgerClient(args.url, args.key)
    try:
        result = client.submit_quote(args.quote, args.speaker, source_url=args.source_url, said_at=args.said_at)
    except ClaimledgerError as exc:
        print(f"error {exc}", file=sys.stderr)
        return 1
    finally:
        client.close()
    print(f"stored claim {result['claim']['id']} ({result['claim']['speaker']['name']})")
    print("\n".join(describe(result["check"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
