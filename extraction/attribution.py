"""Finding attributions in one parsed paragraph: a cue, the token heading its speaker, and the content span.

Four constructions are read: a speech verb with a subject ("X said ...", "“...,” it added"), "according to X",
a name and a colon opening a paragraph (transcripts, headlines: "PENCE: ..."), and a quotation signed with a dash
("“...” ― Name"). Offsets here are already article offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from extraction.content import (
    apposed_speaker,
    apposed_speaker_words,
    clause_bounds,
    colon_at_end,
    comparison_after,
    fronted_clause,
    inside_quote,
    misread_as_modifier,
    object_of_its_own,
    postposed_participle,
    previous_quote,
    side_region,
    snap,
    starts_sentence,
    subject_that,
    trim,
    verb_region,
)
from extraction.cues import (
    AS_PHRASED,
    CAUSAL_WITH_QUESTION,
    CLAUSE_ONLY,
    DENIAL_VERBS,
    DOCUMENTS,
    EXTRAPOSING_ADJECTIVES,
    FINDINGS_MAKERS,
    QUOTING_AS,
    THAT_ONLY,
    according_to,
    cue_tokens,
    denied_clause,
    eager_adjective,
    in_view_of,
    is_speech_verb,
    negated_cue,
    passive,
    reported_conjunct,
    reported_participle,
    shows_findings,
    stance_adjective,
    that_clause,
)
from extraction.data_files import read_data_file
from extraction.doc_text import doc_slice, tokens_from
from extraction.given_names import is_given_name
from extraction.names import OFFICE_TITLES
from extraction.quotes import QUOTE_MARKS, Quote
from extraction.regions import is_region
from extraction.speaker_nouns import ORG_NOUNS, PERSON_KIND_NOUNS, PERSON_NOUNS, ROLE_WORDS, person_noun
from extraction.speaker_roles import aside_comma, aside_not_speaker

_INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp", "acl", "pcomp"})
_SUBJECT_DEPS = frozenset({"nsubj"})
_MIN_CONTENT_LETTERS = 6
# The most speech verbs of one sentence read as cues. Each is read against the whole sentence (its region, the next
# cue, what it relays), so a "sentence" of thousands of them ("he said he said ...", 20,000 characters: minutes)
# costs the square of its length; a news sentence has a handful.
_MAX_CUES_PER_SENTENCE = 12

_COLON_HEAD = re.compile(r"[\"“]?((?:[A-Z][\w.’'\-]*)(?:[ \u00a0]+[A-Z][\w.’'\-]*){0,3}):[ \u00a0]+(?=\S)")
_NOT_SPEAKERS = frozenset(
    {"poll", "photo", "photos", "update", "note", "editor", "editor’s note", "abstract", "full text", "related",
     "watch", "read", "source", "sources", "correction", "transcript", "video", "image", "credit", "q", "a",
     "question", "answer", "warning", "breaking", "exclusive", "analysis", "opinion", "live", "caption",
     "reporter", "journalist", "interviewer",
     "contact", "media contact", "press contact", "media inquiries", "investor contact", "investor relations"}
)  # fmt: skip
# The dash that signs a quotation: a typeset one, or the two hyphens a typewriter, an email or wire copy writes for it
# ("“...” -- Lucy Carver, director").
# A plain hyphen signs too where it stands alone between spaces (' "..." - Alan Morrow', typed without a dash key).
_DASH_SIGNATURE = re.compile(r"[ \t\u00a0]*(--|[―—–]|(?<=[ \t\u00a0])-(?=[ \t\u00a0]))[ \t\u00a0]*(?=[A-Z])")
_SIGNATURE_NAME = re.compile(r"[A-Z][\w.’'\-]*(?:[ \u00a0]+[A-Z][\w.’'\-]*){0,4}")


@cache
def _fact_check_labels() -> frozenset[str]:
    """``data/fact_check_labels.json``: a check's section labels ("Verdict: False", "Claim: ..."), no speakers."""
    return frozenset(read_data_file("fact_check_labels.json")["labels"])


class NameCheck(Protocol):
    """Decides whether a few capitalised words name a speaker (a person or an organisation, not a place or a
    section label such as "Photo:"); the pipeline supplies it, with the article's entity labels."""

    def __call__(self, tokens: list[Token], *, transcript: bool) -> bool: ...


def token_starting_at(doc: Doc, at: int) -> Token | None:
    """The token of ``doc`` that starts at character ``at``, or None."""
    i = tokens_from(doc, at)
    return doc[i] if i < len(doc) and doc[i].idx == at else None


def last_word_within(doc: Doc, start: int, end: int) -> Token | None:
    """The last token that starts in [start, end) and is neither punctuation nor space: the word some content ends
    on. None when there is none."""
    i = tokens_from(doc, end) - 1
    while i >= 0 and doc[i].idx >= start:
        if not (doc[i].is_punct or doc[i].is_space):
            return doc[i]
        i -= 1
    return None


def _text_before(tok: Token, start: int) -> str:
    """``tok.doc.text[start : tok.idx]`` (``0 <= start``) without joining the whole paragraph's text, which costs
    its length on every call."""
    return doc_slice(tok.doc, start, tok.idx)


def _name_before_aside(before: list[Token], verb: Token) -> Token | None:
    """ "Lowe, her boots caked in mud, said": the subject nearest the verb is an aside set off by commas (rules 40);
    the speaker is the name before it, a second subject or, where the parser hung the name elsewhere ("Obi" read as
    an adjective), the capitalised words opening the sentence."""
    aside = before[-1]
    if aside_comma(aside) != verb.i - 1 or not aside_not_speaker(aside):
        return None
    if len(before) > 1:
        return before[-2]
    if aside.left_edge.i < 2:  # nothing before the aside's comma
        return None
    name = verb.doc[aside.left_edge.i - 2]
    opens = name.left_edge.i == name.sent.start and name.right_edge.i == name.i
    words = verb.doc[name.left_edge.i : name.i + 1]
    return name if opens and all(t.is_alpha and t.text.istitle() for t in words) else None


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution before its speaker is resolved: ``speaker`` heads the speaker's words in ``doc``."""

    cue: str
    cue_span: tuple[int, int]
    speaker: Token | None
    speaker_tokens: tuple[Token, ...]
    content: tuple[int, int]
    direct: bool
    construction: str  # "verb", "according_to", "colon", "dash"; "colon_ahead": content is the next paragraph
    sentence: int
    denial: bool = False  # the cue denies the content ("denied that", "rejected claims that")


def subject_of(verb: Token, quotes: Sequence[Quote], offset: int, depth: int = 0) -> Token | None:
    """The speaker token of a speech verb: its subject ("who" in "Smith, who said"), or, for "..., saying" and
    "laughed and said", the subject of the verb it hangs on; failing a parse, a name right before the verb."""
    subjects = [
        child
        for child in verb.children
        if (child.dep_ in _SUBJECT_DEPS or (depth and child.dep_ == "nsubjpass"))
        and not inside_quote(quotes, child.idx + offset)
    ]
    if subjects:
        # "Air strikes killed 27 people, officials said": the parser makes both nouns subjects of "said"; the
        # speaker is the one nearest before the verb, the other heads the reported clause.
        before = [c for c in subjects if c.i < verb.i]
        if before and (named := _name_before_aside(before, verb)) is not None:
            return named
        if len(before) == 1 and len(subjects) > 1 and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
            # "More than 40,000 homes without power, says National Grid": a fragment with no verb is taken for a
            # second subject; the one after the cue, set off from it by the comma, is the speaker
            return next(c for c in subjects if c.i > verb.i)
        return before[-1] if len(before) > 1 else subjects[0]
    if verb.tag_ in {"VBD", "VBZ", "VBP"} and (inverted := _object_after_inverted_cue(verb)) is not None:
        return inverted  # "..., wrote analysts at Bernstein, adding that ...": for "adding" too
    if depth == 0 and (agent := _agent_of_impersonal_passive(verb)) is not None:
        return agent  # "It was confirmed by the union that ...": the union confirmed it
    if depth == 0 and passive(verb) and verb.tag_ == "VBN":
        return None  # "said she ... and had been told that ...": no one here is who told her
    head = verb.head
    if verb.dep_ == "pcomp" and head.dep_ == "prep":  # "After saying ..., she was whisked off"
        if depth == 0 and (quoted := _quoted_as(head, quotes, offset)) is not None:
            return quoted
        head = head.head
    if reported_conjunct(verb) or reported_participle(verb):
        head = head.head  # "X said his side had been naive and insisted ...": X insisted, not "his side"
        if head.pos_ == "ADJ" and stance_adjective(head):
            head = head.head  # "Keyes was furious that the winner stood, insisting ...": Keyes, of "was"
    if verb.dep_ == "xcomp" and eager_adjective(head) and head.head.dep_ != "ccomp":
        # "Okafor was quick to say that ...": Okafor, of "was"; not inside words already reported ("The agency said
        # it was pleased to report that ...": the agency's claim holds them)
        head = head.head
    if depth == 0 and _verbless_sentence_subject(verb):
        return head  # "The referees' union, Prospect, posted on Facebook that ...": the union posted it
    if depth == 0 and (postposed := postposed_participle(verb) or apposed_speaker(verb)) is not None:
        return postposed  # "Prices will rise from April, the energy regulator announced on Monday."
    if depth == 0 and (clause_subject := _conjunction_read_as_preposition(verb)) is not None:
        return clause_subject
    if depth < 2 and verb.dep_ in _INHERIT_DEPS and head.i != verb.i:
        inherited = subject_of(head, quotes, offset, depth + 1)
        if inherited is not None or depth or not _joined_to_quote(verb, head, quotes, offset):
            return inherited
    if depth == 0 and verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return _adjacent_subject(verb) or _named_after_quote(verb, quotes, offset)
    return None


