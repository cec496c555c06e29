"""Wire copies: one speaker's statement stored once per outlet that carried the story. The nightly job (and
/v1/check) raise one flag per pair of statements, listing the copies, and none between copies; with the real
encoder (MiniLM) and the rule judge, on both backends."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select

from db.engine import make_engine, make_session_factory
from db.models import Claim, Flag, ReconciliationRun
from embeddings.encoder import Encoder
from embeddings.judge import Judgement
from embeddings.rule_judge import RuleJudge
from reconcile.job import Reconciler, RunOutcome, RunRequest
from reconcile.report import render_html
from service.config import Settings
from service.runtime import Runtime
from service.schemas import ClaimCreate
from service.services.claims import ClaimService
from service.services.flags import (
    CONTRADICTION,
    COPY_PAIR_NOT_FLAGGED,
    COPY_PAIR_ON_FLAG,
    Finding,
    FlagService,
    copies_of_one_statement,
    statement_pair_key,
    wording_key,
)
from service.services.speakers import SpeakerService
from tests.reconcile.conftest import reconcile_settings

SCHOOLS = "The ministry will build 300 new schools in the northern provinces this year."
FEWER = "The ministry will build 40 new schools in the northern provinces this year."
MINISTER, UNION = "Education Minister Rana Aziz", "National Teachers Union"
# (key, text, speaker, said_at, outlet): the minister's statement as three outlets carried it, the union's
# contradicting figure as two did.
WIRE = [
    ("wire-ap", SCHOOLS, MINISTER, "2024-03-05", "https://apnews.example/article/schools"),
    ("wire-yahoo", SCHOOLS, MINISTER, "2024-03-05", "https://news.yahoo.example/ministry-schools.html"),
    ("wire-nasdaq", SCHOOLS.rstrip("."), MINISTER, "2024-03-06", "https://www.nasdaq.example/articles/schools"),
]
UNION_FIGURE = [
    ("union-reuters", FEWER, UNION, "2024-05-02", "https://www.reuters.example/world/union-schools"),
    ("union-usnews", FEWER, UNION, "2024-05-02", "https://www.usnews.example/news/union-schools"),
]
Flags = set[tuple[str, str, str]]


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return reconcile_settings(database_url, tmp_path, encoder="minilm")


@pytest.fixture
def runtime(settings: Settings, minilm: Encoder) -> Iterator[Runtime]:
    rt = Runtime.create(settings)
    rt.use_models(minilm, RuleJudge())
    yield rt
    rt.close()


def store(runtime: Runtime, claims: Sequence[tuple[str, str, str, str | None, str]]) -> None:
    for key, text, speaker, said_at, url in claims:
        body = ClaimCreate.model_validate(
            {"text": text, "speaker": speaker, "said_at": said_at, "source_url": url, "external_id": key}
        )
        ClaimService(runtime.db, runtime.encoder).create(body)


def reconcile(runtime: Runtime, request: RunRequest | None = None, engine: str = "local") -> RunOutcome:
    outcomes = Reconciler(runtime, engine=engine).run(request or RunRequest())
    assert [o.status for o in outcomes] == ["succeeded"], [(o.status, o.error) for o in outcomes]
    return outcomes[-1]


def flags(runtime: Runtime) -> dict[tuple[str, str, str], dict[str, set[str]]]:
    """Every flag as (kind, claim key, other claim key) -> the copies it lists, by side, as keys."""
    with runtime.session_factory() as session:
        keys = {c.id: c.external_id or "" for c in session.scalars(select(Claim))}
        out = {}
        for flag in session.scalars(select(Flag)).unique():
            copies = (flag.signals or {}).get("copies") or {}
            side = {name: {keys[ref["id"]] for ref in copies.get(name, [])} for name in ("claim", "other_claim")}
            out[(flag.kind, keys.get(flag.claim_id or "", "statement"), keys[flag.other_claim_id])] = side
        return out


def two_nights(runtime: Runtime, engine: str = "local") -> tuple[RunOutcome, RunOutcome]:
    """The wire story on record (one run), then the union's figure arrives (an incremental run)."""
    store(runtime, WIRE)
    first = reconcile(runtime, engine=engine)
    store(runtime, UNION_FIGURE)
    return first, reconcile(runtime, engine=engine)


