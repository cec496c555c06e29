"""Reading one parsed article in order: find its attributions paragraph by paragraph, resolve each speaker
against what the article has named so far, and carry a quoted speaker over to the unattributed quotations that
continue them (later in the paragraph, or in the next paragraphs)."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from extraction.attribution import (
    Found,
    dotted_interview,
    find_answer,
    find_colon_attribution,
    find_dash_signatures,
    find_sentence_colon_quotes,
    find_this_disclosed,
    find_verb_attributions,
    is_question_line,
    repeated_colon_heads,
    signature_line,
    token_starting_at,
)
from extraction.content import inside_quote, snap, trim
from extraction.coref import SpeakerHistory
from extraction.cues import DOCUMENTS, MEDIA, is_speech_verb, medium_of
from extraction.descriptions import nationality_before_name, stated_age
from extraction.doc_ents import entities, entities_overlapping, entities_within
from extraction.given_names import is_given_name
from extraction.mention import Mention, mention_from_tokens
from extraction.model import ClaimKind, ExtractedClaim, ExtractedSpeaker, SpeakerKind, Stance
from extraction.name_spans import bare_word, capitalised_word, hyphen_start, name_particle, whole_name
from extraction.names import (
    GENDERED_HONORIFICS,
    HONORIFICS,
    NAME_PARTICLES,
    OFFICE_TITLES,
    normalize_speaker_name,
    split_leading_titles,
    title_words,
)
from extraction.quotes import Quote
from extraction.speaker_kind import (
    company_shaped,
    described_as_person,
    opening_common_noun,
    reports_on_self,
    short_for_organisation,
)
from extraction.speaker_nouns import (
    BODY_KIND_NOUNS,
    COMPANY_KINDS,
    COMPANY_WORDS,
    FIRM_OR_PERSON_RELATIONS,
    ORG_NOUNS,
    PERSON_KIND_NOUNS,
    PERSON_NOUNS,
    ROLE_WORDS,
    person_noun,
)
from extraction.speaker_roles import appositive_role, headline_office
from extraction.speakers import mention_for, speaks_as_pair
from extraction.text import blockquoted, publication_note, title_case

# How sure a construction is, before the speaker's certainty is applied.
_BASE_CONFIDENCE: Mapping[str, float] = {
    "verb_direct": 0.92, "verb_mixed": 0.86, "verb": 0.82, "according_to": 0.82, "colon": 0.7, "dash": 0.75,
    "continuation_paragraph": 0.72, "continuation_article": 0.6, "colon_ahead_direct": 0.8, "colon_ahead": 0.65,
    "answer": 0.7, "clause_colon": 0.8,
}  # fmt: skip
_UNRESOLVED_PRONOUN = 0.4
_UNNAMED = 0.9
_RESOLVED = 0.95
_MIN_CONTINUATION_WORDS = 4
_QUOTE_MARKS = frozenset('“”"«»‘')  # not ’, an apostrophe as often as a quote mark
_PERSON_OR_ORG = frozenset({"PERSON", "ORG"})
_GENDERED = {"he": "m", "his": "m", "him": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
# The publication's own text as a speaker ("an earlier version of this story", "this article"): a correction
# notice quotes what the paper withdrew, which nobody claims.
_THIS_STORY = re.compile(
    r"\b(?:earlier|previous|original|prior) version of (?:this|the|our) \w+|\bthis (?:story|article)\b", re.I
)
# A list item's marker: a dash, bullet or asterisk, or a number or letter with a stop or bracket, then a space.
_BULLET = re.compile(r"\s*(?:[-–—•*·▪●]|\(?(?:\d{1,2}|[a-z])[.)])\s+")
# Notes in brackets between a speech's sentences ("(Applause.)", "[Laughter]"): the audience, no narration.
_STAGE_NOTES = re.compile(r"\s*(?:[(\[][^()\[\]]*[)\]]\s*)+")
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+\S")
# What a person gives that the next paragraph may quote ("read a prepared statement.").
_STATEMENTS = frozenset({"statement", "speech", "remarks", "testimony", "tribute", "eulogy", "message"})
_COURTESY = re.compile(r"(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? (?=[A-Z])")
_PLACE_OR_TIME = frozenset({"GPE", "LOC", "DATE", "TIME", "CARDINAL", "ORDINAL"})


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One parsed paragraph: its place in the article, its parse (offsets relative to ``start``) and quotes."""

    index: int
    start: int
    end: int
    doc: Doc
    quotes: list[Quote]