def _agent_of_impersonal_passive(verb: Token) -> Token | None:
    """The "by" noun of a cue in the passive whose subject is an empty "it" ("It was confirmed by the union that
    ...", "..., it was announced by the company"): who said it. A passive with a subject of its own ("She was told
    by her doctor that ...") names who heard it, so it is left alone."""
    if not passive(verb) or verb.tag_ != "VBN":
        return None
    if not any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent" and c.i > verb.i), None)
    if agent is None:
        return None
    return next((c for c in agent.children if c.dep_ == "pobj" and c.pos_ in {"NOUN", "PROPN"}), None)


def _object_after_inverted_cue(verb: Token) -> Token | None:
    """ "The price was aggressive, wrote analysts at Bernstein in a note": a cue set after the clause it reports,
    its speaker after it; finding no subject, the parser took the speaker for the verb's object. A noun right after
    the verb, its object, speaks where the verb has no subject and its reported clause ends at the comma before it
    (a verb with a subject of its own never gets here: "he wrote analysts a note")."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != ",":
        return None
    if not any(c.dep_ == "ccomp" and c.right_edge.i < verb.i for c in verb.children):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.left_edge.i != verb.i + 1 or obj.pos_ not in {"NOUN", "PROPN"}:
        return None
    return obj


# Words that join a clause and also head a prepositional phrase ("after the vote", "after the governor hinted").
_CLAUSE_OR_PHRASE_WORDS = frozenset({"after", "before", "since", "until", "till", "as", "once"})


def _conjunction_read_as_preposition(verb: Token) -> Token | None:
    """ "The FTSE 100 closed higher after the governor of the Bank of England hinted that ...": the parser took the
    conjunction for a preposition and the clause's subject for its object, leaving a finite verb with no subject of
    its own; that object, ending right before the verb, is its subject (not the main clause's)."""
    if verb.dep_ != "advcl" or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    for prep in verb.head.children:
        if prep.dep_ != "prep" or prep.lower_ not in _CLAUSE_OR_PHRASE_WORDS or not prep.i < verb.i:
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.right_edge.i == verb.i - 1 and obj.pos_ in {"NOUN", "PROPN", "PRON"}:
            return obj
    return None


def _verbless_sentence_subject(verb: Token) -> bool:
    """ "The referees' union, Prospect, posted on Facebook that officials ...": after an apposition set off by
    commas the parser may read the verb as a participle describing the noun before it, leaving the sentence with no
    verb at all (the noun its root); a participle has no "that" clause of what was said, so a speech verb with one
    is the sentence's verb and that noun its subject."""
    head = verb.head
    return (
        verb.dep_ == "acl"
        and head.dep_ == "ROOT"
        and head.pos_ in {"NOUN", "PROPN"}
        and head.i < verb.i
        and verb.doc[verb.i - 1].text == ","
        and that_clause(verb) is not None
    )


def _named_after_quote(verb: Token, quotes: Sequence[Quote], offset: int) -> Token | None:
    """ "“Carver has been undervalued,” said Rebecca Lowe, an analyst at Peel Hunt, “and a bid ...”": right after a
    closing quotation the cue comes before its speaker, and the parser may hang the speaker (an aside after it) on
    the verb of the quotation's second piece; the name or noun right after the cue, closed by a comma, speaks."""
    doc = verb.doc
    if verb.i < 2 or verb.i + 2 >= len(doc):
        return None
    closed = doc[verb.i - 2].idx + offset
    if not any(closed <= q.outer_end <= verb.idx + offset for q in quotes):
        return None
    tok = doc[verb.i + 1]
    while tok.dep_ in _NP_DEPS and verb.i < tok.head.i <= tok.i + 4:
        tok = tok.head
    if tok.pos_ not in {"PROPN", "NOUN"} or tok.dep_ not in _SUBJECT_DEPS or tok.head.i <= tok.i:
        return None
    if inside_quote(quotes, tok.idx + offset) or tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ",":
        return None
    return tok


def _extraposed(verb: Token, subject: Token) -> bool:
    """ "It's fair to say our roads are in a poor state": an infinitive or gerund of saying after "it is" and an
    adjective of ``EXTRAPOSING_ADJECTIVES`` is the sentence's real subject; its "it" is no speaker."""
    if subject.lower_ != "it" or verb.tag_ not in {"VB", "VBG"}:
        return False
    head = verb.head
    adjectives = [head] if head.pos_ == "ADJ" else [c for c in head.children if c.dep_ == "acomp"]
    return any(a.lemma_.lower() in EXTRAPOSING_ADJECTIVES for a in adjectives)


def _joined_to_quote(verb: Token, head: Token, quotes: Sequence[Quote], offset: int) -> bool:
    """ "“We were still in it, and they believed me,” the 52-year-old said": the parser may make the verb after a
    closing quotation a conjunct of the quoted verb, whose quoted subject is no speaker; the verb's own subject is
    then the words right before it, when they follow the quotation with no aside ("as Eric Garner, gasping on a
    sidewalk in Staten Island, said": the words before the verb may be the aside's)."""
    at = verb.idx + offset
    quote = next((q for q in quotes if q.contains(head.idx + offset, head.idx + offset + 1)), None)
    if quote is None or quote.outer_end > at:
        return False
    between = _text_before(verb, quote.outer_end - offset).split()
    return not any(w in {",", "—", "–", "-", "as", "As"} or w.endswith(",") for w in between)


def _from_place(subject: Token) -> Token:
    """ "Mr. J.R. Smith Jr. of St. Louis, Mo. said", "Linda Moss of Tulsa, Okla. said": the parser may take the
    state or region after the speaker's city for the verb's subject; it says where the city lies, and the speaker is
    who is "of" or "from" the city."""
    doc = subject.doc
    words = doc[subject.left_edge.i : subject.i + 1]
    start = words[0].i
    if start < 2 or doc[start - 1].text != "," or not is_region(words.text):
        return subject
    place = doc[start - 2]
    while place.dep_ in {"compound", "flat"} and place.head.i > place.i:
        place = place.head
    prep = place.head
    if place.pos_ != "PROPN" or place.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in {"of", "from", "in"}:
        return subject
    speaker = prep.head
    # not "After the vote in Springfield, Illinois said": a noun in a fronted phrase is no one's name
    return speaker if speaker.i < prep.i and speaker.pos_ in {"PROPN", "NOUN"} and speaker.dep_ != "pobj" else subject


def _quoted_as(prep: Token, quotes: Sequence[Quote], offset: int) -> Token | None:
    """ "El País quoted the minister, Lucía Navarro, as saying ...": the object of "quote"/"cite" that the "as"
    of "as saying" hangs on is who said it; the paper only reports it. None for any other frame."""
    verb = prep.head
    if prep.lower_ != "as" or verb.lemma_.lower() not in QUOTING_AS:
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj" and not inside_quote(quotes, c.idx + offset)]
    return objects[0] if objects else None


def _headline_subject(verb: Token, sent: Span) -> Token | None:
    """ "Starmer defends budget, says tax rises were needed": in a headline (no closing full stop) a speech verb
    after a comma shares the subject of the verb that opens it, the name before that first "-s" verb; the parser
    tends to take the first verb's object ("budget"), or the first verb itself, for the speaker."""
    doc = verb.doc
    if sent.text.rstrip().endswith((".", "?", "!", "”", '"')) or verb.i < 3 or doc[verb.i - 1].text != ",":
        return None
    if not verb.lower_.endswith("s"):
        return None
    i = sent.start
    while i < verb.i and doc[i].is_alpha and _headline_name_word(doc[i]):
        i += 1
    if not sent.start < i <= sent.start + 4 or not doc[i - 1].text[:1].isupper():
        return None
    first_verb = doc[i]
    if not (first_verb.is_lower and first_verb.is_alpha and first_verb.text.endswith("s") and i < verb.i - 2):
        return None
    return doc[i - 1]


def _headline_name_word(tok: Token) -> bool:
    """A word of a headline's opening speaker: a capitalised word ("Starmer") or an office ("UN chief Guterres")."""
    return (tok.text[:1].isupper() and not tok.is_stop) or tok.lower_ in OFFICE_TITLES | PERSON_NOUNS


_TIME_SUBJECTS = frozenset({"today", "yesterday", "tonight"})
_NAME_ON_TIME = frozenset({"nmod", "compound", "npadvmod", "poss"})


def _time_word(tok: Token) -> bool:
    return tok.lower_ in _TIME_SUBJECTS and tok.pos_ != "PROPN"


def _named_before_time(time: Token) -> Token | None:
    """ "Helixa Therapeutics, Inc. (Nasdaq: HLXA) today announced": the parser makes the time word the subject and
    hangs the company's name on it; the speaker is that name, or no one."""
    named = [c for c in time.lefts if c.dep_ in _NAME_ON_TIME and c.pos_ in {"PROPN", "NOUN"}]
    return named[-1] if named else None


def _adjacent_subject(verb: Token) -> Token | None:
    """A subject the parser lost ("... the Washington Post Trump said that", "“...,” Flynn, a top surrogate,
    said ... “Fox and Friends”"): a name, noun or pronoun that ends right before the verb."""
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and (
        doc[i].text in {",", "—", "–"} or (doc[i].dep_ in {"advmod", "aux", "neg"} and doc[i].head.i == verb.i)
    ):
        i -= 1
    if i < 0:
        return None
    tok = doc[i]
    aside = _participle_aside(verb, i) or _reduced_relative(verb, i)
    if aside is not None:
        return aside
    # "Flynn, a top surrogate, said": an apposition set off by commas stands for the name before it; without the
    # closing comma ("... meet Speaker Mike Johnson, Jean-Pierre said") the last words are the subject themselves.
    set_off = any(t.text in {",", "—", "–"} for t in doc[i + 1 : verb.i])
    phrase_end = _opening_participle_phrase_end(verb)
    while set_off and tok.dep_ == "appos" and phrase_end < tok.head.i < tok.i and not _name_after_place(tok):
        tok = tok.head
    if set_off and tok.dep_ in _OBJECT_DEPS and (opener := _name_opening_aside(verb, i)) is not None:
        return opener
    if tok.pos_ in {"PROPN", "NOUN"} or tok.lower_ in {"he", "she", "it", "they"}:
        return tok
    if tok.lower_ == "old" and i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "year":
        return tok  # "the 34-year-old said": the parser may make "old" a modifier of the verb
    return None


_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "oprd"})


