"""Resolving "it added", "he said", "the military further said" and bare surnames to the named speaker meant.

A light, news-shaped heuristic rather than a coreference model: the antecedent is the nearest earlier compatible
named speaker or named entity ("it" -> an organisation, "he"/"she" -> a person, "the military" -> an earlier
speaker whose name ends in "military", else "the agency" -> the organisation that just spoke; "the WHO" -> the
"World Health Organization (WHO)" named earlier). Speakers and subjects win over other mentions, and a pronoun's
gender, once learnt (an honorific, a resolved pronoun, "his"/"her"; failing those, the given name), sticks to the
name.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from extraction.given_names import given_name_gender, is_given_name, thinly_attested
from extraction.mention import Mention
from extraction.model import ExtractedSpeaker, SpeakerKind
from extraction.names import CROWN_STYLES, GENDERED_HONORIFICS, NAME_PARTICLES, REMIT_JOINERS
from extraction.speaker_nouns import (
    BODY_KIND_NOUNS,
    CHAIRED_BODIES,
    COMPANY_KINDS,
    COMPANY_WORDS,
    FIRM_OR_PERSON_TRADES,
    INSTITUTION_NOUNS,
    MEMBERS_NAMING_THEIR_BODY,
    ORG_NOUNS,
    PARTY_WORDS,
    PERSON_KIND_NOUNS,
    WORKS_TRADE_WORDS,
)

_PERSON_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f"}
_PERSON_PRONOUNS_POSSESSIVE = {"his": "m", "her": "f"}
# Who speaks for someone: "Her spokeswoman said" speaks for the person the article just wrote about.
_SPOKESPERSON_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})
_ARTICLES = frozenset({"the", "a", "an"})
_RECENT = 2  # how many paragraphs back a pronoun may reach to a non-speaker mention


@dataclass(slots=True)
class _Entry:
    name: str
    kind: SpeakerKind
    head: str
    role: str | None
    paragraph: int
    salient: bool  # a speaker, or the subject of its sentence
    speaker: bool
    plural: bool = False
    titles: tuple[str, ...] = ()
    named: bool = True  # False for a description nothing named ("the government"): no name to pass on
    written_bare: bool = False  # a speaker written as its name alone ("Marchetti said"), no "the" or title
    # the subject of a clause a speaker is reported to have said ("X has been appointed, the regulator announced")
    reported_subject: bool = False


@dataclass(slots=True)
class SpeakerHistory:
    """What an article has named so far, oldest first, for resolving later mentions."""

    entries: list[_Entry] = field(default_factory=list)
    genders: dict[str, str] = field(default_factory=dict)  # from honorifics and resolved pronouns
    evidence: dict[str, Counter[str]] = field(default_factory=dict)  # "his"/"her" after a lone person
    roles: dict[str, str] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)  # "who" -> "World Health Organization"
    names_seen: list[str] = field(default_factory=list)  # full proper names in the narration, oldest first
    # the full proper names of the whole article's narration, below the sentence being read too: a lone
    # "Vantreck" is a person's surname even before "Tobias Vantreck" is written
    article_names: set[str] = field(default_factory=set)
    ages: dict[str, str] = field(default_factory=dict)  # "Kai Mensah" -> "19", from "Kai Mensah, 19,"
    sentence_start: int = 0  # how many entries came before the sentence being read
    described_as: dict[str, set[str]] = field(default_factory=dict)  # "Ofgem" -> {"regulator"}, from "the regulator"
    nations: dict[str, str] = field(default_factory=dict)  # "Volkswagen" -> "german", from "the German carmaker"
    # lone names an epithet showed to be people's ("Marchetti said ... the Italian said"): the article's output gives
    # every claim of theirs a person, the ones before the epithet too
    people_by_epithet: set[str] = field(default_factory=set)
    # "tracking site" -> "AppPulse", from "according to the tracking site AppPulse": the common words written before
    # a name, which a later "the tracking site" means, whatever the words' kind
    written_before_names: dict[str, str] = field(default_factory=dict)

    def note_entity(self, mention: Mention, paragraph: int, *, subject: bool, reported_subject: bool = False) -> None:
        """Record a person, organisation or group mentioned in narration (outside quotes); ``reported_subject``: the
        subject of words a speaker is reported to have said, less salient than a subject of the narration's own."""
        self._note_acronym(mention, mention.name)
        self._note_body_noun(mention, mention.name)
        meant = self._organisation_meant(mention, paragraph)
        if meant is None and _the_person_described(mention):
            # "The judge rejected that argument": the person the article named so, else no one to note
            meant = self._person_meant(mention, paragraph)
            if meant is None:
                return
        if meant is not None:
            self.entries.append(
                dataclasses.replace(
                    meant, paragraph=paragraph, salient=subject, speaker=False, reported_subject=reported_subject
                )
            )
            return
        if mention.name:
            full = self.full_name(mention.name, mention.kind, mention.gender, mention.titles)
            if mention.kind == "organisation" and mention.named:
                self._name_the_headline_noun(full)
            if mention.gender:
                self.genders.setdefault(full, mention.gender)
            entry = _Entry(
                full, mention.kind, mention.head, mention.role, paragraph, subject, speaker=False,
                plural=mention.plural, titles=mention.titles, named=mention.named, reported_subject=reported_subject,
            )  # fmt: skip
            self.entries.append(entry)

    def note_speaker(
        self, speaker: ExtractedSpeaker, mention: Mention, paragraph: int, *, reported: bool = False
    ) -> None:
        """Record who just spoke: the first candidate for the next "it added" or "the spokesman said". One
        ``reported`` to have spoken inside another speaker's words ("Okoro said a planning officer had told him
        that ...") is only mentioned: the next "He said" is Okoro's, who is still speaking."""
        if speaker.kind == "unknown" and not speaker.resolved and speaker.mention.lower() == speaker.name.lower():
            return
        if speaker.kind == "organisation" and speaker.named:
            self._name_the_headline_noun(speaker.name)
        self.entries.append(
            _Entry(
                speaker.name,
                speaker.kind,
                mention.head,
                speaker.role,
                paragraph,
                salient=not reported,
                speaker=not reported,
                plural=mention.plural,
                titles=mention.titles,
                named=speaker.named,
                written_bare=speaker.mention == speaker.name,
            )
        )
        if speaker.role:
            self.roles.setdefault(speaker.name, speaker.role)
        if speaker.role and speaker.kind == "person":  # a body's role names whom it owns or serves, not its employer
            self._note_employer(speaker.role, paragraph)
        self._note_body_spoken_for(speaker, paragraph)
        self._note_acronym(mention, speaker.name)
        self._note_body_noun(mention, speaker.name)
        self._note_words_before_name(mention, speaker.name)

    def _name_the_headline_noun(self, name: str) -> None:
        """ "University plans to cut 300 jobs ⏎ The University of Carrick plans ...": a headline names a body by its
        kind's noun alone, which names none; the first body named after it whose name holds that noun is the one
        it meant, for an "it" or "the university" to find under its name."""
        for entry in self.entries:
            if (
                entry.paragraph == 0
                and entry.kind == "organisation"
                and not entry.named
                and not entry.plural
                and entry.name.isalpha()
                and entry.name.islower()
                and _holds_kind(name, entry.name)
            ):
                entry.name, entry.named = name, True

    def _note_body_noun(self, mention: Mention, name: str) -> None:
        """ "Cycling charity Sustrans said": the kind of body written before a body's name describes it as a later
        "the charity" would, for the rest of the article, whatever "it" or description names it by since."""
        if mention.body_noun is not None and mention.kind == "organisation" and mention.named and name:
            self.described_as.setdefault(name, set()).add(mention.body_noun)

    def _note_words_before_name(self, mention: Mention, name: str) -> None:
        """ "according to the tracking site AppPulse", "data from research firm Canalview": the lower-case words
        before a named speaker's name say what it is, so that a later "The tracking site also found" means it."""
        if not mention.named or not name or not mention.text.endswith(" " + mention.name):
            return
        words = mention.text[: -len(mention.name)].split()
        if words and words[0].lower() in _ARTICLES:
            words = words[1:]
        if 1 <= len(words) <= 3 and all(w.isalpha() and w.islower() for w in words):
            self.written_before_names[" ".join(words)] = name

    def _named_with_these_words(self, mention: Mention) -> _Entry | None:
        """The latest entry of the speaker whose name was written after the very words of this description."""
        name = self.written_before_names.get(mention.name.lower())
        if name is None:
            return None
        return next((e for e in reversed(self.entries) if e.name == name), None)

    def _organisation_meant(self, mention: Mention, paragraph: int) -> _Entry | None:
        """ "The group called on the government to ...": a description of an organisation in narration means the
        organisation it would mean as a speaker, so a later "it said" reaches the name, not the bare "group"."""
        if not mention.description or mention.kind != "organisation" or mention.epithet:
            return None
        return self._described(mention, paragraph) or self._last_organisation(mention, paragraph)

    def _person_meant(self, mention: Mention, paragraph: int) -> _Entry | None:
        """ "Judge Helen Marsh said ... The judge rejected that argument": a definite description of one person in
        narration means the named person it would mean as a speaker, so a later "she said" reaches her."""
        entry = self._described(mention, paragraph)
        return entry if entry is not None and entry.kind == "person" and entry.named else None

    def _note_employer(self, role: str, paragraph: int) -> None:
        """ "Skyline chief operating officer Dana Whitfield said": a person speaking for an organisation the article
        named ("Skyline Airways") brings it back as the latest organisation, for a following "the company said"."""
        words = {w for w in role.replace(",", " ").split() if w[:1].isupper()}
        for entry in reversed(self.entries):
            if entry.kind == "organisation" and not entry.plural and entry.name.split(" ")[0] in words:
                self.entries.append(
                    _Entry(entry.name, entry.kind, entry.head, None, paragraph, True, speaker=False, named=entry.named)
                )
                return

    def _note_body_spoken_for(self, speaker: ExtractedSpeaker, paragraph: int) -> None:
        """ "“...,” said a spokeswoman for Thames Water": a person known only as speaking for a body the article
        names brings that body in as its latest organisation, for a following "the company said", as the body's
        own statement would; nothing when the article already noted it (``_note_employer`` brings that back)."""
        if speaker.kind != "person" or speaker.named:
            return
        found = _SPEAKING_FOR.fullmatch(speaker.name)
        if found is None or not _proper(found.group(1)):
            return
        body = found.group(1)
        head = body.split(" ")[-1].lower()
        self.entries.append(_Entry(body, "organisation", head, None, paragraph, True, speaker=False))

    def _note_acronym(self, mention: Mention, name: str) -> None:
        """ "the World Health Organization (WHO)": a later "the WHO" is the same organisation."""
        if mention.acronym and name and name.lower() != mention.acronym.lower():
            self.acronyms.setdefault(mention.acronym.lower(), name)

    def gender_evidence(self, name: str, gender: str) -> None:
        """A "his" or "her" after a lone person votes for their gender, unless someone else of that gender the
        article named before may own it ("Clare Penrose said he had died at his home", in Harold Penrose's
        obituary, says nothing of Clare)."""
        if any(e.kind == "person" and e.name != name and self.gender(e.name) == gender for e in self.entries):
            return
        self.evidence.setdefault(name, Counter())[gender] += 1

    def gender(self, name: str) -> str | None:
        """The gender the article gives a person: an honorific or a resolved pronoun, else what their given name
        tells (``extraction.given_names``), else "his"/"her" votes (a pronoun in a sentence about one person may
        well be someone else's: "Brian Holt said she had voted against it")."""
        if name in self.genders:
            return self.genders[name]
        by_name = given_name_gender(name)
        if by_name is not None:
            return by_name
        votes = self.evidence.get(name)
        if votes:
            (top, n), *rest = votes.most_common()
            if not rest or n > rest[0][1]:
                return top
        return None

    def full_name(self, name: str, kind: SpeakerKind, gender: str | None = None, titles: tuple[str, ...] = ()) -> str:
        """A lone surname takes the latest full name: "Marotto" after "Wayne Marotto" is "Wayne Marotto", and so
        does a family name that opens with a particle ("Dos Santos" after "José dos Santos"). A surname written
        with a courtesy title ("Mrs Ellis") is first the person the article already called so, though another of
        that surname was named since ("Her daughter, Claire Ellis"): one title and surname stay one person's."""
        words = name.lower().split(" ")
        if kind != "person" or (len(words) > 1 and words[0] not in NAME_PARTICLES):
            return name
        n = len(words)
        courtesy = {t for t in titles if t in GENDERED_HONORIFICS}
        for entry in reversed(self.entries) if courtesy else ():
            parts = entry.name.lower().split(" ")
            if (
                entry.kind == "person"
                and entry.named
                and len(parts) > n
                and parts[-n:] == words
                and courtesy & set(entry.titles)
            ):
                return entry.name
        for entry in reversed(self.entries):
            parts = entry.name.lower().split(" ")
            # not "A former aide to Prime Minister Ana Ruiz", a description that only ends in her name
            if entry.kind == "person" and entry.named and len(parts) > n and parts[-n:] == words:
                known = self.gender(entry.name)
                if gender is not None and known is not None and known != gender:
                    continue  # "Mr Holloway" is not Margaret Holloway, named just before him
                return entry.name
        seen = {full for full in self.names_seen if len(full.split(" ")) > n and full.lower().split(" ")[-n:] == words}
        if gender is not None:
            seen = {full for full in seen if self.gender(full) in {None, gender}}
        return seen.pop() if len(seen) == 1 else name  # one full name ends so, even one the recogniser missed

    def only_full_name(self, surname: str) -> str | None:
        """The one full name of a person the article gave that ends in ``surname``; None when none or several do."""
        people = {e.name for e in self.entries if e.kind == "person" and e.named and not e.plural}
        people.update(self.names_seen)
        found = {full for full in people if " " in full and full.split(" ")[-1].lower() == surname.lower()}
        return found.pop() if len(found) == 1 else None

    def only_person_described(self, description: str) -> str | None:
        """The one named person whose name, role or titles hold every word of ``description`` ("Budapest mayor" for
        "Budapest mayor Gergely Karácsony"); None when none or several do."""
        words = description.lower().replace(",", " ").split()
        found = set()
        for entry in self.entries:
            if entry.kind != "person" or not entry.named or entry.plural or " " not in entry.name:
                continue
            pool = {w.lower() for w in (entry.name + " " + (self._role(entry) or "")).replace(",", " ").split()}
            pool.update(entry.titles)
            if words and all(w in pool for w in words):
                found.add(entry.name)
        return found.pop() if len(found) == 1 else None

    def resolve(self, mention: Mention, paragraph: int) -> ExtractedSpeaker:
        """The speaker a mention refers to; unresolvable pronouns keep their surface form and kind "unknown"."""
        span = (mention.start, mention.end)
        if mention.pronoun:
            entry = self._antecedent(mention.head, paragraph)
            if entry is None:
                return ExtractedSpeaker(mention.text, "unknown", mention.text, span, None, resolved=False, named=False)
            if mention.head in _PERSON_PRONOUNS and self.gender(entry.name) is None:
                self.genders[entry.name] = _PERSON_PRONOUNS[mention.head]
            return ExtractedSpeaker(
                entry.name, entry.kind, mention.text, span, self._role(entry), resolved=True, named=entry.named
            )
        relative = self._relative(mention, paragraph)
        if relative is not None:
            return ExtractedSpeaker(relative, "person", mention.text, span, None, resolved=True, named=True)
        owner = self._spokesperson_owner(mention, paragraph)
        if owner is not None:
            # named as a body's unnamed spokesperson is ("a spokeswoman for Thames Water"), nothing to pass on
            name = f"{mention.head} for {owner}"
            return ExtractedSpeaker(name, "person", mention.text, span, None, resolved=True, named=False)
        counterpart = self._counterpart(mention)
        if counterpart is not None:
            return ExtractedSpeaker(
                counterpart.name, "person", mention.text, span, self._role(counterpart), resolved=True, named=True
            )
        if mention.description:
            entry = (
                self._aged(mention) or self._last_person(paragraph, lone_names=True)
                if mention.epithet
                else self._named_with_these_words(mention)
                or self._parent_body(mention, paragraph)
                or self._described(mention, paragraph)
                or self._last_organisation(mention, paragraph)
                or self._named_within(mention, paragraph)
                or (self._last_person(paragraph) if mention.origin else None)
                or self._firm_plying(mention, paragraph)
            )
            if entry is not None:
                if entry.kind == "organisation" and mention.kind == "organisation":
                    self.described_as.setdefault(entry.name, set()).add(mention.head)
                    if mention.nation:
                        self.nations.setdefault(entry.name, mention.nation)
                return ExtractedSpeaker(
                    entry.name, entry.kind, mention.text, span, self._role(entry), resolved=True, named=entry.named
                )
            if mention.epithet:  # "The French said": no person it could stand for
                return ExtractedSpeaker(mention.name, "unknown", mention.text, span, None, resolved=False, named=False)
        lone_word = mention.named and mention.text == mention.name and " " not in mention.name and not mention.gender
        if lone_word and mention.kind == "person" and self._body_named_since_person(mention.name):
            # "Dyson said it would cut 600 jobs ... Dyson said the cuts were needed", after "Peter Dyson": a lone
            # word a body's name and a person's surname both are means whichever the article mentioned last
            return ExtractedSpeaker(mention.name, "organisation", mention.text, span, None, resolved=False, named=True)
        if (spoken_for := self._for_the_body_named(mention, paragraph)) is not None:
            return ExtractedSpeaker(spoken_for, "person", mention.text, span, None, resolved=True, named=False)
        name = (
            self.full_name(mention.name, mention.kind, mention.gender, mention.titles)
            if mention.named
            else mention.name
        )
        kind = mention.kind
        if kind == "organisation" and mention.named and name == mention.name:
            name = self._crown_styled(name) or name  # "The Treasury added" after "HM Treasury said": one body
        could_be_person = not mention.itself and (mention.kind == "person" or (" " not in name and name.istitle()))
        # ("Wang", tagged ORG, may be a person's surname; "Ford said it would" is not)
        # "Ip said" after "Regina Ip Lau Suk-yee": a capitalised word the tagger took for a common noun is named
        # by the full name that holds it.
        untagged = mention.kind == "unknown" and not mention.description and not mention.plural
        if (
            could_be_person
            and (mention.named or untagged)
            and name == mention.name
            and (longer := self._longer_person_name(name))
        ):
            # "Zhou" after "Zhou Minghui", "Salgado" after "Andrés Salgado Ruiz"; "Heathrow" after "Heathrow Airport
            # Holdings", the one longer name that holds it being a body's, is that body, whatever its label
            name, kind = longer, "organisation" if self._named_body(longer) else "person"
        if kind == "person" and name != mention.name and self._named_body(name):
            kind = "organisation"  # "Aramco" after "Saudi Aramco": a body's short name, as full_name read it
        elif kind == "person" and mention.bare and name == mention.name and not self._known_person(name):
            kind = "organisation"  # "Halvex said": a lone name no full name, title or pronoun makes a person's
        if (kind == "organisation" or name.isupper()) and not mention.acronym:  # "the N3", whatever its label
            name = self.acronyms.get(name.lower(), name)
        if mention.gender:
            self.genders.setdefault(name, mention.gender)
        role = mention.role or self.roles.get(name) or (self._narrated_role(name) if kind == "person" else None)
        resolved = mention.relative or name != mention.name
        # A description ("the minister") is named only when something in the article gave it a name.
        named = mention.named or name != mention.name
        return ExtractedSpeaker(name, kind, mention.text, span, role, resolved=resolved, named=named)

    def _narrated_role(self, name: str) -> str | None:
        """ "Under questioning from committee chair Alistair Carmichael, ... Carmichael said": the role the
        narration gave a person before they spoke, the latest one."""
        return next((e.role for e in reversed(self.entries) if e.name == name and e.kind == "person" and e.role), None)

    def _firm_plying(self, mention: Mention, paragraph: int) -> _Entry | None:
        """ "Research firm Pollara found ... The pollster said": a trade that firms ply as people do, as a bare
        description no person the article called so matched, is the business the article just named, as "the
        firm" would be (a public body is none: "the FCA" is no broker); None when none is in reach."""
        if mention.head not in FIRM_OR_PERSON_TRADES or mention.named or mention.plural or " " in mention.name:
            return None
        body = Mention(mention.text, mention.start, mention.end, mention.head, None, "organisation", mention.head,
                       description=True)  # fmt: skip
        entry = self._last_organisation(body, paragraph)
        return entry if entry is not None and entry.named and _proper(entry.name) else None

    def _named_body(self, name: str) -> bool:
        """Whether the article named a body so."""
        return any(e.kind == "organisation" and e.named and e.name == name for e in self.entries)

    def _known_person(self, name: str) -> bool:
        """Whether the article gave a person this name, or a longer name ending in it anywhere."""
        words = name.lower().split(" ")
        n = len(words)
        if any(e.kind == "person" and e.name == name for e in self.entries):
            return True
        return any(len(full := other.lower().split(" ")) > n and full[-n:] == words for other in self.article_names)

    def _for_the_body_named(self, mention: Mention, paragraph: int) -> str | None:
        """ "The Department of Energy announced ... A spokeswoman for the department said": a person described as
        speaking for a body by its noun alone speaks for the body that noun means, written as "a spokeswoman for
        the Department of Energy" would be; None when the description is another or the noun means no named body."""
        found = _FOR_THE_BODY.fullmatch(mention.name)
        if mention.kind != "person" or mention.named or found is None or found.group(2) not in ORG_NOUNS:
            return None
        noun = found.group(2)
        body = Mention(f"the {noun}", mention.start, mention.end, noun, None, "organisation", noun, description=True)
        entry = self._described(body, paragraph) or self._last_organisation(body, paragraph)
        if entry is None or entry.kind != "organisation" or not _proper(entry.name):
            return None
        # the body's name holds the noun ("the Ministry of Defence" for "the ministry"), or the noun only sorts
        # bodies by kind ("the group"): "a spokesman for the union" after "Acme Corp" is no one from Acme
        if noun not in entry.name.lower().split() and noun not in BODY_KIND_NOUNS:
            return None
        return f"{found.group(1)} the {entry.name}"

    def _relative(self, mention: Mention, paragraph: int) -> str | None:
        """ "Her husband said" after Margaret Holloway spoke, when the article also named Peter Holloway: a
        relative given by kinship to a named person is the one other person of that surname and the kinship's
        gender (a couple, siblings); None when none or several are."""
        gender = _KIN_GENDER.get(mention.head)
        possessive = mention.text.split(" ")[0].lower()
        if mention.named or gender is None or possessive not in {"his", "her"}:
            return None
        owner = self._antecedent("he" if possessive == "his" else "she", paragraph)
        if owner is None or owner.kind != "person" or " " not in owner.name:
            return None
        surname = owner.name.split(" ")[-1].lower()
        people = {e.name for e in self.entries if e.kind == "person" and e.named and not e.plural}
        people.update(self.names_seen)
        found = {
            full
            for full in people
            if " " in full
            and full != owner.name
            and full.split(" ")[-1].lower() == surname
            and self.gender(full) == gender
        }
        return found.pop() if len(found) == 1 else None

    def _spokesperson_owner(self, mention: Mention, paragraph: int) -> str | None:
        """ "Governor Laura Brennan declared a state of emergency. Her spokeswoman said": an unnamed spokesperson
        written with "his" or "her" speaks for the person of that gender the narration named last, in an earlier
        sentence of this paragraph or the one before ("Rachel Imrie has campaigned where Mr Whitlock died. Her
        spokeswoman said": Imrie). Not the pronoun resolver's choice (the latest speaker), whom the spokesperson's
        sentence is seldom about; None for any other noun ("his partner": whose, the article seldom says)."""
        words = mention.text.split(" ")
        if mention.named or len(words) != 2 or mention.head not in _SPOKESPERSON_NOUNS:
            return None
        gender = _PERSON_PRONOUNS_POSSESSIVE.get(words[0].lower())
        if gender is None:
            return None
        for entry in reversed(self.entries[: self.sentence_start]):
            if entry.paragraph < paragraph - 1:
                return None
            if entry.kind != "person" or not entry.named or entry.plural or " " not in entry.name:
                continue
            if entry.name.split(" ")[0].lower() in _SPOKESPERSON_NOUNS:
                continue  # "spokeswoman for Laura Brennan" speaks for someone, who owns no spokesperson of theirs
            if self.gender(entry.name) == gender:
                return entry.name
        return None

    def _counterpart(self, mention: Mention) -> _Entry | None:
        """ "his Russian counterpart" after "Russia's foreign minister, Sergei Orlov": the one named person whose
        role holds the nation the description gives (its demonym, or the country it comes from); None otherwise."""
        words = mention.name.split(" ")
        if mention.named or mention.head != "counterpart" or len(words) != 3 or not words[1].istitle():
            return None
        nation = words[1].lower()
        found: dict[str, _Entry] = {}
        for entry in self.entries:
            role = self._role(entry)
            if entry.kind == "person" and entry.named and role and any(_same_nation(w, nation) for w in role.split()):
                found[entry.name] = entry
        return next(iter(found.values())) if len(found) == 1 else None

    def _longer_person_name(self, short: str) -> str | None:
        """The one person's full name the article gave that holds these words in order, where a surname does not
        come last: a family name first ("Zhou Minghui"), a first of two surnames ("Andrés Salgado Ruiz"), a name
        of several words ("Hisham Abdel Moneim"). None when no or several names do, or an organisation is so named."""
        words = short.lower().split()
        if not words or len([w for w in words if w not in NAME_PARTICLES]) > 3:  # "López de la Vega" is two
            return None
        body = self._latest(lambda e: e.kind == "organisation" and e.name.lower() == short.lower())
        people = {e.name for e in self.entries if e.kind == "person" and e.named} | set(self.names_seen)
        n = len(words)
        people.update(e.name for e in self.entries if e.kind == "organisation" and _given_names_then(e.name, n))
        found = set()
        for full in people:
            parts = full.lower().split()
            if len(parts) > n and any(parts[k : k + n] == words for k in range(len(parts) - n + 1)):
                found.add(full)
        if len(found) != 1:
            return None
        full = found.pop()
        if body >= 0 and self._latest(lambda e: e.kind == "person" and e.name == full) <= body:
            # "Ford" the carmaker, then "the actor Harrison Ford ... Ford said": a word a body's name and a person's
            # surname both are means whichever of them the article mentioned last
            return None
        return full

    def _crown_styled(self, name: str) -> str | None:
        """The body the article named with a Crown style before these words ("HM Treasury" for "Treasury"), the
        latest where several were; None when none was."""
        styled = {f"{style} {name}".lower() for style in CROWN_STYLES}
        at = self._latest(lambda e: e.kind == "organisation" and e.named and e.name.lower() in styled)
        return self.entries[at].name if at >= 0 else None

    def _body_named_since_person(self, name: str) -> bool:
        """Whether a body of exactly this name was mentioned after the last person whose name ends in it."""
        words = name.lower().split(" ")
        body = self._latest(lambda e: e.kind == "organisation" and e.name.lower() == name.lower())
        person = self._latest(lambda e: e.kind == "person" and e.name.lower().split(" ")[-len(words) :] == words)
        return body > person >= 0

    def _latest(self, wanted: Callable[[_Entry], bool]) -> int:
        """The index of the latest entry ``wanted`` accepts; -1 when none does."""
        return next((k for k in range(len(self.entries) - 1, -1, -1) if wanted(self.entries[k])), -1)

    def initialled(self, letters: str) -> str | None:
        """The one person the article named whose initials ``letters`` are ("AO" for Amara Osei, "AOC" for
        Alexandria Ocasio-Cortez), for a transcript's speaker labels ("AO: ..."); in running text capitals are far
        more often a place's or body's ("the US said"). None when the letters are no initials (not 2-4 capitals),
        spell an organisation's name too, or fit no one or several."""
        if not (2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()):
            return None
        people = {e.name for e in self.entries if e.kind == "person" and e.named and not e.plural}
        people.update(n for n in self.names_seen if is_given_name(n.split(" ")[0]))
        bodies = {e.name for e in self.entries if e.kind == "organisation"}
        if any(_initials(n) == letters for n in bodies - people):
            return None
        found = {n for n in people if " " in n and _initials(n) == letters}
        return found.pop() if len(found) == 1 else None

    def _named_within(self, mention: Mention, paragraph: int) -> _Entry | None:
        """ "Det Sgt Ian Crowther of Leicestershire Police's economic crime unit ... The force said": a bare
        description of a body is the one body the article named, in a name of its own or as the owner that opens a
        longer one ("the University of Bristol's School of ..."), whose name holds the description's noun ("the
        university") or the name a later description gives its kind ("Police" -> "the force"). The last resort:
        the speakers and subjects that ``_last_organisation`` reads come first."""
        if mention.kind != "organisation" or mention.plural or len(mention.name.split()) != 1:
            return None
        people = {e.name for e in self.entries if e.kind == "person"}
        names = [e.name for e in self.entries if e.kind == "organisation" and e.named and _proper(e.name)]
        names += [n for n in self.names_seen if n not in people and not is_given_name(n.split(" ")[0])]
        found = set()
        for name in names:
            start = 0
            for sep in [*_POSSESSIVE.finditer(name), None]:
                end = len(name) if sep is None else sep.start()
                if any(_names_kind(w, mention.head) for w in name[start:end].split()):
                    found.add(name[:end])  # the owner, where the noun is in its part of the name
                    break
                start = end if sep is None else sep.end()
        if len(found) != 1:
            return None
        return _Entry(found.pop(), "organisation", mention.head, None, paragraph, True, speaker=False)

    def _role(self, entry: _Entry) -> str | None:
        """The role an entry's person was given: by the entry itself, as a speaker, or earlier in the narration ("the
        minister, Claire Denholm, had shown ... Denholm apologised. She told MPs": the minister)."""
        narrated = self._narrated_role(entry.name) if entry.kind == "person" else None
        return entry.role or self.roles.get(entry.name) or narrated

    def _antecedent(self, pronoun: str, paragraph: int) -> _Entry | None:
        gender = _PERSON_PRONOUNS.get(pronoun)
        if gender is not None:
            wanted: set[SpeakerKind] = {"person"}
        elif pronoun == "it":
            wanted = {"organisation"}
        elif pronoun == "they":
            wanted = {"organisation", "person", "unknown"}
        else:
            return None

        def fits(entry: _Entry) -> bool:
            if entry.kind not in wanted:
                return False
            if pronoun == "they":
                return entry.kind == "organisation" or entry.plural
            known = self.gender(entry.name)
            return not entry.plural and (gender is None or known is None or known == gender)

        recent = [e for e in reversed(self.entries) if e.paragraph >= paragraph - _RECENT and fits(e)]
        if gender is not None and (guessed := self._guessed_otherwise(gender, paragraph, recent)) is not None:
            return guessed
        if gender is not None and (alone := self._only_one_here(gender, paragraph, recent)) is not None:
            return alone
        for entry in recent:
            if entry.salient:
                return entry
        if recent:
            return recent[0]
        found = next((e for e in reversed(self.entries) if e.speaker and fits(e)), None)
        if found is None and pronoun == "it":
            return self._thing_just_spoken(paragraph)
        return found

    def _thing_just_spoken(self, paragraph: int) -> _Entry | None:
        """ "The communiqué said ... It also said ...": with no body for "it" to mean anywhere above, the speaker
        of this paragraph just before it, a single thing nothing named (a communiqué, a report), no person."""
        last = next((e for e in reversed(self.entries) if e.speaker), None)
        if last is None or last.paragraph != paragraph or last.kind != "unknown" or last.plural or last.named:
            return None
        return None if last.head in PERSON_KIND_NOUNS else last

    def _only_one_here(self, gender: str, paragraph: int, fitting: list[_Entry]) -> _Entry | None:
        """ "Okafor said Thornbury had voted against it. She denied it": the one person of the pronoun's gender that
        an earlier sentence of this paragraph named beats a speaker of an earlier paragraph, though she was no
        subject; not a name in the pronoun's own sentence ("Asked about Lopez, she said"), nor one of two."""
        earlier = {id(e) for e in self.entries[: self.sentence_start]}
        here = [e for e in fitting if e.paragraph == paragraph]
        if not here or len({e.name for e in here}) != 1 or any(id(e) not in earlier for e in here):
            return None
        if any(e.salient for e in here) or self.gender(here[0].name) != gender:
            return None  # the usual choice already takes a subject or speaker of this paragraph
        return here[0]

    def _guessed_otherwise(self, gender: str, paragraph: int, fitting: list[_Entry]) -> _Entry | None:
        """ "Wanjiru Kamau ... said ... “...,” she said": the person who spoke last, in this very paragraph, is
        meant though one locale's name list alone guesses the other gender (the lists know names of some cultures
        better than others'), when no one else in the paragraph fits. The article's own word (an honorific, a pronoun) is not overruled.
        So is the speaker of the paragraph before when no one in the recent paragraphs fits at all ("Councillor Olly
        Monk said ..." then '"...," he said'): else the pronoun goes to whoever of its gender spoke, however far up."""
        if any(e.paragraph == paragraph for e in fitting):
            return None
        last = next((e for e in reversed(self.entries) if e.speaker), None)
        nearest = (paragraph,) if fitting else (paragraph, paragraph - 1)
        if last is None or last.paragraph not in nearest or last.kind != "person" or last.plural:
            return None
        votes = self.evidence.get(last.name)
        against = votes is not None and votes[gender] <= sum(votes.values()) - votes[gender]
        # "Chanda Mwansa said his cattle ... “...,” he said": a "his" after the person agrees with the pronoun
        if last.name in self.genders or against or not thinly_attested(last.name):
            return None
        self.genders[last.name] = gender
        return last

    def _described(self, mention: Mention, paragraph: int) -> _Entry | None:
        """The latest speaker whose name or role holds every word of a description ("the military"), or person the
        narration named with that office ("the senator" after "Senator Harold Breckinridge met ..."). A description
        no name was found for ("The agency said" after "Boeing Co.") yields to a body that spoke after it in this
        paragraph ("The Federal Aviation Administration said ... The agency added")."""
        # "the panel's chairman": the owner's word without its "'s", as a role written so keeps it ("panel chair")
        words = [_POSSESSIVE_END.sub("", w.lower()) for w in mention.name.split(" ") if w]
        if any(w[:1].isupper() for w in mention.name.split(" ")):
            # "the Governor of the Bank of England": an office written with its remit is matched by its words,
            # whatever joins them ("governor of Bank of England" is the role the apposition gave)
            words = [w for w in words if w not in REMIT_JOINERS]
        if not words or len(words) > 4:
            return None
        if (just_spoken := self._body_just_spoken(mention, paragraph)) is not None:
            return just_spoken
        qualified: _Entry | None = None
        for entry in reversed(self.entries):
            if not entry.speaker and not (entry.kind == "person" and (entry.role or entry.titles)):
                continue  # a person named in narration with an office ("Senator Harold Breckinridge met ...") counts
            if mention.kind == "organisation" and entry.kind == "person":
                continue  # "the ministry added" is the ministry, not its spokesperson
            pool = {w.lower() for w in (entry.name + " " + (entry.role or "")).replace(",", " ").split()}
            if mention.head not in _own_role_words(entry) and entry.head != mention.head:
                # "adviser to Health Minister Graham Pettifer" is no "the minister": words after "to", "for" or
                # "of" say whom the role serves; the head must be the role's own
                pool -= {mention.head}
            pool.update(entry.titles)
            pool.update(_KIND_OF.get(entry.head, ()))
            pool.update(kind for title in entry.titles for kind in _RANK_KIND.get(title, ()))
            pool.update(_NAME_TITLE_KIND.get(entry.titles[-1], ()) if entry.titles else ())
            pool.update(_chair_or_head(entry.role))
            pool.update(same for word in list(pool) for same in _SAME_ROLE.get(word, ()))
            if _led_work(words) and entry.kind == "person" and _leads_work(entry):
                return entry  # "the lead author" of a study its leader spoke of
            if (entry.head == mention.head or mention.head in pool) and all(w in pool for w in words):
                if entry.kind == "organisation" and not entry.named:
                    return self._body_spoken_since(entry, mention, paragraph) or entry
                if _OTHER_OFFICE_QUALIFIERS & _own_role_words(entry) - set(words):
                    # "the health secretary" after "Shadow Health Secretary Victoria Atkins": the shadow's office
                    # is another; hers only if no holder of the office itself was named
                    qualified = qualified or entry
                    continue
                return entry
        return qualified

    def _parent_body(self, mention: Mention, paragraph: int) -> _Entry | None:
        """ "Greenvale, which is owned by the Dutch group Van Leeuwen, employs 1,100 people. The parent company said":
        the parent (or owner) of the body the article is about is the named body written after it, not as a subject
        ("owned by", "a subsidiary of", "part of"); None when "parent" is no word of the description or no such body
        was named (never the body itself)."""
        words = mention.name.lower().split()
        if mention.kind != "organisation" or mention.plural or "parent" not in words[:-1]:
            return None
        about = next(
            (i for i in range(len(self.entries) - 1, -1, -1) if self.entries[i].kind == "organisation"
             and self.entries[i].salient and self.entries[i].paragraph >= paragraph - _RECENT),
            None,
        )  # fmt: skip
        if about is None:
            return None
        subject = self.entries[about].name
        owners = [
            e for e in self.entries[about + 1 :]
            if e.kind == "organisation" and not e.salient and not e.plural and _proper(e.name) and e.name != subject
        ]  # fmt: skip
        return owners[-1] if owners else None

    def _body_just_spoken(self, mention: Mention, paragraph: int) -> _Entry | None:
        """ "The Friends of Hadley Road Library said ... “...,” the group said": a bare noun any kind of body may be
        called ("group"), right after a named body spoke in this paragraph, is that body, not an earlier one whose
        name spells the noun ("the opposition Liberal Democrat group")."""
        if mention.kind != "organisation" or mention.plural or " " in mention.name or _body_class(mention.head):
            return None
        if mention.head not in _ANY_BUSINESS:
            return None
        last = next((e for e in reversed(self.entries) if e.speaker), None)
        if last is None or last.paragraph != paragraph or last.kind != "organisation" or last.plural:
            return None
        if not last.named or not _proper(last.name) or _of_another_kind(last, mention):
            return None
        return None if self._described_otherwise(last, mention) else last

    def _body_spoken_since(self, entry: _Entry, mention: Mention, paragraph: int) -> _Entry | None:
        """The named body that spoke last, in this paragraph and after ``entry``, when it may be what the description
        means (of no other kind); None otherwise."""
        since = self.entries[self.entries.index(entry) + 1 :]
        last = next((e for e in reversed(since) if e.speaker), None)
        if last is None or last.paragraph != paragraph or last.kind != "organisation" or last.plural:
            return None
        if not last.named or not _proper(last.name) or _of_another_kind(last, mention):
            return None
        return None if self._described_otherwise(last, mention) else last

    def last_person(self) -> ExtractedSpeaker | None:
        """The latest person the article named in full, however far back: the one an interview's answers are
        given by ("Paystream chief executive Amara Okonkwo on regulation ... Q: ... A: ...")."""
        people = [e for e in self.entries if e.kind == "person" and not e.plural and " " in e.name]
        entry = next((e for e in reversed(people) if e.salient), people[-1] if people else None)
        if entry is None:
            return None
        return ExtractedSpeaker(
            entry.name, entry.kind, entry.name, None, self._role(entry), resolved=True, named=entry.named
        )

    def _aged(self, mention: Mention) -> _Entry | None:
        """ "Kai Mensah, 19, scored twice ... [his captain spoke] ... The 19-year-old said": an age epithet means the
        person the article gave that age (the latest such, should two share it), however far back and whoever
        spoke since; None when the mention gives no age or nobody was given it."""
        age = _AGE_EPITHET.match(mention.name)
        aged = {name for name, given in self.ages.items() if age is not None and given == age.group(1)}
        if not aged:
            return None
        entry = next((e for e in reversed(self.entries) if e.kind == "person" and e.name in aged), None)
        name = entry.name if entry is not None else sorted(aged)[0]
        return entry or _Entry(name, "person", name.split(" ")[-1].lower(), None, 0, True, speaker=False)

    def _last_person(self, paragraph: int, *, lone_names: bool = False) -> _Entry | None:
        """ "Monteiro scored twice. “...,” said the 36-year-old": the latest named person who spoke or was a
        sentence's subject, as far back as a pronoun reaches; one named by surname alone too ("Arteta said ... The
        Spaniard said"), as sports writing names them. With ``lone_names`` (an age or a nationality, said of no
        body), a lone name that just spoke in this paragraph, taken for a body for want of a person's mark
        ("Marchetti said ... “...,” the Italian said"), is that person, noted in ``people_by_epithet``; and a person
        who was the subject of words reported ("Sir Mark Elton has been appointed ..., the regulator announced. The
        71-year-old said"), as an epithet means no body that spoke of them."""
        for entry in reversed(self.entries):
            if entry.paragraph < paragraph - _RECENT:
                return None
            prominent = entry.salient or (lone_names and entry.reported_subject)
            if entry.kind == "person" and prominent and not entry.plural and (" " in entry.name or entry.named):
                return entry
            if lone_names and entry.paragraph == paragraph and _lone_name_body(entry):
                self.people_by_epithet.add(entry.name)
                return dataclasses.replace(entry, kind="person")
        return None

    def _body_spoken_for(self, mention: Mention, paragraph: int) -> _Entry | None:
        """ "A spokeswoman for the Lisbon port authority, Rita Maia, said ... The authority added": a bare
        description whose noun ends the body the person who spoke last was described as speaking for or leading,
        a body with a proper name in it, is that body, not an organisation that spoke before them."""
        last = next((e for e in reversed(self.entries) if e.speaker), None)
        role = self._role(last) if last is not None and last.kind == "person" else None
        if last is None or role is None or last.paragraph < paragraph - 1:
            return None
        body = re.search(r"\b(?:for|of|at) ((?:\S+ )*(\S+))$", role)
        if body is None or not _proper(body.group(1)):
            return None
        if body.group(2).lower() == mention.head:
            return _Entry(body.group(1), "organisation", mention.head, None, paragraph, True, speaker=False)
        # "a consultant of Northgate Hospitals NHS Trust's acute medicine team ... The trust said": the named
        # body that owns the unit the role ends in, the capitalised words before its lower-case name
        owner = re.match(r"(.*[A-Z]\S*)(?: [a-z]\S*)+$", body.group(1))
        if owner is None or not _names_kind(owner.group(1).split(" ")[-1], mention.head):
            return None
        return _Entry(owner.group(1), "organisation", mention.head, None, paragraph, True, speaker=False)

    def _described_otherwise(self, entry: _Entry, mention: Mention) -> bool:
        """ "Ofgem said ... The regulator said ... The supplier said": a body the article already described as a
        public body ("the regulator") is no business a later "the supplier" or "the company" means, nor the other
        way round; nor is a body described as of one nation ("the German carmaker") what "the Portuguese club"
        means."""
        nation = self.nations.get(entry.name)
        if nation is not None and mention.nation is not None and nation != mention.nation:
            return True
        customers = _customer_kind(mention) if _supplier_to_a_kind(mention) else None
        if customers is not None and customers in {entry.head, *self.described_as.get(entry.name, ())}:
            return True  # "Tesco ... The supermarket said ... The supermarket supplier said": not Tesco
        if any(_kinds_clash(noun, mention.head) for noun in self.described_as.get(entry.name, ())):
            return True
        # "The Unite union said ... Unite would ballot members ... The company said": a body once written with
        # its kind's noun ("the Unite union") is of that kind wherever it is named again
        return any(
            _kinds_clash(other.head, mention.head)
            for other in self.entries
            if other.kind == "organisation" and other.name == entry.name and other.head != entry.name.lower()
        )

    def _named_as_kind(self, mention: Mention) -> _Entry | None:
        """ "Royal Mail and the Communication Workers Union reached a deal. The union said": a description of a
        public body, a union or a charity means the latest body the article named whose name gives that kind,
        subject or not, however far back, before any other body named since ("Kirklees Council planned ... [a
        charity spoke] ... The council said")."""
        kind = _body_class(mention.head)
        if kind is None or kind == "business" or kind in _CLASH_ONLY:
            return None  # "the company" may mean any business: "Ford Motor Company" is not the one every time
        for entry in reversed(self.entries):
            if (
                entry.kind == "organisation"
                and not entry.plural
                and entry.named
                and (
                    _holds_kind(entry.name, mention.head)
                    or entry.head == mention.head
                    or mention.head in self.described_as.get(entry.name, ())
                )
            ):
                return entry
        return None

    def _named_by_trade(self, mention: Mention) -> _Entry | None:
        """ "Skyway Airlines said ... Pemberton Holdings, which owns the airline, said ... The airline said": a
        business's trade noun (not "the company" or "the firm", which any business is) that the name of one body the
        article named spells, singular or plural, or by its trade word ("the brewery": "Tollgate Brewing"), means that
        body, whatever business was named since."""
        noun = mention.head
        if _body_class(noun) != "business" or noun in _ANY_BUSINESS:
            return None
        forms = {noun, noun + "s", noun + "es", noun[:-1] + "ies" if noun.endswith("y") else noun}
        forms |= WORKS_TRADE_WORDS.get(noun, frozenset())  # "the brewery": "Tollgate Brewing"
        holders = [
            e
            for e in self.entries
            if e.kind == "organisation" and e.named and any(w.lower() in forms for w in e.name.split(" ")[1:])
        ]
        return holders[-1] if len({e.name for e in holders}) == 1 else None

    def _last_organisation(self, mention: Mention, paragraph: int) -> _Entry | None:
        """ "NASA said ... The agency added": a description of an organisation no earlier name spells out is the
        latest named organisation that spoke or was a sentence's subject, as far back as a pronoun reaches."""
        bare = len(mention.name.split()) == 1 or mention.ranked or _kind_of_body(mention)
        if mention.kind != "organisation" or mention.plural or not bare:
            return None  # only a bare "the agency" or a ranked one: "the Iraqi military" says which one it is
        if (body := self._body_spoken_for(mention, paragraph)) is not None:
            return body
        if mention.head in INSTITUTION_NOUNS:
            return None
        if (agreeing := self._named_as_kind(mention)) is not None:
            return agreeing
        if (trader := self._named_by_trade(mention)) is not None:
            return trader
        here = [
            e
            for e in self.entries
            if e.kind == "organisation" and not e.plural and e.name and e.paragraph == paragraph
            and (e.named or not mention.ranked)  # "the German carmaker" is a carmaker named, not one described
            and not _of_another_kind(e, mention) and not self._described_otherwise(e, mention)
        ]  # fmt: skip
        if here and not any(e.salient for e in here):
            return here[-1]  # "Shares in Barrow Homes fell after the company said": the one the paragraph named
        # A description the narration used ("the company would not cut prices") names no organisation.
        named = [
            e
            for e in self.entries
            if e.kind == "organisation"
            and e.salient
            and not e.plural
            and _proper(e.name)
            and (e.named or not mention.ranked)
            and not _of_another_kind(e, mention)
            and not self._described_otherwise(e, mention)
        ]
        for entry in reversed(named):
            if entry.paragraph >= paragraph - _RECENT:
                # "Northwind Foods AG cut ... Shares in Northwind Foods fell ... The group said": the body as its
                # legal form first wrote it
                same = [e for e in named if _without_legal_form(e.name) == _without_legal_form(entry.name)]
                return max(same, key=lambda e: len(e.name))
        # Further back, only the one organisation the article has named ("Northwind cut its forecast. ...
        # [two paragraphs of its executives] ... The company said"), however its legal form was written.
        return named[-1] if len({_without_legal_form(e.name) for e in named}) == 1 else None


