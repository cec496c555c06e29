"""Attribution cues: which verbs report speech, and how much of the words around them belong to the cue.

Only verbs of saying (and "according to") make claims: belief and evidence verbs ("thinks", "shows") report no
statement a speaker could be held to. The cue keeps a medium phrase that follows the verb ("said in a tweet").
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

# Lemmas of verbs that report what someone said or wrote.
SPEECH_VERBS: frozenset[str] = frozenset(
    {
        "say", "tell", "add", "write", "tweet", "announce", "deny", "insist", "warn", "state", "claim", "argue",
        "note", "explain", "confirm", "report", "declare", "assert", "acknowledge", "admit", "allege", "predict",
        "promise", "vow", "pledge", "reply", "respond", "answer", "complain", "concede", "contend", "maintain",
        "emphasize", "emphasise", "stress", "recall", "reveal", "disclose", "testify", "observe", "remark",
        "comment", "counter", "retort", "repeat", "reiterate", "recount", "boast", "joke", "quip", "mention",
        "indicate", "estimate", "suggest", "assure", "caution", "conclude", "proclaim", "exclaim", "shout",
        "post", "blog", "text", "email", "affirm", "charge", "lament", "tout", "brag", "concur", "continue",
        "point", "clarify", "urge", "accuse", "dismiss", "scoff", "grumble", "muse",
        "speculate", "posit", "signal", "hint", "yell", "scream", "cry", "sigh", "agree", "rule", "find", "opine",
        "forecast", "inform", "imply", "highlight", "demand",
    }
)  # fmt: skip

# Verbs that report speech only with a particle ("shot back that ...", "hit back: ..."), lemma -> particle.
PHRASAL_SPEECH_VERBS: dict[str, str] = {"shoot": "back", "hit": "back", "fire": "back"}

# Verbs that report speech only in a set-off "as" clause with this object ("As one care worker put it to me, ..."),
# lemma -> object; the clause the "as" clause hangs on is what was said.
AS_PHRASED: dict[str, str] = {"put": "it"}

# Verbs that report speech only with this object, "to" a listener and a "that" clause ("Counsel put it to her that
# the warning was the reason"), lemma -> object: what a questioner asserts for the other to accept or deny.
PUT_TO_LISTENER: dict[str, str] = {"put": "it"}

# Verbs that pass a "saying" on to their object ("The paper quoted a senior official as saying ...", "Reuters cited
# a source as saying ..."): the object is the speaker, the subject only reports it.
QUOTING_AS: frozenset[str] = frozenset({"quote", "cite"})

# Verbs that only report speech when a clause or quotation follows (never through a plain object: a company
# "recalling 210,000 kettles" says nothing).
CLAUSE_ONLY: frozenset[str] = frozenset(
    {"continue", "point", "agree", "add", "note", "charge", "signal", "post", "rule", "find", "forecast",
     "recall", "inform", "imply", "highlight", "demand", *PHRASAL_SPEECH_VERBS}
)  # fmt: skip

# Verbs that report a statement only with an explicit "that" clause ("the study found that ..."; not "police found
# the car abandoned", "the judge found him guilty").
THAT_ONLY: frozenset[str] = frozenset({"find"})

# Makers of findings, whose "found" reports a finding with no "that" too when the finding comes first ("The trust
# ignored the warnings, an independent review found"); police and searchers find things as well as facts.
FINDINGS_MAKERS: frozenset[str] = frozenset(
    {"report", "review", "inquiry", "investigation", "audit", "inquest", "study", "survey", "analysis", "research",
     "evaluation", "assessment", "probe", "poll"}
)  # fmt: skip

# Adjectives that put an infinitive of saying after an "it" that only holds its place ("It's fair to say ...", "it
# is important to note that ...", "it is too early to say"): no one is said to say anything.
EXTRAPOSING_ADJECTIVES: frozenset[str] = frozenset(
    {"fair", "safe", "true", "hard", "difficult", "easy", "important", "worth", "impossible", "possible", "early",
     "reasonable", "accurate", "interesting", "tempting", "premature", "needless", "necessary", "wrong", "right",
     "tough", "vital", "crucial", "notable", "striking", "sobering", "useful", "honest", "enough"}
)  # fmt: skip

# Adjectives after "was" that pass an infinitive of saying to the subject of "was" ("Okafor was quick to say that
# ...", "was keen to stress", "was careful to point out"): they tell how readily the subject said it, not whether.
# "unable", "reluctant", "free" (to say) are not here: they say nothing was said.
EAGER_ADJECTIVES: frozenset[str] = frozenset(
    {"quick", "keen", "eager", "careful", "swift", "anxious", "happy", "glad", "pleased", "proud"}
)  # fmt: skip

# Verbs by which a speaker denies the content they govern ("denied that …", "rejected claims that …").
DENIAL_VERBS: frozenset[str] = frozenset({"deny", "dismiss", "reject", "refute", "dispute"})

# Nouns naming someone else's statement, whose "that" clause a denial verb denies ("denied reports that …").
CLAIM_NOUNS: frozenset[str] = frozenset(
    {"report", "claim", "allegation", "suggestion", "rumour", "rumor", "accusation", "charge", "assertion",
     "speculation", "notion", "idea", "account"}
)  # fmt: skip

# Nouns of a medium that may follow the verb inside the cue: "said in a tweet", "wrote in a statement".
MEDIA: frozenset[str] = frozenset(
    {
        "tweet", "statement", "interview", "email", "e-mail", "letter", "release", "speech", "post", "message",
        "conference", "briefing", "video", "op-ed", "column", "memo", "filing", "report", "call", "remarks",
        "address", "blog", "note", "text", "radio", "television", "broadcast", "podcast", "appearance", "rally",
        "hearing", "testimony", "essay", "article", "book", "twitter", "facebook", "instagram", "telegram", "website",
    }
)  # fmt: skip

# Verbs that, with a "why"/"how" clause and a thing for subject, say what causes something, not what anyone said
# ("Loneliness at work may explain why young staff leave").
CAUSAL_WITH_QUESTION: frozenset[str] = frozenset({"explain"})

# What "according to" may name instead of a speaker: the speaker is then its author ("a report by the Pentagon").
DOCUMENTS: frozenset[str] = MEDIA | frozenset(
    # "datum": the lemma the tagger gives "Data from the ONS show that ..."
    {"document", "study", "research", "analysis", "data", "datum", "figure", "estimate", "poll", "survey", "statistic"}
)


def shows_findings(token: Token) -> bool:
    """ "Figures from the statistics office show rents rose 8.7%", "Acme's data showed that ...": "show" with a
    clause, its subject a document that names its maker, reports what that maker published. "show" stays no verb
    of saying otherwise ("the video shows", "polls show" with no one behind them)."""
    if token.pos_ != "VERB" or token.lemma_.lower() != "show":
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lemma_.lower() not in DOCUMENTS - MEDIA:
        return False
    if not any(c.dep_ == "ccomp" for c in token.children) and not _shown_before(token, subject):
        return False
    return any(
        (c.dep_ == "poss" and c.pos_ == "PROPN")
        or (c.dep_ in {"nmod", "compound"} and c.pos_ == "PROPN" and c.ent_type_ == "ORG")
        or (c.dep_ == "prep" and c.lower_ in {"by", "from"} and any(g.dep_ == "pobj" for g in c.children))
        for c in subject.children
    )


def _shown_before(verb: Token, subject: Token) -> bool:
    """ "Shipments fell 4% in the quarter, data from research firm Canalview showed on Wednesday, as ...": the
    finding is the clause before, the cue set after it by a comma with no object of its own."""
    opening = subject.left_edge.i
    if opening < 2 or verb.doc[opening - 1].text != "," or verb.i <= subject.i:
        return False
    if any(c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "advmod"} and c.i > verb.i for c in verb.children):
        return False
    return any(t.pos_ in {"VERB", "AUX"} for t in verb.doc[verb.sent.start : opening - 1])


def is_speech_verb(token: Token) -> bool:
    """A verb token whose lemma reports speech ("said", "tweeted", "adding", "shot back")."""
    if token.pos_ not in {"VERB", "AUX"} or not token.tag_.startswith("VB"):
        return False
    lemma = token.lemma_.lower()
    if lemma in SPEECH_VERBS:
        return True
    particle = PHRASAL_SPEECH_VERBS.get(lemma)
    if particle is not None:
        return _particle(token, particle) is not None
    if (put_object := PUT_TO_LISTENER.get(lemma)) is not None and _put_to_listener(token, put_object):
        return True
    obj = AS_PHRASED.get(lemma)
    return obj is not None and _as_phrased(token, obj)


def _put_to_listener(verb: Token, obj: str) -> bool:
    """ "Mr Hale put it to her that the warning ... was the reason": the object, "to" someone and a clause opened by
    "that" after them, which is what the questioner said; "put it to a vote" has no such clause."""
    children = list(verb.children)
    return (
        any(c.dep_ == "dobj" and c.lower_ == obj and c.i == verb.i + 1 for c in children)
        and any(c.dep_ == "prep" and c.lower_ == "to" and c.i == verb.i + 2 for c in children)
        and any(
            c.dep_ == "ccomp" and c.i > verb.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in children
        )
    )


def _as_phrased(verb: Token, obj: str) -> bool:
    """ "As she put it (to me, in a speech), ...": the verb has the object and an "as" of its own, in a clause hung
    on another; no particle or place ("As she put it down", "put it on the table": a thing put somewhere)."""
    placed = any(
        c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ not in {"to", "as"} and medium_of(c) is None)
        for c in verb.children
    )
    # the parser may hang the "as" clause on the clause after it as its complement, or make it the root with that
    # clause for its own complement: either way the "as" opens it and the other clause is what was said
    hung = verb.dep_ == "advcl" or (verb.dep_ == "ccomp" and verb.head.i > verb.i)
    rooted = verb.dep_ == "ROOT" and any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children)
    return (
        (hung or rooted)
        and not placed
        and any(c.dep_ == "dobj" and c.lower_ == obj for c in verb.children)
        and opened_by_as(verb)
    )


def opened_by_as(verb: Token) -> bool:
    """Whether an "as" opens the verb's clause: its subordinator, or, where the parser took it for a preposition
    ("But, as a shop owner put it to me, ..."), an "as" before the verb's subject (no preposition comes there)."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return any(
        c.lower_ == "as"
        and (c.dep_ == "mark" or (c.dep_ == "prep" and subject is not None and c.i < subject.left_edge.i))
        for c in verb.children
    )