def test_a_contradicted_wire_story_is_one_flag_listing_every_copy(
    runtime: Runtime, client: TestClient, make_key: Callable[[str], dict[str, str]]
) -> None:
    first, second = two_nights(runtime)
    assert first.stats["counts"]["flags_new"] == 0  # the copies among themselves: one statement, nothing to review
    assert first.stats["counts"][COPY_PAIR_NOT_FLAGGED] == 3
    assert flags(runtime) == {
        ("contradiction", "union-reuters", "wire-ap"): {
            "claim": {"union-usnews"},
            "other_claim": {"wire-yahoo", "wire-nasdaq"},
        }
    }
    assert second.stats["counts"][COPY_PAIR_ON_FLAG] >= 1
    # The reviewer sees the one flag, with the other outlets' links.
    (listed,) = client.get("/v1/flags", headers=make_key("read")).json()["items"]
    assert {c["source_url"] for c in listed["copies"]["other_claim"]} == {WIRE[1][4], WIRE[2][4]}
    assert [c["source_url"] for c in listed["copies"]["claim"]] == [UNION_FIGURE[1][4]]
    assert listed["claim"]["source_url"] == UNION_FIGURE[0][4]
    (top,) = second.stats["top_contradictions"]
    assert len(top["copies"]["other_claim"]) == 2


def test_the_html_report_lists_the_other_outlets_copies(runtime: Runtime) -> None:
    """The standalone HTML report is what a desk reads in the morning: the wire story's flag there names every outlet
    that carried either side, as the JSON report's ``copies`` and GET /v1/flags do (it named none)."""
    _first, second = two_nights(runtime)
    page = render_html(second.stats)
    for _key, _text, _speaker, _when, outlet in WIRE[1:] + UNION_FIGURE[1:]:
        assert f'href="{outlet}"' in page, outlet


def test_full_and_incremental_runs_raise_the_same_flags_on_copies(runtime: Runtime) -> None:
    two_nights(runtime)
    incremental = flags(runtime)
    with runtime.session_factory() as session:
        session.execute(delete(Flag))
        session.execute(delete(ReconciliationRun))
        session.commit()
    full = reconcile(runtime, RunRequest(full=True))
    assert flags(runtime) == incremental
    assert full.stats["counts"][COPY_PAIR_NOT_FLAGGED] == 3 + 1  # three minister copy pairs, one union pair


def test_the_ray_engine_raises_the_same_flags_on_copies(runtime: Runtime, ray_cluster: None) -> None:
    two_nights(runtime)
    local = flags(runtime)
    with runtime.session_factory() as session:
        session.execute(delete(Flag))
        session.execute(delete(ReconciliationRun))
        session.commit()
    reconcile(runtime, RunRequest(full=True), engine="ray")
    assert flags(runtime) == local


def test_a_copy_carried_the_next_night_joins_the_flag(runtime: Runtime) -> None:
    two_nights(runtime)
    late = ("wire-independent", SCHOOLS, MINISTER, "2024-03-06", "https://www.independent.example/schools")
    store(runtime, [late])
    third = reconcile(runtime)
    assert third.stats["counts"]["flags_new"] == 0
    assert flags(runtime) == {
        ("contradiction", "union-reuters", "wire-ap"): {
            "claim": {"union-usnews"},
            "other_claim": {"wire-yahoo", "wire-nasdaq", "wire-independent"},
        }
    }