def _the_person_described(mention: Mention) -> bool:
    """ "The judge", "the prosecutor": one person described with "the", no pronoun, name, epithet or plural."""
    definite = mention.text.lower().startswith("the ")
    return mention.description and mention.kind == "person" and definite and not (mention.plural or mention.epithet)


_AGE_EPITHET = re.compile(r"^(\d{1,3})-year-old$")

# What a named body is called in a later description: "West Midlands Police ... The force said".
_KIND_OF: dict[str, tuple[str, ...]] = {"police": ("force",), "constabulary": ("force",)}

# What a person with a police rank is called in a later description: "Det Con Sian Hughes ... The officer added".
_RANK_KIND: dict[str, tuple[str, ...]] = {
    rank: ("officer",) for rank in ("detective", "constable", "sergeant", "inspector", "superintendent")
}


# What the title written right before a person's name makes them, in a later description: "Mr Justice Okafor ... The
# judge said" (also "Lord Justice", "Chief Justice"). Only next to the name: "Justice Secretary Jo Hart" is no judge.
_NAME_TITLE_KIND: dict[str, tuple[str, ...]] = {"justice": ("judge",)}

# Role nouns news style uses for one another: "Portsmouth boss Ian Corrigan ... The Portsmouth manager said",
# "Tesco boss Ken Murphy ... the Tesco chief executive added".
_SAME_ROLE: dict[str, tuple[str, ...]] = {
    "boss": ("manager", "chief", "executive"), "manager": ("boss",),
    "chair": ("chairman", "chairwoman", "chairperson"), "chairman": ("chair",), "chairwoman": ("chair",),
    "chairperson": ("chair",),
}  # fmt: skip