class ArticleReader:
    """Per-article state: entity labels voted over the whole article, the speaker history, and the quote chain
    that runs across paragraphs. ``text`` is the caller's text, ``clean`` its sanitised copy of equal length."""

    def __init__(self, text: str, clean: str, paras: Sequence[Paragraph]) -> None:
        self.text = text
        self.clean = clean
        self.paras = paras
        self.labels = _label_votes(p.doc for p in paras)
        self.transcript_names = repeated_colon_heads(p.doc.text for p in paras)
        self.dotted = dotted_interview([p.doc.text for p in paras])  # "Q. ... A. ..."
        self.interview = any(is_question_line(p.doc.text, self.dotted) for p in paras)  # "Q: ... A: ..."
        self.interviewee: ExtractedSpeaker | None = None
        self.answer: tuple[int, Found] | None = None  # the latest answer, and its paragraph
        # the latest transcript line ("GREAVES: ..."), and its paragraph
        self.line: tuple[int, ExtractedClaim] | None = None
        self.history = SpeakerHistory()
        self.history.article_names = {
            name for para in paras for sent in para.doc.sents for name in _proper_name_runs(sent, para)
        }
        self.chain: ExtractedClaim | None = None
        self.pending: tuple[Found, ExtractedSpeaker, float] | None = None  # a "said:" ending the last paragraph
        self.listing = False  # the pending "said:" heads a list whose items continue
        self.certainty: dict[tuple[int, int] | None, float] = {}  # speaker certainty per cue, for continuations
        # Paragraphs that open a quotation and never close it, with no speaker yet: the quotation runs on, and the
        # paragraph where it closes names who spoke (“A ... ⏎ “B,” Maria Lopez said.).
        self.dangling: list[Quote] = []
        # Who last spoke "in a statement" ("In a statement read by her lawyer, de la Fuente said"): the author a
        # later "the statement said" stands for.
        self.statement_by: ExtractedSpeaker | None = None
        # A paragraph that is one quotation and no speaker: the next paragraph may open by saying whose words they
        # were ("Those are the words of X").
        self.lone_quote: Quote | None = None
        # The last paragraph when it was narration that attributed nothing, and its words: what a "disclosed this"
        # opening the next paragraph stands for.
        self.unattributed: tuple[int, tuple[int, int]] | None = None

    def claims(self) -> list[ExtractedClaim]:
        """Every claim of the article, one per span, in reading order."""
        claims: list[ExtractedClaim] = []
        for para in self.paras:
            if not publication_note(self.clean[para.start : para.end]):
                claims.extend(self._paragraph(para))
        named = [self._named_later(claim) for claim in self._lists_after_colons(_dedupe(claims, self.text))]
        return self._one_kind_per_name(self._named_right_after(self._introduced_below(named)))

    def _lists_after_colons(self, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
        """ "The company said it would: ⏎ - pay a dividend; ⏎ - close its Hull site.": reported words that end their
        paragraph on a colon go on in the list items below it, which finish the sentence; the claim runs to the
        last item, up to a line that is no item or one with a claim of its own. A bare "said:" is read so already
        (``_announced``)."""
        starts = {para.start for para in self.paras}
        taken = [c.span for c in claims]
        extended = list(claims)
        for k, claim in enumerate(claims):
            index = self._paragraph_of(claim)
            if claim.kind != "indirect_quote" or index >= len(self.paras) - 1:
                continue
            if self.clean[claim.span[1] : self.paras[index].end].strip() != ":":
                continue
            end = claim.span[1]
            for para in self.paras[index + 1 :]:
                item = _BULLET.match(self.clean, para.start, para.end) if para.start in starts else None
                if item is None or any(para.start <= a < para.end for a, _ in taken):
                    break
                end = para.end
            if end != claim.span[1]:
                end = len(self.text[:end].rstrip())
                span = (claim.span[0], end)
                extended[k] = replace(claim, text=self.text[span[0] : span[1]], span=span)
        return extended

    def _named_right_after(self, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
        """ "The veteran broadcaster, who first met Penhale in 1976, said ... 'She always said ...,' Bassett said.":
        a description of someone the article already named, given a "who" clause of their life, that nothing
        resolved (two people fit it), and the next claim of the same paragraph, by a name the article wrote before
        the description: news writes the surname next for the person it just described, not for someone new."""
        renamed = list(claims)
        for k in range(len(claims) - 1):
            described, after = claims[k].speaker, claims[k + 1].speaker
            if not _unnamed_description(described) or described.mention_span is None:
                continue
            start, end = described.mention_span
            if not described.mention.startswith(("The ", "the ")) or not self.clean.startswith(", who ", end):
                continue
            if self._paragraph_of(claims[k]) != self._paragraph_of(claims[k + 1]) or after.kind != "person":
                continue
            if not after.named or after.mention not in {after.name, after.name.split(" ")[-1]}:
                continue
            first = self._first_written(after.name.split(" ")[-1], 0)
            if " " not in after.name or first is None or first >= start:
                continue
            speaker = replace(described, name=after.name, kind="person", role=after.role, resolved=True, named=True)
            renamed[k] = replace(claims[k], speaker=speaker)
        return renamed

    def _one_kind_per_name(self, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
        """ "Baimukhanov said ... “...,” the Kazakh said": the epithet shows the lone name, taken for a body where it
        spoke, to be a person's, so each of its claims is a person's, not only the epithet's: one speaker, one kind
        in an article. Names and spans stay as they are."""
        people = self.history.people_by_epithet
        return [
            replace(c, speaker=replace(c.speaker, kind="person"))
            if c.speaker.kind == "organisation" and c.speaker.named and c.speaker.name in people
            else c
            for c in claims
        ]

    def _introduced_below(self, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
        """A headline or lead that gives a speaker only by description ("The chief executive of Acme told MPs ...",
        "a copper miner denied ...", "their union said"), and the next paragraph that names a new speaker with no
        role or description of their own ("Dana Whit told the committee ...", "The Metalworkers' Union said"): news
        writing introduces a new name with a role, so a bare name right after a description is the one it
        described. The description's claims take that name; a headline's description ("Water boss tells MPs ...")
        takes the name the lead's description so took."""
        last_lead = min(len(self.paras), 3)
        by_para = [self._paragraph_of(c) for c in claims]
        renamed = list(claims)
        for k in sorted(range(len(claims)), key=lambda j: -by_para[j]):  # the lead before the headline
            claim, para = claims[k], by_para[k]
            if not _unnamed_description(claim.speaker) or _reported(claim, claims):
                continue
            name = self._named_next_here(claims, by_para, k)
            if name is None and para < last_lead - 1:
                name = self._first_new_name(claims, by_para, para, last_lead, claim.speaker)
                lead = next((j for j in range(len(claims)) if by_para[j] == para + 1), None)
                if name is None and para == 0 and lead is not None and renamed[lead] is not claims[lead]:
                    first = renamed[lead].speaker
                    name = (first.name, first.kind) if claim.speaker.kind in {"unknown", first.kind} else None
            if name is not None and not self._may_name_headline_body(claim.speaker, name[0], para):
                name = None
            if name is not None:
                # "the chief executive said ... ⏎ Anneke de Vries said": the description is the role the name lacks
                role = claim.speaker.role or (claim.speaker.name if name[1] == "person" == claim.speaker.kind else None)
                speaker = replace(claim.speaker, name=name[0], kind=name[1], role=role, resolved=True, named=True)
                renamed[k] = replace(claim, speaker=speaker)
        return renamed

    def _named_next_here(
        self, claims: list[ExtractedClaim], by_para: list[int], k: int
    ) -> tuple[str, SpeakerKind] | None:
        """ "The museum's director said the return corrected a wrong. Speaking at the ceremony, Dr Imogen Searle
        said ...": the next claim of the same paragraph, by a bare name first written after the description, is the
        described person's; news gives a new person a role, so a bare new name right after a description is its
        name. None where the next claim is in another paragraph or by any other speaker."""
        described = claims[k].speaker
        if k + 1 >= len(claims) or by_para[k + 1] != by_para[k] or described.mention_span is None:
            return None
        if not _one_described(described.mention):
            return None  # "Environmental groups said ... The Sussex Wildlife Trust said": one of them, not all
        return self._new_name(claims[k + 1].speaker, described, by_para[k], described.mention_span[1])

    def _may_name_headline_body(self, described: ExtractedSpeaker, name: str, para: int) -> bool:
        """ "Regulator says thousands were overcharged" over "Scottish Power has admitted ...": a headline's body
        noun is named below only by a name that holds the noun ("The Metalworkers' Union" for "Union says"); the
        lead's first new name is as often the body the headline's speaker spoke about. A person's noun ("Ex-aide
        says") takes the lead's new name as before."""
        if described.kind != "organisation" or para > 1 or not _headline_line(self.paras[para]):
            return True
        return described.name.split(" ")[-1].lower() in {w.lower().strip("'’") for w in name.split(" ")}

    def _first_new_name(
        self, claims: list[ExtractedClaim], by_para: list[int], after: int, until: int, described: ExtractedSpeaker
    ) -> tuple[str, SpeakerKind] | None:
        """The first speaker after paragraph ``after`` (before ``until``) whose mention is a bare name the article
        had not yet written, or a name the same description introduces ("an aide to the minister said ... The
        aide, Gudrun Sigurdardottir, said"), of a kind the description can be; None when the first speaker there
        is not."""
        for k, claim in enumerate(claims):
            if by_para[k] <= after or by_para[k] >= until or claim.speaker.mention_span is None:
                continue
            if by_para[k] > after + 1 and any(by_para[j] == after + 1 for j in range(len(claims))):
                return None
            return self._new_name(claim.speaker, described, after, self.paras[by_para[k]].start)
        return None

    def _new_name(
        self, speaker: ExtractedSpeaker, described: ExtractedSpeaker, after: int, since: int
    ) -> tuple[str, SpeakerKind] | None:
        """``speaker``'s name and kind where its mention is a bare name the article first writes at or after
        ``since`` (headlines above paragraph ``after`` left out), or the name set beside the description's noun ("The
        aide, Gudrun Sigurdardottir,", "the senior coroner, Maria Voisey,"), of a kind ``described`` can be."""
        if speaker.mention_span is None:
            return None
        noun = re.split(r" (?:to|of|for|at|in|from|with|on) ", described.name)[0].split(" ")[-1].lower()
        # "Ms Rangitaki said" after "The prime minister defended ...": a courtesy title and a surname are as
        # bare a name as a full one.
        courtesy = _COURTESY.match(speaker.mention) if speaker.kind == "person" else None
        mention = speaker.mention[courtesy.end() :] if courtesy else speaker.mention
        bare = re.sub(r"^(?:the|The) ", "", mention) == speaker.name
        # "the senior coroner, Maria Voisey" after "A coroner has concluded ...": the noun with a word of rank
        same_noun = rf"(?:the|The) (?:[a-z-]+ ){{0,2}}{re.escape(noun)}, {re.escape(speaker.name)}"
        same = re.fullmatch(same_noun, mention) is not None
        # "A Bristol city councillor has apologised ... ⏎ Councillor Mark Ellison wrote": the noun as the title
        same = same or re.fullmatch(rf"{re.escape(noun.title())} {re.escape(speaker.name)}", mention) is not None
        if not (speaker.named and (bare or same) and not speaker.resolved and (speaker.role is None or same)):
            return None
        written = speaker.name.split(" ")[-1] if speaker.kind == "person" else speaker.name  # surname, or all
        first = self._first_written(written, after)
        if (" " not in speaker.name and not courtesy) or first is None or first < since:
            return None
        return (speaker.name, speaker.kind) if described.kind in {"unknown", speaker.kind} else None

    def _first_written(self, written: str, after: int) -> int | None:
        """Where the article first writes ``written``, leaving out the headline and standfirst above paragraph
        ``after``: a headline gives by surname ("Harlow says inflation has peaked") the person its lead describes
        by office and the paragraph below introduces in full ("Tom Harlow told reporters ...")."""
        above = [(p.start, p.end) for p in self.paras[:after] if _headline_line(p)]
        for match in re.finditer(rf"\b{re.escape(written)}\b", self.clean):
            if not any(start <= match.start() < end for start, end in above):
                return match.start()
        return None

    def _paragraph_of(self, claim: ExtractedClaim) -> int:
        return next((p.index for p in self.paras if p.start <= claim.span[0] < p.end), len(self.paras))

    def _named_later(self, claim: ExtractedClaim) -> ExtractedClaim:
        """A person the article gave only a surname when they spoke, above all in a headline ("Okonkwo says ..."),
        named in full further down ("Bristol Rovers manager Chidi Okonkwo"): the one full name that ends so. A
        headline's speaker given by office ("Budapest mayor says ...") is the one person the article names so."""
        speaker = claim.speaker
        if speaker.kind != "person" or speaker.resolved:
            return claim
        if not speaker.named:
            in_headline = bool(self.paras) and claim.span[1] <= self.paras[0].end
            full = self.history.only_person_described(speaker.name) if in_headline else None
        else:
            full = self.history.only_full_name(speaker.name) if " " not in speaker.name else None
        if full is None:
            return claim
        role = speaker.role or self.history.roles.get(full)
        return replace(claim, speaker=replace(speaker, name=full, role=role, resolved=True))

    def _paragraph(self, para: Paragraph) -> list[ExtractedClaim]:
        claims: list[ExtractedClaim] = []
        bullet = _BULLET.match(self.clean, para.start, para.end)  # the parser's text has the bullet blanked
        opens_quote = bool(para.quotes) and para.quotes[0].outer_start == para.start
        if self.pending is not None and self.pending[0].construction == "statement_ahead" and not opens_quote:
            self.pending = None
        if self.pending is not None and (bullet is not None or not self.listing):
            claims.append(self._announced(para, *self.pending))
            # "The ministry said:" over a list: each item below is said, up to the first line that is no item.
            self.listing = bullet is not None
            if not self.listing:
                self.pending = None
        else:
            self.pending, self.listing = None, False
        found = find_verb_attributions(para.doc, self.clean, para.start, para.quotes, self.lone_quote)
        self.lone_quote = None
        if self.unattributed is not None and self.unattributed[0] == para.index - 1:
            this = find_this_disclosed(para.doc, self.clean, para.start, para.quotes, self.unattributed[1])
            if this is not None:
                found.append(this)
        colon = find_colon_attribution(para.doc, self.clean, para.start, para.quotes, self._is_name)
        if colon is None and self.interview:
            colon = find_answer(para.doc, self.clean, para.start, self.dotted)
            # the answer goes on in the paragraphs after it (``_answer_runs_on``), even where a verb took its words
            self.answer = (para.index, colon) if colon is not None else self.answer
        if colon is not None and colon.construction == "colon" and colon.direct:
            # "CHIEF CONSTABLE GREAVES: I want to start by saying that ...": in a verbatim line, "I" saying is the
            # line's speaker saying; the line holds those words
            found = [f for f in found if not (_overlaps(f, colon) and _first_person(f))]
        if colon is not None and colon.construction == "answer":
            # "A: ... the families we see tell us their bill ...": an answer is the interviewee's words verbatim, as
            # a quotation is, and a verb inside it reports no claim of its own
            found = [f for f in found if not colon.content[0] <= f.cue_span[0] < colon.content[1]]
        if colon is not None and not any(_overlaps(f, colon) for f in found):
            found.append(colon)
        for inside in find_sentence_colon_quotes(para.doc, self.clean, para.start, para.quotes, self._is_name):
            if not any(_overlaps(f, inside) for f in found):
                found.append(inside)
        found.extend(find_dash_signatures(para.doc, self.clean, para.start, para.quotes, self._is_name))
        signed = self._signed_pull_quote(para)
        if signed is not None:
            found.append(signed)
        # A speaker's own words are noted as the resolved speaker, never again as a raw mention.
        speakers = [t for f in found for t in (f.speaker, *f.speaker_tokens) if t is not None]
        # A headline in title case capitalises every word: the recogniser's names there run on into its verbs
        # ("Helixa Therapeutics Reports Positive Phase 2 Results"), so none are noted.
        trusted = not title_case(para.doc.text)
        for s_index, sent in enumerate(para.doc.sents):
            self.history.sentence_start = len(self.history.entries)
            narrated = self._narrated(sent, para) if trusted else []
            mentions = [m for m in narrated if not any(_own_words(m, s) for s in speakers)]
            for item in sorted((f for f in found if f.sentence == s_index), key=lambda f: f.cue_span[0]):
                # Names earlier in the sentence count ("Flynn said Trump was right when he said ...").
                at = item.speaker.idx if item.speaker is not None else item.cue_span[0] - para.start
                # and the body the speaker's description names ("Ona Marsh, chief executive of Veltrix,"), for
                # the speaker to bring it back as their employer
                at = item.speaker.right_edge.idx + 1 if item.speaker is not None and item.construction == "verb" else at
                while mentions and mentions[0][0] < at:
                    self._note(mentions.pop(0), para, found)
                # "Okoro said a planning officer had told him that ...": who spoke inside another's words
                nested = any(f is not item and f.content[0] <= item.cue_span[0] < f.content[1] for f in found)
                speaker, certainty = self._speaker(item, para, nested=nested)
                if _THIS_STORY.search(speaker.mention):
                    continue  # "Correction: An earlier version of this story said ...": what the paper withdrew
                if item.construction == "colon_ahead":
                    self.pending = (item, speaker, certainty)
                    continue
                a, b = item.content
                key = _construction(item, self.clean)
                claims.append(self._claim(item, (a, b), item.direct, speaker, certainty, key))
            for mention in mentions:
                self._note(mention, para, found)
            if trusted:
                self.history.names_seen.extend(_proper_name_runs(sent, para))
                self._note_ages(sent, para)
            if self.interview and self.interviewee is None:
                self._note_interviewee(sent, para)
        claims.extend(self._continuations(para, claims))
        if not claims and (more := self._answer_runs_on(para)) is not None:
            claims.append(more)
        if not claims and (goes_on := self._line_runs_on(para)) is not None:
            claims.append(goes_on)
        self.line = self._transcript_line(para, claims, colon)
        if not claims and self.pending is None and trusted:
            self._statement_ahead(para)
        claims.sort(key=lambda c: c.span)
        claims.extend(self._claimed_back(para, claims))
        self.unattributed = self._narration(para) if not claims and trusted else None
        if not claims and len(para.quotes) == 1 and self._standalone(para.quotes[0], para):
            self.lone_quote = para.quotes[0] if para.quotes[0].outer_start == para.start else None
        quoted = [c for c in claims if _is_quote_claim(c)]
        self.chain = quoted[-1] if quoted and claims[-1] is quoted[-1] else self._reported_last(para, claims)
        return claims

    def _reported_last(self, para: Paragraph, claims: Sequence[ExtractedClaim]) -> ExtractedClaim | None:
        """ "X said officers had traced 300 people. ⏎ “We have never given up ...”": a paragraph that ends on a
        statement reported in a known speaker's name hands the quotation opening the next paragraph to that
        speaker, as one ending on their quotation does; the one reporting, not one reported inside their words
        ("X said Y had told him that ..."); not when narration follows."""
        outer = [c for c in claims if not any(o is not c and o.span[0] <= c.span[0] and c.span[1] <= o.span[1]
                                              for o in claims)]  # fmt: skip
        if not outer:
            return None
        last = max(outer, key=lambda c: c.span[1])
        speaker = last.speaker
        if not (speaker.named or speaker.resolved) or speaker.kind not in {"person", "organisation"}:
            return None
        return None if any(ch.isalnum() for ch in self.clean[last.span[1] : para.end]) else last

    def _statement_ahead(self, para: Paragraph) -> None:
        """A paragraph that ends on someone giving a statement ("Grace Mbeki-Owusu read a prepared statement.",
        "The company issued a statement.") announces the quotation that opens the next paragraph, as "said:"
        does; a quotation running on over paragraphs continues it."""
        sents = list(para.doc.sents)
        if not sents:
            return
        root = sents[-1].root
        statement = next((c for c in root.children if c.dep_ == "dobj"), None)
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if (
            root.pos_ != "VERB"
            or statement is None
            or subject is None
            or statement.lemma_.lower() not in _STATEMENTS
            or any(c.dep_ == "neg" for c in root.children)
            or any(c.dep_ == "prep" for c in statement.children)  # "a statement on the strike", "about"
            or subject.pos_ == "PRON"
            or inside_quote(para.quotes, subject.idx + para.start)
        ):
            return
        cue_span = (root.idx + para.start, statement.idx + len(statement) + para.start)
        item = Found(self.text[cue_span[0] : cue_span[1]], cue_span, subject, (), (0, 0), False, "statement_ahead",
                     len(sents) - 1)  # fmt: skip
        speaker, certainty = self._speaker(item, para)
        if speaker.named:
            self.pending = (item, speaker, certainty)

    def _signed_pull_quote(self, para: Paragraph) -> Found | None:
        """A paragraph that is one quotation, then a paragraph that only signs it ("“We are not going to let this
        town die.” ⏎ — Mariana Restrepo, mayor"): the quotation is the signer's."""
        if para.index == 0 or para.quotes:
            return None
        before = self.paras[para.index - 1]
        if (
            len(before.quotes) != 1
            or self.clean[before.start : before.end].strip(" ")
            != self.clean[before.quotes[0].outer_start : before.quotes[0].outer_end]
        ):
            return None
        head = signature_line(para.doc, self._is_name)
        if head is None:
            return None
        a, b, direct = snap(self.clean, before.quotes[0].start, before.quotes[0].end, before.quotes)
        dash = para.start + len(para.doc.text) - len(para.doc.text.lstrip())
        return Found(self.text[dash], (dash, dash + 1), head, (), (a, b), direct, "dash", 0)

    def _speaker(self, item: Found, para: Paragraph, *, nested: bool = False) -> tuple[ExtractedSpeaker, float]:
        if item.construction == "answer":
            return self._answerer(item, para)
        mention = self._mention(item, para)
        speaker = self.history.resolve(mention, para.index)
        if item.construction == "colon" and (initialled := self.history.initialled(speaker.name)) is not None:
            speaker = replace(speaker, name=initialled, kind="person", resolved=True)  # "AO:" for Amara Osei
        if self.statement_by is not None and _the_statement(mention):
            # "“Nobody should have to ...,” the statement said": the statement the article just gave speaks for
            # its author
            speaker = replace(self.statement_by, mention=speaker.mention, mention_span=speaker.mention_span,
                              resolved=True)  # fmt: skip
        if not (speaker.mention == mention.text and self._headline_description(mention, para)):
            self.history.note_speaker(speaker, mention, para.index, reported=nested)
        if _in_a_statement(item, para):
            self.statement_by = speaker
        return speaker, _speaker_certainty(mention, speaker)

    def _note_interviewee(self, sent: Span, para: Paragraph) -> None:
        """ "We spoke to the mayor at City Hall", "Okafor spoke to the Herald": an introduction that says whom the
        paper interviewed names who gives the answers, though it names someone else after them ("Her deputy, Tom
        Gallagher, resigned last month")."""
        tok = _interviewed(sent)
        if tok is None or inside_quote(para.quotes, tok.idx + para.start):
            return
        words = list(sent.doc[tok.left_edge.i : tok.i + 1])  # "the mayor", not "the mayor at City Hall"
        speaker = self.history.resolve(mention_from_tokens(words, para.start, self.labels, None), para.index)
        if speaker.kind == "person" and speaker.named and " " in speaker.name:
            self.interviewee = speaker

    def _narration(self, para: Paragraph) -> tuple[int, tuple[int, int]] | None:
        """This paragraph and its words, less a blanked dateline, when it is narration: a sentence or more ending in
        a full stop, no quotation, no interview's label; None otherwise."""
        words = para.doc.text.strip()
        if para.quotes or not words.endswith(".") or is_question_line(words, self.dotted) or self.pending is not None:
            return None
        if not any(t.pos_ in {"VERB", "AUX"} for t in para.doc):
            return None
        start = para.start + len(para.doc.text) - len(para.doc.text.lstrip())
        end = para.start + len(para.doc.text.rstrip())
        return para.index, (start, end)

    def _answer_runs_on(self, para: Paragraph) -> ExtractedClaim | None:
        """A paragraph right after an interview's answer that is no question, quotes and attributes nothing, and
        speaks in the first person ("A: ... I believe him. ⏎ The city's budget is under more pressure than people
        realise. We spend more on ..."): the answer goes on; the journalist's notes name the interviewee."""
        if (
            self.answer is None
            or self.answer[0] != para.index - 1
            or para.quotes
            or is_question_line(para.doc.text, self.dotted)
        ):
            return None
        if not any(t.lower_ in _FIRST_PERSON and t.pos_ == "PRON" for t in para.doc):
            return None
        named = self.interviewee.name.split(" ")[-1] if self.interviewee is not None else None
        if named and re.search(rf"\b{re.escape(named)}\b", para.doc.text):
            return None  # "We will publish the second part of our interview with Sandvik next week."
        a, b, _ = snap(self.clean, para.start, para.end, para.quotes)
        if b - a < 2:
            return None
        item = self.answer[1]
        self.answer = (para.index, item)
        speaker, certainty = self._answerer(item, para)
        return self._claim(item, (a, b), True, speaker, certainty, "continuation_paragraph")

    def _transcript_line(
        self, para: Paragraph, claims: Sequence[ExtractedClaim], colon: Found | None
    ) -> tuple[int, ExtractedClaim] | None:
        """This paragraph's verbatim line (a label's, or one running on from the line before), for the next."""
        cues: set[tuple[int, int]] = set()
        if colon is not None and colon.direct and colon.construction == "colon":
            cues.add(colon.cue_span)
        if self.line is not None and self.line[1].cue_span is not None:
            cues.add(self.line[1].cue_span)
        lines = (c for c in claims if c.cue_span is not None and c.cue_span in cues and c.kind == "direct_quote")
        return next(((para.index, c) for c in lines), None)

    def _line_runs_on(self, para: Paragraph) -> ExtractedClaim | None:
        """A paragraph right after a transcript's line ("GREAVES: Good morning. ... ⏎ We have opened a criminal
        investigation.") that has no label, quotes and attributes nothing, and speaks in the first person: the line's
        speaker goes on, as an interview's answer does."""
        if self.line is None or self.line[0] != para.index - 1 or para.quotes or is_question_line(para.doc.text):
            return None
        if not any(t.lower_ in _FIRST_PERSON and t.pos_ == "PRON" for t in para.doc):
            return None
        source = self.line[1]
        surname = source.speaker.name.split(" ")[-1]
        if re.search(rf"\b{re.escape(surname)}\b", para.doc.text):
            return None  # "We will publish our interview with Dean in full tomorrow.": the paper's note about them
        a, b = trim(self.clean, para.start, para.end, complementiser=False)
        if b - a < 2:
            return None
        confidence = round(_BASE_CONFIDENCE["continuation_paragraph"] * self.certainty.get(source.cue_span, 1.0), 3)
        return ExtractedClaim(self.text[a:b], (a, b), source.cue, source.cue_span, "direct_quote", confidence,
                              source.speaker)  # fmt: skip

    def _answerer(self, item: Found, para: Paragraph) -> tuple[ExtractedSpeaker, float]:
        """Who answers an interview's questions: the person the article named last before its first answer (the
        introduction's "Amara Okonkwo founded Paystream ... We spoke to her"), for every answer after it."""
        if self.interviewee is None:
            person = self.history.last_person()
            if person is None:
                return ExtractedSpeaker("A", "unknown", "A", item.cue_span, None, named=False), _UNRESOLVED_PRONOUN
            self.interviewee = person
        span = (item.cue_span[0] - 1, item.cue_span[0])
        return replace(self.interviewee, mention=self.text[span[0] : span[1]], mention_span=span), _RESOLVED

    def _claim(
        self, item: Found, span: tuple[int, int], direct: bool, speaker: ExtractedSpeaker, certainty: float, key: str
    ) -> ExtractedClaim:
        a, b = span
        kind: ClaimKind = "direct_quote" if direct else "indirect_quote"
        confidence = round(_BASE_CONFIDENCE[key] * certainty, 3)
        self.certainty[item.cue_span] = certainty
        cue = self.text[item.cue_span[0] : item.cue_span[1]]
        # A denial's own quoted words are asserted ("He denied it: “I never took money.”"); a quoted clause after
        # "denied that" is what was denied.
        denied = item.denial and (not direct or _AFTER_THAT.search(self.text, max(0, a - 12), a) is not None)
        stance: Stance = "denies" if denied else "asserts"
        return ExtractedClaim(self.text[a:b], (a, b), cue, item.cue_span, kind, confidence, speaker, stance)

    def _announced(self, para: Paragraph, item: Found, speaker: ExtractedSpeaker, certainty: float) -> ExtractedClaim:
        """The paragraph after "He said:" is what he said: its opening quotation, or else all of it."""
        first = para.quotes[0] if para.quotes and para.quotes[0].outer_start == para.start else None
        start, end = (first.start, first.end) if first is not None else (para.start, para.end)
        bullet = _BULLET.match(self.clean, para.start, para.end) if first is None else None
        if bullet is not None:  # "- Emergency departments remain open.": the item's words, not its marker
            start = bullet.end()
        a, b, direct = snap(self.clean, start, end, para.quotes)
        # "Its director wrote: ⏎ > We asked for an independent survey ...": an email's quoted block is verbatim
        direct = direct or (first is None and blockquoted(self.text, para.start))
        key = "colon_ahead_direct" if direct else "colon_ahead"
        return self._claim(item, (a, b), direct, speaker, certainty, key)

    def _mention(self, item: Found, para: Paragraph) -> Mention:
        words = [t.lower_ for t in item.speaker_tokens]
        if item.construction == "colon" and (titled := _titled_capitals(item, para.start)) is not None:
            return titled
        if item.construction == "colon" and all(w in ROLE_WORDS for w in words):
            # "Minister: We have no plans ...": the office stands for the person the article gave it
            start, end = item.speaker_tokens[0].idx + para.start, item.cue_span[0]
            name, head = " ".join(words), words[-1]
            return Mention(self.text[start:end], start, end, name, None, "person", head, description=True)
        if item.speaker_tokens:
            # "“...” — Jane Doherty, chief executive, Northfield Textiles": a signature's apposition is the role
            role = appositive_role(item.speaker, self.labels) if item.construction == "dash" and item.speaker else None
            return mention_from_tokens(list(item.speaker_tokens), para.start, self.labels, role)
        assert item.speaker is not None
        tok = item.speaker
        if tok.i == 0 and _headline_line(para) and (office := headline_office(tok)) is not None:
            # "PM says taxes will not rise": the office written short, a description of its holder, as "Prime
            # minister says" would be, not a body's acronym.
            start, end = tok.idx + para.start, tok.idx + len(tok) + para.start
            return Mention(self.text[start:end], start, end, office, None, "person", office.split(" ")[-1],
                           description=True)  # fmt: skip
        if tok.i == 0 and _headline_line(para) and (kind := self._headline_role(tok, para)) is not None:
            # "Aide says talks are close", "Union says fatigue puts passengers at risk": a headline or standfirst
            # drops the article, so its capitalised role or body noun is a description ("an aide to the minister",
            # "the pilots' union" below), not a name.
            start, end = tok.idx + para.start, tok.idx + len(tok) + para.start
            plural = tok.tag_ in {"NNS", "NNPS"}
            return Mention(self.text[start:end], start, end, tok.lower_, None, kind, tok.lemma_.lower(),
                           description=True, plural=plural)  # fmt: skip
        return mention_for(item.speaker, para.start, self.labels)

    def _headline_role(self, tok: Token, para: Paragraph) -> SpeakerKind | None:
        """The kind of speaker a lone capitalised person's or body's noun opening a headline or standfirst stands
        for, where the article never gives the word as a name; None for any other word."""
        lone = not any(c.dep_ in {"compound", "amod", "poss", "det", "prep", "appos"} for c in tok.children)
        noun = tok.lemma_.lower()
        if not lone or not tok.text.istitle() or self.labels.get(tok.lower_) in _PERSON_OR_ORG:
            return None
        if re.search(rf"\b{re.escape(tok.text)}\b", self.clean[para.end :]) is not None:
            return None
        if tok.lower_ in PERSON_NOUNS:
            return "person"
        if para.doc.text.rstrip().endswith(_SENTENCE_CLOSE):
            return None  # a sentence, not a headline: "Residents evacuated from the estate said ..."
        if noun in PERSON_NOUNS:
            return "person"  # "Tenants say complaints were ignored"
        return "organisation" if noun in ORG_NOUNS else None

    def _headline_description(self, mention: Mention, para: Paragraph) -> bool:
        """A headline's or standfirst's "Union says ...": a description nothing names yet, which the story below
        introduces by name; no antecedent for a later "the union said" or "it said", which mean the named body."""
        return mention.description and mention.start == para.start and not mention.named and _headline_line(para)

    def _note_ages(self, sent: Span, para: Paragraph) -> None:
        """The ages the narration gives the people it names ("Kai Mensah, 19,"), for a later "the 19-year-old"."""
        for ent in entities_within(sent):
            if ent.label_ != "PERSON" or inside_quote(para.quotes, ent.start_char + para.start):
                continue
            name = whole_name(ent, sent.start, sent.end)
            age = stated_age(name)
            if age is not None:
                full = self.history.full_name(normalize_speaker_name(name.text), "person")
                self.history.ages[full] = age

    def _narrated(self, sent: Span, para: Paragraph) -> list[tuple[int, Mention, bool]]:
        """Named people and organisations, and plural subjects ("Critics of the program"), that the narration
        of this sentence mentions outside quotes, by position: the candidates for later pronouns."""
        found: list[tuple[int, Mention, bool]] = []
        taken: set[int] = set()
        for ent in entities_within(sent):
            if inside_quote(para.quotes, ent.start_char + para.start):
                continue
            label = self.labels.get(normalize_speaker_name(ent.text).lower(), ent.label_)
            if label == "ORG" and _owned_brand(ent):
                continue
            if label in _PERSON_OR_ORG:
                # "Eelco van" + "der Berg"; "the British" + "Airline Pilots' Association"
                name = whole_name(ent, sent.start, sent.end) if label == "PERSON" else _with_nation_word(ent)
                tokens = _titles_before(name, sent) + list(name)
                role = (appositive_role(name.root, self.labels) or _noun_before(name)) if label == "PERSON" else None
                mention = mention_from_tokens(tokens, para.start, self.labels, role)
                if label == "PERSON":
                    mention = _gendered_by_reflexive(mention, name[-1])
                subject = _subject(name.root)
                if mention.kind == "organisation" and (kind := _body_called(name.root)) is not None:
                    # "A criminal group calling itself Black Lantern has claimed ...": the group is the name
                    mention, subject = replace(mention, body_noun=kind.lemma_.lower()), _subject(kind)
                    taken.add(kind.i)
                found.append((name.start_char, mention, subject))
                taken.update(range(name.start, name.end))
        for tok in sent:
            if tok.dep_ != "nsubj" or tok.i in taken or inside_quote(para.quotes, tok.idx + para.start):
                continue
            # A plural subject ("Critics of the program") for "they", an organisation ("The city sent ...") for
            # "it", or a known name the recogniser missed.
            known_name = tok.pos_ == "PROPN" and self.labels.get(tok.text.lower()) in _PERSON_OR_ORG
            # "Fenton, though, questioned ...", "Fenton-Burns questioned ...": a surname the article gave a person,
            # which the tagger took for a common noun or split at its hyphen
            known_name = known_name or (tok.text[:1].isupper() and self.labels.get(_written_word(tok)) == "PERSON")
            known_name = known_name or self._short_for_body_above(tok)
            if tok.tag_ == "NNS" or known_name or _org_noun(tok) or _someone(tok) or _the_person_noun(tok):
                found.append((tok.idx, _gendered_by_reflexive(mention_for(tok, para.start, self.labels), tok), True))
        found.sort(key=lambda pair: pair[0])
        self._gender_evidence(sent, para, [m for _, m, _ in found if m.kind == "person" and not m.plural])
        return found

    def _short_for_body_above(self, tok: Token) -> bool:
        """ "Lumen, which was founded in 2019, has raised ...": a body's name written short, its whole name ("Lumen
        Labs") an organisation's in the article and already written above, whatever label the recogniser gave the
        short form here or elsewhere; the subject a later "It said" means. Not before the whole name is written:
        "Halden filed for bankruptcy" above "Halden Mining" is that body, named in full later."""
        if tok.pos_ != "PROPN" or not short_for_organisation(tok.lower_, self.labels):
            return False
        return any(name.lower().startswith(tok.lower_ + " ") for name in self.history.names_seen)

    def _gender_evidence(self, sent: Span, para: Paragraph, people: list[Mention]) -> None:
        """A sentence about one person that says "his" or "her" tells that person's gender for later pronouns."""
        if len({m.name for m in people}) != 1:
            return
        span = (people[0].start - para.start, people[0].end - para.start)
        for tok in sent:
            gender = _GENDERED.get(tok.lower_)
            if gender is None or tok.idx < span[1] or inside_quote(para.quotes, tok.idx + para.start):
                continue
            if not _object_of_their_own_verb(tok, span):
                full = self.history.full_name(people[0].name, "person", people[0].gender)
                self.history.gender_evidence(full, gender)

    def _note(self, narrated: tuple[int, Mention, bool], para: Paragraph, found: Sequence[Found]) -> None:
        """Record a narrated mention; a subject inside what a speaker is reported to have said ("the Sabha said
        the government had not consulted farmers, and it warned ...") is less salient than that speaker."""
        _, mention, subject = narrated
        reported = any(f.content[0] <= mention.start < f.content[1] for f in found)
        self.history.note_entity(
            mention, para.index, subject=subject and not reported, reported_subject=subject and reported
        )

    def _continuations(self, para: Paragraph, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
        """Unattributed quotations that continue a quoted speaker: later in the same paragraph ("“A,” he said.
        “B.”"), or a paragraph that opens with a quote right after a paragraph that ended on that speaker's quote."""
        extra: list[ExtractedClaim] = []
        for q in para.quotes:
            if any(c.span[0] < q.outer_end and q.outer_start < c.span[1] for c in claims):
                continue
            if not self._standalone(q, para):
                continue
            source, key = self._continued(q, para, claims)
            if source is not None and (claim := self._carried(q, source, key)) is not None:
                extra.append(claim)
        return extra

    def _carried(self, q: Quote, source: ExtractedClaim, key: str) -> ExtractedClaim | None:
        """The quotation ``q`` as a claim of ``source``'s speaker and cue, less the spaces and the commas around
        its words; its confidence is ``key``'s times the certainty of that speaker."""
        text = self.text[q.start : q.end].rstrip(" ,;:\u00a0\t")
        start = q.start + len(text) - len(text.lstrip())
        end = q.start + len(text)
        if end <= start:
            return None
        confidence = round(_BASE_CONFIDENCE[key] * self.certainty.get(source.cue_span, 1.0), 3)
        return ExtractedClaim(self.text[start:end], (start, end), source.cue, source.cue_span, "direct_quote",
                              confidence, source.speaker)  # fmt: skip

    def _claimed_back(self, para: Paragraph, claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
        """The open quotation of earlier paragraphs, once this paragraph's opening quotation is attributed; or
        this paragraph kept as dangling when it opens a quotation it never closes and names no one."""
        opening = para.quotes[0] if para.quotes and para.quotes[0].outer_start == para.start else None
        if not claims:
            if opening is not None and opening.open_ended and self._standalone(opening, para):
                self.dangling.append(opening)
            else:
                self.dangling = []
            return []
        dangling, self.dangling = self.dangling, []
        first = claims[0]
        if opening is None or first.kind != "direct_quote" or not opening.contains(*first.span):
            return []
        carried = (self._carried(q, first, "continuation_article") for q in dangling)
        return [claim for claim in carried if claim is not None]

    def _standalone(self, q: Quote, para: Paragraph) -> bool:
        """A quotation that is a whole sentence of its own, not a phrase inside narration ("a “working plan”")."""
        words = self.clean[q.start : q.end].split()
        if len(words) < _MIN_CONTINUATION_WORDS and not self._short_clause(q, para):
            return False
        before = self.clean[para.start : q.outer_start]
        cut = max(before.rfind(". "), before.rfind("? "), before.rfind("! "), before.rfind("” "), before.rfind('" '))
        rest = before[cut + 1 :] if cut >= 0 else before
        if rest.strip() and _STAGE_NOTES.fullmatch(rest) is None:
            return False
        if self.clean[q.start : q.end].rstrip().endswith((".", "?", "!")):
            return True  # the quotation ends its sentence: what follows is a new one ("“B.” The talks ended.")
        after = self.clean[q.outer_end : para.end]
        tail = after.split(". ", 1)[0]
        return not any(ch.isalnum() for ch in tail)

    def _short_clause(self, q: Quote, para: Paragraph) -> bool:
        """ "“It cannot.”", "“Nobody came.”": a quotation too short to tell from a quoted phrase by length
        is still a sentence of its own when it opens with a capital, closes on its own full stop inside the marks,
        and holds a verb with its subject: a clause, not a label or a set phrase ("“Thank you.”")."""
        inside = self.clean[q.start : q.end].strip()
        if not inside[:1].isupper() or not inside.endswith((".", "?", "!")):
            return False
        span = para.doc.char_span(q.start - para.start, q.end - para.start, alignment_mode="expand")
        if span is None:
            return False
        return any(
            t.pos_ in {"VERB", "AUX"}
            and any(c.dep_ in {"nsubj", "nsubjpass", "expl"} and c in span for c in t.children)
            for t in span
        )

    def _continued(
        self, q: Quote, para: Paragraph, claims: Sequence[ExtractedClaim]
    ) -> tuple[ExtractedClaim | None, str]:
        quoted = [c for c in claims if _is_quote_claim(c)]
        before = [c for c in quoted if c.span[1] <= q.outer_start]
        if before:
            return before[-1], "continuation_paragraph"
        after = [c for c in quoted if c.span[0] >= q.outer_end]
        if after:
            return after[0], "continuation_paragraph"
        # "The coach added that he would not criticise the referee. “Juan is a good referee.”": a quotation that
        # follows a reported statement in its paragraph goes on in that speaker's own words (not in those of
        # someone the statement reports: "X said Y had told him ...").
        reported = [
            c
            for c in claims
            if c.span[1] <= q.outer_start
            and not any(o is not c and o.span[0] <= c.span[0] and c.span[1] <= o.span[1] for o in claims)
        ]
        if reported:
            return reported[-1], "continuation_paragraph"
        opens_paragraph = q.outer_start == para.start or q.headless
        if opens_paragraph and self.chain is not None:
            return self.chain, "continuation_article"
        if opens_paragraph and (named := self._named_next(q, claims)) is not None:
            return named, "continuation_paragraph"
        return None, ""

    def _named_next(self, q: Quote, claims: Sequence[ExtractedClaim]) -> ExtractedClaim | None:
        """ "“We accept the punishment.” Rovers manager Kevin Pryce said the club would not appeal.": a quotation
        that opens a paragraph, continues no one, and is followed at once by a sentence in which a named speaker
        says something is that speaker's: news writing names a quotation's speaker next to it."""
        after = [c for c in claims if c.span[0] >= q.outer_end and c.speaker.mention_span is not None]
        if not after:
            return None
        first = after[0]
        speaker = first.speaker
        if not speaker.named or speaker.mention.lower() in _GENDERED or speaker.mention.lower() in {"it", "they"}:
            return None
        mention_span, cue_span = speaker.mention_span, first.cue_span
        if mention_span is None:
            return None
        start = mention_span[0] if cue_span is None else min(mention_span[0], cue_span[0])
        between = self.clean[q.outer_end : start]
        return None if _SENTENCE_END.search(between) or between.strip(" ,") else first

    def _is_name(self, tokens: list[Token], *, transcript: bool) -> bool:
        """Whether words before a colon or after a signature dash name a speaker: a person or organisation by the
        article's labels, or a transcript speaker ("PENCE:") that opens several paragraphs; never a place."""
        doc = tokens[0].doc
        lo, hi = tokens[0].i, tokens[-1].i + 1
        labels = {self.labels.get(normalize_speaker_name(e.text).lower(), e.label_)
                  for e in entities_overlapping(doc, lo, hi)}  # fmt: skip
        if labels & _PLACE_OR_TIME:
            return False
        if labels & _PERSON_OR_ORG:
            return True
        written = doc[lo:hi].text
        words = normalize_speaker_name(written).lower().split()
        known = bool(words) and (self.labels.get(" ".join(words)) in _PERSON_OR_ORG
                                 or self.labels.get(words[-1]) in _PERSON_OR_ORG)  # fmt: skip
        # "Minister:" opening several paragraphs: a transcript's speaker named by office, also in title case
        by_role = all(w in ROLE_WORDS for w in written.lower().split())
        # "AO:" in an interview with Amara Osei: her initials, too short to pass for a transcript's "PENCE:"
        initials = self.history.initialled(written) is not None
        return known or ((transcript or by_role or initials) and written in self.transcript_names)


_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})


def _titled_capitals(item: Found, offset: int) -> Mention | None:
    """ "CHIEF CONSTABLE GREAVES:", "DR PATEL:": a transcript's label in capitals, titles then one surname, which the
    tagger cannot read (it took "GREAVES" for a verb): the person of that surname, with those titles."""
    written = [t.text for t in item.speaker_tokens]
    if len(written) < 2 or not all(w.isupper() for w in written):
        return None
    titles, rest = split_leading_titles(written)
    if not titles or len(rest) != 1 or not rest[0].isalpha():
        return None
    first, last = item.speaker_tokens[0], item.speaker_tokens[-1]
    start, end = first.idx + offset, last.idx + len(last) + offset
    name = rest[0].title()
    bare = [t.rstrip(".").lower() for t in titles]
    genders = {GENDERED_HONORIFICS[w] for w in bare if w in GENDERED_HONORIFICS}
    role = " ".join(w for w in bare if w not in HONORIFICS) or None  # "chief constable", not "dr"
    return Mention(" ".join(written), start, end, name, role, "person", name.lower(), named=True,
                   gender=genders.pop() if len(genders) == 1 else None, titles=title_words(titles))  # fmt: skip


def _overlaps(f: Found, other: Found) -> bool:
    return f.content[0] < other.content[1] and other.content[0] < f.content[1]


def _first_person(f: Found) -> bool:
    """A finding whose speaker is "I" or "we" ("Let me start by saying that ...": "me"): the words of whoever
    speaks them."""
    return f.speaker is not None and f.speaker.lower_ in _FIRST_PERSON_SPEAKERS and not f.speaker_tokens[1:]


_FIRST_PERSON_SPEAKERS = frozenset({"i", "we", "me", "us"})


_INTERVIEWING = frozenset({"speak", "talk", "interview", "meet", "sit"})
_INTERVIEWERS = frozenset({"we", "i"})


def _headline_line(para: Paragraph) -> bool:
    """The headline, or a standfirst under it: the first paragraph, or the second without a closing full stop."""
    return para.index == 0 or (para.index == 1 and not para.doc.text.rstrip().endswith(_SENTENCE_CLOSE))


_SENTENCE_CLOSE = (".", "?", "!", '"', "”", "’", "'", ":")


def _interviewed(sent: Span) -> Token | None:
    """Whom a sentence says the paper interviewed: the object of "we spoke to / talked with / sat down with / met /
    interviewed", or the subject of "spoke to us" or "spoke to" a publication; None when it says no such thing."""
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _INTERVIEWING:
            continue
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        objects = [c for c in verb.children if c.dep_ == "dobj"] + [
            g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"to", "with"}
            for g in c.children if g.dep_ == "pobj"
        ]  # fmt: skip
        if subject is None or not objects:
            continue
        if subject.lower_ in _INTERVIEWERS and objects[0].lower_ not in {"us", "me"}:
            return objects[0]
        if subject.lower_ not in _INTERVIEWERS and (objects[0].lower_ in {"us", "me"} or objects[0].ent_type_ == "ORG"):
            return subject
    return None


def _with_nation_word(ent: Span) -> Span:
    """ "represented by the British Airline Pilots' Association": a capitalised nation's word the recogniser left
    out of a body's name, written between "the" and the name and parsed as a word of it, is the name's first word,
    as it is where the body speaks ("The British Airline Pilots' Association said"). Not "the British carmaker
    Jaguar", where the word describes the body."""
    doc = ent.doc
    if ent.start < 2:
        return ent
    nation, det = doc[ent.start - 1], doc[ent.start - 2]
    if nation.ent_type_ != "NORP" or nation.pos_ != "PROPN" or nation.dep_ != "compound":
        return ent
    if not ent.start <= nation.head.i < ent.end or det.lower_ != "the" or not ent.start <= det.head.i < ent.end:
        return ent
    return doc[ent.start - 1 : ent.end]


def _owned_brand(ent: Span) -> bool:
    """ "in 300 of its smaller Express stores", "at its Malmesbury research campus": a name that only tells which of
    a body's own things is meant (a word before a common noun that "its" or "their" owns) is no body a later "the
    supermarket" or "it" could mean; the owner is."""
    noun = ent.root.head
    return (
        ent.root.dep_ == "compound"
        and noun.pos_ == "NOUN"
        and any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in noun.children)
    )


def _the_statement(mention: Mention) -> bool:
    """ "the statement said", "the statement added": a statement named as the speaker, no pronoun, no name."""
    return mention.head in _STATEMENTS and not mention.named and mention.text.lower().split(" ")[0] == "the"


def _in_a_statement(item: Found, para: Paragraph) -> bool:
    """Whether the cue's verb speaks through a statement ("said in a statement", "In a statement read by her
    lawyer, X said"), also where the parser hung the opening "In a statement" on the participle after it."""
    verb = token_starting_at(para.doc, item.cue_span[0] - para.start)
    if verb is None:
        return False
    fronted = [c for c in verb.children if c.dep_ == "advcl" and c.i < verb.i]
    return any(
        (medium := medium_of(prep)) is not None and medium.lemma_.lower() in _STATEMENTS
        for head in (verb, *fronted)
        for prep in head.children
    )


def _written_word(tok: Token) -> str:
    """The word ``tok`` ends as written, lower-cased, taking in the pieces the tokenizer split at hyphens
    ("Fenton-Burns" for "Burns")."""
    return tok.doc[hyphen_start(tok) : tok.i + 1].text.lower()


def _reported(claim: ExtractedClaim, claims: Sequence[ExtractedClaim]) -> bool:
    """A speaker whose mention lies inside another claim ("Ana said the minister had told him that ..."): one the
    narration did not introduce."""
    at = claim.speaker.mention_span
    return at is not None and any(c.span[0] <= at[0] < c.span[1] for c in claims if c is not claim)


def _unnamed_description(speaker: ExtractedSpeaker) -> bool:
    """A speaker the article gave only by a description, which nothing resolved ("the chief executive of Acme"). Not
    findings ("according to figures published on Thursday", "a survey found"): news gives their maker in the same
    phrase ("figures from the ONS"), and the next new name is someone else who spoke."""
    return (
        not speaker.named
        and not speaker.resolved
        and speaker.mention_span is not None
        and not any(w.lower() in _PRONOUNS for w in speaker.mention.split()[:1])
        and not _findings(speaker.name)
    )


def _one_described(mention: str) -> bool:
    """A description of one speaker: "the", "a" or "an" and a noun not written as a plural ("The museum's
    director", "a coroner"; not "Environmental groups", "the campaigners")."""
    words = mention.split()
    last = words[-1].lower() if words else ""
    plural = last.endswith("s") and not last.endswith(("ss", "us", "is"))
    return len(words) > 1 and words[0].lower() in {"the", "a", "an"} and not plural


def _findings(name: str) -> bool:
    words = name.lower().split()
    last = words[-1] if words else ""
    return last in _FINDINGS or (last.endswith("s") and last[:-1] in _FINDINGS)


# Nouns for findings, the documents of ``cues.DOCUMENTS`` that are no medium someone speaks through.
_FINDINGS = DOCUMENTS - MEDIA


_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
_AFTER_THAT = re.compile(r"\bthat\s*[“\"'‘«]?\s*$", re.IGNORECASE)


def _object_of_their_own_verb(pronoun: Token, span: tuple[int, int]) -> bool:
    """ "Kiara Dawes has sued her former manager, accusing him of ...": an object pronoun of a verb whose subject
    is the person named at ``span`` (doc offsets), or of a participle or infinitive that shares that subject, is
    someone else (the person would be "herself"), so it tells nothing of their gender."""
    if pronoun.dep_ not in {"dobj", "dative", "pobj"} or pronoun.lower_ not in {"him", "her"}:
        return False
    if pronoun.dep_ == "dobj" and pronoun.lower_ == "her" and pronoun.head.pos_ == "NOUN":
        return False
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    while not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children) and verb.dep_ in {"advcl", "xcomp", "conj"}:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return subject is not None and span[0] <= subject.idx < span[1]


def _own_words(narrated: tuple[int, Mention, bool], speaker: Token) -> bool:
    """Whether a narrated mention is the speaker's own words, noted as the speaker already. The organisation a
    speaker is described as speaking for ("A spokesperson for the Ministry of Finance") or working for ("Veltrix
    chief executive Ona Marsh") is not: a later "the ministry added", "according to the company" means it."""
    at, mention, _ = narrated
    if not speaker.left_edge.idx <= at <= speaker.right_edge.idx:
        return False
    if mention.kind == "person" and _possessor(speaker, at):
        return False  # "Alcaraz-Ruiz's coach, Elena Vidal, said": he is named too, for a later "he said"
    if mention.kind == "person" and speaks_as_pair(speaker):
        return False  # "The minister, X, and her counterpart, Y, said": each is named, for a later "X said"
    if not (mention.kind == "organisation" and mention.named):
        return True
    return not (_speaks_for(speaker, at) or _employer(speaker, mention, at))


# People who speak for the body they are of ("officials at the agency"), where "an analyst at Nordea" does not.
_VOICES = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "official", "representative"})
# Who lead a body, or speak for it, in their description ("chief executive of Veltrix", "Veltrix spokeswoman").
_LEADS = _VOICES | frozenset(
    {"executive", "ceo", "cfo", "coo", "cto", "chairman", "chairwoman", "chair", "president", "founder", "boss",
     "director"}
)  # fmt: skip