def _opening_participle_phrase_end(verb: Token) -> int:
    """ "Speaking to MPs on the Treasury committee, the governor, Andrew Castlemaine, said": the index of the comma
    that closes a participle phrase opening the verb's sentence (-1 where none opens it). The parser may hang the
    speaker's apposition on the phrase's last noun; the words in the phrase say to whom or where, never who."""
    opener = verb.sent[0]
    if opener.tag_ not in {"VBG", "VBN"} or opener.dep_ != "advcl" or opener.head.i != verb.i:
        return -1
    return next((t.i for t in verb.doc[opener.i : verb.i] if t.text == ","), -1)


def _name_opening_aside(verb: Token, last: int) -> Token | None:
    """ "Dr Laura Finch, an ecologist ... who co-wrote the report, said": the parser lost the verb's subject and the
    words before the closing comma end an aside with an object ("the report"), which is someone's object and no
    speaker; the speaker is the capitalised name that opens the sentence before the aside's opening comma."""
    doc, start = verb.doc, verb.sent.start
    # "Speaking to Times Radio, Professor Nadia Okonkwo, an expert ... at the University of Leeds, said": a
    # participle phrase that opens the sentence says to whom or where; the name opens the words after it
    start = max(start, _opening_participle_phrase_end(verb) + 1)
    comma = next((t for t in doc[start:last] if t.text == ","), None)
    if comma is None or comma.i == start:
        return None
    name = doc[comma.i - 1]
    words = doc[start : comma.i]
    if _one_person_entity(words):
        return name  # "Oh Se-young, a researcher ...": the tagger read "Oh" as an interjection, "young" an adjective
    if name.pos_ != "PROPN" or not all(t.text.rstrip(".").isalpha() and t.text[:1].isupper() for t in words):
        return None
    return name


def _one_person_entity(words: Span) -> bool:
    """Words that are one person's name, whole, by the recogniser's label, whatever the tagger made of each word."""
    return words[0].ent_iob_ == "B" and all(
        t.ent_type_ == "PERSON" and (t.ent_iob_ == "I" or t.i == words.start) for t in words
    )


def _participle_aside(verb: Token, last: int) -> Token | None:
    """ "Pike, asked about Holt's post, said": the words right before the verb end a participle phrase set off by
    commas, which says when or why, not who; the speaker is the name before its opening comma (the parser may hang
    that name on the participle, tag it an adverb, or read the participle as a past tense with that name for its
    subject: no subject is set off from its own verb by one comma), never a noun inside the phrase."""
    doc = verb.doc
    clause = next(
        (
            c
            for c in verb.lefts
            if c.dep_ in {"advcl", "ccomp"}
            and c.tag_ in {"VBN", "VBD", "VBG"}
            and c.i <= last
            and doc[c.i - 1].text == ","
            and all(s.i < c.i - 1 for s in c.children if s.dep_ in {"nsubj", "nsubjpass"})
        ),
        None,
    )
    if clause is None or clause.i < 2 or any(t.text == "," for t in doc[clause.i : last + 1]):
        return None
    name = doc[clause.i - 2]
    named = name.pos_ in {"PROPN", "NOUN"} or (name.ent_type_ in {"PERSON", "ORG"} and name.text[:1].isupper())
    return name if named or name.lower_ in {"he", "she", "it", "they"} else None


def _reduced_relative(verb: Token, last: int) -> Token | None:
    """ "Residents evacuated from the estate said": the parser read the participle that describes the speakers as a
    past tense with them for its subject, and made it the verb's clause; a participle with no object of its own,
    right before the verb with no comma, says which residents, and its "subject" is the speaker. Set off by a comma
    after a name ("Pell Brothers, the roofers hired to fix the church, said"), the words describe that name, which
    speaks."""
    clause = next((c for c in verb.lefts if c.dep_ in {"ccomp", "advcl"} and c.right_edge.i == last), None)
    if clause is None or clause.tag_ not in {"VBN", "VBD"} or any(c.dep_ == "dobj" for c in clause.children):
        return None
    subject = next((c for c in clause.lefts if c.dep_ == "nsubj"), None)
    if subject is None or subject.i != clause.i - 1 or subject.pos_ not in {"NOUN", "PROPN"}:
        return None
    comma = subject.left_edge.i - 1
    if comma > 0 and verb.doc[comma].text == "," and (name := verb.doc[comma - 1]).pos_ == "PROPN":
        return None if name.head == clause else subject
    return subject


def _name_after_place(appos: Token) -> bool:
    """ "the senior coroner for Wiltshire, Helen Abara-Moss, said": a person's name in apposition to the place or
    body that ends a description is the speaker, not the place."""
    return appos.ent_type_ == "PERSON" and appos.head.ent_type_ in {"GPE", "LOC", "ORG", "FAC"}


def _content_ok(text: str, start: int, end: int) -> bool:
    return end > start and sum(ch.isalpha() for ch in text[start:end]) >= _MIN_CONTENT_LETTERS


def _span_of(tokens: Sequence[Token], offset: int) -> tuple[int, int]:
    return tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1]) + offset


def find_verb_attributions(
    doc: Doc, text: str, offset: int, quotes: Sequence[Quote], lone_quote: Quote | None = None
) -> list[Found]:
    """Speech verbs with a subject outside quotations, each with the content it governs. ``lone_quote``: the
    quotation that made up the whole paragraph before, with no speaker, which this paragraph's first sentence may
    say whose words it was."""
    found: list[Found] = []
    for s_index, sent in enumerate(doc.sents):
        shown = _findings_shown(sent, text, offset, s_index)
        if shown is not None and not inside_quote(quotes, shown.cue_span[0]):
            found.append(shown)
        words_of = _words_of(sent, text, offset, quotes, s_index, lone_quote if s_index == 0 else None)
        if words_of is not None:
            found.append(words_of)
        colon_quote = _clause_then_quote(sent, text, offset, quotes, s_index)
        if colon_quote is not None:
            found.append(colon_quote)
        cues = 0
        for tok in sent:
            if shown is not None and tok.lemma_.lower() == "show":
                continue
            viewed = in_view_of(tok)
            if viewed is not None and not inside_quote(quotes, tok.idx + offset):
                item = _in_view(tok, *viewed, sent, text, offset, quotes, s_index)
                if item is not None:
                    found.append(item)
                continue
            target = according_to(tok)
            if target is not None and not inside_quote(quotes, tok.idx + offset):
                item = _according(tok, target, sent, text, offset, quotes, s_index)
                if item is not None:
                    found.append(item)
                continue
            cue = is_speech_verb(tok) or denied_clause(tok) is not None or shows_findings(tok)
            if not cue or inside_quote(quotes, tok.idx + offset):
                continue
            if negated_cue(tok, lambda t: inside_quote(quotes, t.idx + offset)):
                continue
            cues += 1
            if cues > _MAX_CUES_PER_SENTENCE:
                break
            item = _verb(tok, sent, text, offset, quotes, s_index)
            if item is not None:
                found.append(item)
    return [f for f in found if not _relays(f, found) and not _said_by_this(f, found)]


# "Figures from Statistics Iceland show mackerel exports fell 18%": a document that names its maker, "show" and a
# clause with no "that", which the parser often misreads ("show" a noun, or a word of the clause's subject).
_FINDINGS_SHOWN = re.compile(
    r"(?:(?:The|New|Latest|Official|Provisional) )?(?:[Ff]igures|[Dd]ata|[Ss]tatistics|[Ee]stimates) "
    r"(?:from|by|published by|released by) (?:the )?"
    r"(?P<maker>[A-Z][\w'’&.-]*(?: (?:(?:of|for|and|on|the) )*[A-Z][\w'’&.-]*)*) "
    r"(?P<cue>show|shows|showed) (?!that\b)(?P<clause>\S.*?)[.!]?\s*$"
)


def _findings_shown(sent: Span, text: str, offset: int, s_index: int) -> Found | None:
    """The sentence as ``_FINDINGS_SHOWN`` reads it: the clause, attributed to the document's maker."""
    match = _FINDINGS_SHOWN.match(sent.text)
    if match is None:
        return None
    doc = sent.doc
    maker = doc.char_span(sent.start_char + match.start("maker"), sent.start_char + match.end("maker"))
    if maker is None:
        return None
    cue_span = (sent.start_char + match.start("cue") + offset, sent.start_char + match.end("cue") + offset)
    content = (sent.start_char + match.start("clause") + offset, sent.start_char + match.end("clause") + offset)
    if not _content_ok(text, *content):
        return None
    return Found(text[cue_span[0] : cue_span[1]], cue_span, maker.root, tuple(maker), content, False, "verb", s_index)


_DEMONSTRATIVES = frozenset({"those", "these", "such", "that", "this"})


def _words_of(
    sent: Span, text: str, offset: int, quotes: Sequence[Quote], s_index: int, lone_quote: Quote | None = None
) -> Found | None:
    """ "“The era of the cheap egg is over.” Those were the words of Margaret Hollins": a sentence saying whose
    words the quotation right before it were ("These are the words of", "Such were the words of", "That was how
    her neighbour, Derek Mole, put it") names its speaker, the object of "of" or the subject of "put it". The
    quotation may be the whole paragraph before (``lone_quote``): a feature opens on the words, then the speaker."""
    found = _whose_words(sent)
    if found is None:
        return None
    speaker, cue_end = found
    before = previous_quote(text, quotes, sent[0].idx + offset, offset) or lone_quote
    if before is None or inside_quote(quotes, sent[0].idx + offset):
        return None
    cue_span = (sent[0].idx + offset, cue_end.idx + len(cue_end) + offset)
    a, b, direct = snap(text, before.start, before.end, [before, *quotes])
    if not _content_ok(text, a, b):
        return None
    return Found(text[cue_span[0] : cue_span[1]], cue_span, speaker, (), (a, b), direct, "verb", s_index)