def _particle(verb: Token, word: str) -> Token | None:
    """The particle right after a phrasal verb ("shot back"), whether parsed as a particle or an adverb."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.head.i == verb.i and nxt.dep_ in {"prt", "advmod"} and nxt.lower_ == word:
        return nxt
    return None


# Verbs whose infinitive complement did not happen: "refused to confirm", "failed to say", "declined to deny"; or
# has not happened yet, only asked for or planned: "asked the minister to explain", "urged him to confirm", "plans
# to announce", "is expected to say" (not "wanted to stress that ...", which reports that he did).
NEGATING_HEADS: frozenset[str] = frozenset(
    {"refuse", "fail", "decline", "ask", "urge", "request", "invite", "press", "plan", "intend", "expect"}
)


# Verbs whose "from" + gerund did not happen: "banned presenters from saying", "barred the firm from claiming",
# "refrained from suggesting"; whoever is named said nothing.
PREVENTING_HEADS: frozenset[str] = frozenset(
    {"ban", "bar", "stop", "prevent", "prohibit", "forbid", "block", "restrain", "gag", "deter", "discourage",
     "refrain", "abstain", "desist", "keep"}
)  # fmt: skip

# Subjects that say no one spoke ("Nobody said that ...", "None of the ministers has claimed ..."); a subject
# with the determiner "no" does the same ("No department has announced one", "no one").
NEGATIVE_SUBJECTS: frozenset[str] = frozenset({"nobody", "none", "neither", "no-one", "noone"})


def negated_cue(verb: Token, quoted: Callable[[Token], bool] = lambda _: False) -> bool:
    """The speech verb is negated ("did not say that", "never confirmed that", "refused to deny that", "no
    minister has said that"): the speaker made no statement, so nothing may be stored as theirs, asserted or
    denied. A "not" inside a quotation (``quoted``) is the speaker's word, not a negation of the cue ("“Absolutely
    not,” Smith said")."""
    if any(c.dep_ == "neg" and not quoted(c) for c in verb.children):
        return True
    if any(_negative_subject(c) and not quoted(c) for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
        return True
    if verb.dep_ == "pcomp" and verb.head.lower_ == "from" and verb.head.head.lemma_.lower() in PREVENTING_HEADS:
        return True  # "banned presenters from saying ...", "refrained from claiming ..."
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() in NEGATING_HEADS


def _negative_subject(subject: Token) -> bool:
    """A subject that names no one: "nobody", "none of them", "no department", "no one"; not "A No 10
    spokesman" (Downing Street's number)."""
    if subject.lower_ in NEGATIVE_SUBJECTS:
        return True
    doc = subject.doc
    return any(
        c.dep_ == "det" and c.lower_ == "no" and not (c.i + 1 < len(doc) and doc[c.i + 1].text[:1].isdigit())
        for c in subject.children
    )


def cue_tokens(verb: Token) -> list[Token]:
    """The cue as written, left to right: the verb, a particle ("point out"), and a medium phrase directly
    after it ("said in a tweet", "said in an interview")."""
    tokens = [verb]
    nxt = verb.i + 1
    doc = verb.doc
    phrasal = PHRASAL_SPEECH_VERBS.get(verb.lemma_.lower())
    if (
        nxt < len(doc)
        and doc[nxt].head.i == verb.i
        and (doc[nxt].dep_ == "prt" or (phrasal is not None and _particle(verb, phrasal) is not None))
    ):
        tokens.append(doc[nxt])
        nxt += 1
    if nxt < len(doc) and doc[nxt].head.i == verb.i:
        medium = medium_of(doc[nxt])
        if medium is not None:
            tokens.extend(doc[nxt : medium.i + 1])
    return tokens


def medium_of(prep: Token) -> Token | None:
    """The medium noun when ``prep`` opens "in a tweet", "on Twitter", "in a statement"; None otherwise."""
    if prep.dep_ != "prep" or prep.lower_ not in {"in", "on"}:
        return None
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return objects[0] if objects and objects[0].lemma_.lower() in MEDIA else None


def denied_clause(verb: Token) -> Token | None:
    """What a denial verb denies when it is no "that" clause of its own: the clause of a statement noun ("killed"
    in "denied reports that 40 soldiers had been killed": the parser hangs the clause on the noun), or a gerund
    ("supplying" in "denied supplying weapons", "taken" in "denied having taken money"); None otherwise."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in DENIAL_VERBS:
        return None
    for gerund in verb.children:
        if gerund.dep_ == "xcomp" and gerund.i > verb.i and _is_gerund(gerund):
            return gerund
    for noun in verb.children:
        if noun.dep_ == "dobj" and noun.lemma_.lower() in CLAIM_NOUNS and (clause := that_clause(noun)):
            return clause
    return None


def medium_clause(verb: Token) -> Token | None:
    """The "that" clause the parser hung on the noun of the verb's medium ("said in a statement that the strike
    was lawful": "was" hangs on "statement"), which is what the verb reports; None otherwise. Only a clause opened
    by the complementiser "that" ("in a statement released on Sunday" describes the statement). So too a clause
    with a subject of its own whose "that" the parser took for a relative adverb ("said at the time that the report
    was wrong": "time that" is no time the report was wrong in), as for "told ... at the time that"."""
    if verb.pos_ != "VERB" or verb.lemma_.lower() not in SPEECH_VERBS:
        return None
    # any noun after a preposition: "at a news conference that" as much as "in a tweet"; so too the passive's "by"
    # ("It was announced by the company that talks would resume": the parser hung the clause on "company")
    for prep in verb.children:
        if prep.dep_ not in {"prep", "agent"} or prep.i < verb.i:
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and (
                clause := that_clause(noun) or _that_clause_on(noun) or _on_its_participle(noun)
            ):
                return clause
            if noun.dep_ == "pcomp" and (clause := _past_an_errand(noun)):
                return clause
    return None


# Who is told something, not what: "told the inquest the pair had stepped over the rope" is no inquest the pair
# had stepped over, but what the inquest was told.
_LISTENERS = frozenset(
    {"inquest", "hearing", "jury", "juror", "court", "tribunal", "inquiry", "committee", "reporter", "journalist",
     "audience", "crowd", "parliament", "peer", "mp", "lawmaker", "senator", "investor", "analyst", "conference",
     "meeting", "rally", "staff", "council", "panel", "programme", "program", "podcast", "newspaper", "show",
     "briefing"}
)  # fmt: skip


def is_listener(noun: Token) -> bool:
    """A noun for those who are told something ("reporters", "the inquest", "investors")."""
    return noun.lemma_.lower() in _LISTENERS


def told_clause(verb: Token) -> Token | None:
    """The clause after the one told that the parser made a relative clause of them, with no "that" and a subject
    of its own at its start ("told the inquest the pair had stepped over a low rope"): what they were told."""
    if verb.lemma_.lower() != "tell":
        return None
    for listener in verb.children:
        if listener.dep_ not in {"dobj", "dative"} or listener.i < verb.i:
            continue
        if not (listener.lemma_.lower() in _LISTENERS or listener.ent_type_ in {"PERSON", "ORG"}):
            continue
        for clause in listener.children:
            subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if (
                clause.dep_ == "relcl"
                and subject is not None
                and subject.left_edge.i == clause.left_edge.i
                and subject.lower_ not in {"that", "which", "who", "whom"}
                and clause.left_edge.i > listener.i
            ):
                return clause
        if (marked := _marked_as_relative(listener)) is not None:
            return marked
        if (timed := _after_told_when(verb, listener)) is not None:
            return timed
    return None


def _after_told_when(verb: Token, listener: Token) -> Token | None:
    """ "told the Whitstable Times at the time that both had been restored": a "that" clause with a subject of its
    own that the parser hung on the noun of a phrase after the listener ("at the time", "in an interview") as its
    relative clause; "tell" has nothing else told, so the clause is what the listener was told."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.i < listener.i:
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and (clause := _that_clause_on(noun)) is not None:
                return clause
    return None


def _on_its_participle(noun: Token) -> Token | None:
    """ "said in a notice posted Tuesday that it had received 37 reports": the parser hung the "that" clause on the
    participle that says when or where the medium came out ("posted", "released", "issued"); a notice is not posted
    that something happened, so the clause is what the verb of saying reports."""
    for participle in noun.rights:
        if participle.dep_ == "acl" and participle.tag_ == "VBN":
            return that_clause(participle)
    return None


def _that_clause_on(noun: Token) -> Token | None:
    for clause in noun.children:
        if clause.dep_ not in {"relcl", "acl"} or clause.i < noun.i:
            continue
        opener = clause.doc[clause.left_edge.i]
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if (
            opener.lower_ == "that"
            and opener.dep_ in {"mark", "advmod"}
            and opener.head.i == clause.i
            and subject is not None
            and subject.i > opener.i
            and subject.lower_ not in {"that", "which", "who", "whom"}
        ):
            return clause
    return None


def listener_compounded(verb: Token, first: Token) -> bool:
    """ "Water boss tells MPs bonuses were earned": the one told, right after "tell" (which always has someone it
    tells), that the parser made a modifier of the told clause's subject ("MPs bonuses"): not what was told."""
    if verb.lemma_.lower() != "tell" or first.i != verb.i + 1 or first.dep_ != "compound":
        return False
    if not (is_listener(first) or (first.lower_.endswith("s") and first.lower_[:-1] in _LISTENERS)):  # "MPs"
        return False
    if any(c.dep_ in {"dobj", "dative"} and c.i > verb.i for c in verb.children):
        return False
    return first.head.dep_ in {"nsubj", "nsubjpass"} and first.head.i > first.i


def _marked_as_relative(listener: Token) -> Token | None:
    """ "told a crowd of about 2,000 supporters that she would fight ...": a clause the parser hung on the listener
    (or the people it is "of") as a relative clause though the complementiser "that" opens it and it has a subject
    of its own; no relative clause is so made, so it is what the listener was told. So too one hung as the noun's
    own clause ("told the inquest that the service had been ...": acl), as if the inquest were a fact. Its "that" may
    be read as the clause's object ("told a news briefing that China's fleet operated ..."): one told has been told
    something, and a clause with a subject of its own after them is that."""
    for clause in listener.subtree:
        if clause.dep_ not in {"relcl", "acl"} or clause.left_edge.i <= listener.i:
            continue
        opener = clause.doc[clause.left_edge.i]
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if (
            opener.lower_ == "that"
            and opener.dep_ in {"mark", "dobj"}
            and opener.head.i == clause.i
            and subject is not None
            and subject.i > opener.i
            and subject.lower_ not in {"that", "which", "who", "whom"}
        ):
            return clause
    return None


# Verbs that take someone and then a "that" clause of their own ("after warning staff that ...").
_TELLING = frozenset({"tell", "warn", "assure", "inform", "remind", "convince", "persuade", "show", "teach", "promise"})


def _past_an_errand(gerund: Token) -> Token | None:
    """ "said after meeting his Turkish counterpart in Athens that both sides wanted ...": a "that" clause the
    parser hung on a gerund of the verb's time phrase that already has its object and tells no one anything is the
    verb's own."""
    if gerund.tag_ != "VBG" or gerund.lemma_.lower() in SPEECH_VERBS | _TELLING:
        return None
    objects = [c for c in gerund.children if c.dep_ == "dobj"]
    for clause in gerund.children:
        if clause.dep_ != "ccomp" or not objects or objects[0].i > clause.i:
            continue
        first = clause.left_edge
        if first.lower_ == "that" and first.pos_ == "SCONJ":
            return clause
    return None


_THAT_CLAUSE_DEPS = frozenset({"acl", "ccomp", "relcl"})


def that_clause(head: Token) -> Token | None:
    """The clause with the complementiser "that" the parser hung on ``head``: a noun ("reports that ...") or a
    verb ("found that ..."). A relative clause counts when its "that" is a complementiser, not a pronoun ("told
    analysts on a call that orders had fallen": the parser made it a relative clause of "call")."""
    for clause in head.children:
        if clause.dep_ in _THAT_CLAUSE_DEPS and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            return clause
        if clause.dep_ == "relcl" and _that_beside_a_subject(clause):
            return clause
    return None


def _that_beside_a_subject(clause: Token) -> bool:
    """A "relative clause" opened by "that" with a subject of its own besides it ("a call that costs would rise"):
    no relative clause has two subjects, so the "that" is a complementiser the parser took for a pronoun."""
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if (
        len(subjects) == 2
        and subjects[0].lower_ == "that"
        and subjects[0].i == clause.left_edge.i
        and subjects[1].i > subjects[0].i
    ):
        return True
    return _complementiser_then_subject(clause, subjects)


def _complementiser_then_subject(clause: Token, subjects: list[Token]) -> bool:
    """ "told investors on a call that the shortage would ease": the parser hung the "that" on the clause as its
    object, but tagged it a complementiser (a relative "that" is a pronoun, WDT), and the clause has a subject
    right after it; so the "that" opens a reported clause, not a relative one. So does a "that" tagged a pronoun
    and made the clause's object when the clause has an object of its own ("said in its written reasons that
    Marchetti had used foul language": no verb takes two direct objects), or made the object of an adjective
    deeper in the clause ("told reporters at the daily briefing that the president had made himself very clear":
    no adjective takes a direct object)."""
    first = clause.left_edge
    if first.lower_ != "that" or not any(s.left_edge.i == first.i + 1 for s in subjects):
        return False
    if first.dep_ == "dobj" and first.head.pos_ == "ADJ" and first.head.i > first.i:
        return True
    return first.head.i == clause.i and (
        first.tag_ == "IN" or (first.dep_ == "dobj" and _another_object(clause, first))
    )


def _another_object(clause: Token, first: Token) -> bool:
    return any(c.dep_ == "dobj" and c.i != first.i for c in clause.children)


def _is_gerund(token: Token) -> bool:
    """ "supplying", or "taken" under "having": an action the subject is said to have done."""
    if token.tag_ == "VBG":
        return True
    return token.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "having" for c in token.children)


def according_to(token: Token) -> Token | None:
    """The object of "according to" when ``token`` is its "according"; None otherwise."""
    if token.lower_ != "according":
        return None
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if objects:
        return objects[0]
    nxt = token.i + 2
    if nxt >= len(doc) or doc[nxt].pos_ not in {"PROPN", "NOUN", "PRON"}:
        return None
    named = doc[nxt]
    # "According to Morningstar analyst Karen Oyelaran, the market ...": with no object the parser may make the
    # name the clause's subject, the words before it its compounds; the name they lead to, before any comma
    while named.dep_ == "compound" and named.head.i > named.i and all(t.text != "," for t in doc[nxt : named.head.i]):
        named = named.head
    return named


def in_view_of(token: Token) -> tuple[Token, Token] | None:
    """ "In his view, ...", "in the view of Lena Park": the "view" and whose it is, when ``token`` is the "in"
    of such a phrase hung on the clause it qualifies; a paraphrase of what that person told the writer, as
    "according to him" is. None otherwise ("in view of the costs" names no one)."""
    if token.lower_ != "in" or token.dep_ != "prep" or token.head.pos_ not in {"VERB", "AUX"}:
        return None
    view = next((c for c in token.children if c.dep_ == "pobj" and c.lower_ == "view"), None)
    if view is None:
        return None
    owner = next((c for c in view.children if c.dep_ == "poss"), None)
    if owner is None and any(c.dep_ == "det" and c.lower_ == "the" for c in view.children):
        of = next((c for c in view.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if owner is None or (owner.pos_ == "PRON" and owner.lower_ not in {"his", "her", "their"}):
        return None  # "in my view" is the writer's own
    return view, owner


def reported_participle(verb: Token) -> bool:
    """ "said the line would take cars off the road, adding that ...": a speech participle the parser hung on the
    first verb's reported clause, with no subject of its own. Like ``reported_conjunct``, it is that speaker's,
    unless the reported clause has a named person for subject. So is one hung on the clause of an adjective of
    feeling or stance ("was furious that the winner stood, insisting ..."): whoever was furious insists."""
    head = verb.head
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in {"advcl", "xcomp", "conj"}
        and is_speech_verb(verb)
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
        and head.dep_ == "ccomp"
        and (is_speech_verb(head.head) or stance_adjective(head.head))
        and not any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in head.children)
    )


def eager_adjective(tok: Token) -> bool:
    """ "quick" in "Okafor was quick to say ...": an adjective of ``EAGER_ADJECTIVES`` as the complement of a verb."""
    return tok.pos_ == "ADJ" and tok.dep_ == "acomp" and tok.lemma_.lower() in EAGER_ADJECTIVES


def stance_adjective(tok: Token) -> bool:
    """ "furious", "adamant", "confident" as the complement of "was", or that "was" itself (the parser may hang the
    clause on either): an adjective whose clause says what the subject of "was" felt or held."""
    if tok.pos_ == "ADJ":
        return tok.dep_ == "acomp" and tok.head.i != tok.i
    return tok.lemma_.lower() == "be" and any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in tok.children)


def passive(verb: Token) -> bool:
    """ "was told", "had been warned": a verb in the passive, whose subject is who heard, not who spoke."""
    return any(c.dep_ == "auxpass" for c in verb.children)


def reported_conjunct(verb: Token) -> bool:
    """A second speech verb the parser joined to the first one's content ("said his side had been naive and
    insisted the referee ...", "argued that X and claimed that Y"): no subject of its own, conjoined to a verb
    that is not one of saying but is the complement of one, whose subject is no named person. It shares that verb's
    speaker."""
    head = verb.head
    named_subject = any(c.dep_ == "nsubj" and c.pos_ == "PROPN" for c in head.children)
    return (
        verb.dep_ == "conj"
        and is_speech_verb(verb)
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
        and not passive(verb)  # "said she had raised it and had been told that ...": told is what befell her
        and not is_speech_verb(head)
        and head.dep_ == "ccomp"
        and is_speech_verb(head.head)
        and not named_subject  # "told jurors that Whitaker handed her a box and said: ...": Whitaker said it
        and (verb.lemma_.lower() not in THAT_ONLY or that_clause(verb) is not None)  # "... and found a man": no saying
        and not _wrote_a_thing(verb)
    )


def _wrote_a_thing(verb: Token) -> bool:
    """ "said his client was sorry and had written a letter to the family": writing with an object and no clause
    of its own is a deed the speaker reports (a letter, a book), not a second saying."""
    return (
        verb.lemma_.lower() == "write"
        and any(c.dep_ == "dobj" for c in verb.children)
        and not any(c.dep_ in {"ccomp", "xcomp", "parataxis"} for c in verb.children)
        and that_clause(verb) is None
    )