def _possessor(speaker: Token, at: int) -> bool:
    """Whether the name at ``at`` (doc offset) is the possessor of the speaker's noun ("Alcaraz-Ruiz's coach"):
    someone else than the speaker."""
    tok = next((t for t in speaker.subtree if t.idx == at), None)
    while tok is not None and tok.head.i not in {tok.i, speaker.i}:
        tok = tok.head
    return tok is not None and tok.head.i == speaker.i and tok.dep_ == "poss" and speaker.pos_ == "NOUN"


def _speaks_for(speaker: Token, at: int) -> bool:
    """Whether the organisation named at ``at`` (doc offset) hangs on the speaker's noun through "for" ("a
    spokesperson for the Ministry of Finance", "a lawyer for Acme"), or through any preposition after a noun of
    those who speak for a body ("officials at Homeland Security Investigations")."""
    tok = next((t for t in speaker.subtree if t.idx == at), None)
    while tok is not None and tok.head.i not in {tok.i, speaker.i}:
        tok = tok.head  # up to the word that hangs on the speaker's noun
    if tok is None or tok.head.i != speaker.i or tok.dep_ != "prep" or tok.i < speaker.i:
        return False
    return tok.lower_ == "for" or speaker.lemma_.lower() in _VOICES


def _employer(speaker: Token, mention: Mention, at: int) -> bool:
    """Whether the organisation named at ``at`` (doc offset) is the one the speaker leads or speaks for, given in
    their description ("Veltrix chief executive Ona Marsh", "Ona Marsh, chief executive of Veltrix,"): a body's
    name beside the speaker's that a leader's or a spokesperson's noun describes (not "an analyst at Nordea")."""
    if at <= speaker.idx < at + mention.end - mention.start:
        return False  # the speaker's own name
    return any(t.lower_ in _LEADS and t.pos_ in {"NOUN", "PROPN", "ADJ"} for t in speaker.subtree)


