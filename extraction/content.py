"""Where a reported statement's words are: the clause a cue governs, trimmed and snapped to quotation marks.

The parse says which side of the cue holds the content; the quote marks say exactly where a direct quotation
starts and ends, even across sentences that the parser split apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from spacy.tokens import Doc, Span, Token

from extraction.cues import (
    SPEECH_VERBS,
    denied_clause,
    is_listener,
    is_speech_verb,
    listener_compounded,
    medium_clause,
    reported_conjunct,
    told_clause,
)
from extraction.data_files import read_data_file
from extraction.doc_text import tokens_from
from extraction.quotes import CLOSING, Quote
from extraction.speaker_nouns import COMMENT_NOUNS, ORG_NOUNS, PERSON_KIND_NOUNS, PERSON_NOUNS
from extraction.text import BULLET, COLON_DATELINE, DATED_DATELINE, LOWER, TIMESTAMP, UPPER

_SEPARATORS = " \t\n\u00a0,;:—–-"
# A news dateline opening the text: "BERLIN — ", "SULAIMANI (ESTA) — ", "KABUL, Afghanistan (AP) -- ".
_DATELINE = re.compile(
    rf"[{UPPER}][{UPPER}.'’]+(?: [{UPPER}][{UPPER}.'’]+){{0,2}}(?:, [{UPPER}][{UPPER}{LOWER}. ]{{1,30}})?"
    r"(?: \([^()\n]{1,40}\))?(?: (?:—|–|--) ?| - )"
)
_QUOTE_CHARS = "“”„«»‘’\"'`"
_CLAUSE_DEPS = frozenset(
    {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "advmod", "npadvmod", "prt", "prep", "dative", "dobj",
     "agent", "intj", "expl", "cc", "attr", "oprd", "advcl", "punct"}
)  # fmt: skip
_CONTENT_DEPS = frozenset({"ccomp"})
_CLAUSE_PUNCT = frozenset({",", ".", "—", "–", "-", "!", "?"})
_GOVERNED_DEPS = frozenset({"ccomp", "parataxis", "dep"})


def quote_at(quotes: Sequence[Quote], start: int, end: int) -> list[Quote]:
    """Quotes whose marks-inclusive span overlaps [start, end)."""
    return [q for q in quotes if q.outer_start < end and start < q.outer_end]


def inside_quote(quotes: Sequence[Quote], pos: int) -> bool:
    return any(q.outer_start <= pos < q.outer_end for q in quotes)


def fronted_clause(verb: Token) -> Token | None:
    """ "The singer has won her claim against the Daily Courier, the High Court ruled": a clause of its own, with a
    subject and no subordinator ("when", "if", "as"), set off by a comma right before the verb's subject, which the
    parser hung on the verb as an adverbial clause; it is what the verb reports. None otherwise."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > verb.i:
        return None
    doc = verb.doc
    comma = subject.left_edge.i - 1
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.i > subject.i or comma < 0 or doc[comma].text != ",":
            continue
        if clause.right_edge.i + 1 != comma:
            continue
        has_subject = any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)
        subordinated = any(c.dep_ == "mark" or c.tag_ == "WRB" for c in clause.children)  # "if", "when"
        if has_subject and not subordinated and clause.left_edge.tag_ not in {"IN", "WRB", "WDT", "WP"}:
            return clause
    return None


@cache
def _comparison_openers() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(words.split()) for words in read_data_file("comparison_openers.json")["openers"]["words"])


def comparison_after(doc: Doc, comma: int) -> bool:
    """A comma at ``comma`` opening a comparison ("..., the company said, compared with 2% a year earlier"): the
    parser hangs it on the cue like a time, but it compares the claim's figure, so it is the claim's, not the
    attribution's."""
    if not 0 <= comma < len(doc) or doc[comma].text != ",":
        return False
    words = tuple(t.lower_ for t in doc[comma + 1 : comma + 4])
    return any(words[: len(opener)] == opener for opener in _comparison_openers())


def clause_bounds(verb: Token, subject: Token | None, quotes: Sequence[Quote], offset: int) -> tuple[int, int]:
    """Token bounds [left, right] of the attribution clause around ``verb``: its subject and modifiers
    ("The military further said", "said Tuesday in a statement"), never its content."""
    doc = verb.doc
    members = {verb.i}
    if subject is not None and subject.head.i == verb.i:
        members.update(t.i for t in subject.subtree)
    reported = medium_clause(verb)  # "said in a statement that ...": the clause is content, not the medium's
    content = {t.i for t in reported.subtree} if reported is not None else set()
    fronted = fronted_clause(verb)
    for child in verb.children:
        if child.dep_ not in _CLAUSE_DEPS or (child.dep_ == "punct" and child.text not in _CLAUSE_PUNCT):
            continue
        if child.dep_ == "advcl" and (verb.dep_ == "parataxis" or child == fronted):  # "Though it was seamless, he
            continue  # said, ...", "The singer has won her claim, the High Court ruled"
        if child.dep_ == "nsubj" and subject is not None and child.i != subject.i:  # a second "subject" is content
            continue
        if child.i > verb.i and (comparison_after(doc, child.i) or comparison_after(doc, child.left_edge.i - 1)):
            continue  # "..., the company said, compared with 2%": the claim's comparison
        sub = list(child.subtree)
        start, end = sub[0].idx + offset, sub[-1].idx + len(sub[-1]) + offset
        if child.dep_ != "punct" and quote_at(quotes, start, end):
            continue
        members.update(t.i for t in sub if t.i not in content)
    members.update(_closing_marks_inside(doc, members, quotes, offset))
    kind = _kind_before_subject(verb, subject)
    if kind is not None:  # "..., the union Unison has announced."
        members.update(range(kind.left_edge.i, kind.i + 1))
    if subject is not None and subject == postposed_participle(verb):  # "..., the energy regulator announced."
        members.update(range(subject.left_edge.i, verb.i))
    if subject is not None and (apposed := _apposed(verb)) is not None and subject == apposed[0]:
        members.update(range(apposed[1] + 1, verb.i))  # "..., Union Minister Dr. P. Venkatesan informed the House"
    left = right = verb.i
    while left - 1 in members:
        left -= 1
    if left > 0 and doc[left - 1].dep_ == "det" and doc[left - 1].head.i == verb.i:
        left -= 1  # "the 34-year-old said": the parser hung the subject's article on the verb
    while left < verb.i and doc[left].is_quote:
        left += 1  # “...,” her attorney, X, said: the closing mark the parser hung on the subject is the quote's
    while (
        left >= 2
        and doc[left - 1].text in {"-", "‑"}
        and _glued(doc[left - 2], doc[left - 1])
        and _glued(doc[left - 1], doc[left])
    ):
        left -= 2  # "co-founder Ingrid Solberg wrote": a word the parser split at its hyphen is one word
    while right + 1 in members:
        right += 1
    return left, right