def test_copies_carried_over_several_days_are_one_statement(runtime: Runtime) -> None:
    """Outlets that picked the story up two and four days later: the first and the last are four days apart, but
    each is a copy of the middle one, so none of the three is flagged against another."""
    url = "https://example.org/"
    store(
        runtime,
        [
            ("day-0", SCHOOLS, MINISTER, "2024-03-05", url + "0"),
            ("day-2", SCHOOLS, MINISTER, "2024-03-07", url + "2"),
            ("day-4", SCHOOLS, MINISTER, "2024-03-09", url + "4"),
        ],
    )
    outcome = reconcile(runtime)
    assert flags(runtime) == {}
    assert outcome.stats["counts"][COPY_PAIR_NOT_FLAGGED] == 3


def test_repetitions_corrections_and_other_speakers_are_still_flagged(runtime: Runtime) -> None:
    """What copies are not: the same words said again months later (a repetition), a corrected figure the same
    day (a self-contradiction), the same words from another speaker (a near-duplicate)."""
    url = "https://example.org/"
    store(
        runtime,
        [
            ("said-march", SCHOOLS, MINISTER, "2024-03-05", url + "march"),
            ("said-again-july", SCHOOLS, MINISTER, "2024-07-20", url + "july"),
            ("corrected-same-day", FEWER, MINISTER, "2024-03-05", url + "correction"),
            ("deputy-same-day", SCHOOLS, "Deputy Minister Omar Haddad", "2024-03-05", url + "deputy"),
        ],
    )
    reconcile(runtime)
    found = set(flags(runtime))
    assert ("near_duplicate", "said-again-july", "said-march") in found
    assert ("self_contradiction", "corrected-same-day", "said-march") in found
    assert any(k == "near_duplicate" and "deputy-same-day" in (a, b) for k, a, b in found)


def test_a_checked_statement_is_flagged_once_against_a_wire_story_and_loses_no_match(
    runtime: Runtime, client: TestClient, make_key: Callable[[str], dict[str, str]]
) -> None:
    store(runtime, WIRE)
    reader = make_key("read")
    reply = client.post("/v1/check", json={"text": FEWER, "speaker": UNION, "top_k": 10}, headers=reader).json()
    wire_matches = [m for m in reply["matches"] if m["claim"]["external_id"].startswith("wire-")]
    assert len(wire_matches) == 3 and all(m["relation"] == "contradicts" for m in wire_matches)
    again = client.post("/v1/check", json={"text": FEWER, "speaker": UNION}, headers=reader).json()
    assert again["matches"] == reply["matches"]
    assert flags(runtime) == {
        ("contradiction", "statement", "wire-ap"): {"claim": set(), "other_claim": {"wire-yahoo", "wire-nasdaq"}}
    }


def _claim(
    text: str,
    speaker: str = "s",
    said: str | None = "2024-03-05",
    stance: str = "asserts",
    id_: str = "a",
    is_date: bool = False,
    recorded: str = "2024-03-05",
    document: str | None = None,
) -> Any:
    """A claim as raising a flag reads it; ``said`` None: undated (recorded at ``recorded``)."""
    when = datetime.fromisoformat(said).replace(tzinfo=UTC) if said else None
    return Claim(
        id=id_,
        text=text,
        speaker_id=speaker,
        said_at=when,
        said_at_is_date=is_date,
        created_at=datetime.fromisoformat(recorded).replace(tzinfo=UTC),
        stance=stance,
        document_id=document,
    )


def test_copies_are_the_same_words_of_one_speaker_and_stance_within_days() -> None:
    assert wording_key("The state will hire 2,000 teachers.") == wording_key("the state will hire 2000 Teachers")
    assert wording_key("It rose to 1.2 million") != wording_key("It rose to 12 million")
    assert wording_key("“We’re ready,” she said.") == wording_key('"We\'re ready" she said')
    one = _claim(SCHOOLS)
    assert copies_of_one_statement(one, _claim(SCHOOLS.upper(), said="2024-03-07", id_="b"))
    assert not copies_of_one_statement(one, _claim(SCHOOLS, said="2024-03-08", id_="b"))
    assert not copies_of_one_statement(one, _claim(SCHOOLS, speaker="t", id_="b"))
    assert not copies_of_one_statement(one, _claim(SCHOOLS, stance="denies", id_="b"))
    assert not copies_of_one_statement(one, _claim(FEWER, id_="b"))
    assert not copies_of_one_statement(one, one)