def _construction(item: Found, clean: str) -> str:
    """The confidence key of a found attribution: verbs split by direct, mixed and plain indirect speech."""
    if item.construction != "verb":
        return item.construction
    if item.direct:
        return "verb_direct"
    a, b = item.content
    return "verb_mixed" if any(ch in _QUOTE_MARKS for ch in clean[a:b]) else "verb"


def _speaker_certainty(mention: Mention, speaker: ExtractedSpeaker) -> float:
    if mention.pronoun:
        return _RESOLVED if speaker.resolved else _UNRESOLVED_PRONOUN
    if speaker.resolved:
        return _RESOLVED
    return 1.0 if mention.named else _UNNAMED


def _is_quote_claim(claim: ExtractedClaim) -> bool:
    return claim.kind == "direct_quote" or any(ch in _QUOTE_MARKS for ch in claim.text)


def _label_votes(docs: Iterable[Doc]) -> dict[str, str]:
    """Majority entity label per name across the article, surnames included ("Trump" -> PERSON)."""
    pages = list(docs)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    surnames: set[str] = set()
    bodies, described = _told_apart_by_pronoun(pages)  # "A rival, Zentra, said it ...": a body; "... said he": no body
    # ``bodies``: a person's name by the recogniser, a body's by the words around it
    person_before = False  # a person named in an earlier paragraph, whom a "he" or "she" may mean
    for doc in pages:
        surnames.update(_after_courtesy_titles(doc))
        if not person_before:
            surnames.update(_called_he_next(doc))
        bodies.update(_called_it_next(doc))
        people_here = False
        for ent in entities(doc):
            name = normalize_speaker_name(ent.text).lower()
            if not name:
                continue
            label = _entity_label_here(ent, person_before)
            people_here = people_here or label == "PERSON"
            votes[name][label] += 1
            if label == "PERSON" and ent.label_ != "PERSON":
                described.add(name)
            elif label == "ORG" and ent.label_ == "PERSON":
                bodies.add(name)
            parts = [w for w in name.split() if w[:1].isalpha()]  # "Gaël Monfils 6-4": the score is no surname
            if label == "PERSON" and len(parts) > 1:
                surnames.add(parts[-1])
                surnames.add(_surname_with_particles(parts))  # "Anneke de Vries": a lone "De Vries" is hers
        person_before = person_before or people_here
    labels = {name: _winning_label(name, counter) for name, counter in votes.items()}
    labels.update(dict.fromkeys(bodies - surnames, "ORG"))  # "oil company Petrobras" once: a company throughout
    labels.update(dict.fromkeys(surnames, "PERSON"))  # "Donald Trump" makes every lone "Trump" a person
    # ... unless a lone "Ford" owns "its" plant: then a body shares the surname ("Ford" beside "Harrison Ford")
    labels.update(dict.fromkeys(set().union(*(_owners_of_its(doc) for doc in pages)), "ORG"))
    labels.update(dict.fromkeys(described, "PERSON"))  # described once as a person, a person throughout
    return labels