# "Those were the words of X", "That was the verdict of X", "That is the message from X": nouns for what someone
# said, which a demonstrative subject makes the quotation before
_WORDS_NOUNS = frozenset({"word", "verdict", "view", "message", "warning", "assessment", "reaction", "plea"})


def _whose_words(sent: Span) -> tuple[Token, Token] | None:
    """In a sentence whose subject is a demonstrative and whose verb is "be", the speaker and the cue's last word:
    "Those were the words of X" (X, "of"), "That was the verdict of X", "That is how X put it" (X, "put"): the
    demonstrative stands for the quotation before it."""
    for be in sent:
        if be.lemma_ != "be" or not any(c.dep_ == "nsubj" and c.lower_ in _DEMONSTRATIVES for c in be.children):
            continue
        for part in be.children:
            if part.dep_ == "attr" and part.lemma_.lower() in _WORDS_NOUNS:
                of = next((c for c in part.rights if c.dep_ == "prep" and c.lower_ in {"of", "from"}), None)
                speaker = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
                return (speaker, of) if of is not None and speaker is not None else None
            if part.dep_ in {"ccomp", "attr"} and _put_how(part):
                speaker = next((c for c in part.children if c.dep_ == "nsubj"), None)
                return (speaker, part) if speaker is not None else None
    return None


def _put_how(verb: Token) -> bool:
    """ "how X put it": a verb that reports speech only with its object ("put it"), asked how."""
    obj = AS_PHRASED.get(verb.lemma_.lower())
    return (
        obj is not None
        and any(c.dep_ == "advmod" and c.lower_ == "how" and c.i < verb.i for c in verb.children)
        and any(c.dep_ == "dobj" and c.lower_ == obj for c in verb.children)
    )


_COLON_SPEAKERS = frozenset({"he", "she", "they"})


def _clause_then_quote(sent: Span, text: str, offset: int, quotes: Sequence[Quote], s_index: int) -> Found | None:
    """ "Speaking later, she went further: “The bank is entitled to its opinion.”": a clause about a person (a
    name, a person's noun or "he"/"she"/"they" for subject, no verb of saying, nothing negated) that ends on a colon
    right before a quotation introduces that person's words, as "she said:" would."""
    doc = sent.doc
    colon = next((t for t in sent if t.text == ":" and not inside_quote(quotes, t.idx + offset)), None)
    if colon is None or colon.i + 1 >= len(doc):
        return None
    opening = doc[colon.i + 1]
    quote = next((q for q in quotes if q.outer_start == opening.idx + offset), None)
    verb = colon.head if colon.head.i < colon.i else _clause_before(colon)
    if quote is None or verb.pos_ not in {"VERB", "AUX"} or is_speech_verb(verb) or verb.i > colon.i:
        return None
    if any(c.dep_ == "neg" for c in verb.children) or any(t.text == ":" for t in doc[verb.i + 1 : colon.i]):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if subject is None or not (
        subject.lower_ in _COLON_SPEAKERS or subject.ent_type_ == "PERSON" or person_noun(subject)
    ):
        return None
    a, b, direct = snap(text, quote.start, quote.end, quotes)
    if not direct or not _content_ok(text, a, b):
        return None
    cue_span = (verb.idx + offset, colon.idx + 1 + offset)
    return Found(text[cue_span[0] : cue_span[1]], cue_span, subject, (), (a, b), True, "clause_colon", s_index)


def _clause_before(colon: Token) -> Token:
    """The head of the clause that ends on ``colon``, where the parser hung the colon on the quotation after it
    ("she was blunt: “The report is wrong.”" with "was" made a clause of "is")."""
    tok = colon.doc[max(colon.i - 1, colon.sent.start)]
    while tok.head.i != tok.i and tok.head.i < colon.i:
        tok = tok.head
    return tok


# Verbs that make public what a "this" stands for ("disclosed this in a statement").
_MADE_PUBLIC = frozenset({"disclose", "announce", "confirm", "reveal", "state"})


def find_this_disclosed(
    doc: Doc, text: str, offset: int, quotes: Sequence[Quote], before: tuple[int, int]
) -> Found | None:
    """ "The commission's spokesman, Mr. Chukwudi Amadi, disclosed this in a statement": a paragraph that opens
    with a verb making something public, its object a bare "this" and no clause of its own, says who stands behind
    the paragraph of narration right before it (``before``, its content span; the caller checks it attributed
    nothing): a wire style of Nigerian English that puts the news first and its source after."""
    sent = next(iter(doc.sents), None)
    if sent is None:
        return None
    for verb in sent:
        if (
            verb.lemma_.lower() not in _MADE_PUBLIC
            or not is_speech_verb(verb)
            or inside_quote(quotes, verb.idx + offset)
        ):
            continue
        this = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in {"this", "these"} and not list(c.children)]
        if not this or any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children):
            continue
        subject = subject_of(verb, quotes, offset)
        if subject is None or subject.pos_ == "DET" or inside_quote(quotes, subject.idx + offset):
            return None
        cue_span = _span_of(cue_tokens(verb), offset)
        return Found(text[cue_span[0] : cue_span[1]], cue_span, subject, _role_then_name(verb, subject), before,
                     False, "verb", 0)  # fmt: skip
    return None


def _relays(item: Found, found: Sequence[Found]) -> bool:
    """ "..., the minister said on Friday, according to the state news agency": the agency relays the minister's
    claim; its "according to" holds another attribution's cue and makes no claim of its own."""
    a, b = item.content
    return item.construction == "according_to" and any(
        other is not item
        and other.construction == "verb"
        and a <= other.cue_span[0]
        and other.cue_span[1] <= b
        and not _demonstrative(other)
        for other in found
    )


def _said_by_this(item: Found, found: Sequence[Found]) -> bool:
    """ "According to the professor, this suggests dairy was a staple": a verb whose subject is a demonstrative
    inside what "according to" attributes; "this" speaks for no one, the clause is the professor's."""
    return _demonstrative(item) and any(
        other.construction == "according_to" and other.content[0] <= item.cue_span[0] < other.content[1]
        for other in found
    )


def _demonstrative(item: Found) -> bool:
    return item.construction == "verb" and item.speaker is not None and item.speaker.lower_ in _DEMONSTRATIVES


def _to_infinitive(verb: Token) -> bool:
    """'had taken "extreme care" to rule out contamination': a verb after "to" that says what someone did something
    for (not "he went on to say"); the quotation before it is the object of the verb it hangs on, not its words."""
    return (
        verb.tag_ == "VB" and verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    )


def _finding_before(verb: Token, subject: Token, end: int, cue_span: tuple[int, int]) -> bool:
    """ "A hospital trust ignored eleven warnings, an independent review has found": a clause before the cue, found
    by a report, review or inquiry (words for finding things out, never for finding objects), is its finding. Not
    a headline's present tense ("Bees learn to count to four, study finds"), which the story's lead restates with its
    source."""
    return end <= cue_span[0] and verb.tag_ in {"VBD", "VBN"} and subject.lemma_.lower() in FINDINGS_MAKERS


def _round_up_header(verb: Token, sent: Span) -> bool:
    """ "What they said this week:", "What the papers say:": a header over a round-up of quotations, each signed
    by its own speaker, is a "what" clause with no verb above it; "Here is what she said:" announces her words."""
    first = sent[0]
    return verb.dep_ == "ROOT" and first.lower_ == "what" and first.head == verb and first.dep_ in {"dobj", "nsubj"}