# A post over a body, as a role gives it: "head of hospital's ethics committee", "chair of planning panel".
_POST_OVER = re.compile(r"(?:^|,\s)(head|chair|chairman|chairwoman|chairperson) of (.+)$")


def _chair_or_head(role: str | None) -> tuple[str, ...]:
    """ "head of the hospital's ethics committee": the head of a committee, a panel or a board is its chair, and its
    chair its head, so a later "the committee chair" means the person who heads it; a department's head is none."""
    found = _POST_OVER.search((role or "").lower())
    if found is None:
        return ()
    body = re.split(r"\s(?:of|on|for|into)\s", found.group(2))[0].split()
    if not body or _POSSESSIVE_END.sub("", body[-1].strip(",")) not in CHAIRED_BODIES:
        return ()
    return ("chair",) if found.group(1) == "head" else ("head",)


# Words that make an office another one than the office they qualify ("Shadow Health Secretary", "Deputy Mayor",
# "Lord Mayor", "Vice President"): a description without them means the office's own holder first.
_OTHER_OFFICE_QUALIFIERS = frozenset({"shadow", "deputy", "vice", "lord"})

# A possessive's ending on a description's word ("panel's", "Pilots'").
_POSSESSIVE_END = re.compile(r"(?:['’]s|(?<=s)['’])$")