def _closing_marks_inside(doc: Doc, members: set[int], quotes: Sequence[Quote], offset: int) -> list[int]:
    """ "warn of 'disaster' as ...": the closing mark of a word quoted inside the clause (its opening mark a member,
    no quotation of the article's), which the parser hung on the verb, is the clause's too, or the words after it
    would read as the content."""
    marks: list[int] = []
    for i in sorted(members):
        mark = doc[i + 1] if i + 1 < len(doc) else None
        if mark is None or i + 1 in members or i + 2 not in members or not mark.is_quote:
            continue
        if inside_quote(quotes, mark.idx + offset) or quote_at(quotes, mark.idx + offset, mark.idx + offset + 1):
            continue
        opening = next((j for j in range(i, max(i - 4, -1), -1) if doc[j].is_quote), None)
        if opening is not None and all(k in members for k in range(opening, i + 1)):
            marks.append(i + 1)
    return marks


def _glued(tok: Token, nxt: Token) -> bool:
    """Whether ``nxt`` follows ``tok`` with no space: two pieces of one written word."""
    return not tok.whitespace_ and nxt.i == tok.i + 1 and (tok.is_alpha or tok.text in {"-", "‑"})


def _kind_before_subject(verb: Token, subject: Token | None) -> Token | None:
    """ "Porters will walk out next week, the union Unison has announced.": the noun for the kind of speaker (a
    body's or a person's) right before its name, after a comma, which the parser took for the head of a relative
    clause on the cue; None otherwise, as for "..., the deal Trump announced", a thing the name announced."""
    if subject is None or verb.dep_ != "relcl" or subject.head.i != verb.i or subject.pos_ != "PROPN":
        return None
    kind = verb.head
    if kind.pos_ != "NOUN" or kind.i != subject.left_edge.i - 1 or kind.left_edge.i == 0:
        return None
    if kind.lemma_.lower() not in ORG_NOUNS | PERSON_NOUNS:
        return None
    return kind if verb.doc[kind.left_edge.i - 1].text == "," else None


def postposed_participle(verb: Token) -> Token | None:
    """ "Prices will rise from April, the energy regulator announced on Monday.": after a comma that closes the
    reported clause, the parser may read the cue as a participle describing its subject ("the regulator announced
    on Monday" as "the regulator that was announced"). A speech verb right after a body's or a person's noun, with
    no object or clause of its own and nothing after it but how or when to the sentence's end, is the cue; returns
    that noun, its speaker, or None ("Ministers defended the cuts, the plan announced on Monday": a thing)."""
    doc = verb.doc
    noun = verb.head
    if verb.dep_ != "acl" or verb.tag_ not in {"VBN", "VBD"} or noun.i != verb.i - 1 or noun.head.i >= noun.i:
        return None
    if noun.pos_ == "PROPN" and noun.ent_type_ not in {"ORG", "PERSON", "NORP"}:
        return None
    if noun.pos_ == "NOUN" and noun.lemma_.lower() not in ORG_NOUNS | PERSON_KIND_NOUNS:
        return None
    comma = noun.left_edge.i - 1
    if comma <= noun.sent.start or doc[comma].text != ",":
        return None
    if any(c.dep_ in {"dobj", "ccomp", "xcomp", "dative"} for c in verb.children):
        return None
    return noun if _trivial(doc[verb.right_edge.i + 1 : noun.sent.end]) else None


def apposed_speaker(verb: Token) -> Token | None:
    """ "The Centre will set up a tribunal ... between two southern States, Union Minister Dr. P. Venkatesan
    informed the Lok Sabha on Thursday.": after a comma that closes the reported clause, the parser may hang the
    speaker's name (and the office before it) on the clause's last noun as appositions and join the cue to the
    clause's verb. A cue with no subject of its own, right after a person's name so set off, and no clause of its own
    after it; returns the name's head, or None."""
    found = _apposed(verb)
    return found[0] if found is not None else None


def apposed_speaker_words(verb: Token) -> tuple[Token, ...]:
    """The speaker's words ``apposed_speaker`` finds, the office before the name with them ("Union Minister for
    Water Resources Dr. P. Venkatesan"); empty when there is no such speaker."""
    found = _apposed(verb)
    return () if found is None else tuple(t for t in verb.doc[found[1] + 1 : found[0].i + 1] if not t.is_space)