def _verb(verb: Token, sent: Span, text: str, offset: int, quotes: Sequence[Quote], s_index: int) -> Found | None:
    if _manner(verb) or _told_whom(verb):
        return None
    inverted = _inverted_speaker(verb, sent)
    if inverted is not None and not inside_quote(quotes, inverted.idx + offset):
        return _inserted_inverted(verb, inverted, sent, text, offset, quotes, s_index)
    subject = _headline_subject(verb, sent) or subject_of(verb, quotes, offset)
    if subject is not None:
        subject = _from_place(subject)
    if subject is not None and _time_word(subject):
        subject = _named_before_time(subject)
    if subject is None or subject.pos_ == "DET" or inside_quote(quotes, subject.idx + offset):
        return None
    if _accounts_for(verb, subject) or _extraposed(verb, subject) or _inferred_within(verb, subject):
        return None
    document = _after_opening_participle(subject)
    subject = _author(document)  # "The report, released by the UN, said": the UN said it
    subject = _role_named_inside(verb, subject) or subject
    doc = verb.doc
    # "..., data from research firm Canalview showed": the clause holds the document's words, not only its maker's
    shown = shows_findings(verb) and document.head.i == verb.i
    left, right = clause_bounds(verb, document if shown else subject, quotes, offset)
    cue_span = _span_of(cue_tokens(verb), offset)
    cue = text[cue_span[0] : cue_span[1]]
    before = previous_quote(text, quotes, doc[left].idx + offset, offset)
    interrupted = False
    if _as_clause(verb):
        # "As Smith noted, the plan ...": the content is the clause the "as" clause hangs on.
        region = side_region(sent, verb.left_edge.i, verb.right_edge.i)
    elif before is not None and _quote_then_speaker(text, before, offset):
        # "“The talks,” he said, “were productive.”": a quotation the attribution interrupts runs on to its
        # second piece; the content spans both, the cue between them as in "The plan, he said, is dead."
        resumed = _resumed_quote(text, quotes, before, cue_span[1], sent.end_char + offset)
        if resumed is not None and _attributed_after(sent, resumed.outer_end - offset):
            resumed = None  # "“We won,” he said, “they lost,” his aide added": the aide's own words
        region = (before.start - offset, (resumed or before).end - offset)
        interrupted = resumed is not None
        clause_end = doc[right].idx + len(doc[right]) + offset
        after = None if interrupted else _next_sentence_quote(text, quotes, before, clause_end)
        if after is not None:
            region = (after.start - offset, after.end - offset)  # "“No,” Alvarez replied. “I am here because ...”"
    else:
        post = doc[right + 1 : sent.end]
        if colon_at_end(post) and sent.end == len(doc):
            if _round_up_header(verb, sent):
                return None
            colon = post[-1].idx + offset
            return Found(cue, cue_span, subject, (), (colon + 1, colon + 1), False, "colon_ahead", s_index)
        region = verb_region(verb, sent, left, right)
        if region is None and before is not None and not _says_more(post) and not _to_infinitive(verb):
            # "“...” She said." A verb with words of its own ("She urged parents to ...") does not reach back
            # to a quotation that an earlier attribution already holds.
            region = (before.start - offset, before.end - offset)
    if region is None:
        return None
    start, end = region[0] + offset, region[1] + offset
    # "It was not, she added, a book written to settle scores": an inserted cue has the sentence round it for clause
    inserted_cue = verb.dep_ == "parataxis" and start < cue_span[0] and cue_span[1] < end
    if (
        verb.lemma_.lower() in CLAUSE_ONLY
        and not _as_clause(verb)
        and not inserted_cue
        and not _has_clause(verb, text, start, quotes, cue_span[1])
    ):
        return None
    if (
        verb.lemma_.lower() in THAT_ONLY
        and that_clause(verb) is None
        and not _finding_before(verb, subject, end, cue_span)
    ):
        return None  # "Police found the car abandoned" is no finding of theirs to hold them to
    # A "that" opening content before its cue is a demonstrative ("That plan will fail, the minister said").
    # After it, a "that" that is the clause's subject is a demonstrative too ("Analysts said that was unlikely").
    complementiser = start > cue_span[0] and not subject_that(doc, start - offset)
    a, b, direct = snap(text, start, end, quotes, complementiser=complementiser)
    if interrupted:
        a, b, direct = _quoted_words(text, a, b)
    # "The plan, he said, is dead." and an interrupted quotation hold their cue.
    inserted = (
        a < cue_span[0]
        and cue_span[1] < b
        and (verb.dep_ == "parataxis" or interrupted or comparison_after(doc, right + 1))
    )
    quoted = lambda t: inside_quote(quotes, t.idx + offset)  # noqa: E731
    relayed = _relayed_from(doc, a - offset, b - offset, quoted) if a > cue_span[1] else None
    if relayed is not None:  # "Kim said the forces must be ready, KCNA reported.": Kim's words end at the comma
        a, b, direct = snap(text, a, relayed + offset, quotes, complementiser=False)
    if (
        not _content_ok(text, a, b)
        or (a < cue_span[1] and cue_span[0] < b and not inserted)
        or _ends_in_cue(doc, a - offset, b - offset, quoted)
    ):
        return None
    denial = verb.lemma_.lower() in DENIAL_VERBS
    words = _role_then_name(verb, subject) or _apposed_words_of(verb, subject)
    return Found(cue, cue_span, subject, words, (a, b), direct, "verb", s_index, denial)


def _apposed_words_of(verb: Token, subject: Token) -> tuple[Token, ...]:
    """The office and name of a speaker the parser hung on the reported clause ("..., Union Minister for Water
    Resources Dr. P. Venkatesan informed the Lok Sabha"), when that name is the subject found."""
    words = apposed_speaker_words(verb)
    return words if words and words[-1] == subject else ()


def _role_then_name(verb: Token, subject: Token) -> tuple[Token, ...]:
    """ "Budapest mayor Gergely Karácsony said": the parser may make the role and the name two subjects of the verb,
    side by side; they are one speaker's words, the role's and the name's (empty when the parse is whole)."""
    role = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < subject.i), None)
    if role is None or role.pos_ != "NOUN" or subject.pos_ != "PROPN":
        return ()
    # "state oil company Petrobras said"; "The former presenter Sir Mark Elton said": any noun for a person
    if not (person_noun(role) or role.lemma_.lower() in ORG_NOUNS | PERSON_KIND_NOUNS):
        return ()
    if role.right_edge.i + 1 != subject.left_edge.i:
        return ()
    return tuple(t for t in verb.doc[role.left_edge.i : subject.i + 1] if not t.is_space)


# How a role noun the parser misattached hangs under a body's name it belongs to ("Ford of Britain's chairman").
_OWNER_PATH_DEPS = frozenset({"prep", "pobj", "poss", "dobj", "conj", "compound"})


def _role_named_inside(verb: Token, subject: Token) -> Token | None:
    """ "Ford of Britain's chairman, Lisa Brankin, said", "Drive Clean's director, Amelia Frost, said": the parser
    may take the body's name for the verb's subject and hang the role under it (as its object or conjunct); the
    person named in apposition to that role, set off by commas right before the verb, is the speaker, as in
    "Acme's chairman, Lisa Brankin, said". Returns the role noun, or None when the parse is whole."""
    if subject.i > verb.i or any(c.dep_ == "appos" for c in subject.children) or person_noun(subject):
        return None
    doc = verb.doc
    closing = verb.i - 1
    while closing > subject.i and doc[closing].dep_ in {"advmod", "aux", "neg"}:
        closing -= 1
    if doc[closing].text != ",":
        return None
    name = doc[closing - 1]
    while name.dep_ in {"compound", "flat"} and name.head.i > name.i:
        name = name.head
    role = name.head
    if name.dep_ != "appos" or name.ent_type_ != "PERSON" or role.i == subject.i or role.pos_ != "NOUN":
        return None
    if doc[name.left_edge.i - 1].text != "," or not (person_noun(role) or role.lemma_.lower() in ROLE_WORDS):
        return None
    step = role
    while step.i != subject.i:
        if step.dep_ not in _OWNER_PATH_DEPS or step.head.i == step.i:
            return None
        step = step.head
    return role


def _set_off(sent: Span, left: int, right: int) -> bool:
    """Words [left, right] set off by commas between a bare subject and the rest of its clause ("A rate cut,
    according to three officials, is now likely."): the sentence around them is one statement."""
    doc = sent.doc
    if left - 1 <= sent.start or right + 2 >= sent.end or doc[left - 1].text != "," or doc[right + 1].text != ",":
        return False
    pre, post = doc[sent.start : left - 1], doc[right + 2 : sent.end]
    verbs = {"VERB", "AUX"}
    return not any(t.pos_ in verbs for t in pre) and any(t.pos_ in verbs for t in post)


_NP_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod"})


def _inverted_speaker(verb: Token, sent: Span) -> Token | None:
    """ "The economy, said economist Jane Roe, is slowing.": a cue with its speaker after it, set off by commas
    between a bare subject and the rest of its clause; the head of the speaker's words, or None. The parser reads
    "The economy" as the subject of "said", or the speaker as that of "is slowing"."""
    doc = verb.doc
    if verb.i - 1 <= sent.start or doc[verb.i - 1].text != "," or verb.i + 1 >= sent.end:
        return None
    pre = doc[sent.start : verb.i - 1]
    if any(t.pos_ in {"VERB", "AUX"} for t in pre) or not any(t.pos_ in {"NOUN", "PROPN", "PRON"} for t in pre):
        return None
    if _closes_apposition(pre):  # "The UN's humanitarian chief, Tom Fletcher, said 25 million people ... needed"
        return None
    speaker = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i), None)
    if speaker is None:
        speaker = doc[verb.i + 1]
        while speaker.dep_ in _NP_DEPS and verb.i < speaker.head.i < sent.end:
            speaker = speaker.head
    if speaker.pos_ not in {"NOUN", "PROPN"}:
        return None
    close = speaker.right_edge.i if speaker.right_edge.text == "," else speaker.right_edge.i + 1
    rest = doc[close + 1 : sent.end]
    if close >= sent.end or doc[close].text != "," or not any(t.pos_ in {"VERB", "AUX"} for t in rest):
        return None
    return speaker


def _closes_apposition(pre: Span) -> bool:
    """The words before the cue's comma end a name or role set off by a comma as an apposition ("The UN's chief, Tom
    Fletcher,"): that comma closes the apposition, so the words are the cue's subject, not a bare subject that an
    inserted "said X" interrupts."""
    last = pre[-1]
    while last.dep_ in _NP_DEPS and pre.start <= last.head.i < pre.end and last.head.i > last.i:
        last = last.head
    if last.dep_ != "appos" or not pre.start <= last.head.i < last.i:
        return False
    opening = last.left_edge.i - 1
    return opening > pre.start and pre.doc[opening].text == ","


def _inserted_inverted(
    verb: Token, speaker: Token, sent: Span, text: str, offset: int, quotes: Sequence[Quote], s_index: int
) -> Found | None:
    """The claim of "The economy, said economist Jane Roe, is slowing.": the whole sentence, its cue inside, as
    for "The plan, he said, is dead."."""
    cue_span = _span_of(cue_tokens(verb), offset)
    a, b, direct = snap(text, sent.start_char + offset, sent.end_char + offset, quotes)
    if not _content_ok(text, a, b):
        return None
    cue = text[cue_span[0] : cue_span[1]]
    return Found(cue, cue_span, speaker, (), (a, b), direct, "verb", s_index, verb.lemma_.lower() in DENIAL_VERBS)


_HEDGES = frozenset({"may", "might", "could"})