def _surname_with_particles(parts: list[str]) -> str:
    """The last word of a person's name (lower case) with the particles written before it ("de vries" of "anneke de
    vries", "van den berg"), as a surname alone is written ("De Vries said"); the last word where none is."""
    start = len(parts) - 1
    while start > 1 and parts[start - 1] in NAME_PARTICLES:
        start -= 1
    return " ".join(parts[start:])


def _owners_of_its(doc: Doc) -> set[str]:
    """ "Ford will cut 800 jobs at its Dagenham plant": a lone capitalised name, the subject of its clause, and an
    "its" later in that clause with nothing between them that "its" could mean instead (no singular noun or name,
    no other pronoun): only a body owns "its", so the name is a body's, even where a person's full name ends in the
    same word. Returns the names, lower-cased."""
    found: set[str] = set()
    for its in doc:
        if its.lower_ != "its" or its.dep_ != "poss":
            continue
        verb = its
        while verb.dep_ in _ITS_PATH_DEPS and verb.head.i != verb.i:
            verb = verb.head
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ != "PROPN" or not capitalised_word(subject):
            continue
        if any(c.dep_ in {"compound", "det", "amod", "poss", "appos"} for c in subject.children):
            continue  # "Harrison Ford", "the Ford family": more words to the name than the one
        between = doc[subject.i + 1 : its.i]
        if any(t.tag_ in {"NN", "NNP", "NNPS", "PRP", "PRP$"} for t in between):
            continue
        found.add(subject.lower_)
    return found