# What the person who led a study is called in a later description: "the lead author", "the lead researcher".
_STUDY_WORKERS = frozenset({"author", "researcher", "scientist", "investigator"})


# What a study's leader led: "who led the study", "leader of the research team".
_STUDY_WORKS = frozenset({"study", "research", "trial", "review", "survey", "report", "analysis", "project"})


def _led_work(words: list[str]) -> bool:
    """ "The lead author", "the lead researcher": the person who led a piece of work."""
    return len(words) == 2 and words[0] == "lead" and words[1] in _STUDY_WORKERS


def _leads_work(entry: _Entry) -> bool:
    """A person an apposition or a "who" clause called a study's leader ("the study's leader", "who led the
    research"), not a party's ("Labour leader")."""
    words = {w.lower().strip(",") for w in (entry.role or "").split()}
    return "leader" in words and bool(words & _STUDY_WORKS)


# Kinship nouns that tell the relative's gender.
_KIN_GENDER: dict[str, str] = {
    "husband": "m", "brother": "m", "son": "m", "father": "m", "widower": "m", "uncle": "m", "nephew": "m",
    "grandfather": "m", "grandson": "m",
    "wife": "f", "sister": "f", "daughter": "f", "mother": "f", "widow": "f", "aunt": "f", "niece": "f",
    "grandmother": "f", "granddaughter": "f",
}  # fmt: skip