def _accounts_for(verb: Token, subject: Token) -> bool:
    """ "Loneliness at work may explain why young staff leave": a causal verb with a "why"/"how" clause, hedged by
    "may", "might" or "could", whose subject is a thing (a common noun that names no person, body or document, and
    no named entity), is the writer's guess at what causes something; nobody said anything. Unhedged ("The memo
    explains why ...") a thing may be a text that speaks."""
    if verb.lemma_.lower() not in CAUSAL_WITH_QUESTION or subject.pos_ != "NOUN" or subject.ent_type_:
        return False
    if not any(c.dep_ == "aux" and c.lower_ in _HEDGES for c in verb.children):
        return False
    if person_noun(subject) or subject.lemma_.lower() in ORG_NOUNS | DOCUMENTS:
        return False
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    return clause is not None and clause.left_edge.tag_ == "WRB" and clause.left_edge.lower_ in {"why", "how"}


# Verbs that, with a thing for subject, say what the thing is evidence of ("the announcement suggested ...").
_EVIDENTIAL = frozenset({"suggest", "indicate", "signal"})


def _inferred_within(verb: Token, subject: Token) -> bool:
    """ "Bond said the announcement suggested the recovery was slow": inside what someone said, a thing (a common
    noun that names no person, body or document, and no named entity) that "suggests" or "indicates" something is
    that speaker's reading of it, part of their claim; the thing said nothing."""
    if verb.lemma_.lower() not in _EVIDENTIAL or subject.pos_ != "NOUN" or subject.ent_type_:
        return False
    if person_noun(subject) or subject.lemma_.lower() in ORG_NOUNS | DOCUMENTS:
        return False
    outer = verb.head
    return (
        verb.dep_ == "ccomp"
        and outer.i < verb.i
        and is_speech_verb(outer)
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in outer.children)
    )


def _manner(verb: Token) -> bool:
    """ "cut as promised", "pass as written": a participle after "as" with no subject says how, not who spoke."""
    return (
        verb.i > 0
        and verb.doc[verb.i - 1].lower_ == "as"
        and verb.tag_ == "VBN"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    )


def _told_whom(verb: Token) -> bool:
    """ "Crypto lender's founder lied to investors, jury told": "tell" with no one told after it is a headline's
    passive ("the jury was told"), its subject the audience, not the speaker."""
    return (
        verb.lemma_.lower() == "tell"
        and verb.tag_ in {"VBD", "VBN"}
        and not any(c.i > verb.i and not c.is_punct for c in verb.children)
        and misread_as_modifier(verb) is None  # "The 71-year-old told reporters the plan was wrong"
    )


def _says_more(post: Span) -> bool:
    """Whether the words after an attribution clause hold more than punctuation."""
    return any(not (t.is_punct or t.is_space) for t in post)


def _reported_clause_verb(verb: Token, start: int) -> bool:
    """The content's last word is the verb of the clause a speech verb before the content governs, with its own
    subject in the content, not set off ("said the family had complained"): what was said, not another cue."""
    head = verb.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    return (
        verb.dep_ == "ccomp"
        and head.idx < start
        and is_speech_verb(head)
        and subject is not None
        and subject.left_edge.idx >= start
        and verb.doc[subject.left_edge.i - 1].text not in {",", "”", '"', "—", "–"}
    )


# Conjunctions that open a clause of time: a verb of saying under one tells when, never who said the claim.
_TIME_MARKS = frozenset({"until", "till", "before", "after", "once", "since", "when", "whenever"})


def _ends_in_cue(doc: Doc, start: int, end: int, quoted: Callable[[Token], bool]) -> bool:
    """Content ending on a speech verb ("..., Phil Lovas, said") is another attribution's cue, not a statement.

    A verb that reports speech only with a clause ("continue", "add", "agree") ends a statement as a plain verb
    ("talks would continue"); it is a cue only when set off after a comma or quotation ("…, he added"). A verb
    inside a quotation (``quoted``) is the speaker's own word ("she had heard “a crash, then screaming.”")."""
    verb = last_word_within(doc, start, end)
    if verb is None or not is_speech_verb(verb) or quoted(verb):
        return False
    if any(c.dep_ == "auxpass" for c in verb.children):
        return False  # "the minister was warned", "she had not been told": a passive says what befell someone
    if _reported_clause_verb(verb, start):
        return False  # "She said the hospital had never replied": the verb of the reported clause itself
    if verb.tag_ == "VBG" and verb.dep_ in {"pcomp", "pobj"}:
        return False  # "removed without warning", "fined after promising": a gerund a preposition governs
    if verb.dep_ == "relcl" or any(c.dep_ == "dobj" and c.tag_ in {"WP", "WDT"} for c in verb.children):
        return False  # "have not paid what they promised", "the money they promised": a thing said, as an object
    if _manner(verb):
        return False  # "the bill would pass as written", "“as promised.”": a manner, not a cue
    if any(c.dep_ == "mark" and c.lower_ == "than" for c in verb.children):
        return False  # "narrower than critics had suggested": the standard of a comparison, not a cue
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in verb.children):
        return False  # "she could not comment until it reported": a time the claim's own clause names, not a cue
    if verb.tag_ == "VB" and verb.head.pos_ == "ADJ" and any(c.lower_ == "to" for c in verb.children):
        return False  # "it was too early to say", "hard to tell": whether it can be said, not a cue
    if _purpose_infinitive(verb):
        return False  # "the player had until Thursday to respond": what there is time or need to say, not a cue
    if verb.lemma_.lower() not in CLAUSE_ONLY:
        return True
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    first = subjects[0].left_edge.i if subjects else verb.i
    return first > 0 and doc[first - 1].text in {",", "”", '"', "—", "–", "'", "’"}


def _purpose_infinitive(verb: Token) -> bool:
    """ "Mbeki had until Thursday to respond", "she was given a week to reply": an infinitive with "to" that the
    clause's own verb governs says what someone has time or reason to say, no one saying it; only with a subject of
    its own set off by a comma or quotation ("..., she is expected to say") does it still close the words before."""
    if verb.tag_ != "VB" or verb.dep_ not in {"xcomp", "advcl"}:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    doc = verb.doc
    return not any(s.left_edge.i > 0 and doc[s.left_edge.i - 1].text in _SET_OFF_MARKS for s in subjects)


_SET_OFF_MARKS = frozenset({",", "”", '"', "—", "–", "'", "’"})


def _relayed_from(doc: Doc, start: int, end: int, quoted: Callable[[Token], bool]) -> int | None:
    """Where the content [start, end) of an earlier cue stops when it ends on another cue whose subject follows a
    comma ("Kim said the forces must be “ready,” KCNA reported."): the agency relays Kim's words, which end at
    the comma (after the quotation that holds it); None when the content ends on no such cue."""
    verb = last_word_within(doc, start, end)
    if verb is None or not is_speech_verb(verb) or quoted(verb):
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i), None)
    if subject is None or subject.left_edge.idx <= start:
        return None
    first = subject.left_edge.i
    j = first - 1
    while j > 0 and doc[j].is_quote:
        j -= 1
    if doc[j].text != "," or doc[j].idx <= start:
        return None
    return doc[first - 1].idx + len(doc[first - 1]) if doc[first - 1].is_quote else doc[j].idx


def _as_clause(verb: Token) -> bool:
    """ "As Smith noted, the plan ...": the cue's content is the clause it hangs on. Not when the verb has a
    clause of its own: in "Shares fell 4% as the company said sales had slowed", the company said the latter; nor
    an object of its own: in "..., as the firm reported a 7% fall in profit", it reported the fall; nor
    when the "as" clause is not set off, opening the sentence or after a comma: in "Ortega wins race as rivals
    concede" or "North Korea fires missiles as China urges restraint", "as" says when, not whose words."""
    first = verb.left_edge
    set_off = first.i == verb.sent.start or verb.doc[first.i - 1].text in {",", "—", "–", "(", ";"}
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
        and not any(c.dep_ == "ccomp" for c in verb.children)
        and not object_of_its_own(verb)
        and set_off
    )


def _quote_then_speaker(text: str, quote: Quote, floor: int) -> bool:
    """A quotation that opens its sentence and ends on a comma (or ? ! —) right before the attribution ("“We will
    win,” Trump said") is the attributed statement, whatever the parser attached to the verb."""
    inner = text[quote.start : quote.end].rstrip()
    return bool(inner) and inner[-1] in ",?!—–-" and starts_sentence(text, quote.outer_start, floor)


def _resumed_quote(text: str, quotes: Sequence[Quote], first: Quote, cue_end: int, sentence_end: int) -> Quote | None:
    """The second piece of a quotation interrupted by its attribution: the first piece ends on a comma, and after
    the cue only the attribution's own words and a comma come before the next quotation, in the same sentence
    ("“Our economy,” the governor told reporters on Tuesday, “is stronger ...”")."""
    if not text[first.start : first.end].rstrip().endswith(","):
        return None
    second = next((q for q in quotes if q.outer_start >= cue_end), None)
    if second is None or second.outer_start > sentence_end + 1:
        return None
    gap = text[first.outer_end : second.outer_start]
    if not gap.rstrip().endswith(",") or any(ch in ".!?;:" or ch in QUOTE_MARKS for ch in gap):
        return None
    return second


def _next_sentence_quote(text: str, quotes: Sequence[Quote], first: Quote, clause_end: int) -> Quote | None:
    """After a quoted word or two too short to be a claim ("“No,” Alvarez replied."), the quotation that opens
    the next sentence is what the speaker went on to say: the attribution's content instead."""
    if _content_ok(text, first.start, first.end):
        return None
    second = next((q for q in quotes if q.outer_start >= clause_end), None)
    if second is None:
        return None
    ends_sentence = "." in text[first.outer_end : second.outer_start]
    return second if ends_sentence and not any(ch.isalnum() for ch in text[clause_end : second.outer_start]) else None


def _attributed_after(sent: Span, start: int) -> bool:
    """A speech verb with a subject of its own after ``start`` (doc offset) in the sentence."""
    return any(
        is_speech_verb(tok) and any(c.dep_ == "nsubj" and c.idx >= start for c in tok.children)
        for tok in sent
        if tok.idx >= start
    )


