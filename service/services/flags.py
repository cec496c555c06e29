"""Raising flags for human review (once per pair) and recording reviews."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.orm.attributes import set_committed_value

from db.models import Claim, Flag, FlagReview, Source
from db.repositories.flags import FlagRepository, PairKeyRow
from db.repositories.sources import SourceRepository
from embeddings.judge import Judgement
from extraction import speaker_key
from service.errors import NotFoundError
from service.schemas import SaidAt
from service.services.speakers import claims_of_one_speaker, is_unattributed, one_speaker
from service.webhooks.events import FLAG_CREATED, FLAG_NEAR_DUPLICATE, WebhookEvent
from service.webhooks.outbox import emit

CONTRADICTION = "contradiction"
SELF_CONTRADICTION = "self_contradiction"
NEAR_DUPLICATE = "near_duplicate"
# The kinds that say two claims disagree (what GET /v1/flags lists unless asked for another kind).
CONTRADICTION_KINDS = (CONTRADICTION, SELF_CONTRADICTION)
# The webhook event a new flag of each kind raises: ``flag.created`` for exactly what GET /v1/flags lists by default,
# so its deliveries and that list agree; near-duplicates only to those who subscribe to them.
FLAG_EVENTS: dict[str, WebhookEvent[Flag]] = {
    **dict.fromkeys(CONTRADICTION_KINDS, FLAG_CREATED),
    NEAR_DUPLICATE: FLAG_NEAR_DUPLICATE,
}


def statement_fingerprint(text: str) -> str:
    return hashlib.sha256(" ".join(text.lower().split()).encode()).hexdigest()[:32]


def claim_pair_key(kind: str, a: str, b: str) -> str:
    first, second = sorted((a, b))
    return f"{kind}:{first}:{second}"


def statement_speaker_part(speaker_id: str | None, name_key: str | None) -> str | None:
    """The part of a checked statement's pair key that says whose it is: the source it was checked as, else the key
    of the name no source had then; None for a statement checked with no speaker (or a name with no key)."""
    if speaker_id:
        identity = f"source:{speaker_id}"
    elif name_key:
        identity = f"key:{name_key}"
    else:
        return None
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


def statement_pair_key(
    kind: str, text: str, other_claim_id: str, speaker_id: str | None = None, name_key: str | None = None
) -> str:
    """A checked statement's pair: its words against the claim on record, and for a named speaker whose words they
    are (``statement_speaker_part``, after the rest), so another speaker's same words are another pair. A statement
    checked with no speaker keeps the key every flag had before migration 0044. A speaker's part is what the flag
    was raised under: ``statement_flag_of`` matches a flag to a speaker by its speaker columns, which merges and
    re-keyings keep up to date, not by this part."""
    key = f"{kind}:stmt:{statement_fingerprint(text)}:{other_claim_id}"
    part = statement_speaker_part(speaker_id, name_key)
    return key if part is None else f"{key}:{part}"


class StatementKey(NamedTuple):
    """A checked statement's pair key with no speaker's part (``statement_pair_key``), the claim on record it is
    keyed against, and the stored claim whose words it is."""

    key: str
    other_claim_id: str
    stored: Claim


def _flags_of_statement(found: dict[str, PairKeyRow], key: str) -> list[PairKeyRow]:
    """The flags among ``found`` of a checked statement whose pair key with no speaker's part is ``key``: its
    no-speaker flag first, then the named speakers' in key order (a stable order to pick from)."""
    return [found[k] for k in sorted(found) if k == key or k.startswith(key + ":")]


def contradiction_kind(same_speaker: bool) -> str:
    return SELF_CONTRADICTION if same_speaker else CONTRADICTION


def versions_of_one_article(claim: Claim, other: Claim) -> bool:
    """Whether the two claims come from two postings of one article: two documents with the same URL (an update
    or a correction posted again). The later version repeating or correcting the earlier is the outlet's edit, not
    the speaker repeating or reversing themself, and a flag for it would land on the speaker's record."""
    url = (claim.source_url or "").strip()
    return (
        bool(url)
        and claim.document_id is not None
        and other.document_id is not None
        and claim.document_id != other.document_id
        and url == (other.source_url or "").strip()
    )