_ROLE_COMPLEMENT = re.compile(r"\s(?:to|for|of|at|with|in|on)\s.*$", re.I)


def _own_role_words(entry: _Entry) -> set[str]:
    """The words of a person's name and of their role before any "to", "for", "of", ... that says whom or what
    the role is of ("chief executive of Veltrix": chief, executive); so of an unnamed person's description."""
    role = _ROLE_COMPLEMENT.sub("", entry.role or "")
    name = entry.name if entry.named else _ROLE_COMPLEMENT.sub("", entry.name)  # a description: "adviser to X"
    return {w.lower() for w in (name + " " + role).replace(",", " ").split()}


def _same_nation(word: str, demonym: str) -> bool:
    """ "Russian" and "Russia('s)", "Ukrainian" and "Ukraine", "Turkish" and "Turkey": a word of a role that is the
    demonym or the country's name it was made from (four letters or more, all but the last three of the country)."""
    if not word[:1].isupper():
        return False
    country = word.lower().removesuffix("'s").removesuffix("’s")
    shared = next((k for k, (a, b) in enumerate(zip(country, demonym, strict=False)) if a != b), len(country))
    return country == demonym or (shared >= 4 and shared >= len(country) - 3)


def _given_names_then(name: str, n: int) -> bool:
    """ "Ana Sofía Romero Castillo", tagged an organisation: given names only before a last ``n`` words, so a later
    "Romero Castillo" said is that person ("Morgan Stanley" holds no family name of two words after it)."""
    parts = name.split(" ")
    return n > 1 and len(parts) > n and all(p.istitle() and is_given_name(p) for p in parts[:-n])