def _quoted_words(text: str, start: int, end: int) -> tuple[int, int, bool]:
    """The region from the first piece's first word to the second piece's last, without the outer quote marks."""
    while start < end and (text[start] in QUOTE_MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in QUOTE_MARKS or text[end - 1] in ",;:" or text[end - 1].isspace()):
        end -= 1
    return start, end, True


def _has_clause(verb: Token, text: str, start: int, quotes: Sequence[Quote], cue_end: int) -> bool:
    """Verbs like "add" report speech only with a clause or a quotation ("added that ...", "noted: “...”"). A
    quotation after the verb is what it reports only when set off by a colon or a comma ("added: “...”"); one
    run on into the verb is a phrase of its clause ("the strike would continue “until every shilling is paid”")."""
    if any(c.dep_ == "ccomp" for c in verb.children) or fronted_clause(verb) is not None:
        return True
    if apposed_speaker(verb) is not None:
        return True  # "..., Union Minister Dr. P. Venkatesan informed the Lok Sabha": the clause before the comma
    if not (inside_quote(quotes, start) or text[start : start + 1] in '“"«:'):
        return False
    gap = text[cue_end : start + 1]  # with the region's first character: it may open on the colon itself
    return start < cue_end or any(ch in ":,—–" for ch in gap) or "that" in gap.lower().split()


def _according(
    acc: Token, target: Token, sent: Span, text: str, offset: int, quotes: Sequence[Quote], s_index: int
) -> Found | None:
    # an object's phrase runs to its right edge; a name the parser made the clause's subject ends with its head word
    phrase_end = target.right_edge.i if target.dep_ == "pobj" else target.i
    named = _name_after_role(target) if target.dep_ == "pobj" else None
    speaker_tokens: tuple[Token, ...] = ()
    if named is not None:  # "According to the study's lead author, Dr. Ingrid Solberg of the Karolinska Institute,"
        name, phrase_end = named
        speaker_tokens = tuple(t for t in acc.doc[target.left_edge.i : name.i + 1])
        target = name
    elif target.dep_ == "pobj" and (described := _description_read_as_subject(target)) is not None:
        phrase_end = described.right_edge.i  # "According to Patients Together, a charity that ..., some patients"
    content = _qualified_clause(sent, acc.i, max(phrase_end, acc.i + 1), text, offset, quotes)
    if content is None:
        return None
    a, b, direct = content
    cue_span = (acc.idx + offset, acc.doc[acc.i + 1].idx + len(acc.doc[acc.i + 1]) + offset)
    speaker = _author(target)
    return Found(
        text[cue_span[0] : cue_span[1]], cue_span, speaker, speaker_tokens, (a, b), direct, "according_to", s_index
    )


def _description_read_as_subject(name: Token) -> Token | None:
    """ "According to Patients Together, a charity that supports people on waiting lists, some patients ...": a
    description of the name set off by commas ("a charity", "a nurse at the hospital"), which the parser did not
    hang on the name but on the clause that follows, beside that clause's own subject. Its head noun, or None when
    the words after the name's comma are no such description."""
    doc = name.doc
    comma = name.right_edge.i + 1
    if comma + 2 >= len(doc) or doc[comma].text != "," or doc[comma + 1].lower_ not in {"a", "an"}:
        return None
    noun = doc[comma + 1].head
    if noun.pos_ != "NOUN" or noun.dep_ == "appos" or noun.left_edge.i != comma + 1:
        return None  # an apposition the parser saw is the name's phrase already
    if noun.lemma_.lower() not in ORG_NOUNS and not person_noun(noun):
        return None
    close = noun.right_edge.i + 1
    if close >= len(doc) or doc[close].text != ",":
        return None
    root = noun.sent.root
    # the clause's own subject, after the description (the parser hangs the description anywhere: a second
    # subject, a preposition on the comma)
    own_subject = any(c.dep_ in {"nsubj", "nsubjpass"} and c.i > close for c in root.children)
    return noun if own_subject and root.i > close else None


def _name_after_role(role: Token) -> tuple[Token, int] | None:
    """ "According to the study's lead author, Dr. Ingrid Solberg of the Karolinska Institute, the risk ...": a
    person's role, then their name set off by commas, which the parser made the subject of the clause that follows.
    The name's head word and the last token before the comma that closes it; None when no name follows so."""
    doc = role.doc
    comma = role.right_edge.i + 1
    if role.pos_ != "NOUN" or not person_noun(role) or comma + 1 >= len(doc) or doc[comma].text != ",":
        return None
    first = doc[comma + 1]
    if first.ent_type_ != "PERSON" and not (first.pos_ == "PROPN" and doc[comma + 2].ent_type_ == "PERSON"):
        return None
    name = first
    while name.i + 1 < len(doc) and doc[name.i + 1].ent_type_ == "PERSON" and doc[name.i + 1].pos_ == "PROPN":
        name = doc[name.i + 1]
    close = next((t.i for t in doc[name.i + 1 : role.sent.end] if t.text == ","), None)
    if close is None or close - name.i > 8:
        return None
    return name, close - 1


def _qualified_clause(
    sent: Span, first: int, last: int, text: str, offset: int, quotes: Sequence[Quote]
) -> tuple[int, int, bool] | None:
    """The clause a phrase from token ``first`` to ``last`` qualifies ("according to X", "in his view"): the whole
    sentence when the phrase is set off, else the side of it that holds the clause; None when no claim is left."""
    region = (sent.start_char, sent.end_char) if _set_off(sent, first, last) else side_region(sent, first, last)
    if region is None:
        return None
    a, b, direct = snap(text, region[0] + offset, region[1] + offset, quotes)
    return (a, b, direct) if _content_ok(text, a, b) else None


def _in_view(
    in_: Token, view: Token, owner: Token, sent: Span, text: str, offset: int, quotes: Sequence[Quote], s_index: int
) -> Found | None:
    """ "In his view, apps like Tallis will struggle": the clause the phrase qualifies, as "according to" gives it."""
    content = _qualified_clause(sent, in_.i, view.right_edge.i, text, offset, quotes)
    if content is None:
        return None
    a, b, direct = content
    cue_span = (in_.idx + offset, view.idx + len(view) + offset)
    return Found(text[cue_span[0] : cue_span[1]], cue_span, owner, (), (a, b), direct, "according_to", s_index)


def _after_opening_participle(subject: Token) -> Token:
    """ "Opening Prime Minister's Questions, the Leader of the Opposition, Catherine Mortlake, said": the parser may
    take a sentence's opening participle phrase for the subject, and the subject, set off by a comma after it, for
    its apposition; the speaker is that apposition."""
    doc = subject.doc
    first = doc[subject.left_edge.i]
    if first.is_sent_start and (named := _named_after_fronted_place(subject)) is not None:
        return named
    # the tagger may take a capitalised participle for a name ("Opening Treasury Questions")
    participle = first.tag_ == "VBG" or (first.pos_ == "PROPN" and first.lower_.endswith("ing") and not first.ent_type_)
    if not participle or not first.is_sent_start or first.head.i == first.i:
        return subject
    appos = next((c for c in subject.rights if c.dep_ == "appos"), None)
    if appos is None and subject.i == first.i:
        # "Reporting from Rafah, Al Jazeera's Hani Mahmoud said": the participle itself taken for the subject, the
        # speaker for an apposition of the place it came from; "Prosecuting, Nadia Farouk told the court": a lone
        # participle of a court report, the speaker taken for a second subject joined to it by the comma alone
        appos = next((t for t in subject.subtree if t.dep_ == "appos" and t.head.dep_ == "pobj"), None)
        appos = appos or _joined_by_comma_alone(subject)
    if appos is None or doc[appos.left_edge.i - 1].text != ",":
        return subject
    person = any(t.ent_type_ == "PERSON" for t in appos.subtree) or appos.lemma_.lower() in ROLE_WORDS
    person = person or _given_name_first(appos)
    return appos if person else subject


def _joined_by_comma_alone(subject: Token) -> Token | None:
    """A conjunct of ``subject`` with no "and" or "or" anywhere between them, only a comma: no list of two."""
    if any(c.dep_ == "cc" for c in subject.children):
        return None
    return next((c for c in subject.rights if c.dep_ == "conj"), None)


def _given_name_first(head: Token) -> bool:
    """Capitalised proper nouns that a given name opens ("Nadia Farouk"): a person's name the recogniser missed."""
    words = list(head.doc[head.left_edge.i : head.i + 1])
    return (
        len(words) >= 2
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)
        and is_given_name(words[0].text)
    )


def _named_after_fronted_place(subject: Token) -> Token | None:
    """ "Outside court, Detective Inspector Simon Bale said": the parser may take a fronted phrase of place for
    the subject (a bare common noun, no article, not a word for a person) and the speaker, set off by a
    comma after it, for its apposition; the speaker is that apposition, and the place no role of theirs. "Outside
    Parliament, Chief Minister N. Suresh Gowda said": a capitalised preposition tagged a word of the place's name."""
    if not _opens_on_place_preposition(subject) and (
        subject.pos_ != "NOUN" or any(c.dep_ in {"det", "poss"} for c in subject.children)
    ):
        return None
    if subject.lemma_.lower() in PERSON_KIND_NOUNS | ROLE_WORDS:
        return None  # "Spokesman, Tom Hale": a role; "court", a body's noun too, is one only with its article
    appos = next((c for c in subject.rights if c.dep_ == "appos"), None)
    if appos is None or subject.doc[appos.left_edge.i - 1].text != ",":
        return None
    return appos if any(t.ent_type_ == "PERSON" for t in appos.subtree) else None


_PLACE_PREPOSITIONS = frozenset(read_data_file("fronted_place_words.json")["prepositions"]["words"])