# How "its" hangs on the verb whose subject owns it: "at its plant" (pobj, prep), "its plant" (dobj), "jobs at its".
_ITS_PATH_DEPS = frozenset({"poss", "pobj", "prep", "dobj", "compound"})


def _winning_label(name: str, votes: Counter[str]) -> str:
    """The label most occurrences of a name earned; a tie between a person and a body goes to the person when a
    given name opens a name of two words or more ("Kirsty Bell" tagged ORG in a photo caption, PERSON where she
    speaks): the recogniser's doubt is no reason to make a named person a body."""
    ranked = votes.most_common()
    top = ranked[0][0]
    tied = {label for label, n in ranked if n == ranked[0][1]}
    words = name.split()
    body_word = words[-1] in COMPANY_WORDS or words[-1] in ORG_NOUNS  # "Morgan Motor Company", "Jordan Council"
    if tied >= {"PERSON", "ORG"} and len(words) > 1 and is_given_name(words[0]) and not body_word:
        return "PERSON"
    return top


_RELABELLED = frozenset({"ORG", "GPE", "NORP", "FAC"})


def _told_apart_by_pronoun(docs: Sequence[Doc]) -> tuple[set[str], set[str]]:
    """ "A rival, Zentra, said it would cut prices", "Her rival, Okonkwo, said he would freeze taxes": a name set in
    apposition with a noun a business is as often as a person (``FIRM_OR_PERSON_RELATIONS``) is what the subject
    pronoun of its own reported words makes it, wherever it speaks: a body's name (one word) if only "it", a
    person's if only "he" or "she"; the recogniser's label for such a lone name is a guess. Returns the bodies and
    the people."""
    beside = {
        normalize_speaker_name(ent.text).lower() for doc in docs for ent in entities(doc) if _beside_relation_noun(ent)
    }
    pronouns: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for ent in entities(doc):
            name = normalize_speaker_name(ent.text).lower()
            if name in beside and (pronoun := _own_words_pronoun(ent.root)) is not None:
                pronouns[name].add(pronoun)
    bodies = {name for name, said in pronouns.items() if said == {"it"} and " " not in name}
    people = {name for name, said in pronouns.items() if said and "it" not in said}
    return bodies, people


