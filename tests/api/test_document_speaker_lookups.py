"""An article's speakers are looked up once in its write transaction: placing its descriptions and lone surnames
and writing its claims share what was found (each look-up is a query or two per name)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import event

from service.runtime import Runtime

ARTICLE = (
    "BRUSSELS — Finance Minister Jonas Berg said on Monday that the budget deficit had narrowed to 2 percent. "
    '"We have done what we promised," Berg told reporters.\n\n'
    "Opposition leader Mara Lind said the figures were misleading. "
    '"The deficit is larger than the government admits," Lind said.\n\n'
    "Jonas Berg added that spending on schools would rise next year."
)


def test_each_named_speaker_is_looked_up_once_in_the_write(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    lookups: list[dict[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if "FROM sources" in statement and "name_key" in statement and "INSERT" not in statement:
            lookups.append(parameters)

    event.listen(runtime.db.engine, "before_cursor_execute", record)
    try:
        reply = client.post(
            "/v1/documents", json={"text": ARTICLE, "url": "https://example.org/budget"}, headers=writer
        )
    finally:
        event.remove(runtime.db.engine, "before_cursor_execute", record)
    assert reply.status_code == 201, reply.text
    names = {c["speaker"]["name"] for c in reply.json()["claims"]}
    assert {"Jonas Berg", "Mara Lind"} <= names
    keys = [str(p) for p in lookups]
    for key in ("jonas berg", "mara lind"):
        looked_up = [k for k in keys if key in k]
        assert 1 <= len(looked_up) <= 2, (key, keys)  # by name, then by alias when the name holds none