def _apposed(verb: Token) -> tuple[Token, int] | None:
    """The name ``apposed_speaker`` finds and the index of the comma that opens the speaker's words."""
    doc = verb.doc
    joined = verb.dep_ == "conj" and verb.head.i < verb.i
    if not (joined or verb.dep_ == "ROOT") or verb.tag_ not in {"VBD", "VBZ"} or verb.i < 3:
        return None
    name = doc[verb.i - 1]
    if name.ent_type_ != "PERSON" or not name.head.i < name.i:
        return None
    first = name.left_edge.i
    if name.dep_ == "conj" and name.head.dep_ == "appos":
        anchor = name.head.head  # "..., Union Minister for Water Resources Dr. P. Venkatesan said": office and name
        first = name.head.left_edge.i
    elif name.dep_ == "appos":
        anchor = name.head
        office = next((c for c in anchor.children if c.dep_ == "appos" and c.right_edge.i == first - 1), None)
        if office is not None:  # "Union Minister for Water Resources": an apposition of its own, before the name
            first = office.left_edge.i
    else:
        return None
    comma = first - 1
    if comma <= name.sent.start or doc[comma].text != "," or anchor.i > comma:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass"} or (c.dep_ in {"ccomp", "xcomp"} and c.i > verb.i) for c in verb.children):
        return None
    if joined and any(c.dep_ in {"cc", "preconj"} for c in verb.head.children if verb.head.i < c.i < verb.i):
        return None  # "..., and Dr. Rao informed": a clause of its own
    return name, comma


def _trivial(tokens: Iterable[Token]) -> bool:
    return all(t.is_punct or t.is_space for t in tokens)


def verb_region(verb: Token, sent: Span, left: int, right: int) -> tuple[int, int] | None:
    """Doc-relative char region of the content a speech verb governs, before trimming and quote snapping.

    Right of the cue: its complement clause, or what follows "said:" / "said, “". Left of the cue ("..., he
    said."): only words the verb governs or a quotation, never a fronted "In July," or a conjoined "X arrived and".
    """
    doc = verb.doc
    if (noun := misread_as_modifier(verb)) is not None:
        return _rest_after_modifier_verb(verb, noun)
    pre = doc[sent.start : left]
    post = doc[right + 1 : sent.end]
    comps = [c for c in verb.children if c.dep_ in _CONTENT_DEPS]
    right_comp = (
        next((c for c in comps if c.i > verb.i), None)
        or denied_clause(verb)
        or medium_clause(verb)
        or told_clause(verb)
        or _object_then_clause(verb)
        or _gerund_subject_clause(verb)
    )
    if right_comp is not None:
        sub = _without_leading_time(_before_next_cue(_whole_complement(right_comp, comps), verb), right_comp)
        sub = _subject_hung_on_verb(verb, right_comp) + sub
        sub = _before_speakers_act(_before_comment(_with_word_before_hyphen(sub, verb)), verb, right_comp)
        if len(sub) > 1 and listener_compounded(verb, sub[0]):
            sub = sub[1:]
        end_tok = _that_conjunct(verb, sub[-1]) or sub[-1]
        tail = doc[end_tok.i + 1 : sent.end]
        if _trivial(tail) or _quoted_tail(tail) or _listed_on(end_tok, tail):
            end_tok = sent[-1]
        elif (adverbial := _adverbial_tail(verb, end_tok)) is not None:
            end_tok = adverbial.right_edge
        return sub[0].idx, end_tok.idx + len(end_tok)
    if post and not _trivial(post) and _opens_content(post) and not _conjoined_quote(verb, post):
        return post[0].idx, post[-1].idx + len(post[-1])
    if verb.dep_ == "parataxis" and not (left <= verb.head.i <= right) and not _trivial(pre) and not _trivial(post):
        # "The plan, he said, is dead.": the content is the whole sentence the inserted cue interrupts, up to a
        # conjoined clause of saying with a subject of its own ("..., and he said Surrey would ..."), its own claim.
        kept = _before_own_cue(list(post))
        return pre[0].idx, kept[-1].idx + len(kept[-1])
    pre_ok = bool(pre) and not _trivial(pre) and _pre_is_content(verb, pre) and not object_of_its_own(verb)
    if _trivial(post):
        return (pre[0].idx, pre[-1].idx + len(pre[-1])) if pre_ok else None
    left_comp = next((c for c in comps if c.i < verb.i), None)
    if left_comp is not None:
        sub = list(left_comp.subtree)
        last = post[-1] if comparison_after(doc, right + 1) else sub[-1]  # "..., it said, compared with 2%"
        return sub[0].idx, last.idx + len(last)
    return None


def _before_speakers_act(tokens: list[Token], verb: Token, clause: Token) -> list[Token]:
    """``tokens`` up to what the speakers did, joined to their words ("Analysts at Peel Hunt said the upgrade was
    "well flagged" but raised their target price"): a past-tense verb with no subject of its own, conjoined to the
    reported clause, whose "their" can only mean the plural speakers, not the clause's singular subject; or, the
    clause's subject plural too, whose "their" owns what analysts set on a share ("said the results were weaker
    than expected and cut their price target": data/analysts_calls.json). The tagger may read a past tense that is
    spelt as the present ("cut", "set") as a bare verb."""
    speakers = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if speakers is None or subject is None or speakers.tag_ not in {"NNS", "NNPS"}:
        return tokens
    plural_subject = subject.tag_ in {"NNS", "NNPS"}
    if subject.tag_ not in {"NN", "NNP"} and not plural_subject:
        return tokens
    for act in clause.children:
        if act.dep_ != "conj" or act.i < clause.i or not _past_tense(act, clause):
            continue
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in act.children):
            continue
        owned = [t.head for t in act.subtree if t.lower_ == "their" and t.dep_ == "poss"]
        if owned and (not plural_subject or any(noun.lower_ in _analysts_calls() for noun in owned)):
            kept = [t for t in tokens if t.i < act.left_edge.i]
            while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
                kept.pop()
            return kept or tokens
    return tokens


def _past_tense(act: Token, clause: Token) -> bool:
    """A past tense; or a bare verb, no auxiliary or "to" of its own, joined to a clause in the past ("were weaker
    ... and cut their"), which can only be a past tense read wrong ("must sell assets and protect their" is none)."""
    if act.tag_ == "VBD":
        return True
    clause_past = clause.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in clause.children)
    return act.tag_ == "VB" and clause_past and not any(c.dep_ in {"aux", "auxpass"} for c in act.children)


