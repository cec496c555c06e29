"""A live event's statements are hours apart on one night: the pages show a said_at's time, not just its day."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from db.engine import make_session_factory
from db.models import Claim
from service.runtime import Runtime
from service.services.speakers import SpeakerService
from tests.ui.records import store_document


def _visible(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_a_statement_said_late_at_night_shows_its_time_in_utc(reviewer: TestClient, runtime: Runtime) -> None:
    """Said at 23:50 in New York on 31 October is 03:50 UTC on 1 November: the day alone ("2026-11-01") put the
    statement on the wrong evening for a New York reader and could not order the night's statements; the time in
    UTC ("2026-11-01 03:50 UTC") does both. A said_at given as a date stays a date."""
    with make_session_factory(runtime.engine)() as session:
        speaker = SpeakerService(session).resolve("Maria Alvarez")
        late = datetime(2026, 11, 1, 3, 50, tzinfo=UTC)
        session.add(Claim(text="The order covers 210,000 residents.", speaker=speaker, said_at=late))
        day = datetime(2026, 10, 31, tzinfo=UTC)
        session.add(Claim(text="Shelters are open.", speaker=speaker, said_at=day, said_at_is_date=True))
        document = store_document(session, "Storm live blog.", title="Storm Delia live")
        document.published_at, document.published_at_is_date = datetime(2026, 11, 1, 5, 30, tzinfo=UTC), False
        session.commit()
        speaker_id, document_id = speaker.id, document.id
    source = _visible(reviewer.get(f"/ui/sources/{speaker_id}").text)
    assert "2026-11-01 03:50 UTC · statement The order covers 210,000 residents." in source
    assert "2026-10-31 · statement Shelters are open." in source
    article = _visible(reviewer.get(f"/ui/documents/{document_id}").text)
    assert "published 2026-11-01 05:30 UTC" in article