def test_only_thousands_separators_are_set_aside_in_numbers() -> None:
    """A number's thousands separators are house style ("2,000" is "2000"); a decimal comma ("1,5") or a list
    ("3,4") is no grouping, and reading it as one made "rose 1,5 percent" a copy of "rose 15 percent"."""
    assert wording_key("It cost 1,234,567.5 euros") == wording_key("It cost 1234567.5 euros")
    assert wording_key("Inflation rose 1,5 percent") != wording_key("Inflation rose 15 percent")
    assert wording_key("Chapters 3,4 were cut") != wording_key("Chapters 34 were cut")
    assert wording_key("It cost 10,00 euros") != wording_key("It cost 1000 euros")
    assert not copies_of_one_statement(
        _claim("Inflation rose 1,5 percent."), _claim("Inflation rose 15 percent.", id_="b")
    )


def test_a_copy_checked_later_joins_the_earliest_copys_flag_of_several(database_url: str) -> None:
    """Flags raised before copies were one statement (one per copy) stay as they are; a statement checked against a
    copy found later lists it on the earliest copy's flag, not on whichever flag the database returns first (the
    later copy's id sorts first here, as its pair key does)."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            speakers = SpeakerService(session)
            minister, union = speakers.resolve(MINISTER), speakers.resolve(UNION)

            def copy(id_: str, said: str) -> Claim:
                at = datetime.fromisoformat(said).replace(tzinfo=UTC)
                claim = Claim(
                    id=id_, text=SCHOOLS, speaker=minister, said_at=at, source_url=f"https://{id_[:2]}.example/"
                )
                session.add(claim)
                return claim

            earliest = copy("ffffffff-0000-4000-8000-000000000000", "2024-03-05T08:00:00")
            later = copy("00000000-0000-4000-8000-000000000000", "2024-03-05T20:00:00")
            found_later = copy("88888888-0000-4000-8000-000000000000", "2024-03-06T09:00:00")
            session.flush()
            judgement = Judgement("contradicts", {"entailment": 0.02, "neutral": 0.08, "contradiction": 0.9})
            for other in (earliest, later):  # one flag per copy, as /v1/check raised them before
                session.add(
                    Flag(
                        pair_key=statement_pair_key(CONTRADICTION, FEWER, other.id),
                        kind=CONTRADICTION,
                        relation="contradicts",
                        origin="check",
                        statement_text=FEWER,
                        statement_speaker_id=union.id,
                        other_claim_id=other.id,
                        probabilities=judgement.probabilities,
                        signals={"names": []},
                        similarity=0.9,
                    )
                )
            session.flush()
            assert FlagService(session).raise_for_statement(FEWER, union, None, found_later, judgement, 0.9) is None
            listed = {
                flag.other_claim_id: [ref["id"] for ref in (flag.signals.get("copies") or {}).get("other_claim", [])]
                for flag in session.scalars(select(Flag)).unique()
            }
            assert listed == {earliest.id: [later.id, found_later.id], later.id: []}
    finally:
        engine.dispose()


def test_a_date_is_the_whole_day_it_names() -> None:
    """A claim said "on 2021-03-05" was said some time that day, not at its midnight: a copy at 14:00 two days
    later is within two days of the day's end. Two datetimes, and two dates, keep their distance."""
    day = _claim(SCHOOLS, said="2021-03-05", is_date=True)

    def at(said: str, is_date: bool = False) -> Any:
        return _claim(SCHOOLS, said=said, is_date=is_date, id_="b")

    assert copies_of_one_statement(day, at("2021-03-07T14:00"))
    assert copies_of_one_statement(at("2021-03-07T23:59"), day)
    assert not copies_of_one_statement(day, at("2021-03-08T00:30"))
    assert copies_of_one_statement(day, at("2021-03-03T00:00"))
    assert not copies_of_one_statement(day, at("2021-03-02T23:00"))
    assert copies_of_one_statement(day, at("2021-03-07", is_date=True))
    assert copies_of_one_statement(day, at("2021-03-05", is_date=True))
    assert not copies_of_one_statement(day, at("2021-03-08", is_date=True))
    assert not copies_of_one_statement(_claim(SCHOOLS, said="2021-03-05T00:00"), at("2021-03-07T14:00"))