def _opens_on_place_preposition(subject: Token) -> bool:
    """A proper noun subject whose phrase opens the sentence on a preposition of place ("Outside Parliament")."""
    first = subject.doc[subject.left_edge.i]
    return (
        subject.pos_ == "PROPN"
        and first.i < subject.i
        and first.is_sent_start is True
        and first.lower_ in _PLACE_PREPOSITIONS
        and subject.ent_type_ != "PERSON"
    )


# Participles that name a document's maker in "a report <verb> by X" (not "emails obtained by Vox": Vox is no author).
# "carried out by", "commissioned by": who had a poll done stands behind its findings.
_AUTHORING = frozenset(
    {"release", "publish", "issue", "write", "prepare", "produce", "compile", "conduct", "author", "carry",
     "commission"}
)  # fmt: skip


def _author(target: Token) -> Token:
    """The maker of a document that "according to" or a speech verb names: "a speech Mrs. Clinton delivered", "a
    report by the Pentagon", "Clinton's speech", "the report, released by the UN" are attributed to Clinton, the
    Pentagon and the UN, not to the document."""
    if target.lemma_.lower() not in DOCUMENTS:
        return target
    for child in target.children:
        if child.dep_ == "poss" and child.pos_ in {"PROPN", "NOUN"}:
            return child
        if child.dep_ in {"nmod", "compound"} and child.pos_ == "PROPN" and child.ent_type_ == "ORG":
            return child  # "Customs and Border Protection figures"
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
        if child.dep_ == "relcl":
            subj = next((c for c in child.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
            if subj is not None:
                return subj
        if child.dep_ == "acl" and child.lemma_.lower() in _AUTHORING:  # "a report released by the United Nations"
            for agent in child.children:
                if agent.dep_ == "agent" or (agent.dep_ == "prep" and agent.lower_ in {"by", "from"}):
                    obj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                    if obj is not None:
                        return obj
    return target


def find_colon_attribution(
    doc: Doc, text: str, offset: int, quotes: Sequence[Quote], is_name: NameCheck
) -> Found | None:
    """A name and a colon opening a paragraph (a transcript's "PENCE: Well, look, ...", a headline's "Sanders:
    Clinton needs to ..."): the rest of the paragraph is what the named speaker said."""
    para = doc.text
    match = _COLON_HEAD.match(para)
    if match is None:
        return None
    name = match.group(1)
    if name.lower().rstrip(".") in _NOT_SPEAKERS | _fact_check_labels() or not name.rstrip(".")[-1:].isalpha():
        return None
    transcript = name.isupper() and len(name) > 2
    tokens = [t for t in doc if match.start(1) <= t.idx < match.end(1)]
    if not tokens or not is_name(tokens, transcript=transcript):
        return None
    end = len(para.rstrip()) + offset
    if transcript or match.group(0)[0] in '"“':
        # A transcript line is verbatim; in '"WALLACE: ...' the quote marks wrap the name too: keep the words.
        a, b = trim(text, match.end() + offset, end, complementiser=False)  # "That is a matter for ..." as said
        while b > a and text[b - 1] in '"”':
            b -= 1
        direct = transcript
    else:
        a, b, direct = snap(text, match.end() + offset, end, quotes)
    if not _content_ok(text, a, b):
        return None
    colon = match.end(1) + offset
    return Found(":", (colon, colon + 1), tokens[-1], tuple(tokens), (a, b), direct or transcript, "colon", 0)


def find_sentence_colon_quotes(
    doc: Doc, text: str, offset: int, quotes: Sequence[Quote], is_name: NameCheck
) -> list[Found]:
    """A name and a colon opening a later sentence of a paragraph, straight before a quotation ('Rovers manager Gary
    Nolan was furious. Nolan: "We were poor."'): the quotation is the named speaker's, as a paragraph opened so
    would be. Only before a quotation mark, and only a name the article knows (``is_name``), so a label ("The
    verdict:") or a list's lead-in says nothing."""
    found: list[Found] = []
    for s_index, sent in enumerate(doc.sents):
        match = _COLON_HEAD.match(sent.text) if s_index else None
        if match is None or match.group(0)[0] in '"“':
            continue
        at = sent.start_char + match.end() + offset
        quote = next((q for q in quotes if q.outer_start == at and not q.open_ended), None)
        name = match.group(1)
        if quote is None or name.lower().rstrip(".") in _NOT_SPEAKERS | _fact_check_labels():
            continue
        lo, hi = sent.start_char + match.start(1), sent.start_char + match.end(1)
        tokens = [t for t in sent if lo <= t.idx < hi]
        if not tokens or not is_name(tokens, transcript=False):
            continue
        a, b, _ = snap(text, quote.outer_start, quote.outer_end, quotes)
        if _content_ok(text, a, b):
            colon = hi + offset
            found.append(Found(":", (colon, colon + 1), tokens[-1], tuple(tokens), (a, b), True, "colon", s_index))
    return found


_QUESTION_HEAD = re.compile(r"(?:Q|Question)[ \u00a0]*:")
_ANSWER_HEAD = re.compile(r"(?:A|Answer)[ \u00a0]*(:)[ \u00a0]+(?=\S)")
# "Q. Will the routes come back?" / "A. I'd like to see ...": the same labels set with a full stop, taken only in an
# article that has both ("A. Rahman said" alone is a name with an initial)
_DOTTED_QUESTION = re.compile(r"Q(\.)[ \u00a0]+(?=\S)")
_DOTTED_ANSWER = re.compile(r"A(\.)[ \u00a0]+(?=\S)")


def is_question_line(paragraph: str, dotted: bool = False) -> bool:
    """A paragraph that opens with "Q:" or "Question:" (or "Q." in a ``dotted_interview``): an interview's question."""
    return _QUESTION_HEAD.match(paragraph) is not None or (dotted and _DOTTED_QUESTION.match(paragraph) is not None)


def dotted_interview(paragraphs: Sequence[str]) -> bool:
    """An interview whose labels are "Q." and "A.": an answer so labelled right after a question so labelled."""
    return any(
        _DOTTED_QUESTION.match(q) is not None and _DOTTED_ANSWER.match(a) is not None for q, a in pairwise(paragraphs)
    )


def find_answer(doc: Doc, text: str, offset: int, dotted: bool = False) -> Found | None:
    """An interview's answer ("A: In the short run it cost us ..."): the rest of the paragraph, verbatim, with the
    "A" as its speaker's words (the person interviewed, whom the caller resolves)."""
    match = _ANSWER_HEAD.match(doc.text) or (_DOTTED_ANSWER.match(doc.text) if dotted else None)
    if match is None:
        return None
    a, b = trim(text, match.end() + offset, len(doc.text.rstrip()) + offset, complementiser=False)
    if not _content_ok(text, a, b):
        return None
    colon = match.start(1) + offset
    return Found(text[colon], (colon, colon + 1), doc[0], (doc[0],), (a, b), True, "answer", 0)


def repeated_colon_heads(paragraphs: Iterable[str]) -> set[str]:
    """Names that open two or more paragraphs with a colon: the speakers of a transcript ("WALLACE:")."""
    counts = Counter(m.group(1) for p in paragraphs if (m := _COLON_HEAD.match(p)) is not None)
    return {name for name, n in counts.items() if n >= 2}


def find_dash_signatures(doc: Doc, text: str, offset: int, quotes: Sequence[Quote], is_name: NameCheck) -> list[Found]:
    """Quotations signed with a dash and a name ("“...” ― Sonya Herridge")."""
    found: list[Found] = []
    paragraph = doc.text  # once: Doc.text joins every token again on each read
    sentence_starts: list[int] | None = None
    for q in quotes:
        rel = q.outer_end - offset
        dash = _DASH_SIGNATURE.match(paragraph, rel)
        if dash is None:
            continue
        name = _SIGNATURE_NAME.match(paragraph, dash.end())
        if name is None:
            continue
        named = doc[tokens_from(doc, name.start()) : tokens_from(doc, name.end())]
        tokens = [t for t in named if not t.is_punct]
        # right after a quotation's close, a dash and capitalised words the recogniser missed are its signer
        if not tokens or not (is_name(tokens, transcript=False) or _unlabelled_name(tokens)):
            continue
        a, b, direct = snap(text, q.start, q.end, quotes)
        if not _content_ok(text, a, b):
            continue
        cue_at, cue_end = dash.start(1) + offset, dash.end(1) + offset
        if sentence_starts is None:
            sentence_starts = [sent.start_char for sent in doc.sents]
        s_index = bisect_left(sentence_starts, rel)  # the sentences that start before the quotation's close
        found.append(Found(text[cue_at:cue_end], (cue_at, cue_end), tokens[-1], tuple(tokens), (a, b), direct, "dash",
                           max(0, s_index - 1)))  # fmt: skip
    return found


def _unlabelled_name(tokens: list[Token]) -> bool:
    """Two to four capitalised proper nouns the recogniser left untagged: a person's name where only a name can
    stand (the signature under a pull quote)."""
    return 2 <= len(tokens) <= 4 and all(t.pos_ == "PROPN" and t.text.istitle() and not t.ent_type_ for t in tokens)


def signature_line(doc: Doc, is_name: NameCheck) -> Token | None:
    """A paragraph that only signs the quotation before it ("— Mariana Restrepo, mayor of Santa Elena", under a
    pull quote): the head of the name, or None."""
    dash = _DASH_SIGNATURE.match(doc.text)
    name = _SIGNATURE_NAME.match(doc.text, dash.end()) if dash is not None and dash.start(1) == 0 else None
    if name is None or any(t.pos_ in {"VERB", "AUX"} for t in doc):
        return None
    tokens = [t for t in doc if name.start() <= t.idx < name.end() and not t.is_punct]
    if not tokens or not (is_name(tokens, transcript=False) or _unlabelled_name(tokens)):
        return None
    return max(tokens, key=lambda t: (t.head not in tokens or t.head == t, t.i))