# Nouns for a business ("the company added") and the last words of public bodies' names, which no business is
# called ("the Securities and Exchange Commission" is no company a later "the company" means).
_BUSINESS_NOUNS = frozenset(
    {"company", "firm", "corporation", "business", "carrier", "airline", "insurer", "lender", "retailer",
     "automaker", "carmaker", "manufacturer", "conglomerate", "startup", "chipmaker", "drugmaker", "group",
     "operator", "supplier", "provider", "supermarket"}
) | FIRM_OR_PERSON_TRADES | frozenset(WORKS_TRADE_WORDS)  # fmt: skip
_PUBLIC_BODY_NOUNS = frozenset(
    {"commission", "committee", "ministry", "department", "agency", "council", "authority", "court", "tribunal",
     "parliament", "senate", "congress", "government", "administration", "police", "regulator", "inquiry",
     "watchdog"}
)  # fmt: skip
# A party by its noun or its name's last word ("Labour", "the Liberal Democrats"); not "Green", a last word of many
# bodies' names ("Bethnal Green"), though "the Greens" is a party.
_PARTY_NOUNS = frozenset({"party", "tories"} | (PARTY_WORDS - {"green"}) | {f"{w}s" for w in PARTY_WORDS})
# Nouns for a newspaper or broadcaster ("The paper said"), which no party, business or public body is called.
_PRESS_NOUNS = frozenset({"paper", "newspaper", "magazine", "tabloid", "broadsheet", "broadcaster"})
# Nouns any business is called, which say no trade ("the company said" may mean any firm named).
_ANY_BUSINESS = frozenset({"company", "firm", "corporation", "business", "group", "conglomerate", "startup"})
# Kinds of body no body is two of: a business, a public body, a trade union, a charity, a party, the press. "Group",
# "bank", "trust" and the like may be any of them.
_BODY_CLASSES: tuple[tuple[str, frozenset[str]], ...] = (
    ("business", _BUSINESS_NOUNS - {"group"}),
    ("public", _PUBLIC_BODY_NOUNS),
    ("union", frozenset({"union"})),
    ("charity", frozenset({"charity"})),
    ("party", _PARTY_NOUNS),
    ("press", _PRESS_NOUNS),
    ("chamber", frozenset({"chamber", "chambers"})),
    ("members", MEMBERS_NAMING_THEIR_BODY),
)
# Classes added in rules 41 only to keep bodies of other kinds apart; a description of them does not look back
# for the latest body whose name holds its noun (``_named_as_kind``), as the first four do. "chamber" (rules 64):
# a chamber of commerce speaks for firms but is none ("Essex Chambers of Commerce" is no "the firm"). "members"
# (rules 67): a body its members named ("Friends of the Earth") is no "the supermarket supplier".
_CLASH_ONLY = frozenset({"party", "press", "chamber", "members"})