def test_abbreviations_with_dots_are_their_dotless_form() -> None:
    """House styles write "U.S." or "US"; the dots are punctuation, set aside. A dot between digits is a number's."""
    assert wording_key("U.S. troops will leave by May.") == wording_key("US troops will leave by May")
    assert wording_key("The U.K. economy grew.") == wording_key("The UK economy grew.")
    assert wording_key("The U.S.A. will respond.") == wording_key("The USA will respond.")
    assert wording_key("at 7 a.m. on Monday") == wording_key("at 7 am on Monday")
    assert wording_key("the E.U. rules") == wording_key("the EU rules")
    assert wording_key("the U.S.’s debt") == wording_key("the US's debt")
    assert wording_key("Growth was 1.5 percent") != wording_key("Growth was 15 percent")
    assert wording_key("Version 2.1 ships") != wording_key("Version 21 ships")
    assert wording_key("U.S. troops") != wording_key("UK troops")
    assert copies_of_one_statement(
        _claim("The U.S. will send 300 troops."), _claim("The US will send 300 troops", said="2024-03-06", id_="b")
    )


def test_undated_claims_are_copies_only_within_one_document() -> None:
    """When a claim was recorded says nothing of when it was said (an undated archive imported in one batch): an
    undated claim is a copy only of a claim of the same document (one article quoting the words twice)."""
    archive = _claim(SCHOOLS, said=None, recorded="2024-03-05T10:00:00")
    assert not copies_of_one_statement(archive, _claim(SCHOOLS, said=None, recorded="2024-03-05T10:00:01", id_="b"))
    assert not copies_of_one_statement(archive, _claim(SCHOOLS, said="2024-03-05", is_date=True, id_="b"))
    in_one_article = _claim(SCHOOLS, said=None, document="doc", id_="b")
    assert copies_of_one_statement(_claim(SCHOOLS, said=None, document="doc"), in_one_article)
    assert copies_of_one_statement(_claim(SCHOOLS, document="x"), _claim(SCHOOLS, document="y", id_="b"))
    # Dated claims go by their dates, in one document too (an article recalling the same words said years before).
    assert not copies_of_one_statement(
        _claim(SCHOOLS, document="doc"), _claim(SCHOOLS, said="2020-01-01", id_="b", document="doc")
    )


def test_an_undated_archive_imported_at_once_is_flagged_as_a_repetition(runtime: Runtime) -> None:
    """The speaker's same words on two pages of an undated archive, imported in one batch: a repetition, flagged
    (not two copies of one statement because they were recorded the same second)."""
    url = "https://speeches.example/"
    store(
        runtime, [("archive-1", SCHOOLS, MINISTER, None, url + "1"), ("archive-2", SCHOOLS, MINISTER, None, url + "2")]
    )
    outcome = reconcile(runtime)
    assert set(flags(runtime)) == {("near_duplicate", "archive-2", "archive-1")}
    assert outcome.stats["counts"].get(COPY_PAIR_NOT_FLAGGED, 0) == 0


