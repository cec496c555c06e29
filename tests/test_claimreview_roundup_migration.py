"""0048 makes a review its URL together with its claim (a roundup page's one URL holds a review per claim): the
reviews on record stay, one URL takes a review of each claim but never two of one claim, and the downgrade, whose
schema holds one review per URL, keeps the oldest review at each URL with it and the later ones without a URL."""

from __future__ import annotations

import pytest
from sqlalchemy import exc, select, text
from sqlalchemy.orm import Session

from db.engine import make_engine, make_session_factory
from db.migrate import check, downgrade, upgrade
from db.models import Claim, ClaimReview, Source
from tests.conftest import BACKENDS, new_database_url

PAGE = "https://factcheck.example.org/roundup"
INSERT_REVIEW = (
    "INSERT INTO claim_reviews (id, claim_id, url, rating, date_published_is_date, created_at)"
    " VALUES (:id, :claim_id, :url, 'False', :no, :at)"
)


def add_review(session: Session, review_id: str, claim_id: str, url: str, at: str) -> None:
    session.execute(text(INSERT_REVIEW), {"id": review_id, "claim_id": claim_id, "url": url, "no": False, "at": at})


@pytest.mark.parametrize("backend", BACKENDS)
def test_one_url_holds_a_review_per_claim_and_the_downgrade_keeps_the_oldest(
    backend: str, request: pytest.FixtureRequest
) -> None:
    url = new_database_url(backend, request, "claimledger_roundup_migration")
    upgrade(url, "0047")
    engine = make_engine(url)
    sessions = make_session_factory(engine)
    try:
        with sessions() as session:
            speaker = Source(name="Mara Quist", name_key="mara quist")
            claims = [Claim(text=f"Claim {i}.", speaker=speaker) for i in range(3)]
            session.add_all(claims)
            session.flush()
            ids = [c.id for c in claims]
            add_review(session, "00000000-0000-4000-8000-000000000001", ids[0], PAGE, "2026-12-01 00:00:00")
            session.commit()
        engine.dispose()

        upgrade(url)
        check(url)
        with sessions() as session:
            add_review(session, "00000000-0000-4000-8000-000000000002", ids[1], PAGE, "2026-12-02 00:00:00")
            add_review(session, "00000000-0000-4000-8000-000000000003", ids[2], PAGE, "2026-12-03 00:00:00")
            session.commit()
            with pytest.raises(exc.IntegrityError):
                add_review(session, "00000000-0000-4000-8000-000000000004", ids[1], PAGE, "2026-12-04 00:00:00")
            session.rollback()
        engine.dispose()

        downgrade(url, "0047")
        with sessions() as session:
            rows = session.execute(select(ClaimReview.claim_id, ClaimReview.url).order_by(ClaimReview.id)).all()
            assert [tuple(r) for r in rows] == [(ids[0], PAGE), (ids[1], None), (ids[2], None)]
            with pytest.raises(exc.IntegrityError):
                add_review(session, "00000000-0000-4000-8000-000000000005", ids[1], PAGE, "2026-12-05 00:00:00")
            session.rollback()
        engine.dispose()
        upgrade(url)
        check(url)
    finally:
        engine.dispose()