def _body_class(noun: str) -> str | None:
    """Which kind of body a body's noun says it is ("regulator": a public body); None for a noun of any kind."""
    return next((kind for kind, nouns in _BODY_CLASSES if noun in nouns), None)


def _kinds_clash(noun: str, other: str) -> bool:
    """Two body nouns of different kinds ("company" and "regulator", "company" and "union"): no body is both."""
    kind, other_kind = _body_class(noun), _body_class(other)
    return kind is not None and other_kind is not None and kind != other_kind


def _name_class(name: str) -> str | None:
    """The kind of body a name says it is: its own noun, before "of" or else last ("Ministry of Energy",
    "Gloucestershire County Council"), or a business by its legal form or company word ("Harlow Motors Ltd",
    "Northfield Energy", "Emirates Airline"); None when the name does not say ("Tesco", "Aslef", "Bank of England")."""
    words = [w.strip(".,") for w in name.split()]
    if "of" in words[1:]:  # "Ministry of Energy": the noun before "of" says what the body is, not "Energy"
        return _body_class(words[words.index("of", 1) - 1].lower())
    last = words[-1].lower() if words else ""
    if len(words) > 1 and (last in _LEGAL_FORMS - {"group"} or last in COMPANY_WORDS - {"group", "bank"}):
        return "business"
    return _body_class(last)