@cache
def _analysts_calls() -> frozenset[str]:
    """What analysts set on a share ("target", "rating"): data/analysts_calls.json."""
    return frozenset(read_data_file("analysts_calls.json")["calls"]["words"])


def misread_as_modifier(verb: Token) -> Token | None:
    """ "The 54-year-old said listeners had written to her", "The 71-year-old told reporters the plan was wrong": the
    parser may read a past tense right after its subject as a modifier of the noun after it ("the said listeners"),
    with the subject's words hung on that noun too, and the reported clause as the sentence. Returns that noun (the
    reported clause's subject, or the listener told), or None when the parse is whole."""
    doc = verb.doc
    noun = verb.head
    if verb.dep_ != "amod" or verb.tag_ != "VBD" or noun.i <= verb.i or verb.i == 0:
        return None
    if doc[verb.i - 1].head.i != noun.i or doc[verb.i - 1].dep_ not in {"amod", "compound", "nmod"}:
        return None
    if noun.dep_ not in {"nsubj", "nsubjpass"} or noun.head.i <= noun.i or noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    return noun if all(t.head.i == noun.i for t in doc[verb.i + 1 : noun.i]) else None


def _rest_after_modifier_verb(verb: Token, noun: Token) -> tuple[int, int] | None:
    """The content of a verb ``misread_as_modifier``: the rest of the clause the noun is the subject of, after the
    listener for "told"."""
    doc = verb.doc
    first = noun.right_edge.i + 1 if verb.lemma_.lower() == "tell" else verb.i + 1
    last = noun.head.right_edge.i
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if first > last:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


def _with_word_before_hyphen(tokens: list[Token], verb: Token) -> list[Token]:
    """ "told analysts on a call that the company had re-negotiated its contracts": a complement that opens on the
    hyphen of a word the parser split ("re" | "-" | "negotiated"), the first piece hung elsewhere (here on "call")
    with the words before it, starts where that piece's own words start, after the cue, not at the hyphen: the
    word is one, and so is the clause it heads."""
    doc = tokens[0].doc
    first = tokens[0]
    if first.text not in {"-", "‑"} or first.i == 0 or not _glued(doc[first.i - 1], first):
        return tokens
    piece = doc[first.i - 1]
    start = piece.left_edge.i
    if start <= verb.i or any(t.i >= first.i for t in piece.subtree):
        return tokens
    return list(doc[start : first.i]) + tokens


def _adverbial_tail(verb: Token, last: Token) -> Token | None:
    """ "told investors on a call that the shortage would ease by the autumn once a supplier began production": an
    adverbial clause with a subject of its own, which the parser hung on the cue, right after the complement
    with no comma between, qualifies what was said (the saying needs no "once"); a clause set off by a comma may
    be the writer's. The clause, else None."""
    doc = verb.doc
    nxt = last.i + 1
    for clause in verb.children:
        if clause.dep_ != "advcl" or clause.left_edge.i != nxt or nxt >= len(doc) or doc[nxt].is_punct:
            continue
        opener = doc[nxt]  # "once", "until", "when": marker or adverb, as the parser has it
        if (
            opener.head.i == clause.i
            and opener.dep_ in {"mark", "advmod"}
            and opener.tag_ in {"IN", "RB", "WRB"}
            and any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)
        ):
            return clause
    return None


def _that_conjunct(verb: Token, last: Token) -> Token | None:
    """The last word of a second "that" clause the parser joined to the cue itself ("said that Laidlaw had given
    everything but that results had fallen short": "fallen" a conjunct of "said"), right after the complement
    ending on ``last``: a clause opening with "that", a subject of its own and no verb of saying is a second thing
    said, not a second saying."""
    doc = verb.doc
    for conj in verb.children:
        if conj.dep_ != "conj" or conj.i <= last.i or conj.pos_ not in {"VERB", "AUX"} or is_speech_verb(conj):
            continue
        if not all(t.is_punct or t.is_space or t.dep_ == "cc" for t in doc[last.i + 1 : conj.left_edge.i]):
            return None
        opening = next((t for t in conj.subtree if not (t.is_punct or t.dep_ == "cc")), None)
        if (
            opening is not None
            and opening.lower_ == "that"
            and any(c.dep_ in {"nsubj", "nsubjpass"} for c in conj.children)
        ):
            return conj.right_edge
        return None
    return None


def _object_then_clause(verb: Token) -> Token | None:
    """ "wrote in Nature Medicine that the effect held even after ...": the parser made the reported clause's
    subject the verb's object, with "that" and the clause's verb hung on it, or the complementiser "that" itself
    the object, with the clause hung on it; no object opens with the complementiser "that", so the object and
    what hangs on it are the reported clause."""
    for obj in verb.children:
        if obj.dep_ != "dobj" or obj.i < verb.i:
            continue
        if obj.lower_ == "that" and obj.pos_ == "SCONJ":
            if any(t.pos_ in {"VERB", "AUX"} for t in obj.subtree if t.i != obj.i):
                return obj
            continue
        if obj.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"}:
            continue
        first = obj.left_edge
        before = obj.doc[first.i - 1]
        opener = (first.lower_ == "that" and first.dep_ == "mark" and first.head.i == obj.i) or (
            before.lower_ == "that" and before.pos_ == "SCONJ" and before.head.i == verb.i
        )
        if opener and any(c.dep_ in {"acl", "relcl"} and c.pos_ in {"VERB", "AUX"} for c in obj.rights):
            return obj
        if not opener and _past_read_as_participle(verb, obj):
            return obj
    return None


