"""The chain of copies (``FlagService.copies_of``) of a speaker who says one line every day for months: it is read
a few days at a time around the copies found last, so the rows it reads grow with the chain, not with its square
(each round re-read every day between the chain's two ends: 152,340 rows and 2.2 s for three years of one line)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from db.engine import make_engine, make_session_factory
from db.models import Claim
from db.repositories.flags import FlagRepository
from service.services.flags import FlagService
from service.services.speakers import SpeakerService

DAYS = 150
LINE = "We will build 300 new schools this year."


def test_a_line_said_daily_reads_its_chain_in_rows_linear_in_its_length(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(database_url)
    try:
        factory = make_session_factory(engine)
        with factory() as session:
            speaker = SpeakerService(session).resolve("Jane Minister")
            start = datetime(2020, 1, 1, tzinfo=UTC)
            claims = [
                Claim(
                    text=LINE,
                    speaker=speaker,
                    said_at=start + timedelta(days=day),
                    said_at_is_date=True,
                    external_id=f"day-{day}",
                    source_url=f"https://daily.example/{day}",
                )
                for day in range(DAYS)
            ]
            session.add_all(claims)
            session.commit()
            middle = claims[DAYS // 2].id
        rows_read = [0]
        said_between = FlagRepository.said_between

        def counted(self: FlagRepository, *args: Any, **kwargs: Any) -> list[Claim]:
            found = said_between(self, *args, **kwargs)
            rows_read[0] += len(found)
            return found

        monkeypatch.setattr(FlagRepository, "said_between", counted)
        with factory() as session:
            claim = session.get(Claim, middle)
            assert claim is not None
            copies = FlagService(session).copies_of(claim)
        assert len(copies) == DAYS  # one statement, linked day by day
        assert [c.external_id for c in copies] == [f"day-{day}" for day in range(DAYS)]
        assert rows_read[0] <= 8 * DAYS, rows_read[0]
    finally:
        engine.dispose()