# Wire copies: one outlet's story carried by others stores the speaker's statement once per outlet. Copies are said
# within this long of each other (the outlets' dates differ by a day or so); the same words said again later are a
# repetition, which is flagged.
COPY_WINDOW = timedelta(days=2)
_WORD = re.compile(r"\w+(?:[.,']\w+)*")
# An abbreviation written with dots ("U.S.", "a.m.", "Ph.D.", "U.S.'s"): letters only between the dots, so it is
# its dotless form ("US"); "1.5" (a digit) stays a number.
_DOTTED_LETTERS = re.compile(r"[^\W\d_]+(?:\.[^\W\d_]+)+(?:'[^\W\d_]+)?")
_DOT_BEFORE_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\.(?=')")  # "U.S.'s": the possessive of "U.S."
# A number written with thousands separators ("2,000", "1,234,567.5"): only these lose their commas, so a decimal
# comma ("1,5") or a list ("3,4") stays another number than "15" or "34".
_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# What FlagService.raise_for_finding did instead of raising a flag, for the nightly job's report.
COPY_PAIR_NOT_FLAGGED = "copy_pairs_not_flagged"
COPY_PAIR_ON_FLAG = "copy_pairs_on_existing_flag"


def wording_key(text: str) -> str:
    """A statement's words as its copies share them: case, punctuation, quotes and spacing aside (outlets' house
    styles: "U.S." is "US"), every word and number kept (a changed number is another statement; "2,000" is "2000",
    "1,5" is not "15", "1.5" not "15")."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")
    text = _DOT_BEFORE_APOSTROPHE.sub("", text)
    return " ".join(_house_style_aside(w) for w in _WORD.findall(text))


def _house_style_aside(word: str) -> str:
    if _GROUPED_NUMBER.fullmatch(word):
        return word.replace(",", "")
    if _DOTTED_LETTERS.fullmatch(word):
        return word.replace(".", "")
    return word


def said_when(claim: Claim) -> datetime:
    """When the statement was made, to order statements: its ``said_at``, else when it was recorded."""
    return claim.said_at or claim.created_at


def _shifted(moment: datetime, delta: timedelta) -> datetime:
    """``moment + delta``, held at the first or last instant a datetime can hold: the API takes any day up to
    9999-12-31, and the day or copy window around one of the last days ran past it (OverflowError: every check,
    quote, article and nightly run that met such a claim failed)."""
    try:
        return moment + delta
    except OverflowError:
        return (datetime.max if delta > timedelta(0) else datetime.min).replace(tzinfo=moment.tzinfo)


def said_span(claim: Claim) -> tuple[datetime, datetime] | None:
    """The first and last instant the claim may have been said: its ``said_at``; a date is the whole day (some time
    that day, not its midnight). None when undated: when it was recorded says nothing of when it was said (an
    archive imported in one batch)."""
    if claim.said_at is None:
        return None
    if claim.said_at_is_date:
        return claim.said_at, _shifted(claim.said_at, timedelta(days=1) - timedelta(microseconds=1))
    return claim.said_at, claim.said_at


def _said_within_copy_window(claim: Claim, other: Claim) -> bool:
    """Whether the two were said within ``COPY_WINDOW`` of each other, as near as their spans allow; where either is
    undated, only when both come from one document (one article quoting the words twice)."""
    span, other_span = said_span(claim), said_span(other)
    if span is None or other_span is None:
        return claim.document_id is not None and claim.document_id == other.document_id
    return max(other_span[0] - span[1], span[0] - other_span[1]) <= COPY_WINDOW


def statement_order(claim: Claim) -> tuple[datetime, datetime, str]:
    """Earlier statement first (as the nightly job orders a pair): said, then recorded; ids break ties."""
    return (said_when(claim), claim.created_at, claim.id)


def copies_of_one_statement(claim: Claim, other: Claim) -> bool:
    """Whether two stored claims are one statement stored twice (a wire story other outlets carried, the same
    article posted twice): one speaker's (``one_speaker``: two claims no one is named for may be two people's),
    same stance, the same words (``wording_key``), said within ``COPY_WINDOW`` (a date as its whole day; undated
    claims only within one document, ``said_span``). They are one statement, not a repetition or a reversal of it:
    no flag between them, and a flag against one of them stands for all (``FlagService.raise_for_finding``). Claims
    linked by a chain of such pairs are one statement too (``FlagService.copies_of``): a story carried on days 1, 3
    and 5 is one, though days 1 and 5 are four apart."""
    return (
        claim.id != other.id
        and claims_of_one_speaker(claim, other)
        and claim.stance == other.stance
        and _said_within_copy_window(claim, other)
        and wording_key(claim.text) == wording_key(other.text)
    )


def copy_ref(claim: Claim) -> dict[str, Any]:
    """A copy as a flag lists it (``Flag.signals["copies"]``): the claim to fetch, and the outlet's link."""
    return {"id": claim.id, "source_url": claim.source_url}


# Flags inserted in a session's current transaction, as (kind, origin): read (``take_committed_flags``) by whoever
# listens for the commit (service/metrics.py counts them), forgotten when the transaction ends otherwise.
_RAISED = "claimledger.flags_raised"


def take_committed_flags(session: Session) -> list[tuple[str, str]]:
    """The flags the session's transaction inserted; call it from an ``after_commit`` listener."""
    raised: list[tuple[str, str]] = session.info.pop(_RAISED, [])
    return raised


# Whether the session's current transaction holds the right to raise flags (``FlagService._hold_flag_writes``).
_HOLDS_FLAG_WRITES = "claimledger.holds_flag_writes"