def _gerund_subject_clause(verb: Token) -> Token | None:
    """ "said counting there would resume at 9 a.m.": the parser made the reported clause's subject, a gerund, the
    complement of "said" and hung the clause's verb on it; a gerund right after the cue whose clause after it has
    a tense of its own but no subject is that clause's subject, and the two the reported clause."""
    if verb.lemma_.lower() != "say" or verb.i + 1 >= len(verb.doc):
        return None
    gerund = verb.doc[verb.i + 1]
    if gerund.dep_ != "xcomp" or gerund.tag_ != "VBG" or gerund.head.i != verb.i:
        return None
    for clause in gerund.rights:
        if clause.dep_ != "ccomp" or any(c.dep_ in {"nsubj", "nsubjpass", "mark"} for c in clause.children):
            continue
        if clause.tag_ in {"VBD", "VBZ", "VBP"} or any(
            c.dep_ == "aux" and c.tag_ in {"MD", "VBD", "VBZ", "VBP"} for c in clause.children
        ):
            return gerund
    return None


def _past_read_as_participle(verb: Token, obj: Token) -> bool:
    """ "She said the effect held after the team adjusted for age": with no "that", the parser may take the
    reported clause's past tense for a participle qualifying the object of "said". What one says is words ("said a
    prayer", "said goodbye"), so an object of "say" with a participle right after it that is also a past tense, and
    no "by" of a passive, is the clause's subject; a participle that is never a past tense ("a prayer written by
    his mother", "the words spoken at weddings") qualifies the object."""
    if verb.lemma_.lower() != "say" or obj.pos_ not in {"NOUN", "PROPN", "NUM"}:
        return False
    noun = _counted(obj) if obj.pos_ == "NUM" else obj
    if noun is None:
        return False
    noun = _phrase_end(noun)
    acl = next((c for c in noun.rights if c.dep_ == "acl"), None)
    if acl is None or acl.tag_ != "VBN" or acl.i != noun.i + 1 + _adverbs_before(acl) or acl.lower_ in _participles():
        return False
    return not any(c.dep_ in {"agent", "auxpass", "nsubj", "nsubjpass"} for c in acl.children)


def _adverbs_before(participle: Token) -> int:
    """How many adverbs of the participle's own stand right before it ("swings of this size rarely held at a
    general election"): a clause's adverb of frequency or degree sits between its subject and its verb."""
    return sum(1 for c in participle.lefts if c.dep_ == "advmod" and c.pos_ == "ADV" and c.i > participle.i - 3)


def _phrase_end(noun: Token) -> Token:
    """ "said the focus on hotels distracted from the backlog": the parser hung the past tense on the noun that
    ends the object's own "on"/"of"/"for" phrase; the participle test is read at that noun, the object's last."""
    while True:
        prep = next((c for c in noun.rights if c.dep_ == "prep"), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if prep is None or pobj is None or pobj.i != prep.i + 1 + sum(1 for c in pobj.lefts):
            return noun
        noun = pobj


def _counted(number: Token) -> Token | None:
    """ "said nine in ten of its members expected ...", "said two of the men arrested ...": a number heading the
    object counts the noun its "of" phrase ends in; one does not say a number, so that noun stands where the
    object does. None where no "of" phrase follows the number."""
    tok, through_of = number, False
    while True:
        prep = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ in {"of", "in", "out"}), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if prep is None or pobj is None:
            return tok if through_of and tok.pos_ in {"NOUN", "PROPN"} else None
        through_of = through_of or prep.lower_ == "of"
        tok = pobj


@cache
def _participles() -> frozenset[str]:
    """Past participles that are never a past tense (``data/participles.json``)."""
    return frozenset(read_data_file("participles.json")["participles"])


def subject_that(doc: Doc, pos: int) -> bool:
    """Whether the content starting at doc offset ``pos`` opens with a demonstrative "that" that is its clause's
    subject ("said that was unlikely", "said that remained an option"): the parser makes it the subject of a verb
    that has no other, where a complementiser is a marker before the clause's own subject; it is a word of the
    claim, not the complementiser ``trim`` drops."""
    first = next((t for t in doc[tokens_from(doc, pos) :] if not (t.is_space or t.is_punct)), None)
    if first is None or first.lower_ != "that" or first.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    head = first.head
    return head.i > first.i and not any(
        c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} and c.i != first.i for c in head.children
    )