def test_a_copy_dated_by_day_is_found_from_a_copy_timed_two_days_later(database_url: str) -> None:
    """Looking up a claim's copies on record reaches a copy given as a date, stored as its midnight, more than two
    days before the claim but within two days of that day's end."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            minister = SpeakerService(session).resolve(MINISTER)
            day = Claim(text=SCHOOLS, speaker=minister, said_at=datetime(2021, 3, 5, tzinfo=UTC), said_at_is_date=True)
            timed = Claim(text=SCHOOLS, speaker=minister, said_at=datetime(2021, 3, 7, 14, tzinfo=UTC))
            undated = Claim(text=SCHOOLS, speaker=minister)
            session.add_all([day, timed, undated])
            session.flush()
            service = FlagService(session)
            assert [c.id for c in service.copies_of(timed)] == [day.id, timed.id]
            assert [c.id for c in service.copies_of(undated)] == [undated.id]
    finally:
        engine.dispose()


def test_a_checked_statement_stored_later_lists_its_copies_on_the_flag(
    runtime: Runtime, client: TestClient, make_key: Callable[[str], dict[str, str]]
) -> None:
    """The union's figure checked (/v1/check flags it against the wire story) and then stored from two outlets: the
    check's flag becomes the stored statement's and lists both sides' copies, as a flag the job raised would. (The
    union is on record before the check: a statement by a speaker the check cannot name stays the check's.)"""
    members = (
        "union-members",
        "The union represents teachers in every district.",
        UNION,
        "2024-01-10",
        "https://union.example/",
    )
    store(runtime, [*WIRE, members])
    client.post("/v1/check", json={"text": FEWER, "speaker": UNION}, headers=make_key("read"))
    store(runtime, UNION_FIGURE)
    reconcile(runtime)
    assert flags(runtime) == {
        ("contradiction", "union-reuters", "wire-ap"): {
            "claim": {"union-usnews"},
            "other_claim": {"wire-yahoo", "wire-nasdaq"},
        }
    }


def test_a_finding_that_takes_over_a_checked_statements_flag_lists_the_copies(database_url: str) -> None:
    """The union's figure checked against the wire story (flagged on its earliest copy), then stored from two
    outlets: the one finding the job raises between a later copy of each side becomes the checked statement's flag
    and lists the copies of both sides, as a flag the job raised would (not only the copies the check knew)."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            speakers = SpeakerService(session)
            minister, union = speakers.resolve(MINISTER), speakers.resolve(UNION)

            def copy(text: str, speaker: Any, said: str, outlet: str) -> Claim:
                at = datetime.fromisoformat(said).replace(tzinfo=UTC)
                claim = Claim(text=text, speaker=speaker, said_at=at, source_url=f"https://{outlet}.example/")
                session.add(claim)
                session.flush()
                return claim

            ap = copy(SCHOOLS, minister, "2024-03-05T08:00:00", "ap")
            judgement = Judgement("contradicts", {"entailment": 0.02, "neutral": 0.08, "contradiction": 0.9})
            service = FlagService(session)
            checked = service.raise_for_statement(FEWER, union, None, ap, judgement, 0.9)
            assert checked is not None
            yahoo = copy(SCHOOLS, minister, "2024-03-05T20:00:00", "yahoo")
            reuters = copy(FEWER, union, "2024-05-02T09:00:00", "reuters")
            usnews = copy(FEWER, union, "2024-05-02T11:00:00", "usnews")
            finding = Finding(CONTRADICTION, usnews.id, yahoo.id, False, judgement, 0.9)
            assert FlagService(session).raise_for_finding(finding, "reconcile") is None
            (flag,) = session.scalars(select(Flag)).unique()
            assert (flag.id, flag.claim_id, flag.other_claim_id) == (checked.id, reuters.id, ap.id)
            listed = {side: [ref["id"] for ref in refs] for side, refs in flag.signals["copies"].items()}
            assert listed == {"claim": [usnews.id], "other_claim": [yahoo.id]}
    finally:
        engine.dispose()