@event.listens_for(Session, "after_transaction_end")
def _forget_uncommitted_flags(session: Session, transaction: SessionTransaction) -> None:
    """A transaction that ended without anyone taking its flags (rolled back, or no listener): drop them. Its hold
    on raising flags ended with it."""
    if transaction.parent is None:
        session.info.pop(_RAISED, None)
        session.info.pop(_HOLDS_FLAG_WRITES, None)


@dataclass(frozen=True, slots=True)
class Finding:
    """A pair of stored claims to flag: ``claim_id`` is the later statement, ``other_claim_id`` the earlier one on
    record, and the judgement reads the earlier as premise."""

    kind: str
    claim_id: str
    other_claim_id: str
    same_speaker: bool
    judgement: Judgement
    similarity: float | None


def _reverse(judgement: Judgement) -> dict[str, float] | None:
    return dict(judgement.reverse_probabilities) if judgement.reverse_probabilities is not None else None


def _copy_windows(claims: Sequence[Claim]) -> list[tuple[datetime, datetime]]:
    """The days around each dated claim where its copies may be, overlapping ones merged, earliest first: the
    frontier of a chain of copies holds its two ends, and one window from the first to the last re-read every day
    between them each round (152,340 rows for a line said daily for three years)."""
    # A date on record is stored as its day's midnight: a day earlier still reaches the window at its end.
    windows = sorted(
        (_shifted(start, -COPY_WINDOW - timedelta(days=1)), _shifted(end, COPY_WINDOW))
        for start, end in (span for span in map(said_span, claims) if span is not None)
    )
    merged: list[tuple[datetime, datetime]] = []
    for start, end in windows:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class FlagService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.flags = FlagRepository(session)
        # Findings raise_for_finding did not flag because of copies (COPY_PAIR_*), for the nightly job's report.
        self.copy_outcomes: Counter[str] = Counter()
        self._copies: dict[str, list[Claim]] = {}  # copies_of by claim id: a chunk's findings share their claims

    def get(self, flag_id: str) -> Flag:
        flag = self.flags.get(flag_id)
        if flag is None:
            raise NotFoundError(f"no flag with id {flag_id}")
        return flag

    def _insert(self, flag: Flag, prepare: Callable[[Flag], None] | None = None) -> Flag | None:
        """The new flag, or None when its pair was flagged meanwhile (the callers look for an earlier flag first; a
        concurrent one fails the unique key). Its webhook deliveries (``FLAG_EVENTS``: ``flag.created`` or
        ``flag.near_duplicate``) are written with it (same savepoint, same transaction); ``prepare`` loads what
        their payload shows when someone subscribes."""
        flag.reviews = []  # a new flag has none: its payload need not ask the database
        try:
            with self.session.begin_nested():
                added = self.flags.add(flag)
                emit(self.session, FLAG_EVENTS[added.kind], added, prepare)
        except IntegrityError:
            return None
        self.session.info.setdefault(_RAISED, []).append((added.kind, added.origin))
        return added

    def raise_for_claims(
        self,
        kind: str,
        claim: Claim,
        other: Claim,
        judgement: Judgement,
        similarity: float | None,
        origin: str,
        run_id: str | None = None,
        judge_version: str | None = None,
    ) -> Flag | None:
        """Flag a pair of stored claims; ``claim`` is the newer statement, ``other`` the one on record."""
        finding = Finding(kind, claim.id, other.id, claims_of_one_speaker(claim, other), judgement, similarity)
        return self.raise_for_finding(finding, origin, run_id, judge_version)

    def raise_for_finding(
        self, finding: Finding, origin: str, run_id: str | None = None, judge_version: str | None = None
    ) -> Flag | None:
        """Flag a pair of stored claims given by id (the nightly job ships its findings as plain data). A pair
        already flagged as a checked statement, since stored as one of the two claims, is that flag: the stored
        claim is attached to it and no second flag is raised. Two versions of one article raise none
        (``versions_of_one_article``), nor do two copies of one statement (``copies_of_one_statement``).

        A statement stored several times (wire copies) gets one flag per pair of statements, not one per pair of
        copies: the flag is raised on the earliest copy of each side, lists the other copies
        (``signals["copies"]``), and a copy pair found later (another outlet's copy, the next night) is added to
        the flag that stands for it rather than raising another. Each side's copies are the chain of copies it is
        in (``copies_of``), so every copy pair of two statements meets the same flag, in whatever order. Every
        copy pair but the flag's own pair counts as ``COPY_PAIR_ON_FLAG``, whether it raises the flag or meets it.
        The look-up for the flag that stands for the pair waits for other writers of flags (``_hold_flag_writes``).
        """
        # Both claims (what the flag's payload shows of them, and the texts that key a checked statement's flag),
        # then every pair key that would make this finding no new flag, narrow, in one query.
        claims = self.flags.claims_to_render([finding.claim_id, finding.other_claim_id])
        both = finding.claim_id in claims and finding.other_claim_id in claims
        if both:
            claim, other = claims[finding.claim_id], claims[finding.other_claim_id]
            if versions_of_one_article(claim, other):
                return None
            if copies_of_one_statement(claim, other):
                self.copy_outcomes[COPY_PAIR_NOT_FLAGGED] += 1
                return None
        pair_key, statement_keys, found = self._flagged_keys(finding, claims)
        if pair_key in found:  # the pair itself is flagged (every night's re-judged pairs): nothing to look up
            return None
        if self._hold_flag_writes():  # read again now that no other writer's flags are uncommitted
            pair_key, statement_keys, found = self._flagged_keys(finding, claims)
            if pair_key in found:
                return None
        copies: dict[str, list[dict[str, Any]]] = {}
        copy_sides: tuple[list[Claim], list[Claim]] | None = None  # each side's copies, where either has several
        if both:
            ours, theirs = self.copies_of(claim), self.copies_of(other)
            if {c.id for c in ours} & {c.id for c in theirs}:  # copies of one copy, days apart: one statement too
                self.copy_outcomes[COPY_PAIR_NOT_FLAGGED] += 1
                return None
            if len(ours) > 1 or len(theirs) > 1:
                flagged = self.flags.between_claims(finding.kind, [c.id for c in ours], [c.id for c in theirs])
                if flagged is not None:
                    self._list_copies(flagged, ours, theirs)
                    if {flagged.claim_id, flagged.other_claim_id} != {claim.id, other.id}:  # not this pair's own
                        self.copy_outcomes[COPY_PAIR_ON_FLAG] += 1
                    return None
                finding, claims, copies = self._on_first_copies(finding, ours, theirs)
                if {finding.claim_id, finding.other_claim_id} != {claim.id, other.id}:
                    # A copy pair the flag on the earliest copies stands for, counted whether this finding raises
                    # that flag or meets it raised: so a chunk redone after its flags were committed (a resume),
                    # or met in another order, counts what a run never interrupted counts.
                    self.copy_outcomes[COPY_PAIR_ON_FLAG] += 1
                copy_sides = (ours, theirs)
                # The flag's pair is now the earliest copies' (none flags it: ``between_claims``); a checked
                # statement's flag may still stand for it.
                pair_key, statement_keys, found = self._flagged_keys(finding, claims)
        attached = self._attach_to_statement_flag(statement_keys, found)
        if attached is not None:
            statement_flag = self.flags.get(attached) if copy_sides is not None else None
            if statement_flag is not None and copy_sides is not None:  # it stands for the copies: list them
                self._list_copies(statement_flag, *copy_sides)
            return None
        judgement = finding.judgement
        flag = Flag(
            pair_key=pair_key,
            kind=finding.kind,
            relation=judgement.relation,
            origin=origin,
            claim_id=finding.claim_id,
            other_claim_id=finding.other_claim_id,
            probabilities=dict(judgement.probabilities),
            reverse_probabilities=_reverse(judgement),
            signals={"names": list(judgement.signals), **({"copies": copies} if copies else {})},
            similarity=finding.similarity,
            same_speaker=finding.same_speaker,
            run_id=run_id,
            judge_version=judge_version,
        )
        if finding.claim_id in claims and finding.other_claim_id in claims:  # else the insert fails as it did
            flag.claim, flag.other_claim = claims[finding.claim_id], claims[finding.other_claim_id]
        return self._insert(flag, self._load_speakers_aliases)

    def _load_speakers_aliases(self, flag: Flag) -> None:
        """Before a new flag's payload is rendered: the aliases of the speakers it shows, read in one query for all
        of them (its claims were read without them: ``claims_to_render``)."""
        sides = (flag.claim, flag.other_claim) if flag.claim_id is not None else (flag.other_claim,)
        speakers = [claim.speaker for claim in sides if claim is not None]
        if flag.statement_speaker_id is not None and flag.statement_speaker is not None:
            speakers.append(flag.statement_speaker)
        SourceRepository(self.session).load_aliases(speakers)

    def _hold_flag_writes(self) -> bool:
        """Before looking for the flag that stands for a pair beyond its own key (its copies', to raise one): wait
        for any other transaction raising flags to end, and keep them waiting until this one does
        (``hold_flag_writes``), so that two writers at once (the nightly job, a document stored through the API)
        cannot each miss the other's flag and raise two for one story, each on the earliest copy it sees. Once per
        transaction; whether it took the lock just now, so may have waited (flags read before may be out of date)."""
        if self.session.info.get(_HOLDS_FLAG_WRITES):
            return False
        self.session.info[_HOLDS_FLAG_WRITES] = True
        return self.flags.hold_flag_writes()

    def copies_of(self, claim: Claim) -> list[Claim]:
        """The claim and its copies on record, earliest statement first: every claim linked to it by a chain of
        copies (``copies_of_one_statement``: said within ``COPY_WINDOW`` of the next), so that each copy of a
        statement has the same copies, whichever of them a finding names, and a story carried over several days is
        one statement (a copy on day 1 and one on day 5 are one through those of days 3 and 4). Looked up once per
        statement by this service (a copy stored meanwhile is met by the next run, which checks it). The
        unattributed speaker's claims have none (``copies_of_one_statement``): nothing to read."""
        if claim.id in self._copies:
            return self._copies[claim.id]
        if is_unattributed(claim.speaker):
            return [claim]
        words = wording_key(claim.text)
        linked = {claim.id: claim}
        frontier = [claim]
        while frontier:  # each round reads the days around the copies found last (and their documents)
            documents = sorted({c.document_id for c in frontier if c.document_id is not None})
            nearby = {  # by id: a claim of the frontier's documents may be in one of its windows too
                c.id: c
                for i, window in enumerate(_copy_windows(frontier) or [None])
                for c in self.flags.said_between(claim.speaker_id, claim.stance, window, documents if i == 0 else ())
            }
            found = [
                c
                for c in nearby.values()
                if c.id not in linked
                and wording_key(c.text) == words
                and any(copies_of_one_statement(member, c) for member in frontier)
            ]
            linked.update((c.id, c) for c in found)
            frontier = found
        copies = sorted(linked.values(), key=statement_order)
        for copy in copies:  # one statement: the same copies from each of them
            self._copies[copy.id] = copies
        return copies

    def _on_first_copies(
        self, finding: Finding, ours: Sequence[Claim], theirs: Sequence[Claim]
    ) -> tuple[Finding, dict[str, Claim], dict[str, list[dict[str, Any]]]]:
        """The finding moved onto the earliest copy of each side (the same flag whichever copy pair is found first,
        in whatever order a run meets them), the later statement first; both claims; the other copies by side.
        A pair that is two versions of one article is never the flag's (``versions_of_one_article``): the earliest
        other pair is, the finding's own at the latest."""
        first, other_first = min(
            ((a, b) for a in ours for b in theirs if not versions_of_one_article(a, b)),
            key=lambda pair: (statement_order(pair[0]), statement_order(pair[1])),
        )
        ours = [first, *(c for c in ours if c is not first)]
        theirs = [other_first, *(c for c in theirs if c is not other_first)]
        judgement = finding.judgement
        two_ways = judgement.reverse_probabilities is not None and judgement.reverse_relation is not None
        if two_ways and statement_order(first) < statement_order(other_first):  # the sides' dates overlap
            first, other_first, ours, theirs = other_first, first, theirs, ours
            judgement = replace(judgement.reversed(), relation=judgement.relation)  # the finding's kind holds
        moved = replace(finding, claim_id=first.id, other_claim_id=other_first.id, judgement=judgement)
        copies = {
            "claim": [copy_ref(c) for c in ours[1:]],
            "other_claim": [copy_ref(c) for c in theirs[1:]],
        }
        claims = self.flags.claims_to_render([first.id, other_first.id])
        return moved, claims, copies

    def _list_copies(self, flag: Flag, ours: Sequence[Claim], theirs: Sequence[Claim]) -> None:
        """Add copies found since ``flag`` was raised to its list (each side's, bar the flag's own claims); ``ours``
        are the copies of one side, ``theirs`` of the other (of the claim on record, for a checked statement)."""
        if flag.other_claim_id in {c.id for c in ours}:
            ours, theirs = theirs, ours
        signals = dict(flag.signals) if isinstance(flag.signals, dict) else {}
        listed = {side: list(refs) for side, refs in (signals.get("copies") or {}).items()}
        changed = False
        for side, group, own in (("claim", ours, flag.claim_id), ("other_claim", theirs, flag.other_claim_id)):
            refs = listed.setdefault(side, [])
            known = {ref["id"] for ref in refs} | {own}
            for claim in group:
                if claim.id not in known:
                    refs.append(copy_ref(claim))
                    changed = True
        if changed:
            flag.signals = {**signals, "copies": listed}  # a new dict: the JSON column sees the change
            self.session.flush()

    def _flagged_keys(
        self, finding: Finding, claims: dict[str, Claim]
    ) -> tuple[str, list[StatementKey], dict[str, PairKeyRow]]:
        """The finding's pair key, the keys a checked statement's flag would stand for it under
        (``_statement_keys``, any speaker's), and those of them already flagged, read in one query."""
        pair_key = claim_pair_key(finding.kind, finding.claim_id, finding.other_claim_id)
        statement_keys = self._statement_keys(finding, claims) if finding.kind in CONTRADICTION_KINDS else []
        found = self.flags.by_pair_keys([pair_key], [(s.key, s.other_claim_id) for s in statement_keys])
        return pair_key, statement_keys, found

    @staticmethod
    def _statement_keys(finding: Finding, claims: dict[str, Claim]) -> list[StatementKey]:
        """The pair keys (with no speaker's part) a checked statement's flag would have if it were one of the two
        claims (same text as flags key statements, ``statement_fingerprint``, against the other claim), with that
        claim; the later claim's first."""
        keys: list[StatementKey] = []
        for stored_id, other_id in (
            (finding.claim_id, finding.other_claim_id),
            (finding.other_claim_id, finding.claim_id),
        ):
            stored = claims.get(stored_id)
            if stored is not None:
                keys.append(StatementKey(statement_pair_key(finding.kind, stored.text, other_id), other_id, stored))
        return keys

    def _attach_to_statement_flag(self, statement_keys: list[StatementKey], found: dict[str, PairKeyRow]) -> str | None:
        """The id of the flag /v1/check raised (open or reviewed) for the pair as a statement that is now one of the
        two claims (one of ``statement_keys``, same speaker: ``_said_by``), else None. The stored claim becomes the
        flag's ``claim`` (its statement fields and key stay, so checking the text again raises nothing either); a
        statement checked under a name no source had then gets the claim's speaker (a merge moves it on)."""
        for key, _, stored in statement_keys:
            rows = _flags_of_statement(found, key)
            row = next((r for r in rows if r.claim_id in (None, stored.id) and self._said_by(r, stored)), None)
            if row is None:
                continue
            if row.claim_id is None:
                flag = self.flags.get(row.id)
                if flag is not None:
                    flag.claim = stored
                    if flag.statement_speaker_id is None:
                        flag.statement_speaker = stored.speaker
                    self.session.flush()
            return row.id
        return None

    def _said_by(self, row: PairKeyRow, stored: Claim) -> bool:
        """Whether the checked statement of flag ``row`` was said by the stored claim's speaker: the same source, or
        for a statement checked under a name no source had then, a name whose key (``statement_speaker_key``) is
        that speaker's now, its name's or a keyed alias's (as a speaker name given to the API resolves: a renamed
        source keeps its old name as an alias, a merged one's names move to the source kept). A statement checked
        with no speaker is nobody's, and so is one of the unattributed speaker's (``one_speaker``): a checked
        statement "Unknown" said is not an author-less claim of the same words."""
        if is_unattributed(stored.speaker):
            return False
        if row.statement_speaker_id is not None:
            return row.statement_speaker_id == stored.speaker_id
        if not row.statement_speaker_key or stored.speaker_id is None:
            return False
        return SourceRepository(self.session).has_key(stored.speaker_id, row.statement_speaker_key)

    def raise_for_statement(
        self,
        text: str,
        speaker: Source | None,
        said_at: SaidAt | None,
        other: Claim,
        judgement: Judgement,
        similarity: float,
        judge_version: str | None = None,
        speaker_name: str | None = None,
    ) -> Flag | None:
        """Flag a checked statement (not stored as a claim) against the claim it contradicts. Its ``said_at`` is kept
        with its form (date or datetime), so the flag renders the statement's time as a claim renders its own.
        ``speaker_name``, the name the check was given, is kept where no source had it (``speaker`` None), with its
        speaker key, so the statement stored later under that name keeps this flag (``_said_by``) and the speaker
        filter finds it in SQL.

        A claim stored several times (wire copies) is one statement: the flag is raised against its earliest copy
        and lists the others, and the statement checked against another copy raises no second flag. Nor does a
        statement its speaker's stored claim says word for word, flagged against the claim already
        (``_stored_and_flagged``)."""
        same = speaker is not None and one_speaker(speaker.id, other.speaker_id, speaker.name_key)
        kind = contradiction_kind(same)
        unmatched_name = (speaker_name or "").strip() if speaker is None else ""
        name_key = (speaker_key(unmatched_name) or None) if unmatched_name else None
        speaker_id = speaker.id if speaker else None
        if self.statement_flag_of(kind, text, [other.id], speaker_id, name_key) is not None:
            return None  # this speaker's statement against this claim is flagged already: nothing to look up
        self._hold_flag_writes()
        copies: dict[str, list[dict[str, Any]]] = {}
        theirs = self.copies_of(other)
        if speaker is not None and self._stored_and_flagged(kind, text, speaker, theirs):
            return None
        if len(theirs) > 1:
            # The earliest copy's flag where several hold one (raised before copies were one statement): the one
            # a new flag would have been, not whichever the database returns first.
            flagged_id = self.statement_flag_of(kind, text, [c.id for c in theirs], speaker_id, name_key)
            if flagged_id is not None:
                flag = self.flags.get(flagged_id)
                if flag is not None:
                    self._list_copies(flag, [], theirs)
                return None
            other = theirs[0]
            copies = {"claim": [], "other_claim": [copy_ref(c) for c in theirs[1:]]}
        flag = Flag(
            pair_key=statement_pair_key(kind, text, other.id, speaker_id, name_key),
            kind=kind,
            relation=judgement.relation,
            origin="check",
            claim_id=None,
            statement_text=text,
            statement_speaker_id=speaker_id,
            statement_speaker_name=unmatched_name or None,
            statement_speaker_key=name_key,
            statement_said_at=said_at.at if said_at else None,
            statement_said_at_is_date=said_at.is_date if said_at else False,
            other_claim_id=other.id,
            probabilities=dict(judgement.probabilities),
            reverse_probabilities=_reverse(judgement),
            signals={"names": list(judgement.signals), **({"copies": copies} if copies else {})},
            similarity=similarity,
            same_speaker=same,
            judge_version=judge_version,
        )
        if self.statement_flag_of(kind, text, [other.id], speaker_id, name_key) is not None:
            return None
        return self._insert(flag, self._load_statement_sides)

    def statement_flag_of(
        self,
        kind: str,
        text: str,
        other_claim_ids: Sequence[str],
        speaker_id: str | None,
        name_key: str | None,
        besides: str | None = None,
    ) -> str | None:
        """The id of the flag (``kind``, open or reviewed, other than ``besides``) of these words checked as this
        speaker's against one of these claims, the first claim's first, else None: one query. The speaker is the
        source ``speaker_id``; else the name of key ``name_key`` no source had; neither, nobody. A flag is a source's
        when it was checked as theirs (a merge moved it on), or under a name no source had then whose key is now
        theirs (as ``_said_by`` attaches a stored claim); a name's when checked under a name of that key; nobody's
        when its key has no speaker's part (``statement_pair_key``): by the speaker columns that merges and
        re-keyings keep up to date, not by the key's speaker part, which says who the flag was raised for."""
        keys = [statement_pair_key(kind, text, other_id) for other_id in other_claim_ids]
        found = self.flags.by_pair_keys(keys, list(zip(keys, other_claim_ids, strict=True)))
        for key in keys:
            for row in _flags_of_statement(found, key):
                if row.id != besides and self._checked_as(row, row.pair_key == key, speaker_id, name_key):
                    return row.id
        return None

    def _checked_as(self, row: PairKeyRow, nobody_s: bool, speaker_id: str | None, name_key: str | None) -> bool:
        """Whether the checked statement of flag ``row`` (``nobody_s``: keyed with no speaker's part) was checked as
        this speaker's (``statement_flag_of``). A named speaker's by the flag's speaker columns alone, so a flag keyed
        before its speaker was in its key (written with no migration 0044 on it) is still theirs."""
        if speaker_id is None and name_key is None:
            return nobody_s
        if speaker_id is None:
            return row.statement_speaker_id is None and row.statement_speaker_key == name_key
        if row.statement_speaker_id is not None:
            return row.statement_speaker_id == speaker_id
        key = row.statement_speaker_key
        return key is not None and SourceRepository(self.session).has_key(speaker_id, key)

    def _stored_and_flagged(self, kind: str, text: str, speaker: Source, theirs: Sequence[Claim]) -> bool:
        """Whether the statement is a claim of this speaker's on record already (the same words, as
        ``statement_fingerprint`` reads them) whose flag against the claim (or a copy of it) is raised: a quote,
        a document or the nightly job flagged it before it was checked. The statement is that claim, and its pair
        that flag, as ``raise_for_finding`` makes a statement flagged first, stored later, one flag."""
        if is_unattributed(speaker):  # its claim of the same words may be anyone's, not this statement
            return False
        fingerprint = statement_fingerprint(text)
        flagged = self.flags.flagged_texts_of(kind, [c.id for c in theirs], speaker.id)
        return any(statement_fingerprint(stored) == fingerprint for stored in flagged)

    def _load_statement_sides(self, flag: Flag) -> None:
        """A checked statement's new flag, before its payload is rendered: the claim it contradicts (with its
        speaker) and the statement's speaker, read in this transaction (what the check matched came from an
        earlier read), then both speakers' aliases in one query (lazy loads would read them one at a time)."""
        claims = self.flags.claims_to_render([flag.other_claim_id])
        if flag.other_claim_id in claims:
            set_committed_value(flag, "other_claim", claims[flag.other_claim_id])
        said_by = self.flags.source_to_render(flag.statement_speaker_id) if flag.statement_speaker_id else None
        if said_by is not None:
            set_committed_value(flag, "statement_speaker", said_by)
        self._load_speakers_aliases(flag)

    def mark_same_speaker(self, speaker_id: str) -> tuple[int, int]:
        """After a merge made two sources one, or a source took a name statements were checked under (an alias, a
        rename): every flag whose two sides are now this speaker's is marked ``same_speaker``, and a
        ``contradiction`` among them (open or reviewed) becomes a ``self_contradiction`` with the pair key of that
        kind. Where that key is already another flag's (the same statement was checked
        under both names), the two are one pair: the older flag is kept, takes the newer one's reviews (the
        latest review, of either, sets its status) and the newer is deleted. The unattributed speaker's flags stay
        as they are (``one_speaker``: its statements are not one speaker's, whatever was merged into it). Then the
        same words checked as two names of this speaker against one claim are one flag (``_fold_statement_repeats``).
        Returns (contradictions now self-contradictions, flags deleted as repeats)."""
        converted = removed = 0
        nobody = is_unattributed(SourceRepository(self.session).get(speaker_id))
        for flag in self.flags.same_speaker_not_marked(speaker_id):
            if flag.claim_id is None and flag.statement_speaker_id is None:  # checked under a name no source had
                flag.statement_speaker_id = speaker_id  # now this speaker's: shown with its id, moved by later merges
            if nobody:
                continue
            flag.same_speaker = True
            if flag.kind != CONTRADICTION:  # a near-duplicate's pair key does not name the speaker
                continue
            converted += 1
            if flag.statement_text is not None:  # this speaker's statement now, keyed as theirs
                text, other_id = flag.statement_text, flag.other_claim_id
                pair_key = statement_pair_key(SELF_CONTRADICTION, text, other_id, speaker_id)
                twin_id = self.statement_flag_of(SELF_CONTRADICTION, text, [other_id], speaker_id, None, flag.id)
                twin = self.flags.get(twin_id) if twin_id is not None else self.flags.by_pair_key(pair_key)
            else:
                pair_key = claim_pair_key(SELF_CONTRADICTION, flag.claim_id or "", flag.other_claim_id)
                twin = self.flags.by_pair_key(pair_key)
            if twin is not None:
                kept, dropped = sorted((flag, twin), key=lambda f: (f.created_at, f.id))
                self._absorb(kept, dropped)
                removed += 1
                if kept is twin:
                    continue
            flag.kind = SELF_CONTRADICTION
            flag.pair_key = pair_key
        self.session.flush()
        if not nobody:
            removed += self._fold_statement_repeats(speaker_id)
        return converted, removed

    def _fold_statement_repeats(self, speaker_id: str) -> int:
        """The same words checked as two speakers' against one claim were two flags (their keys name the speakers,
        ``statement_pair_key``); once the two are this one speaker (a merge, a name taken) they are one pair: the
        oldest flag is kept with the reviews of all (``_absorb``), as a check of the words would now find it.
        Returns the flags deleted."""
        kept: dict[tuple[str, str, str], Flag] = {}
        removed = 0
        for flag in self.flags.checked_statements_of(speaker_id):
            pair = (flag.kind, statement_fingerprint(flag.statement_text or ""), flag.other_claim_id)
            first = kept.setdefault(pair, flag)
            if first is not flag:
                self._absorb(first, flag)
                removed += 1
        return removed

    def fold_copies(self, claim_ids: Sequence[str]) -> int:
        """After a merge gave a speaker these claims: one that is now a copy of the speaker's statement (a wire story
        the two names carried, "UNICEF said" in one paper and "the United Nations Children's Fund said" in the next)
        was another statement until then, so the job flagged it as one: a near-duplicate of its copy, and a flag of
        its own against each statement that contradicts or repeats it. What the job raises for copies
        (``raise_for_finding``) is left instead: no flag between copies of one statement, and one flag per pair of
        statements, the oldest, which takes the others' reviews (``_absorb``) and lists the copies. A checked
        statement's flag, keyed by its words, stays as it is. Returns the flags deleted."""
        stmt = select(Claim).where(Claim.id.in_(sorted(claim_ids))).execution_options(populate_existing=True)
        moved = sorted(self.session.scalars(stmt), key=statement_order)  # their speaker is the merged one now
        removed = 0
        seen: set[str] = set()
        for claim in moved:
            if claim.id in seen:
                continue
            ours = self.copies_of(claim)
            mine = {c.id for c in ours}
            seen |= mine
            if len(mine) < 2:
                continue
            statements: dict[tuple[str, str], list[Flag]] = {}
            theirs: dict[str, list[Claim]] = {}
            for flag in self.flags.for_claims(sorted(mine)):  # oldest first: the first of a pair is kept
                if flag.claim_id is None or flag.claim is None:
                    continue
                if flag.claim_id in mine and flag.other_claim_id in mine:  # between copies: never the job's flag
                    self.session.delete(flag)
                    removed += 1
                    continue
                other = self.copies_of(flag.other_claim if flag.claim_id in mine else flag.claim)
                theirs[other[0].id] = other
                statements.setdefault((flag.kind, other[0].id), []).append(flag)
            for (_, first_id), flags in statements.items():
                kept, *repeats = flags
                for dropped in repeats:
                    self._absorb(kept, dropped)
                    removed += 1
                self._list_copies(kept, ours, theirs[first_id])
        self.session.flush()
        return removed

    def _absorb(self, kept: Flag, dropped: Flag) -> None:
        """``dropped`` repeats ``kept``'s pair: its reviews move over and it is deleted (before ``kept`` takes the
        pair key the two now share)."""
        for review in list(dropped.reviews):
            review.flag = kept
        reviews = list(kept.reviews)
        if reviews:
            kept.status = max(reviews, key=lambda r: r.created_at).status
        self.session.delete(dropped)
        self.session.flush()

    def review(self, flag_id: str, status: str, note: str | None, reviewer_key_id: str | None) -> Flag:
        flag = self.get(flag_id)
        flag.status = status
        self.flags.add_review(FlagReview(flag_id=flag.id, status=status, note=note, reviewer_key_id=reviewer_key_id))
        self.session.refresh(flag, attribute_names=["reviews"])
        return flag