def object_of_its_own(verb: Token) -> bool:
    """ "Lumora unveils foldable e-reader, promises two-week battery": a cue with an object after it that is a thing,
    not someone told ("..., the company told investors"), says that thing; the clause before it is not its words."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ in {"PROPN", "PRON"} or obj.ent_type_:
        return False
    if _set_off_after_cue(verb, obj):
        return False  # "..., the department said on Monday, the highest figure for a decade": a gloss on the clause
    return not (obj.lemma_.lower() in PERSON_NOUNS | ORG_NOUNS or is_listener(obj))


def _set_off_after_cue(verb: Token, obj: Token) -> bool:
    """An "object" the parser hung on the cue though a comma after the cue's own words parts them ("..., the
    department said on Monday, the highest figure for a decade"): a noun phrase set after the attribution that
    sums up the clause before it, which the cue does not say."""
    doc = verb.doc
    first = obj.left_edge.i
    return (
        first > verb.i + 1
        and doc[first - 1].text == ","
        and any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)
    )


def _before_own_cue(tokens: list[Token]) -> list[Token]:
    """``tokens`` up to a conjoined verb of saying that has its own subject ("and he said ..."), without the comma
    and conjunction before it; all of them when there is none or nothing would be left."""
    for tok in tokens:
        if tok.dep_ == "conj" and tok.lemma_.lower() in SPEECH_VERBS and any(c.dep_ == "nsubj" for c in tok.children):
            kept = [t for t in tokens if t.i < tok.left_edge.i]
            while kept and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
                kept.pop()
            return kept or tokens
    return tokens


_TIME_LABELS = frozenset({"DATE", "TIME"})


def _subject_hung_on_verb(verb: Token, clause: Token) -> list[Token]:
    """ "said ambulance response times for the most serious calls were the best": the parser read the reported
    clause's subject as the verb's own ("times" a measure of it, "for ..." its phrase), leaving the clause ("were
    the best") without one. A reported clause has a subject, so the nouns between the verb and such a clause are
    it; none when the clause has a subject, or the words between open with a preposition or tell a time ("said
    Tuesday", "said in a statement"), or are the one told ("told analysts on a call that ...")."""
    doc = verb.doc
    start, end = verb.i + 1, clause.left_edge.i
    if clause.dep_ != "ccomp" or end <= start or clause.head.i != verb.i:
        return []
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in clause.children):
        return []
    between = doc[start:end]
    first = doc[start]
    if first.pos_ not in {"NOUN", "PROPN", "ADJ", "DET", "NUM"} or any(t.ent_type_ in _TIME_LABELS for t in between):
        return []
    if not doc[end].is_alpha:  # "re-negotiated" split at its hyphen: no clause missing its subject
        return []
    owners = [t for t in verb.children if start <= t.i < end]
    objects = {"npadvmod", "dobj"} if verb.lemma_.lower() == "say" else {"npadvmod"}  # one tells a listener
    if not owners or owners[0].dep_ not in objects or owners[0].left_edge.i != start:
        return []
    if (
        any(t.dep_ not in {"npadvmod", "dobj", "prep"} for t in owners)
        or max(t.right_edge.i for t in owners) != end - 1
    ):
        return []
    return list(between)


def _whole_complement(first: Token, comps: list[Token]) -> list[Token]:
    """The complement's words, with a second complement clause that follows it with nothing between: "wrote that
    bees trained at 18 degrees Celsius needed half as many visits" is one clause the parser cut in two ("trained",
    "needed"), where two clauses a speaker made would be joined by a comma or a conjunction (one that ends the first
    piece says the parser split a coordination, whose second clause may be no one's report)."""
    words = list(first.subtree)
    for later in (c for c in comps if c.i > first.i):
        coordinated = any(t.dep_ == "cc" for t in words[-2:])  # "... the investigation and Democrats | accused ..."
        if later.left_edge.i != words[-1].i + 1 or coordinated:
            break
        # "said it had co-operated fully": a word split at its hyphen may come in three pieces, each a complement
        words.extend(later.subtree)
    return words


def _before_comment(tokens: list[Token]) -> list[Token]:
    """ "said the company was "not for sale," a remark analysts said was aimed at ...", "told the court he had
    never met the buyer, an assertion prosecutors said was false": a noun for a statement with "a" or "an", set
    after what was said with a comma, is the writer's word on it, not part of it; the complement ends before it."""
    for k, tok in enumerate(tokens):
        if k == 0 or tok.text != ",":
            continue
        rest = [t for t in tokens[k + 1 : k + 5] if not t.is_quote]
        if len(rest) < 2 or rest[0].lower_ not in {"a", "an"}:
            continue
        noun = rest[2] if rest[1].pos_ == "ADJ" and len(rest) > 2 else rest[1]
        if noun.pos_ == "NOUN" and noun.lemma_.lower() in COMMENT_NOUNS:
            return tokens[:k]
    return tokens


_LIST_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "ADP", "DET", "CCONJ", "PUNCT", "ADV", "PART"})


def _listed_on(last: Token, tail: Span) -> bool:
    """ "said that hackers had stolen the names, email addresses and partial card numbers of 40 million customers":
    the complement ends on a noun and the rest of the sentence, which the parser hung on the cue, is the rest of
    its list: after a comma, nouns joined by "and"/"or", and no verb."""
    words = [t for t in tail if not t.is_space]
    if last.pos_ not in {"NOUN", "PROPN"} or len(words) < 4 or words[0].text != ",":
        return False
    return any(t.dep_ == "cc" for t in words) and all(t.pos_ in _LIST_POS for t in words)


# Conjunctions that join a quoted phrase to the complement before it ("welcome but “years too late”").
_QUOTE_JOINERS = frozenset({"but", "and", "yet"})


def _quoted_tail(tail: Span) -> bool:
    """The sentence ends on a quoted phrase right after the complement ("... targeted residents with dementia
    “because she knew they would not notice”.", "... was welcome but “years too late”."): the parser hung it
    elsewhere, but it finishes the content."""
    words = [t for t in tail if not t.is_space]
    if words and words[0].lower_ in _QUOTE_JOINERS:
        words = words[1:]  # "said the news was welcome but “years too late”.": a reservation of the same speaker
    if len(words) < 3 or words[0].text not in {"“", '"', "‘"}:
        return False
    closing = next((k for k, t in enumerate(words[1:], 1) if t.text in {"”", '"', "’"}), None)
    return closing is not None and closing > 1 and all(t.is_punct for t in words[closing + 1 :])


def _before_next_cue(tokens: list[Token], verb: Token) -> list[Token]:
    """A complement cut before a second cue of the same speaker ("told them that X, saying that Y"): Y is the
    second cue's content, not part of X. So is one cut before a concessive clause in which someone else says
    something ("suggests X, though the authors caution that Y"): the writer sets Y against X; it is no part of it."""
    for k, tok in enumerate(tokens):
        if k and tok.i > verb.i and _concessive_cue(tok):
            k = tokens.index(tok.left_edge) if tok.left_edge in tokens else k
        if (
            k
            and tok.i > verb.i
            and (
                (
                    tok.tag_ == "VBG"
                    and tok.lemma_.lower() in SPEECH_VERBS
                    and not _progressive(tok)
                    and not _bare_gerund(tok)
                    and not _participle_adjective(tok)
                )
                or reported_conjunct(tok)
                or _concessive_cue(tok)
            )
        ):
            kept = tokens[:k]
            while len(kept) > 1 and (kept[-1].is_punct or kept[-1].is_space or kept[-1].dep_ == "cc"):
                kept.pop()
            return kept
    return tokens