def _beside_relation_noun(ent: Span) -> bool:
    """ "A rival, Zentra,", "Its main supplier, Quorsa,", "Zentra, a rival,": the name set off by commas right
    after such a noun, or with an apposition headed by one."""
    doc = ent.doc
    if ent.start >= 2 and ent.end < len(doc) and doc[ent.start - 1].text == "," and doc[ent.end].text == ",":
        noun = doc[ent.start - 2]
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in FIRM_OR_PERSON_RELATIONS:
            return True
    return any(
        c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in FIRM_OR_PERSON_RELATIONS for c in ent.root.rights
    )


def _own_words_pronoun(name: Token) -> str | None:
    """ "Zentra said it would ...": "it", "he" or "she" as the subject of what the name (or the noun it is set
    beside) is said to say, or of a verb of saying within it ("..., which it said was good"); a copular "it" ("said
    it was unfair") may mean anything, and gives none."""
    subject = name.head if name.dep_ == "appos" else name
    verb = subject.head
    if subject.dep_ != "nsubj" or not is_speech_verb(verb):
        return None
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    clauses += [c for clause in clauses for c in clause.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}]
    clauses += [t for clause in clauses for t in clause.subtree if t.i > clause.i and is_speech_verb(t)]
    for pronoun in sorted((c for clause in clauses for c in clause.children), key=lambda t: t.i):
        word = pronoun.lower_
        if pronoun.dep_ not in {"nsubj", "nsubjpass"} or word not in {"it", "he", "she"}:
            continue
        if word == "it" and pronoun.head.lemma_ == "be":
            continue
        return word
    return None


def _after_courtesy_titles(doc: Doc) -> set[str]:
    """The surnames written after "Mr", "Mrs", "Ms" or "Miss" ("Mr Justice Pryce" gives "pryce"): a body is never
    so called, so each is a person's all through the article, said alone too ("Tarvell said")."""
    found = set()
    for tok in doc[:-1]:
        if bare_word(tok) not in GENDERED_HONORIFICS or not tok.text[:1].isupper():
            continue
        run = list(itertools.takewhile(capitalised_word, doc[tok.i + 1 : tok.i + 5]))
        if run:
            found.add(run[-1].lower_)
    return found


def _called_he_next(doc: Doc) -> set[str]:
    """ "Tarvell said the ruling was unfair. He said the family would appeal.": a lone capitalised word the
    recogniser left untagged, the subject of one sentence, whose next sentence opens on "He" or "She" with no person
    named before it: that "he" can only be the name, which is a person's. The caller passes only paragraphs before
    which the article named no person (who could be the "he")."""
    found = set()
    sents = list(doc.sents)
    for sent, after in itertools.pairwise(sents):
        if any(e.label_ == "PERSON" for e in entities(doc) if e.start < after.start):
            break
        if after[0].lower_ not in {"he", "she"} or after[0].dep_ != "nsubj":
            continue
        lone = [t for t in sent if t.dep_ == "nsubj" and _lone_untagged(t)]
        if len(lone) == 1 and len([t for t in sent if t.pos_ == "PROPN" and not t.ent_type_]) <= 1:
            found.add(lone[0].lower_)
    return found


def _called_it_next(doc: Doc) -> set[str]:
    """ "Monzo said it had returned to profit. It said ...": a lone name, the subject of one sentence, whose next
    sentence opens on "It" saying something (``_speaks_a_clause``), with nothing else in the paragraph so far for
    that "it" to mean (``_something_else_it_means``): no person is "it", so the name is a body's, whatever the
    recogniser made of it (a person's, or nothing)."""
    found = set()
    for sent, after in itertools.pairwise(doc.sents):
        it = after[0]
        if it.text != "It" or it.dep_ != "nsubj" or not _speaks_a_clause(it.head):
            continue
        lone = [
            t
            for t in sent
            if t.dep_ == "nsubj"
            and (_lone_untagged(t) or _lone_person_tagged(t) or opening_common_noun(t))
            and not person_noun(t)
        ]
        if len(lone) == 1 and not _something_else_it_means(doc[: after.start], lone[0]):
            found.add(lone[0].lower_)
    return found


# Verbs of saying only a speaker does: "it suggested that", "it found that" may mean a plan or a study.
_SAYING = frozenset({"say", "tell", "add", "announce", "confirm"})


def _speaks_a_clause(verb: Token) -> bool:
    """ "It said the number had doubled": a verb of saying with a clause of what was said ("It added to the
    pressure" says nothing)."""
    return is_speech_verb(verb) and verb.lemma_.lower() in _SAYING and any(c.dep_ == "ccomp" for c in verb.children)


def _lone_person_tagged(tok: Token) -> bool:
    """One capitalised word the recogniser alone calls a person ("Monzo"): no given name, no courtesy title or other
    words of a name around it."""
    if tok.ent_type_ != "PERSON" or tok.ent_iob_ != "B" or not capitalised_word(tok) or is_given_name(tok.text):
        return False
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_iob_ == "I":
        return False
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    if before is not None and bare_word(before) in HONORIFICS | OFFICE_TITLES:
        return False
    return not any(c.dep_ in {"compound", "det", "amod", "poss", "appos"} for c in tok.children)


# Entity labels of what no "it" that speaks can mean: numbers, dates and amounts.
_NO_SPEAKER_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"})


def _something_else_it_means(before: Span, name: Token) -> bool:
    """Whether the paragraph before the "it" holds another name, or a body's or a document's noun ("the report"),
    that a speaking "it" may mean instead of ``name``."""
    if any(
        e.label_ not in _NO_SPEAKER_LABELS and not (e.start == name.i and len(e) == 1) for e in entities_within(before)
    ):
        return True
    nouns = ORG_NOUNS | COMPANY_KINDS | DOCUMENTS
    return any(t.pos_ in {"NOUN", "PROPN"} and t.i != name.i and t.lemma_.lower() in nouns for t in before)


def _lone_untagged(tok: Token) -> bool:
    """One capitalised word with no entity label and no words of its name around it ("Tarvell"), a proper noun or,
    opening its sentence, a noun the tagger could not place."""
    if not capitalised_word(tok) or tok.ent_type_ or is_given_name(tok.text):
        return False
    if any(c.dep_ in {"compound", "det", "amod", "poss"} for c in tok.children) or tok.dep_ == "compound":
        return False
    return tok.pos_ == "PROPN" or (tok.pos_ == "NOUN" and tok.i == tok.sent.start and tok.tag_ == "NN")


def _entity_label_here(ent: Span, person_before: bool) -> str:
    """The label one occurrence of a name earns: the recogniser's, unless a person's or place's name is
    company-shaped ("Halvorsen Shipping", "state-owned Codelco") or the words around an organisation's or place's name describe a person ("Dwi Ayu
    Lestari, an epidemiologist", "Sutrisno, 52,"), or, before the article names any person (``person_before``),
    its reported words call it "she" ("Oyelaran said she had been injured")."""
    if ent.label_ == "PERSON":
        return "ORG" if company_shaped(ent) else "PERSON"
    if ent.label_ in _RELABELLED and not company_shaped(ent) and _said_of_as_person(ent, person_before):
        return "PERSON"
    if ent.label_ == "ORG" and not company_shaped(ent) and _given_name_then_he_or_she(ent):
        return "PERSON"
    if ent.label_ in _RELABELLED | {"WORK_OF_ART"} and company_shaped(ent):
        # "state-owned Codelco", "miner Codelco": no place is owned or a kind of company; "the Italian daily
        # Corriere della Sera": a paper named after the kind of body it is, not a title of a work
        return "ORG"
    return ent.label_


