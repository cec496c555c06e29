"""Speakers as sources: a name or alias resolves to one source, a new name creates one (race-safe).

A client's name is never guessed at: a lone surname ("Alvarez", "Mr. Alvarez") that names no source itself but
ends the names of two or more people on record is refused (422, with the candidates) rather than given to one of
them. A speaker an article only describes ("the minister") gets a source of that article alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import Claim, Source
from db.repositories.sources import SourceRepository
from extraction import leading_office, speaker_key, split_role_prefix
from extraction.names import HONORIFICS, JOB_TITLES, OFFICE_TITLES, other_script_form
from service.errors import ConflictError, NotFoundError, UnprocessableError

# How many candidates an ambiguous name's 422 lists.
MAX_CANDIDATES = 10
# What an ambiguous name's 422 asks for: a full name, or a source's id where the body takes one.
BY_NAME_OR_ID = "give the full name or speaker_id"
BY_NAME = "give the full name"
_TITLES = HONORIFICS | OFFICE_TITLES | JOB_TITLES

# The speaker of a statement whose speaker no one named: a ClaimReview without ``itemReviewed.author.name`` is stored
# under this name (the contract's word). It is nobody in particular, so it is told by its key, and two of its
# statements are never one speaker's (``one_speaker``).
UNKNOWN_SPEAKER = "Unknown"
UNATTRIBUTED_SPEAKER_KEY = speaker_key(UNKNOWN_SPEAKER)


def one_speaker(speaker_id: str | None, other_speaker_id: str | None, name_key: str | None) -> bool:
    """Whether two statements are one speaker's (a ``self_contradiction``, ``same_speaker``, copies of one
    statement): the same source, and not the unattributed one (its ``name_key`` is
    ``UNATTRIBUTED_SPEAKER_KEY``): two fact-checks that name no one rate anyone's words, and their conflict is not
    someone contradicting themself. The one rule for checks, quotes, articles, merges and the nightly job."""
    return speaker_id is not None and speaker_id == other_speaker_id and name_key != UNATTRIBUTED_SPEAKER_KEY


def claims_of_one_speaker(claim: Claim, other: Claim) -> bool:
    """``one_speaker`` for two stored claims; the speaker is read only where the two share one."""
    return claim.speaker_id == other.speaker_id and one_speaker(
        claim.speaker_id, other.speaker_id, speaker_name_key(claim)
    )


def speaker_name_key(claim: Claim) -> str | None:
    """The key of the claim's speaker; None for a claim built without its source (not read from the record), which
    ``one_speaker`` tells by the source's id alone."""
    speaker: Source | None = claim.speaker
    return speaker.name_key if speaker is not None else None


def is_unattributed(source: Source | None) -> bool:
    """Whether the source is the unattributed speaker (``UNKNOWN_SPEAKER``), by its key."""
    return source is not None and source.name_key == UNATTRIBUTED_SPEAKER_KEY


@lru_cache(maxsize=4096)
def _name_parts(name: str) -> tuple[str, str | None, str, str | None, str | None]:
    """A name's key, the role written before it, the bare name, its leading office and its form in another script
    in parentheses ("Li Wei (李伟)"): a bulk write names the same few speakers hundreds of times, and each parse is
    ~0.1 ms of the write transaction."""
    written_role, bare_name = split_role_prefix(name)
    return speaker_key(name), written_role, bare_name, leading_office(name), other_script_form(name)


def surname_form(name: str) -> str | None:
    """The one word left of a name that is a lone surname, with or without titles ("Alvarez", "Mr. Alvarez",
    "Sen. Alvarez", "Coach Alvarez" -> "alvarez"); None for a name of more words, or one that is only a title."""
    words = speaker_key(name).split(" ")
    while len(words) > 1 and words[0] in _TITLES:
        words.pop(0)
    if len(words) != 1 or not words[0] or words[0] in _TITLES:
        return None
    return words[0]


def folded(text: str) -> str:
    """A written form as compared for listing: whitespace runs as one space, case aside."""
    return " ".join(text.split()).casefold()


def written_forms(source: Source) -> set[str]:
    """Every form a source is listed under, its name and its aliases, as ``folded`` compares them."""
    return {folded(source.name), *(folded(a.alias) for a in source.aliases)}