# Conjunctions that open a clause set against the one before it.
_CONCESSIVE = frozenset({"though", "although", "while", "whereas"})


def _concessive_cue(tok: Token) -> bool:
    """ ", though the authors caution that ...": a verb of saying with a subject of its own in an adverbial clause
    opened by a concessive conjunction after a comma."""
    if tok.dep_ != "advcl" or not is_speech_verb(tok) or not any(c.dep_ == "nsubj" for c in tok.children):
        return False
    mark = next((c for c in tok.children if c.dep_ == "mark" and c.i < tok.i), None)
    doc = tok.doc
    return mark is not None and mark.lower_ in _CONCESSIVE and mark.i > 0 and doc[mark.i - 1].text == ","


# What a participle of saying says, when it is a second saying ("..., saying that Y", "adding “...”").
_SAID_DEPS = frozenset({"ccomp", "dobj", "parataxis", "xcomp", "attr", "oprd", "dep"})


def _bare_gerund(tok: Token) -> bool:
    """ "was warned in writing about the firm's finances", "had heard shouting": a gerund a preposition or verb
    governs that says nothing of its own (no clause, no object) is how or when the content's own event happened,
    or what was heard, not a second saying to cut at."""
    return tok.dep_ in {"pcomp", "xcomp", "dobj"} and not any(c.dep_ in _SAID_DEPS for c in tok.children)


def _participle_adjective(tok: Token) -> bool:
    """ "said the ruling group had wasted money", "a warning light": a participle that describes the noun after it
    is a word of the clause's subject, no second saying to cut at."""
    return tok.dep_ == "amod" and tok.head.i > tok.i


def _progressive(tok: Token) -> bool:
    """ "said he had been writing until the last week of his life": a participle with its own auxiliaries is the
    reported clause's verb, not a second cue ("..., saying that Y")."""
    return any(c.dep_ in {"aux", "auxpass"} for c in tok.children)


_TIME_ENTITIES = frozenset({"DATE", "TIME"})


def _without_leading_time(tokens: list[Token], clause: Token) -> list[Token]:
    """A complement less a time phrase that opens it before its subject: in "The Kremlin said on Thursday it saw
    no basis", the parser hangs "on Thursday" on "saw", but it says when the Kremlin spoke."""
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}), None)
    if subject is None or not tokens:
        return tokens
    for child in clause.children:
        if child.i >= subject.i or child.dep_ not in {"prep", "npadvmod", "advmod"}:
            continue
        phrase = list(child.subtree)
        times = [t for t in phrase if t.ent_type_ in _TIME_ENTITIES]
        if phrase[0].i != tokens[0].i or not times or all(t.like_num for t in times):
            continue  # "said in 2019 the rate was ...": a year may well be the content's own
        rest = [t for t in tokens if t.i > phrase[-1].i]
        while rest and rest[0].is_punct:
            rest.pop(0)
        return rest if rest and rest[0].i <= subject.i else tokens
    return tokens


def _pre_is_content(verb: Token, pre: Span) -> bool:
    """The words before the cue are its content: they end in a quotation, hold the verb's complement, or
    govern the verb as an inserted "he said"."""
    last = next((t for t in reversed(pre) if t.text not in {",", "—", "–"} and not t.is_space), None)
    if last is not None and last.text[:1] in "”\"»'’":
        return True
    if any(c.dep_ in _GOVERNED_DEPS and pre.start <= c.i < pre.end for c in verb.children):
        return True
    if (fronted := fronted_clause(verb)) is not None and pre.start <= fronted.i < pre.end:
        return True
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) > 1 and any(pre.start <= c.i < pre.end for c in subjects):
        return True  # "Air strikes killed 27 people, officials said": the first "subject" heads the content
    if postposed_participle(verb) is not None or apposed_speaker(verb) is not None:
        return True  # "Prices will rise from April, the energy regulator announced.": the clause before the comma
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if _kind_before_subject(verb, subject) is not None and verb.head.left_edge.i == pre.end:
        return True  # "..., the union Unison has announced.": the kind of speaker opens the cue's clause
    if _comma_joined_report(verb, subject, pre):
        return True
    return verb.dep_ == "parataxis" and pre.start <= verb.head.i < pre.end


def _comma_joined_report(verb: Token, subject: Token | None, pre: Span) -> bool:
    """ "Tarragon is in talks to sell its frozen unit for 1.8 billion pounds, a source familiar with the matter
    said": after a long clause the parser may join the cue to it as a second conjunct by the comma alone; with no
    "and" or "but" between them and a subject of its own right after that comma, the cue reports the clause."""
    head = verb.head
    if verb.dep_ != "conj" or subject is None or not pre.start <= head.i < pre.end or subject.i > verb.i:
        return False
    if any(c.dep_ in {"cc", "preconj"} for c in head.children if head.i < c.i < verb.i):
        return False
    return subject.left_edge.i == pre.end and verb.doc[pre.end - 1].text == ","


def colon_at_end(post: Span) -> bool:
    """The cue ends its paragraph on a colon ("He said:"): the statement is the next paragraph."""
    words = [t for t in post if not t.is_space]
    return bool(words) and words[-1].text == ":" and all(t.is_punct for t in words)


def starts_sentence(text: str, pos: int, floor: int) -> bool:
    """Nothing but a sentence end, a colon or the paragraph start precedes ``pos``."""
    i = pos
    while i > floor and text[i - 1] in " \t\u00a0":
        i -= 1
    return i <= floor or text[i - 1] in '.?!:”"»’—–'