def _holds_kind(name: str, noun: str) -> bool:
    """Whether a body's name gives the kind of body a description's noun is: "Food Workers Union" for "the union"."""
    return any(_names_kind(w, noun) for w in name.split())


def _of_another_kind(entry: _Entry, mention: Mention) -> bool:
    """ "Lisbon port authority" for "the company": a body named by a description whose own noun, in lower case
    (its last word or its head), says it is another kind of body than the one meant; or a public body's proper
    name ("the Securities and Exchange Commission") for a business's description; or a name that says it is a body
    of another kind than a description's noun ("Harlow Motors Ltd" for "the union")."""
    last = entry.name.split(" ")[-1]
    if mention.head in _BUSINESS_NOUNS and last.lower() in _PUBLIC_BODY_NOUNS:
        return True
    if _proper(entry.name) and not _holds_kind(entry.name, mention.head):
        # "Harlow Motors Ltd" for "the union", "Northfield Energy" for "the regulator": a name that says its kind,
        # or the noun its apposition gave ("Usdaw, the shop workers' union" for "the supermarket")
        name_kind, kind = _name_class(entry.name) or _body_class(entry.head), _body_class(mention.head)
        if name_kind is not None and kind is not None and name_kind != kind:
            return True
    kinds = {entry.head, mention.head}
    if (
        len(kinds) == 2
        and entry.head in ORG_NOUNS
        and entry.head in entry.name.split(" ")
        and not kinds <= _BUSINESS_NOUNS
    ):
        return True  # "a study of 90,000 adults in the UK" is no "the university": its own noun, in lower case
    return last.islower() and last in ORG_NOUNS and last != mention.head


def _kind_of_body(mention: Mention) -> bool:
    """ "The lobby group said": lower-case words before a body's noun that give its kind, not which one it is (a
    place, a nation or a name before it does: "the Iraqi military", "the Cuban government")."""
    words = mention.name.split(" ")
    return (
        1 < len(words) <= 3
        and words[-1] == mention.head
        and (mention.head in BODY_KIND_NOUNS or _supplier_to_a_kind(mention))
        and all(w.islower() and w.replace("'", "").replace("’", "").isalpha() for w in words)
    )


# "spokeswoman for the department", "an official at the ministry": a person's description ending in a body's noun.
# "spokeswoman for Thames Water", "a spokesperson for the Environment Agency": the body a spokesperson speaks for.
_PROPER_WORD = r"[A-Z][\w&'’.-]*"
_SPEAKING_FOR = re.compile(
    rf"(?:a |the )?spokes(?:man|woman|person|people) for (?:the )?({_PROPER_WORD}(?: (?:of |and |for |the )*"
    rf"{_PROPER_WORD})*)"
)

_FOR_THE_BODY = re.compile(r"((?:\S+ )*\S+ (?:for|of|at|with)) the ([a-z]+)")


# Where an owner's name ends inside a longer one: "University of Bristol's School", "University of Leeds' School".
_POSSESSIVE = re.compile(r"(?<=\w)['’]s |(?<=s)['’] ")


def _supplier_to_a_kind(mention: Mention) -> bool:
    """ "The supermarket supplier said": a business by what it is to bodies of one kind, the word before its noun
    naming its customers' kind; it is of no kind a place or name would pick out, and a body of that customers' kind
    is not it (``_customer_kind``)."""
    words = mention.name.split(" ")
    return len(words) == 2 and mention.head in COMPANY_KINDS and _body_class(words[0]) is not None


def _customer_kind(mention: Mention) -> str:
    """The kind of body a supplier's description names as its customers: "supermarket" in "the supermarket supplier"."""
    return mention.name.split(" ")[0]


def _names_kind(word: str, noun: str) -> bool:
    """Whether a word of a body's name gives the kind of body a description's noun is: "University" for "the
    university", "Police" for "the force"."""
    return word == noun.title() or noun in _KIND_OF.get(word.lower(), ())


def _initials(name: str) -> str:
    """ "AO" for "Amara Osei", "AOC" for "Alexandria Ocasio-Cortez": the first letters of a name's words."""
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w[:1].isalpha()).upper()


def _lone_name_body(entry: _Entry) -> bool:
    """A speaker named by one capitalised word, no acronym, that was taken for a body ("Marchetti said"); written so,
    as no "The Guardian said": no person's name takes "the"."""
    name = entry.name
    return (
        entry.speaker
        and entry.written_bare
        and entry.salient
        and entry.named
        and entry.kind == "organisation"
        and name.isalpha()
        and name.istitle()
    )


def _proper(name: str) -> bool:
    return any(ch.isupper() for ch in name)


# A company's legal form after its name: "Nordlicht AG" and "Nordlicht" are one company.
_LEGAL_FORMS = frozenset(
    {"ag", "se", "inc", "corp", "corporation", "ltd", "limited", "plc", "llc", "gmbh", "sa", "nv", "bv", "co",
     "holdings", "group", "spa", "asa", "ab", "oyj", "kk"}
)  # fmt: skip


def _without_legal_form(name: str) -> str:
    words = name.lower().replace(",", " ").split()
    while len(words) > 1 and words[-1].strip(".") in _LEGAL_FORMS:
        words.pop()
    return " ".join(words)