def candidate_out(source: Source) -> dict[str, Any]:
    return {"id": source.id, "name": source.name, "kind": source.kind, "role": source.role}


def scoped_document(source: Source) -> str | None:
    """The one document a source speaks for alone (a description or lone surname an article made,
    ``SpeakerService.resolve_in_document``), or None for a speaker of the whole record."""
    document_id = (source.metadata_ or {}).get("document_id")
    return document_id if isinstance(document_id, str) else None


class SpeakerService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.sources = SourceRepository(session)
        # Sources found or made by this service, by name key: a bulk write names the same speakers again and
        # again, and each look-up is two queries (the source, its aliases). Lives as long as the session's work.
        self._by_key: dict[str, Source] = {}
        # Keys no source held when looked up: an article's new speaker is looked up to place its descriptions, then
        # again for each of its claims, before it is made. Only this service makes sources in its session's work,
        # and it takes a key off when it makes one.
        self._absent: set[str] = set()
        # Keys held to the end of the transaction (``hold_names``): looked up after they were held, not held again.
        self._held: set[str] = set()

    def forget(self) -> None:
        """Drop what was remembered: after a rolled-back savepoint, a source made inside it no longer exists, and a
        key lock taken inside it is let go."""
        self._by_key.clear()
        self._absent.clear()
        self._held.clear()

    def hold_names(self, names: Iterable[str]) -> None:
        """Before making the speakers of claims: hold every new key their names may insert (the name's, and its
        form in another script), all in one order, so that two writers naming the same new speakers in other
        orders wait for each other's commit instead of deadlocking (``SourceRepository.hold_keys``). Nothing to do
        where no key lock is taken (SQLite)."""
        if not self.sources.takes_key_locks():
            return
        keys: set[str] = set()
        for name in names:
            key, _role, _bare, _office, other_form = _name_parts(name)
            keys.add(key)
            if other_form is not None:
                keys.add(speaker_key(other_form))
        # Only keys no source holds yet (looked up once, as making the claims would): writers naming speakers on
        # record take no lock and never wait for each other. A writer waited for may have made some: looked up
        # again (READ COMMITTED reads what it committed).
        new = [k for k in keys - self._held if k and self._find_by_key(k) is None]
        waited = self.sources.hold_keys(new)
        self._held.update(new)
        if waited:
            self._absent.difference_update(new)

    def _write_pending(self) -> None:
        """Write what the session holds pending (a bulk's claims built so far) before a savepoint whose unique
        violation is read as another writer's key: a savepoint writes them first, and an error of theirs (a claim
        naming a source a merge deleted meanwhile, which PostgreSQL still showed) was taken for the key's conflict
        and answered by a look-up in the failed transaction, a 500. Raised here, the writer's retry reads again."""
        self.session.flush()

    def _find_by_key(self, key: str) -> Source | None:
        found = self._by_key.get(key)
        if found is None and key not in self._absent:
            found = self.sources.find_by_key(key)
            if found is not None:
                self._by_key[key] = found
            else:
                self._absent.add(key)
        return found

    def get(self, source_id: str) -> Source:
        source = self.sources.get(source_id)
        if source is None:
            raise NotFoundError(f"no source with id {source_id}")
        return source

    def find(self, name: str) -> Source | None:
        key = speaker_key(name)
        return self._find_by_key(key) if key else None

    def find_committed(self, name: str) -> Source | None:
        """``find`` after ``hold_names``, reading again a name this request found absent: a writer that made and
        committed it between that look-up and the lock left nothing to wait for (PostgreSQL). Where the answer
        decides 201 or 409; a claim's speaker needs no second look, its insert meets the winner's row instead."""
        key = speaker_key(name)
        self._absent.discard(key)
        return self._find_by_key(key) if key else None

    def candidates(self, name: str) -> list[Source]:
        """The people a name could mean only by a partial form: none when it names a source itself (its name or an
        alias) or is no lone surname, else every person (or speaker of unknown kind) whose name ends with it. A
        source one article's lone surname made ("Berg", ``metadata.document_id``) is that article's speaker, no
        name a client means: "Ms Berg" with Anna and Lars Berg on record stays ambiguous."""
        word = surname_form(name)
        found = self.find(name) if word is not None else None
        if word is None or (found is not None and scoped_document(found) is None):
            return []
        return self.sources.ending_with_word(word, MAX_CANDIDATES + 1)

    def refuse_ambiguous(self, name: str, loc: Sequence[str | int], remedy: str = BY_NAME_OR_ID) -> None:
        """422 when ``name`` could be two or more sources (``candidates``): a client's name is not guessed at; one
        candidate or none, and the name resolves as it always did (``resolve``)."""
        found = self.candidates(name)
        if len(found) < 2:
            return
        listed = ", ".join(f"{s.name} ({s.id})" for s in found[:MAX_CANDIDATES])
        more = " and more" if len(found) > MAX_CANDIDATES else ""
        raise UnprocessableError(
            f"speaker {name!r} could be any of several sources: {listed}{more}; {remedy}",
            errors=[
                {
                    "loc": list(loc),
                    "msg": f"ambiguous speaker name: {remedy}",
                    "candidates": [candidate_out(s) for s in found[:MAX_CANDIDATES]],
                }
            ],
        )

    def find_unambiguous(self, name: str, loc: Sequence[str | int], remedy: str = BY_NAME) -> Source | None:
        """The source ``name`` names, None for a new name, 422 for a partial name several people share."""
        self.refuse_ambiguous(name, loc, remedy)
        return self.find(name)

    @staticmethod
    def names(source: Source, name: str) -> bool:
        """Whether ``name`` stands for ``source``: its name or an alias, or a lone surname ending one of them."""
        keys = [source.name_key, *(a.alias_key for a in source.aliases if a.alias_key)]
        key = speaker_key(name)
        if key and key in keys:
            return True
        word = surname_form(name)
        return word is not None and any(k.endswith(" " + word) for k in keys)

    def resolve(self, name: str, kind: str = "unknown", role: str | None = None) -> Source:
        """The source this name or alias stands for, created if new. A role or office written before the name
        ("Coalition Spokesman Col. Wayne Marotto", "Mayor Jane Quinn") is no part of the identity; it fills the
        source's role when it has none."""
        key, written_role, bare_name, office, other_form = _name_parts(name)
        if not key:
            raise UnprocessableError(f"speaker name {name!r} has no letters or digits")
        role = role or written_role or office
        existing = self._find_by_key(key)
        if existing is not None:
            if existing.kind == "unknown" and kind != "unknown":
                existing.kind = kind
            if existing.role is None and role:
                existing.role = role
        else:
            existing = self._create(Source(name=bare_name or name.strip(), name_key=key, kind=kind, role=role))
        if other_form is not None:
            self._add_other_script_form(existing, other_form)
        return existing

    def _add_other_script_form(self, source: Source, form: str) -> None:
        """Keep the name's form in another script ("李伟" of "Li Wei (李伟)") as an alias of ``source``, so a claim
        sent under it later is the same speaker. A form another source already holds stays that source's, never
        taken from it (the two are one speaker split in two only a merge joins); one this source holds adds
        nothing; a concurrent writer adding the same form first wins the key."""
        key = speaker_key(form)
        owner = self._find_by_key(key)
        if owner is not None:
            return
        self._write_pending()
        try:
            with self.session.begin_nested():
                self.sources.add_alias(source, form, key)
        except IntegrityError:  # the key is another's now: looked up again when next named
            self._absent.discard(key)
            return
        self._by_key[key] = source
        self._absent.discard(key)

    def _create(self, source: Source) -> Source:
        """Insert a new source, race-safe: when another writer created the same key between our look-up and this
        insert, theirs is the source."""
        self._absent.discard(source.name_key)
        self._write_pending()
        try:
            with self.session.begin_nested():
                added = self.sources.add(source)
            self._by_key[source.name_key] = added
            return added
        except IntegrityError:
            found = self._find_by_key(source.name_key)
            if found is None:
                raise
            return found

    def resolve_in_document(
        self, names: Sequence[str], document_id: str, kind: str = "unknown", role: str | None = None
    ) -> Source:
        """The source of a speaker one document only describes ("the minister"): the first of ``names`` (the most
        readable first, the last holding the document's id) that no other document's speaker holds. Within the
        document the description stays one speaker; ``metadata.document_id`` says whose it is, so two articles'
        "minister" never meet, nor raise a self-contradiction."""
        for name in names:
            key = speaker_key(name)
            found = self._find_by_key(key) or self._create(
                Source(name=name, name_key=key, kind=kind, role=role, metadata_={"document_id": document_id})
            )
            if scoped_document(found) == document_id:
                return found
        raise ConflictError(f"every name for a speaker of document {document_id} is taken: {list(names)}")

    def resolve_reference(self, name: str | None, source_id: str | None) -> Source:
        if source_id is not None:
            source = self.sources.get(source_id)
            if source is None:
                raise UnprocessableError(
                    f"speaker_id {source_id} is not a known source",
                    errors=[{"loc": ["body", "speaker_id"], "msg": "unknown source id"}],
                )
            return source
        assert name is not None
        return self.resolve(name)

    def add_alias(self, source: Source, alias: str) -> Source:
        """Another name for ``source``. One that already resolves to it once titles, articles and case are set
        aside ("Finance Minister Jonas Berg" for "Jonas Berg") is kept as written, without a key of its own, so
        the client sees what it sent; the name itself, or a form already listed, adds nothing."""
        key = speaker_key(alias)
        if not key:
            raise UnprocessableError("alias has no letters or digits")
        written = alias.strip()
        owner = self._find_by_key(key)
        if owner is not None:
            if owner.id != source.id:
                raise ConflictError(f"{alias!r} already names source {owner.id} ({owner.name})")
            if folded(written) not in written_forms(source):
                self.sources.add_alias(source, written, None)
            return source
        self._write_pending()
        try:
            with self.session.begin_nested():
                self.sources.add_alias(source, written, key)
        except IntegrityError:  # another writer gave the key to a source meanwhile, as a name or an alias
            self._absent.discard(key)
            if self._find_by_key(key) is None:
                raise
            return self.add_alias(source, alias)
        self._by_key[key] = source
        self._absent.discard(key)
        return source

    def rename(self, source: Source, name: str) -> Source:
        """Give ``source`` another name. The old name stays an alias as written, so claims sent with it keep
        resolving; a name that is already one of its aliases swaps places with the old name. A name another source
        holds is 409: the two are one speaker split in two, which a merge repairs (it moves the claims too). A
        role written before the name ("Mayor Jane Quinn") fills the role when the source has none, as on creation."""
        key = speaker_key(name)
        if not key:
            raise UnprocessableError(
                f"speaker name {name!r} has no letters or digits",
                errors=[{"loc": ["body", "name"], "msg": "no letters or digits"}],
            )
        self._refuse_named_elsewhere(source, name, key)
        try:
            with self.session.begin_nested():
                self._rename(source, name, key)
        except IntegrityError:  # another writer gave the key to another source meanwhile: refused as above
            self.forget()
            self._refuse_named_elsewhere(source, name, key)
            raise
        self.forget()
        return source

    def _refuse_named_elsewhere(self, source: Source, name: str, key: str) -> None:
        """409 when another source holds ``key``."""
        owner = self._find_by_key(key)
        if owner is not None and owner.id != source.id:
            raise ConflictError(
                f"{name!r} already names source {owner.id} ({owner.name}): if they are one speaker, merge them "
                f"(POST /v1/sources/{source.id}/merge with source_id {owner.id})"
            )

    def _rename(self, source: Source, name: str, key: str) -> None:
        """``rename``'s writes, in one savepoint: a key another writer gave another source meanwhile undoes them."""
        written_role, bare_name = split_role_prefix(name)
        display = bare_name or name.strip()
        old_name, old_key = source.name, source.name_key
        if key != old_key:
            own = next((a for a in source.aliases if a.alias_key == key), None)
            if own is not None:  # the alias row now holds the old name (keys differ per table: no clash)
                own.alias, own.alias_key = old_name, old_key
            else:
                self.sources.add_alias(source, old_name, old_key)
            source.name_key = key
        elif folded(old_name) != folded(display) and folded(old_name) not in {folded(a.alias) for a in source.aliases}:
            self.sources.add_alias(source, old_name, None)  # the same key written otherwise: kept as written
        for alias in list(source.aliases):  # a written form equal to the new name would list the name twice
            if alias.alias_key is None and folded(alias.alias) == folded(display):
                source.aliases.remove(alias)
        source.name = display
        source.role = source.role or written_role
        self.session.flush()