def _opens_content(post: Span) -> bool:
    """The words after the cue begin a quotation or follow a colon ("said: ...", "said, “...")."""
    for tok in post:
        if tok.text in {",", "—", "–"} or tok.is_space:
            continue
        return tok.text == ":" or tok.text[:1] in "“\"«`'‘" or tok.lower_ == "that"
    return False


def _conjoined_quote(verb: Token, post: Span) -> bool:
    """ "had argued with him for 30 years “and lost most of the time”": a quotation run on into the cue's clause
    that opens with a conjunction joined to the cue's own verb goes on saying what the subject did; it is not what
    the verb reports."""
    words = [t for t in post if not t.is_space]
    return len(words) > 1 and words[0].text[:1] in "“\"«‘'" and words[1].dep_ == "cc" and words[1].head == verb


def side_region(sent: Span, left: int, right: int) -> tuple[int, int] | None:
    """The content of "according to X": the rest of the sentence on the longer side of the cue phrase."""
    doc = sent.doc
    pre = doc[sent.start : left]
    post = doc[right + 1 : sent.end]
    pre_len = 0 if _trivial(pre) else len(pre)
    post_len = 0 if _trivial(post) else len(post)
    if not pre_len and not post_len:
        return None
    side = post if post_len >= pre_len and not (pre_len and _joins_next_clause(post)) else pre
    return side[0].idx, side[-1].idx + len(side[-1])


_CONTRASTING_OPENERS = frozenset({"while", "whereas", "although", "though"})


def _joins_next_clause(post: Span) -> bool:
    """ "Inflation eased to 31.4%, according to the statistics bureau, but food prices rose 38%": words after the
    cue phrase that open on a conjunction join a clause of the narrator's own; the cue qualifies the clause before."""
    first = next((t for t in post if not (t.is_punct or t.is_space)), None)
    return (
        first is not None and first.i > post.start and (first.pos_ == "CCONJ" or first.lower_ in _CONTRASTING_OPENERS)
    )


def previous_quote(text: str, quotes: Sequence[Quote], pos: int, floor: int) -> Quote | None:
    """The quotation that ends right before ``pos`` (only spaces and commas between): "“...,” he said"."""
    i = pos
    while i > floor and text[i - 1] in " \t\u00a0,":
        i -= 1
    if i > floor and text[i - 1] in CLOSING | {'"', "'", "’"}:
        return next((q for q in quotes if q.outer_end == i), None)
    return None


def trim(text: str, start: int, end: int, complementiser: bool = True) -> tuple[int, int]:
    """Strip separators around a content region, and a leading complementiser "that" (never inside a quotation,
    where "That is false" is the speaker's own word)."""
    while start < end and text[start] in _SEPARATORS:
        start += 1
    if complementiser and text[start : start + 5].lower() == "that " and end - start > 5:
        start += 5
        while start < end and text[start] in _SEPARATORS:
            start += 1
    while end > start and text[end - 1] in _SEPARATORS:
        end -= 1
    return start, end


def snap(
    text: str, start: int, end: int, quotes: Sequence[Quote], *, complementiser: bool = True
) -> tuple[int, int, bool]:
    """(start, end, direct): a region that is all one quotation becomes the words inside its marks (the whole
    quotation, even where it runs past the sentence); a partly quoted region keeps its quote marks whole; a region
    whose end is not a quotation loses its sentence-final period."""
    start, end = trim(text, start, end, complementiser)
    dateline = (
        DATED_DATELINE.match(text, start, end)
        or _DATELINE.match(text, start, end)
        or BULLET.match(text, start, end)
        or TIMESTAMP.match(text, start, end)
        or COLON_DATELINE.match(text, start, end)  # a transcript's "REID: " is no part of what anyone said either
        or _wire_slug().match(text, start, end)  # "UPDATE 3-Tarragon Foods in talks ..., sources say"
    )
    # Only where a paragraph opens: a list item's bullet, a live blog's time stamp ("10:31 BST | ") too.
    if dateline and _opens_line(text, start):
        start, end = trim(text, dateline.end(), end)
    if end <= start:
        return start, end, False
    hits = quote_at(quotes, start, end)
    if len(hits) == 1:
        q = hits[0]
        outside = text[start : max(start, q.outer_start)] + text[min(end, q.outer_end) : end]
        if all(ch in _SEPARATORS or ch in _QUOTE_CHARS or ch in ".!?" for ch in outside):
            a, b = trim(text, q.start, q.end, complementiser=False)
            while b > a and text[b - 1] in _QUOTE_CHARS:
                b -= 1
            a, b = trim(text, a, b, complementiser=False)
            return a, b, True
    if hits:
        start, end = min(start, hits[0].outer_start), max(end, hits[-1].outer_end)
        if end == hits[-1].outer_end:  # the quotation closes the region: its marks and what they hold stay
            return start, end, False
    return *_without_final_period(text, start, end), False


@cache
def _wire_slug() -> re.Pattern[str]:
    """A wire's label on the front of a headline ("UPDATE 3-", "EXCLUSIVE-"), from data/publication_notes.json: a
    version of the story, no word of what it reports."""
    words = "|".join(re.escape(w) for w in read_data_file("publication_notes.json")["wire_slugs"]["words"])
    return re.compile(rf"(?:{words})(?: \d+)?-(?=[A-Z0-9])")


def _opens_line(text: str, at: int) -> bool:
    """Whether only spaces come before ``at`` on its line: a plain-text export indents its paragraphs ("   LONDON
    (Reuters) - "), and the paragraph still opens there."""
    return not text[text.rfind("\n", 0, at) + 1 : at].strip()


def _without_final_period(text: str, start: int, end: int) -> tuple[int, int]:
    """The region less the period that ends its sentence (an unquoted tail ends there), keeping that of "U.S."."""
    if text[end - 1] == "." and not (end - start > 2 and text[end - 3] == "."):
        end -= 1
    return trim(text, start, end, complementiser=False)