def _given_name_then_he_or_she(ent: Span) -> bool:
    """ "Imogen Castell runs the Greyfriars Theatre in Norwich. She spoke to us ...": a name of two or three words
    opening with a known given name, the subject of its sentence, whose next sentence opens on "He" or "She", is a
    person's, though the recogniser (beside a theatre's or a firm's name) took it for a body's."""
    words = [t for t in ent if not t.is_space and not name_particle(t)]  # "Anneke de Vries": "de" is no word
    if not 2 <= len(words) <= 3 or not is_given_name(words[0].text) or not all(t.text.istitle() for t in words):
        return False
    if ent.root.dep_ != "nsubj" or words[-1].lower_ in ORG_NOUNS | COMPANY_WORDS:
        return False
    following = ent.sent.end
    if following >= len(ent.doc):
        return False
    if ent.doc[following].lower_ in {"he", "she"} and ent.doc[following].dep_ in {"nsubj", "nsubjpass"}:
        return True
    return _says_next_as_he_or_she(ent.doc[following].sent)


def _says_next_as_he_or_she(sent: Span) -> bool:
    """ "Anneke de Vries said demand had slowed. "This is a pause," she said.": the next sentence's words given to
    a "he" or "she" with no name before it in that sentence; a body is "it", so the name before is a person's."""
    for tok in sent:
        if tok.ent_type_ == "PERSON":
            return False
        if tok.lower_ in {"he", "she"} and tok.dep_ == "nsubj" and is_speech_verb(tok.head):
            return True
    return False


def _said_of_as_person(ent: Span, person_before: bool) -> bool:
    return described_as_person(ent) or (not person_before and reports_on_self(ent))


def _dedupe(claims: Iterable[ExtractedClaim], text: str) -> list[ExtractedClaim]:
    """One claim per span (the most confident), all spans valid, in reading order."""
    best: dict[tuple[int, int], ExtractedClaim] = {}
    for claim in claims:
        a, b = claim.span
        if not (0 <= a < b <= len(text)) or text[a:b] != claim.text:
            continue
        if claim.span not in best or claim.confidence > best[claim.span].confidence:
            best[claim.span] = claim
    return [best[span] for span in sorted(best)]


_STAKES = frozenset({"share", "stock"})


# Participles that give a body's name after the noun for its kind ("a group called X", "a firm named X").
_NAMING_PARTICIPLES = frozenset({"call", "name", "dub"})


def _body_called(name_root: Token) -> Token | None:
    """ "A criminal group calling itself Black Lantern", "a charity called Hope Rising": the noun for a kind of body
    that the name is given to, which a later "the group" means; None elsewhere."""
    naming = name_root.head
    if name_root.dep_ not in {"oprd", "dobj", "attr"} or naming.lemma_.lower() not in _NAMING_PARTICIPLES:
        return None
    noun = naming.head
    if naming.dep_ != "acl" or noun.pos_ != "NOUN" or noun.i > naming.i:
        return None
    return noun if noun.lemma_.lower() in ORG_NOUNS | BODY_KIND_NOUNS | COMPANY_KINDS else None


def _subject(tok: Token) -> bool:
    """The subject of its clause, or a name in apposition to it ("the harbour master, Tadhg Mac Giolla Bhríde, was
    more hopeful"): the person a "he" in the next sentence most likely means."""
    if tok.dep_ == "appos" and tok.head.i < tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ in {"in", "of"} and tok.head.head.lemma_.lower() in _STAKES:
        tok = tok.head.head  # "Shares in (of) Halden Foods fell": the company whose shares moved is the story's subject
    return tok.dep_ in {"nsubj", "nsubjpass"} or _verbless_root(tok)


_FINITE = frozenset({"VBD", "VBZ", "VBP"})


def _verbless_root(tok: Token) -> bool:
    """ "Kessler's attorney, Jonathan Pruitt, asked for ...": the parser made the noun the sentence's root and hung
    the verb on it as a reduced relative ("acl"); a finite verb (a past or present tense, not a participle) after
    it is the sentence's own verb, so the noun is its subject."""
    return (
        tok.dep_ == "ROOT"
        and tok.pos_ in {"NOUN", "PROPN"}
        and any(c.dep_ == "acl" and c.tag_ in _FINITE and c.i > tok.i for c in tok.children)
    )


def _org_noun(tok: Token) -> bool:
    """ "The company", "Ethiopia's foreign ministry": an organisation's noun, also one the tagger took for a proper
    noun though written in lower case."""
    return (tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.is_lower)) and tok.lemma_.lower() in ORG_NOUNS


def _someone(tok: Token) -> bool:
    """ "A nurse who has worked there for 20 years met me": a person introduced by an indefinite description, whom
    a later "she told me" means though the article never names her."""
    first = tok.doc[tok.left_edge.i]
    return tok.tag_ == "NN" and first.lower_ in {"a", "an"} and person_noun(tok)


def _the_person_noun(tok: Token) -> bool:
    """ "The judge rejected that argument": a person's noun after "the" as a subject, which means a person the
    article named with that office; the history notes it as that person, or not at all."""
    if tok.tag_ != "NN" or tok.doc[tok.left_edge.i].lower_ != "the":
        return False
    return person_noun(tok) or tok.lemma_.lower() in PERSON_KIND_NOUNS


def _gendered_by_reflexive(mention: Mention, last: Token) -> Mention:
    """ "Linden herself was modest": a reflexive right after a person's name says that person's gender, which picks
    the one meant among people of one surname ("Margaret Linden", "her son, Thomas Linden") as an honorific would."""
    doc = last.doc
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if mention.kind != "person" or mention.gender is not None or after is None:
        return mention
    if after.lower_ not in {"herself", "himself"}:
        return mention
    return replace(mention, gender=_GENDERED[after.lower_])


def _titles_before(ent: Span, sent: Span) -> list[Token]:
    """The honorific or the office written before a name in narration ("Mrs.", "Senator", "Health Minister"), so
    a later "she" knows the gender and a later "the senator" or "the minister" knows whom it means."""
    doc = ent.doc
    i = ent.start
    while i > sent.start:
        before = doc[i - 1]
        word = before.text.rstrip(".").lower()
        if word in GENDERED_HONORIFICS or word in OFFICE_TITLES:
            i -= 1
            continue
        # "Health" in "Health Minister": a compound that modifies the title already taken
        if i < ent.start and before.dep_ == "compound" and before.head.i == i and before.text[:1].isupper():
            i -= 1
            continue
        break
    return list(doc[i : ent.start])


def _noun_before(name: Span) -> str | None:
    """ "Pop singer Kiara Dawes has sued ...", "defeating businessman Grant Whitfield": the common noun written
    right before a person's name, with its modifiers, is what they are, for a later "the singer said"; so past a style
    ("The former BBC presenter Sir Mark Elton has been appointed", which the parser may read as two subjects)."""
    doc = name.doc
    i = name.start
    while i > 0 and doc[i - 1].text[:1].isupper() and bare_word(doc[i - 1]) in HONORIFICS:
        i -= 1
    styled_from = i
    if i == 0 or not (noun := doc[i - 1]).is_lower or noun.pos_ != "NOUN":
        return None
    side_by_side = noun.dep_ == name.root.dep_ in {"nsubj", "nsubjpass"} and noun.head.i == name.root.head.i
    if any(t.dep_ == "appos" and t.head.i == noun.i for t in name) or side_by_side:
        i -= 1  # "against the Chelsea captain Femke Berg": the parser hangs the name on the noun, with no comma
    elif noun.dep_ != "compound" or not name.start <= noun.head.i < name.end:
        return None
    while (
        i > 0
        and doc[i - 1].dep_ in {"compound", "amod"}
        and doc[i - 1].head.i in range(i, name.end)
        and (doc[i - 1].pos_ in {"NOUN", "ADJ"} or doc[i - 1].text.istitle())
    ):
        i -= 1
    return doc[i:styled_from].text


def _proper_name_runs(sent: Span, para: Paragraph) -> list[str]:
    """Two- or three-word runs of capitalised proper nouns in the narration ("beat Sofia Ruiz"), also those the
    recogniser did not tag: a later bare "Ruiz" takes the full name."""
    runs = []
    for tok in sent:
        if tok.pos_ != "PROPN" or tok.dep_ == "compound" or inside_quote(para.quotes, tok.idx + para.start):
            continue
        if _name_goes_on_past_of(tok):
            continue
        run = [tok]
        while run[0].i > sent.start and (left := run[0].doc[run[0].i - 1]).dep_ == "compound" and left.head == tok:
            run.insert(0, left)
        if nationality_before_name(run):
            run = run[1:]  # "the American Zoe Whitfield": her nationality is no part of her name
        if 2 <= len(run) <= 3 and all(t.pos_ == "PROPN" and t.text.isalpha() and t.text.istitle() for t in run):
            words = " ".join(t.text for t in run)
            runs.append(normalize_speaker_name(_hyphened_before(run[0]) + words))  # "Minister Priya Raghunathan"
            if len(run) == 2 and (first := _given_name_coordinated(run[0])) is not None:
                runs.append(normalize_speaker_name(f"{first} {run[-1].text}"))
    return runs


def _name_goes_on_past_of(last: Token) -> bool:
    """ "the Fourth District Court of Appeal": the recogniser's name goes on past "of", so the run that ends at
    "Court" is only the start of the name, which a later "the court" must not take for the whole."""
    doc = last.doc
    return (
        last.i + 2 < len(doc)
        and bool(last.ent_type_)
        and doc[last.i + 1].lower_ == "of"
        and doc[last.i + 1].ent_iob_ == "I"
        and doc[last.i + 2].ent_iob_ == "I"
    )


def _hyphened_before(first: Token) -> str:
    """ "Dyfed-" before "Powys Police", "Jean-" before "Pierre Dupont": the capitalised word and hyphen, written
    without spaces, that the tokenizer split off a name's first word ("" when there is none)."""
    if hyphen_start(first) == first.i:
        return ""
    word = first.doc[first.i - 2]
    return f"{word.text}-" if word.is_alpha and word.text.istitle() else ""


def _given_name_coordinated(given: Token) -> str | None:
    """ "Peter and Margaret Holloway": a given name joined by "and" to the given name of a full name shares its
    surname (a couple, siblings); the first given name, else None."""
    doc, i = given.doc, given.i
    if i < 2 or doc[i - 1].lower_ not in {"and", "&"}:
        return None
    first = doc[i - 2]
    if not (first.text.istitle() and first.is_alpha and is_given_name(first.text) and is_given_name(given.text)):
        return None
    return first.text if i < 3 or doc[i - 3].pos_ != "PROPN" else None  # not "Ann Lee and Margaret Holloway"
