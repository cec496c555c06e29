"""Explicit, deterministic signals between a premise (an earlier claim) and a hypothesis (a new statement).

A neural NLI model misses what a fact-checker looks at first: a changed number, a changed date, a dropped or
added negation, a verb turned into its opposite. These functions find those cheaply and explainably, so a judge
can move probability towards "contradiction" and show the user *why*.

Every signal is gated on topic: a mismatch only counts when the two statements share content words around it
(the same quantity, the same event), otherwise two unrelated facts with different numbers would look like a
contradiction. Decisions worth knowing:

* Numbers are intervals. "about/around/roughly/some/approximately X" is X ± 10 %, "nearly/almost X" is
  [0.9·X, X], "more than/over/at least X" is [X, ∞), "less than/under/up to/at most X" is [0, X],
  "hundreds/thousands of" are [200, 999] / [2,000, 9,999]. Two bare numbers must be equal. So
  "about 2,500" vs "2,400" is compatible, "2,500" vs "2,400" is a (weak) mismatch, "about 2,500" vs
  "10,000" a strong one. "rose *by* 500" is a change, compared only with other changes.
* Bare four-digit numbers 1900-2099 are years (dates), not quantities, unless a noun follows ("2000 troops").
* Words are reduced with a small explicit lemma table (irregular forms, synonyms, antonym groups) plus a light
  suffix stemmer, not spaCy: deterministic, fast, no model to load.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

SIGNAL_NAMES: tuple[str, ...] = (
    "number_mismatch",
    "date_mismatch",
    "negation",
    "antonym",
    "place_mismatch",
    "low_overlap",
    "extra_content",
    "number_match",
)
# Signals that speak for "contradiction"; low_overlap and extra_content speak for "neutral", number_match against
# a contradiction.
CONTRADICTION_SIGNALS: frozenset[str] = frozenset(SIGNAL_NAMES[:5])

CONTEXT_WINDOW = 6  # content words either side of a number, date or place that describe what it is about
# Content words either side of an opposite word ("rose", "young") that it is about; both sides' words must share one.
ANTONYM_WINDOW = 3
APPROXIMATE_TOLERANCE = 0.10  # "about 2,500" means 2,250..2,750
LOW_OVERLAP_COVERAGE = 0.3  # below this share of hypothesis content words found in the premise: low_overlap
# A hypothesis that brings this many content words the premise never mentions says more than the premise can
# settle (a tweet around a fact-checked claim); full strength at twice as many.
EXTRA_CONTENT_MIN_WORDS = 8
FULL_RELATEDNESS = 0.6  # overlap at which a signal counts at full strength
MATCH_MIN_FIGURE = 10  # smallest count taken as a figure rather than a description (number_match, _short_counts)
PLACE_MISMATCH_STRENGTH = 0.8  # places nest ("Baghdad" is in Iraq) and vary in naming: trusted less


# --------------------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    """Whitespace-separated word list: keeps the long vocabularies below readable."""
    return text.split()


STOPWORDS: frozenset[str] = frozenset(
    _words(
        """
    a an the and or but if then than that this these those there here which who whom whose what when where why how
    of in on at to from by for with about into onto over under above below between through during before after
    since until till upon within across along around among against toward towards per via
    i me my we us our you your he him his she her it its they them their itself themselves himself herself
    is are was were be been being am do does did done doing have has had having will would shall should can could
    may might must also too very so such just only even still yet already both either each every all any some
    more most other another same own as out up down off again further once
    say said says saying tell told tells add added adds according
    number one's mr mrs ms dr gen col lt sen rep
    roughly approximately nearly almost exactly circa least fewer less
    """
    )
)

NEGATION_WORDS: frozenset[str] = frozenset(
    _words(
        """
    not no never none nobody nothing neither nor nowhere without
    deny denies denied denying refuse refuses refused refusing
    """
    )
)
# The grammatical negations an NLI model learns from its data; the other cues (deny, refuse, "against the will
# of", "failed to") say "not" in words it reads poorly. A judge may weigh the two kinds differently.
PLAIN_NEGATIONS: frozenset[str] = frozenset(_words("not no never none nobody nothing neither nor nowhere without"))
# Cues that negate what comes before them as well as after ("the claim was denied").
_DENY_FORMS = frozenset({"deny", "denies", "denied", "denying"})
_TWO_SIDED_NEGATIONS = _DENY_FORMS | {"refuse", "refuses", "refused", "refusing"}
_NEGATION_PHRASES: tuple[tuple[str, ...], ...] = (
    ("against", "the", "will"),
    ("against", "the", "wishes"),
    ("against", "the", "wish"),
    ("no", "longer"),
    ("lack", "of"),
    ("absence", "of"),
    ("fail", "to"),
    ("fails", "to"),
    ("failed", "to"),
)
# Word sequences that contain a negation word but do not negate the statement.
_NOT_NEGATIONS: tuple[tuple[str, ...], ...] = (
    ("not", "only"),
    ("no", "doubt"),
    ("without", "doubt"),
    ("no", "more", "than"),
    ("no", "less", "than"),
    ("no", "fewer", "than"),
    ("not", "more", "than"),
    ("not", "less", "than"),
    ("not", "fewer", "than"),
)

# Surface form -> canonical lemma for names and demonyms, so "U.S." and "American" count as the same word.
_ALIASES: dict[str, str] = {
    "u.s.": "usa",
    "u.s.a.": "usa",
    "usa": "usa",
    "america": "usa",
    "american": "usa",
    "americans": "usa",
    "u.k.": "britain",
    "uk": "britain",
    "british": "britain",
    "england": "britain",
    "iraqi": "iraq",
    "iraqis": "iraq",
    "iranian": "iran",
    "iranians": "iran",
    "syrian": "syria",
    "kurdish": "kurd",
    "kurds": "kurd",
    "turkish": "turkey",
    "israeli": "israel",
    "israelis": "israel",
    "afghan": "afghanistan",
    "russian": "russia",
    "russians": "russia",
    "chinese": "china",
    "french": "france",
    "german": "germany",
    "germans": "germany",
    "european": "europe",
    "saudi": "saudi-arabia",
    "isil": "isis",
    "daesh": "isis",
    "u.n.": "united-nations",
    "un": "united-nations",
}
_MULTIWORD_ALIASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bunited states(?: of america)?\b", re.IGNORECASE), "USA"),
    (re.compile(r"\bunited kingdom\b", re.IGNORECASE), "Britain"),
    (re.compile(r"\bunited nations\b", re.IGNORECASE), "United-Nations"),
    (re.compile(r"\bislamic state\b", re.IGNORECASE), "ISIS"),
    (re.compile(r"\bsaudi arabia\b", re.IGNORECASE), "Saudi-Arabia"),
    (re.compile(r"\bper cent\b", re.IGNORECASE), "percent"),
    (re.compile(r"\bcannot\b", re.IGNORECASE), "can not"),
    (re.compile(r"\b(?:take|takes|took|taken|taking) place\b", re.IGNORECASE), "held"),
)

# Words that mean the same thing for overlap purposes: every form maps to the group's first word.
_SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("troop", "troops", "soldier", "soldiers", "personnel", "force", "forces", "servicemember", "servicemembers"),
    ("talk", "talks", "negotiation", "negotiations", "discussion", "discussions", "dialogue", "dialog"),
    ("session", "sessions", "round", "rounds", "meeting", "meetings", "meet", "meets", "met"),
    ("hold", "holds", "held", "holding", "convene", "convened", "convenes"),
    ("assist", "assists", "assisted", "help", "helps", "helped", "aid", "aided"),
    ("request", "requests", "requested", "invitation", "invite", "invited", "ask", "asked", "asks"),
    ("military", "army", "armed"),
    ("country", "countries", "nation", "nations", "state", "states"),
    ("coalition", "coalitions", "alliance", "alliances"),
    ("agree", "agrees", "agreed", "agreeing", "agreement"),
    ("plan", "plans", "planned", "planning", "roadmap"),
)

# Antonym groups: each entry is (group A, group B); every base word gets its inflections generated below.
# A word in a group also counts as a synonym of the group's first word.
# Words that are negation cues (deny, refuse, fail) are deliberately absent: negation handles them.
_ANTONYM_GROUPS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("increase", "rise", "grow", "climb", "surge", "jump", "soar", "expand", "swell", "raise", "boost"),
        (
            "decrease",
            "drop",
            "fall",
            "decline",
            "shrink",
            "plunge",
            "sink",
            "reduce",
            "cut",
            "dip",
            "slump",
            "diminish",
            "tumble",
            "plummet",
            "lower",
        ),
    ),
    (("agree", "accept", "approve", "endorse"), ("reject", "disagree", "veto", "dismiss")),
    (("support", "favor", "favour", "endorse"), ("oppose", "resist", "condemn", "reject")),
    (("withdraw", "leave", "exit", "depart", "retreat", "evacuate", "pull"), ("stay", "remain")),
    (("withdraw", "leave", "exit", "depart", "retreat", "evacuate", "pull"), ("deploy", "send", "dispatch")),
    (("join",), ("withdraw", "leave", "quit")),
    (("respect", "honor", "honour", "uphold"), ("violate", "disrespect", "breach", "infringe", "disregard")),
    (("begin", "start", "launch", "resume"), ("end", "finish", "conclude", "halt", "stop", "suspend", "cancel")),
    (("win", "victory", "succeed", "success", "successful"), ("lose", "defeat", "failure", "unsuccessful")),
    (("allow", "permit", "authorize", "authorise", "legalize"), ("ban", "forbid", "prohibit", "block")),
    (("include",), ("exclude", "omit")),
    (("strengthen", "improve", "deepen"), ("weaken", "worsen", "deteriorate", "undermine")),
    (("ally", "friend", "partner"), ("enemy", "foe", "adversary")),
    (("peace", "peaceful", "ceasefire"), ("war", "violent", "violence")),
    (("true", "correct", "accurate"), ("false", "incorrect", "wrong", "inaccurate")),
    (("public",), ("secret", "private", "covert")),
    (("open",), ("shut", "closed")),
    (("permanent", "long-term", "lasting", "enduring"), ("temporary", "short-term", "brief")),
    (("high", "higher", "highest"), ("low", "lowest")),
    (("large", "big", "huge"), ("small", "little", "tiny")),
    (("strong",), ("weak",)),
    (("rich", "wealthy"), ("poor",)),
    (("early",), ("late",)),
    (("present",), ("absent",)),
    (("alive",), ("dead",)),
    (("guilty",), ("innocent",)),
    (("man", "male", "boy"), ("woman", "female", "girl")),
    (("inside", "indoors", "indoor"), ("outside", "outdoors", "outdoor")),
    (("sit",), ("stand",)),
    (("asleep", "sleep"), ("awake", "wake")),
    (("young",), ("old", "elderly")),
    (("empty",), ("full",)),
    (("wet",), ("dry",)),
    (("day",), ("night",)),
    (("buy",), ("sell",)),
    (("happy",), ("sad", "unhappy")),
    (("military",), ("civilian",)),
    (("same", "similar"), ("different",)),
    (("progress", "progression"), ("setback", "regression", "reversal")),
    (("lift",), ("impose",)),
)

_IRREGULAR_FORMS: dict[str, tuple[str, ...]] = {
    "rise": ("rose", "risen"),
    "fall": ("fell", "fallen"),
    "grow": ("grew", "grown"),
    "shrink": ("shrank", "shrunk", "shrunken"),
    "sink": ("sank", "sunk"),
    "win": ("won",),
    "lose": ("lost",),
    "begin": ("began", "begun"),
    "withdraw": ("withdrew", "withdrawn", "withdrawal", "withdrawals"),
    "leave": ("left",),
    "send": ("sent",),
    "sell": ("sold",),
    "buy": ("bought",),
    "stand": ("stood",),
    "sit": ("sat",),
    "sleep": ("slept",),
    "forbid": ("forbade", "forbidden"),
    "cut": ("cuts", "cutting"),
    "deploy": ("deployment", "deployments"),
    "increase": ("increment",),
    "reduce": ("reduction", "reductions"),
    "decline": ("declines",),
    "support": ("supporter", "supporters"),
    "oppose": ("opposition", "opponent", "opponents"),
    "violate": ("violation", "violations"),
    "agree": ("agreement", "agreements"),
    "reject": ("rejection",),
    "approve": ("approval",),
    "expand": ("expansion",),
    "man": ("men",),
    "woman": ("women",),
    "boy": ("boys",),
    "girl": ("girls",),
}

# Prefixed words that are not the antonym of the unprefixed word ("discover" is not "not cover").
_PREFIX_FALSE_FRIENDS: frozenset[str] = frozenset(
    _words(
        """
    form come side crease port press stall tend vest cover play count ease miss pose charge patch sure sult spect
    stance stead flict jure sist vite volve clude corporate like fuse tribute trict card solve tract close cuss
    course order may pute guise gust pense sent semble deed land ward jury vent vade sight mediate migrate pact
    ply prove dent tent fect crimina dicate struct spire habit flate tense vert itiate dex ternal
    """
    )
)
_NEGATING_PREFIXES: tuple[str, ...] = ("non-", "non", "dis", "un", "in", "im", "il", "ir")


def _verb_and_noun_forms(base: str) -> set[str]:
    """Regular inflections of a base word (plural/3rd person, -ed, -ing); harmless extra forms are fine."""
    forms = {base}
    if base.endswith(("s", "x", "ch", "sh", "z")):
        forms.add(base + "es")
    elif base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        forms.update({base[:-1] + "ies", base[:-1] + "ied"})
    else:
        forms.add(base + "s")
    if base.endswith("e"):
        forms.update({base + "d", base[:-1] + "ing"})
    else:
        forms.update({base + "ed", base + "ing"})
        vowels = sum(ch in "aeiou" for ch in base)
        if vowels == 1 and len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou":
            forms.update({base + base[-1] + "ed", base + base[-1] + "ing"})
    forms.update(_IRREGULAR_FORMS.get(base, ()))
    return forms


def _build_lemma_table() -> tuple[dict[str, str], tuple[tuple[frozenset[str], frozenset[str]], ...]]:
    """Surface form -> canonical lemma, and the antonym groups expressed in canonical lemmas."""
    table: dict[str, str] = dict(_ALIASES)
    for group in _SYNONYM_GROUPS:
        for form in group:
            table.setdefault(form, group[0])
    antonyms: list[tuple[frozenset[str], frozenset[str]]] = []
    for side_a, side_b in _ANTONYM_GROUPS:
        sides: list[frozenset[str]] = []
        for side in (side_a, side_b):
            canonical = side[0]
            for base in side:
                for form in _verb_and_noun_forms(base):
                    table.setdefault(form, table.get(canonical, canonical))
            sides.append(frozenset(table.get(base, base) for base in side))
        antonyms.append((sides[0], sides[1]))
    return table, tuple(antonyms)


_LEMMAS, _ANTONYMS = _build_lemma_table()

_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
# Month names that are also ordinary words need a date next to them to count as a month.
_AMBIGUOUS_MONTHS = frozenset({"march", "mar", "may", "jan", "dec", "sep", "oct", "nov", "aug", "jun", "jul", "apr"})
_WEEKDAYS: dict[str, int] = {
    name: number
    for number, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}
_DATE_PREPOSITIONS = frozenset(
    {
        "in",
        "on",
        "since",
        "until",
        "by",
        "from",
        "to",
        "of",
        "during",
        "early",
        "late",
        "mid",
        "last",
        "next",
        "and",
        "or",
        "through",
        "between",
        "before",
        "after",
    }
)

_SMALL_NUMBERS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
            "seventeen eighteen nineteen"
        )
    )
}
_TENS: dict[str, int] = {
    word: 10 * (i + 2) for i, word in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"))
}
_SCALES: dict[str, float] = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SUFFIX_SCALES: dict[str, float] = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9}
_VAGUE_AMOUNTS: dict[str, tuple[float, float]] = {
    "dozens": (24.0, 99.0),
    "scores": (40.0, 199.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2_000.0, 9_999.0),
    "millions": (2e6, 9.99e8),
    "billions": (2e9, 9.99e11),
}
_NUMBER_WORDS: frozenset[str] = frozenset({*_SMALL_NUMBERS, *_TENS, *_SCALES, *_VAGUE_AMOUNTS, "dozen"})
_ORDINALS: dict[str, int] = {
    word: i + 1
    for i, word in enumerate(
        _words("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth")
    )
}
_INF = float("inf")
# Qualifier (lower-case words before a number) -> how it turns the number into an interval.
_QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("no", "more", "than"), "at_most"),
    (("not", "more", "than"), "at_most"),
    (("no", "fewer", "than"), "at_least"),
    (("no", "less", "than"), "at_least"),
    (("not", "less", "than"), "at_least"),
    (("as", "many", "as"), "at_most"),
    (("as", "much", "as"), "at_most"),
    (("more", "than"), "above"),
    (("greater", "than"), "above"),
    (("higher", "than"), "above"),
    (("larger", "than"), "above"),
    (("at", "least"), "at_least"),
    (("less", "than"), "below"),
    (("fewer", "than"), "below"),
    (("lower", "than"), "below"),
    (("smaller", "than"), "below"),
    (("at", "most"), "at_most"),
    (("up", "to"), "at_most"),
    (("close", "to"), "nearly"),
    (("just", "over"), "above"),
    (("just", "under"), "below"),
    (("over",), "above"),
    (("above",), "above"),
    (("exceeding",), "above"),
    (("under",), "below"),
    (("below",), "below"),
    (("nearly",), "nearly"),
    (("almost",), "nearly"),
    (("about",), "approximately"),
    (("around",), "approximately"),
    (("roughly",), "approximately"),
    (("approximately",), "approximately"),
    (("some",), "approximately"),
    (("estimated",), "approximately"),
    (("circa",), "approximately"),
    (("exactly",), "exact"),
)
_UNIT_SYNONYMS: dict[str, str] = {
    "percent": "percent",
    "%": "percent",
    "dollar": "money",
    "euro": "money",
    "pound": "money",
    "usd": "money",
    "$": "money",
    "€": "money",
    "£": "money",
}

# Places: name -> (level, country). Only places in this table take part in place_mismatch.
_COUNTRIES = _words(
    "iraq iran syria turkey jordan kuwait lebanon israel egypt yemen qatar oman bahrain saudi-arabia afghanistan "
    "pakistan india china japan russia ukraine usa canada mexico brazil britain france germany italy spain "
    "poland greece sweden norway denmark netherlands belgium switzerland austria australia indonesia libya "
    "tunisia algeria morocco sudan ethiopia somalia kenya nigeria"
)
_CITIES: dict[str, str] = {
    "baghdad": "iraq",
    "erbil": "iraq",
    "mosul": "iraq",
    "basra": "iraq",
    "sulaimani": "iraq",
    "sulaymaniyah": "iraq",
    "kirkuk": "iraq",
    "najaf": "iraq",
    "karbala": "iraq",
    "fallujah": "iraq",
    "ramadi": "iraq",
    "tehran": "iran",
    "damascus": "syria",
    "aleppo": "syria",
    "raqqa": "syria",
    "ankara": "turkey",
    "istanbul": "turkey",
    "amman": "jordan",
    "beirut": "lebanon",
    "jerusalem": "israel",
    "cairo": "egypt",
    "riyadh": "saudi-arabia",
    "doha": "qatar",
    "kabul": "afghanistan",
    "islamabad": "pakistan",
    "moscow": "russia",
    "kyiv": "ukraine",
    "kiev": "ukraine",
    "beijing": "china",
    "tokyo": "japan",
    "washington": "usa",
    "new york": "usa",
    "chicago": "usa",
    "boston": "usa",
    "los angeles": "usa",
    "ottawa": "canada",
    "london": "britain",
    "paris": "france",
    "berlin": "germany",
    "rome": "italy",
    "madrid": "spain",
    "brussels": "belgium",
    "geneva": "switzerland",
    "vienna": "austria",
    "delhi": "india",
    "new delhi": "india",
    "dubai": "uae",
    "abu dhabi": "uae",
    "tel aviv": "israel",
}
_PLACES: dict[str, tuple[str, str]] = {name: ("country", name) for name in _COUNTRIES}
_PLACES.update({name: ("city", country) for name, country in _CITIES.items()})
_LOCATIVE_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "to",
        "from",
        "near",
        "into",
        "inside",
        "across",
        "toward",
        "towards",
        "outside",
        "within",
        "visited",
        "visit",
        "visits",
    }
)


# --------------------------------------------------------------------------------------------------------------
# Analysis of one statement
# --------------------------------------------------------------------------------------------------------------

_TOKEN_RE = re.compile(
    # "COVID-19", "I-695", "F-16", "G-7": a capitalised name with a number glued on is a name, not a figure.
    r"(?P<name>\b(?!(?i:mid|pre|post|top|under|over|late|early)-)[A-Z][A-Za-z]*-\d+[A-Za-z]*\b)"
    r"|(?P<decade>\b(?:1[89]|20)\d0'?s\b)"
    r"|(?P<ordinal>\d+(?:st|nd|rd|th)\b)"
    r"|(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?P<suffix>k|mn|m|bn|b)?\b"
    r"|(?P<abbr>(?:[A-Za-z]\.){2,})"
    r"|(?P<word>[A-Za-z]+(?:['-][A-Za-z]+)*)"
    r"|(?P<symbol>[%$€£])"
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written
    lower: str
    lemma: str
    kind: str  # "word", "number", "ordinal", "decade" ("the 1990s") or "symbol"
    value: float | None = None  # numeric value of number and ordinal tokens


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its uncertainty as an interval, and what it counts."""

    low: float
    high: float
    # "count", "delta" (a change: "rose by 500"), "part" ("one of the talks"), "share" ("two of the nine
    # agencies") or "ordinal"
    kind: str
    unit: str | None  # the noun it counts ("troop", "session"), "percent" or "money"
    context: frozenset[str]  # content lemmas around it
    # A comparative bound ("more than 2,500", "lower than 34") leaves out its own figure; the interval is kept
    # closed all the same, so a bound never conflicts with the figure it names, but never agrees with it either.
    strict: bool = False
    whole: bool = False  # "all nine agencies": the count of a whole group, which a share of it can contradict


@dataclass(frozen=True, slots=True)
class DateMention:
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    context: frozenset[str]
    decade: int | None = None  # "the 1990s" (1990) when no year is given

    def fields(self) -> dict[str, int]:
        """The known fields; a year also gives its decade, so "in 1997" agrees with "during the 1990s"."""
        decade = self.year // 10 * 10 if self.year is not None else self.decade
        values = {"year": self.year, "decade": decade, "month": self.month, "day": self.day, "weekday": self.weekday}
        return {name: value for name, value in values.items() if value is not None}


@dataclass(frozen=True, slots=True)
class PlaceMention:
    name: str
    level: str  # "city" or "country"
    country: str
    context: frozenset[str]


@dataclass(frozen=True, slots=True)
class NegationCue:
    cue: str
    scope: frozenset[str]  # content lemmas the negation applies to


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the signal functions need from one statement, computed once."""

    text: str
    tokens: tuple[Token, ...]
    content: frozenset[str]
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    places: tuple[PlaceMention, ...]
    negations: tuple[NegationCue, ...]
    word_count: int


def _stem(word: str) -> str:
    """A light suffix stripper: consistent for the forms of one word, which is all overlap counting needs."""
    stem = word
    if len(stem) > 4 and stem.endswith("ies"):
        stem = stem[:-3] + "y"
    elif len(stem) > 3 and stem.endswith("s") and not stem.endswith(("ss", "us", "is")):
        stem = stem[:-1]
    if len(stem) > 5 and stem.endswith("ing"):
        stem = stem[:-3]
    elif len(stem) > 4 and stem.endswith("ed"):
        stem = stem[:-2]
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        stem = stem[:-1]
    if len(stem) > 3 and stem.endswith("e"):
        stem = stem[:-1]
    return stem


def lemma(word: str) -> str:
    """Canonical lemma of a lower-case word: table first (aliases, synonyms, antonym groups), then stemming."""
    known = _LEMMAS.get(word)
    if known is not None:
        return known
    stemmed = _stem(word)
    return _LEMMAS.get(stemmed, stemmed)


_PUNCTUATION_REPLACEMENTS: dict[str, str | int | None] = {
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "–": " - ",
    "—": " - ",
}
_PUNCTUATION_TABLE = str.maketrans(_PUNCTUATION_REPLACEMENTS)


# "the '50s", "the late 80's and early 90's": a two-digit decade after "the" (or after such a decade and "and") is
# one of the 1900s ("in their 20s" is an age and is left alone).
_SHORT_DECADE_RES = tuple(
    re.compile(rf"\b({before}\s+(?:(?:early|mid|late)[\s-]+)?)['‘’]?([1-9]0)['‘’]?s\b", re.IGNORECASE)
    for before in ("the", r"19[1-9]0s\s+(?:and|or|to|through)")
)


def _normalise_text(text: str) -> str:
    for pattern in _SHORT_DECADE_RES:
        text = pattern.sub(r"\g<1>19\g<2>s", text)
    text = text.translate(_PUNCTUATION_TABLE)
    text = re.sub(r"n't\b", " not", text)
    for pattern, replacement in _MULTIWORD_ALIASES:
        text = pattern.sub(replacement, text)
    return text


def tokenize(text: str) -> list[Token]:
    """Split a statement into word, number, ordinal and symbol tokens with lemmas and numeric values."""
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(_normalise_text(text)):
        raw = match.group(0)
        if match.group("name"):
            lower = raw.lower()
            tokens.append(Token(raw, lower, lower, "word"))
        elif match.group("decade"):
            tokens.append(Token(raw, raw.lower(), raw.lower(), "decade", float(raw[:4])))
        elif match.group("ordinal"):
            tokens.append(Token(raw, raw.lower(), raw.lower(), "ordinal", float(re.sub(r"\D", "", raw))))
        elif match.group("number"):
            value = float(match.group("number").replace(",", ""))
            suffix = match.group("suffix")
            if suffix:
                value *= _SUFFIX_SCALES[suffix]
            tokens.append(Token(raw, raw.lower(), raw.lower(), "number", value))
        elif match.group("symbol"):
            tokens.append(Token(raw, raw, raw, "symbol"))
        else:
            lower = raw.lower().removesuffix("'s")
            if lower == "us" and raw == "US":
                lower = "usa"
            if lower in _ORDINALS:
                tokens.append(Token(raw, lower, lower, "ordinal", float(_ORDINALS[lower])))
                continue
            tokens.append(Token(raw, lower, lemma(lower), "word"))
    return tokens


def _is_content(token: Token) -> bool:
    return (
        token.kind == "word"
        and len(token.lower) > 1
        and token.lower not in STOPWORDS
        and token.lemma not in STOPWORDS
        and token.lower not in NEGATION_WORDS
        and token.lower not in _WEEKDAYS
        and not (token.lower in _MONTHS and token.text[:1].isupper())
        and token.lower not in _NUMBER_WORDS
    )


def _context(
    tokens: list[Token],
    start: int,
    end: int,
    exclude: frozenset[str] = frozenset(),
    *,
    before: bool = True,
    window: int = CONTEXT_WINDOW,
) -> frozenset[str]:
    """Content lemmas within ``window`` content words before ``start`` (unless not ``before``) and from ``end``."""
    found: list[str] = []
    directions = ((-1, start - 1), (1, end)) if before else ((1, end),)
    for step, first in directions:
        taken = 0
        index = first
        while 0 <= index < len(tokens) and taken < window:
            token = tokens[index]
            if _is_content(token) and token.lemma not in exclude:
                found.append(token.lemma)
                taken += 1
            index += step
    return frozenset(found)


def _matches_at(lowers: list[str], index: int, phrase: tuple[str, ...]) -> bool:
    return tuple(lowers[index : index + len(phrase)]) == phrase


def _is_year(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    if token.kind != "number" or token.value is None or "," in token.text or "." in token.text:
        return False
    if not 1900 <= token.value <= 2099 or token.value != int(token.value):
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    # "2000 troops" is a count; "in 2020" and "2020 saw" are years.
    previous = tokens[index - 1].lower if index > 0 else ""
    return following is None or not _is_content(following) or previous in _DATE_PREPOSITIONS or previous in _MONTHS


def _month_at(tokens: list[Token], index: int) -> int | None:
    """Month number if the token at ``index`` is a month name used as a month."""
    token = tokens[index]
    if token.kind != "word" or token.lower not in _MONTHS or not token.text[:1].isupper():
        return None
    if token.lower in _AMBIGUOUS_MONTHS:
        previous = tokens[index - 1].lower if index > 0 else ""
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        next_is_date = following is not None and following.kind in ("number", "ordinal")
        if not next_is_date and previous not in _DATE_PREPOSITIONS:
            return None
    return _MONTHS[token.lower]


def _day_of_month(token: Token | None) -> int | None:
    if token is None or token.kind not in ("number", "ordinal") or token.value is None:
        return None
    return int(token.value) if 1 <= token.value <= 31 else None


def _find_dates(tokens: list[Token]) -> tuple[list[DateMention], set[int]]:
    """Date mentions ("April 7", "June 2020", "Saturday") and the token positions they use."""
    parts: list[tuple[int, str, int]] = []  # (position, field, value)
    for index, token in enumerate(tokens):
        month = _month_at(tokens, index)
        if month is not None:
            parts.append((index, "month", month))
            day_after = _day_of_month(tokens[index + 1]) if index + 1 < len(tokens) else None
            if day_after is not None and not _is_year(tokens, index + 1):
                parts.append((index + 1, "day", day_after))
            day_before = _day_of_month(tokens[index - 1]) if index > 0 else None
            if day_before is not None:
                parts.append((index - 1, "day", day_before))
        elif token.kind == "word" and token.lower in _WEEKDAYS and token.text[:1].isupper():
            parts.append((index, "weekday", _WEEKDAYS[token.lower]))
        elif _is_year(tokens, index) and token.value is not None:
            parts.append((index, "year", int(token.value)))
        elif token.kind == "decade" and token.value is not None:
            parts.append((index, "decade", int(token.value)))
    parts.sort()
    used = {position for position, _, _ in parts}
    mentions: list[DateMention] = []
    group: list[tuple[int, str, int]] = []

    def flush() -> None:
        if not group:
            return
        values = {name: value for _, name, value in group}
        start, end = group[0][0], group[-1][0] + 1
        mentions.append(
            DateMention(
                values.get("year"),
                values.get("month"),
                values.get("day"),
                values.get("weekday"),
                _context(tokens, start, end),
                values.get("decade"),
            )
        )
        group.clear()

    for part in parts:
        # Parts of one date are adjacent or joined by "of"/"in"/"the" and do not repeat a field ("June and August").
        if group:
            gap = [t.lower for t in tokens[group[-1][0] + 1 : part[0]]]
            fields = {name for _, name, _ in group}
            if part[1] in fields or any(word not in ("of", "in", "the") for word in gap):
                flush()
        group.append(part)
    flush()
    return mentions, used


def _parse_number_words(tokens: list[Token], index: int) -> tuple[float, int] | None:
    """Value and end position of a spelled-out number starting at ``index`` ("two thousand", "twenty-five")."""
    total = 0.0
    current = 0.0
    position = index
    seen = False
    while position < len(tokens):
        token = tokens[position]
        words = token.lower.split("-") if token.kind == "word" else []
        if words and all(w in _SMALL_NUMBERS or w in _TENS for w in words):
            current += sum(_SMALL_NUMBERS.get(w, 0) + _TENS.get(w, 0) for w in words)
        elif (
            token.lower == "a"
            and not seen
            and position + 1 < len(tokens)
            and tokens[position + 1].lower in ("hundred", "thousand", "million", "billion", "dozen")
        ):
            current = 1.0
        elif token.lower in _SCALES and seen:
            scale = _SCALES[token.lower]
            if scale == 100:
                current = max(current, 1.0) * scale
            else:
                total += max(current, 1.0) * scale
                current = 0.0
        elif token.lower == "dozen" and seen:
            current = max(current, 1.0) * 12
        elif (
            token.lower == "and"
            and seen
            and position + 1 < len(tokens)
            and (tokens[position + 1].lower in _SMALL_NUMBERS or tokens[position + 1].lower in _TENS)
        ):
            pass
        else:
            break
        seen = True
        position += 1
    if not seen or position == index or (total == 0 and current == 0 and tokens[index].lower != "zero"):
        return None
    return total + current, position


def _qualifier_before(lowers: list[str], start: int) -> tuple[str, int]:
    for phrase, meaning in _QUALIFIERS:
        begin = start - len(phrase)
        if begin >= 0 and _matches_at(lowers, begin, phrase):
            return meaning, begin
    return "exact", start


def _interval(value: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "approximately":
        return value * (1 - APPROXIMATE_TOLERANCE), value * (1 + APPROXIMATE_TOLERANCE)
    if qualifier == "nearly":
        return value * (1 - APPROXIMATE_TOLERANCE), value
    if qualifier in ("at_least", "above"):
        return value, _INF
    if qualifier in ("at_most", "below"):
        return 0.0, value
    return value, value


def _unit_after(tokens: list[Token], end: int) -> str | None:
    """The noun a number counts: the last of up to three content words right after it ("U.S. troops")."""
    if end < len(tokens) and tokens[end].kind == "symbol":
        return _UNIT_SYNONYMS.get(tokens[end].lower)
    if end < len(tokens) and tokens[end].lemma in ("percent", "percentage"):
        return "percent"
    head: str | None = None
    position = end
    while position < len(tokens) and position < end + 3 and _is_content(tokens[position]):
        head = tokens[position].lemma
        position += 1
        if tokens[position - 1].lower.endswith("s") and len(tokens[position - 1].lower) > 3:
            break  # a plural noun ends the phrase: "troops in Iraq" counts troops
    return _UNIT_SYNONYMS.get(head, head) if head is not None else None


def _is_pronoun_one(tokens: list[Token], index: int, end: int) -> bool:
    """A spelled-out "one" that stands for a person or thing, not a count: "if one is pregnant", "no one"."""
    if tokens[index].lower != "one" or end != index + 1:
        return False
    if index > 0 and tokens[index - 1].lower in ("no", "any", "every", "some", "each", "this", "that", "the"):
        return True
    following = tokens[end] if end < len(tokens) else None
    return following is not None and following.kind == "word" and not _is_content(following) and following.lower != "of"


def _is_one_of(tokens: list[Token], index: int, end: int) -> bool:
    """ "one of which", "one of the things": one member picked out of a group, not a count of the group. Larger
    shares stay counts: "two of the nine agencies responded" does conflict with "all nine agencies responded"."""
    return tokens[index].lower in ("one", "1") and end == index + 1 and end < len(tokens) and tokens[end].lower == "of"


def _is_enumeration_marker(tokens: list[Token], index: int) -> bool:
    """ "First, the horsemen brought out a teaser horse": an ordinal opening the statement, not followed by what it
    ranks, orders the writer's points; "Second, ..." in another statement is no conflicting rank."""
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return index == 0 and (following is None or not _is_content(following))


_SHARE_DETERMINERS = frozenset({"the", "those", "these", "them", "its", "their", "our", "his", "her", "whom", "which"})
_WHOLE_DETERMINERS = frozenset({"all", "every", "each", "both"})


def _is_share(tokens: list[Token], end: int) -> bool:
    """ "two of the women", "3 of the 5 lawmakers": a number of members picked out of a group, which says nothing
    about how large the group is ("50 women had asked him" does not conflict with "he selected two of the
    women")."""
    return end + 1 < len(tokens) and tokens[end].lower == "of" and tokens[end + 1].lower in _SHARE_DETERMINERS


def _find_quantities(tokens: list[Token], date_positions: set[int]) -> list[Quantity]:
    lowers = [t.lower for t in tokens]
    quantities: list[Quantity] = []
    previous_end = -1  # where the last quantity's tokens end
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if index in date_positions:
            index += 1
            continue
        low: float | None = None
        high = 0.0
        kind = "count"
        end = index + 1
        if token.kind == "ordinal" and token.value is not None:
            if _is_enumeration_marker(tokens, index):
                index += 1
                continue
            low = high = token.value
            kind = "ordinal"
        elif token.kind == "number" and token.value is not None:
            value = token.value
            if end < len(tokens) and tokens[end].lower in _SCALES:
                value *= _SCALES[tokens[end].lower]
                end += 1
            low, high = value, value
        elif token.lower in _VAGUE_AMOUNTS and end < len(tokens) and tokens[end].lower == "of":
            low, high = _VAGUE_AMOUNTS[token.lower]
        else:
            parsed = _parse_number_words(tokens, index)
            if parsed is not None:
                low, end = parsed
                high = low
        if low is None or _is_pronoun_one(tokens, index, end):
            index += 1
            continue
        if kind == "count" and _is_one_of(tokens, index, end):
            kind = "part"
        elif kind == "count" and _is_share(tokens, end):
            kind = "share"
        qualifier, begin = ("exact", index) if kind == "ordinal" else _qualifier_before(lowers, index)
        if low == high:
            low, high = _interval(low, qualifier)
        currency = begin > 0 and tokens[begin - 1].lower in ("$", "€", "£")
        if begin > 0 and tokens[begin - 1].lower == "by" and kind == "count":
            kind = "delta"
        unit = "money" if currency else _unit_after(tokens, end)
        context = _context(tokens, begin, end)
        if unit is not None:
            context = context | {unit}
        whole = begin > 0 and tokens[begin - 1].lower in _WHOLE_DETERMINERS
        strict = qualifier in ("above", "below")
        quantity = Quantity(low, high, kind, unit, context, strict=strict, whole=whole)
        if currency and quantities and previous_end == begin - 1 and _counts_amounts(quantities[-1]):
            # "two $1-million loans": two loans, of $1 million each, $2 million in all.
            count = quantities[-1]
            counted = _unit_after(tokens, end)
            quantities[-1] = replace(count, unit=counted, context=count.context - {"money"} | {counted or "money"})
            quantities.append(replace(quantity, low=count.low * low, high=count.high * high))
        quantities.append(quantity)
        previous_end = end
        index = end
    return quantities


def _counts_amounts(quantity: Quantity) -> bool:
    """A plain count right before a sum of money ("two $1-million loans", "three $500 fines") counts what the sums
    pay for, and the sums add up: the statement also says "$2 million" (or "$1,500")."""
    return quantity.kind == "count" and quantity.unit == "money" and quantity.low == quantity.high


def _find_places(tokens: list[Token]) -> list[PlaceMention]:
    """Known places right after a locative preposition ("in Baghdad or Washington"): where something happens."""
    place_lemmas = frozenset(_PLACES)
    places: list[PlaceMention] = []
    in_locative_list = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        two_words = f"{token.lower} {tokens[index + 1].lower}" if index + 1 < len(tokens) else ""
        name = two_words if two_words in _PLACES else token.lemma if token.lemma in _PLACES else None
        capitalised = token.text[:1].isupper()
        if name is not None and capitalised and in_locative_list:
            level, country = _PLACES[name]
            width = 2 if name == two_words else 1
            places.append(PlaceMention(name, level, country, _context(tokens, index, index + width, place_lemmas)))
            index += width
            continue
        if token.lower in _LOCATIVE_PREPOSITIONS:
            in_locative_list = True
        elif token.lower not in ("the", "and", "or", "either", "both"):
            in_locative_list = False
        index += 1
    return places


_PERSONAL_OBJECTS = frozenset({"him", "her", "them", "us", "me", "you"})


def _is_withholding(lowers: list[str], index: int) -> bool:
    """ "denied him advance warning", "people are denied access": "deny" meaning withhold, which refutes nothing."""
    if lowers[index] not in _DENY_FORMS or index + 1 >= len(lowers):
        return False
    return lowers[index + 1] in _PERSONAL_OBJECTS or lowers[index + 1] == "access"


def _find_negations(tokens: list[Token]) -> list[NegationCue]:
    lowers = [t.lower for t in tokens]
    cues: list[NegationCue] = []
    skip_until = -1
    for index, lower in enumerate(lowers):
        if index < skip_until:
            continue
        if any(_matches_at(lowers, index, phrase) for phrase in _NOT_NEGATIONS):
            skip_until = index + 2
            continue
        phrase = next((p for p in _NEGATION_PHRASES if _matches_at(lowers, index, p)), None)
        if phrase is None and lower not in NEGATION_WORDS:
            continue
        if _is_withholding(lowers, index):
            continue
        width = len(phrase) if phrase else 1
        two_sided = lower in _TWO_SIDED_NEGATIONS
        scope = _context(tokens, index, index + width, before=two_sided)
        cues.append(NegationCue(" ".join(phrase) if phrase else lower, scope))
        skip_until = index + width
    return cues


def analyse(text: str) -> Analysis:
    """Tokenise a statement once and extract everything the signals compare."""
    tokens = tokenize(text)
    dates, date_positions = _find_dates(tokens)
    return Analysis(
        text=text,
        tokens=tuple(tokens),
        content=frozenset(t.lemma for t in tokens if _is_content(t)),
        quantities=tuple(_find_quantities(tokens, date_positions)),
        dates=tuple(dates),
        places=tuple(_find_places(tokens)),
        negations=tuple(_find_negations(tokens)),
        word_count=sum(1 for t in tokens if t.kind != "symbol"),
    )


def parse_quantities(text: str) -> list[Quantity]:
    """All quantities in a statement, e.g. ``parse_quantities("about 2,500 troops")``."""
    return list(analyse(text).quantities)


# --------------------------------------------------------------------------------------------------------------
# Signals between two analyses. Each returns a strength in [0, 1]; 0 means it did not fire.
# --------------------------------------------------------------------------------------------------------------


def coverage(premise: Analysis, hypothesis: Analysis) -> float:
    """Share of the hypothesis's content words that the premise also has (1.0: nothing new is claimed)."""
    if not hypothesis.content:
        return 0.0
    return len(hypothesis.content & premise.content) / len(hypothesis.content)


def relatedness(premise: Analysis, hypothesis: Analysis) -> float:
    """How much the two statements are about the same thing: 0 when unrelated, 1 when fully scaled in.

    Overlap coefficient (shared / smaller content set), so a short claim inside a long quote counts as related.
    Needs two shared words, or one when the smaller statement has at most two content words.
    """
    shared = premise.content & hypothesis.content
    smaller = min(len(premise.content), len(hypothesis.content))
    if smaller == 0 or len(shared) < (1 if smaller <= 2 else 2):
        return 0.0
    return min(1.0, len(shared) / smaller / FULL_RELATEDNESS)


# The gap reported for two bounds that meet only at a figure one of them leaves out ("more than 40" against "fewer
# than 40"): disjoint, so a mismatch, but the weakest one.
_ADJACENT_GAP = 1e-9


def _intervals_gap(a: Quantity, b: Quantity) -> float:
    """Relative distance between two intervals: 0 when they overlap."""
    gap = max(a.low - b.high, b.low - a.high, 0.0)
    if gap == 0.0:
        return _ADJACENT_GAP if _bounds_meet_at_excluded_figure(a, b) else 0.0
    scale = max(abs(v) for v in (a.low, a.high, b.low, b.high) if v != _INF)
    return gap / scale if scale else 1.0


def _same_unit(a: str | None, b: str | None) -> bool | None:
    """True/False when both units are known, None when at least one is missing."""
    if a is None or b is None:
        return None
    return a == b


def _quantities_comparable(a: Quantity, b: Quantity) -> bool:
    """Same kind (or a share against the count of its whole group) and, as far as known, the same counted thing.

    When only one side names what it counts ("10,000 diplomats" vs "the number of troops ... 2,500"), that noun
    must appear around the other number too. Ordinals are exempt: "the second round" vs "the first of the talks".
    """
    # A share conflicts with a count only when that count is the whole group's ("all nine agencies").
    share_of_whole = {a.kind, b.kind} == {"share", "count"} and (a.whole or b.whole)
    if a.kind != b.kind and not share_of_whole:
        return False
    special = {"percent", "money"}
    if (a.unit in special or b.unit in special) and a.unit != b.unit:
        return False
    same = _same_unit(a.unit, b.unit)
    if same is not None or a.kind == "ordinal":
        return same is not False
    if a.unit is not None:
        return a.unit in b.context
    if b.unit is not None:
        return b.unit in a.context
    return True


def _short_counts(a: Quantity, b: Quantity) -> bool:
    """Two large counts in short statements ("troops dropped to about 2,500", "troops rose to 10,000"): the one word
    their contexts share is all there is to share, so it is enough to make them figures for the same thing."""
    return (
        a.kind == b.kind == "count"
        and min(a.low, b.low) >= MATCH_MIN_FIGURE
        and max(len(a.context), len(b.context)) <= 2
    )


def _scored_candidates(wanted: Quantity, premise: Analysis) -> list[tuple[int, Quantity]]:
    """The premise quantities that may be about the same thing as ``wanted``, each with its context score."""
    scored: list[tuple[int, Quantity]] = []
    for candidate in premise.quantities:
        if not _quantities_comparable(wanted, candidate):
            continue
        score = len(wanted.context & candidate.context)
        if _same_unit(wanted.unit, candidate.unit):
            score += 2
        if score >= 2 or (score == 1 and _short_counts(wanted, candidate)):
            scored.append((score, candidate))
    return scored


def _same_figure(a: Quantity, b: Quantity) -> bool:
    return (a.low, a.high, a.strict) == (b.low, b.high, b.strict)


def _figure_candidates(wanted: Quantity, premise: Analysis) -> list[Quantity]:
    """The premise quantities a hypothesis quantity is compared with (empty when none is about the same thing).

    Those whose context shares the most words with its own (at least two, the same counted noun, or one for large
    counts in short statements, ``_short_counts``). A candidate with the very same figure wins outright: a premise
    with "$100 million ... $50 million ... $150 million" backs a hypothesis's "$150 million" even when the context
    words of another figure happen to overlap more.
    """
    scored = _scored_candidates(wanted, premise)
    same = [candidate for _, candidate in scored if _same_figure(wanted, candidate)]
    if same or not scored:
        return same
    best = max(score for score, _ in scored)
    return [candidate for score, candidate in scored if score == best]


def _figure_gap(wanted: Quantity, premise: Analysis) -> float | None:
    """Smallest distance between a hypothesis quantity's interval and its ``_figure_candidates``' (0.0: they
    overlap); None when no premise quantity is about the same thing."""
    candidates = _figure_candidates(wanted, premise)
    if not candidates:
        return None
    return min(_intervals_gap(wanted, candidate) for candidate in candidates)


def number_mismatch(premise: Analysis, hypothesis: Analysis) -> float:
    """Strength with which a hypothesis quantity disagrees with the premise quantity it talks about.

    A hypothesis quantity mismatches when none of the premise quantities about the same thing (``_figure_gap``)
    overlaps its interval.
    """
    related = relatedness(premise, hypothesis)
    if related == 0.0:
        return 0.0
    strongest = 0.0
    for wanted in hypothesis.quantities:
        gap = _figure_gap(wanted, premise)
        if gap is None or gap == 0.0:
            continue
        magnitude = 1.0 if _is_precise(wanted) else min(1.0, 0.5 + gap)
        strongest = max(strongest, magnitude * related)
    return strongest


def _is_precise(quantity: Quantity) -> bool:
    """An exact figure that is not a round one: any other figure conflicts with it outright ("27 chapters" against
    "all 26", "the sixth woman" against "the fifth"). Round figures ("2,400 troops") may be estimates, and hedged or
    bounded ones are, so a figure just beside them conflicts only weakly, more clearly the further away it lies."""
    value = quantity.low
    return value == quantity.high and value == int(value) and (value < 10 or value % 10 != 0)


def number_match(premise: Analysis, hypothesis: Analysis) -> float:
    """Strength with which every figure of the hypothesis agrees with the premise's figure for the same thing.

    "About 2,500 U.S. troops remain in Iraq" against "the number of U.S. troops in Iraq has dropped to about
    2,500": the model, blind to numbers, reads "dropped" against "remain" as a conflict, while the figure the
    statement is about agrees. Counts of at least ``MATCH_MIN_FIGURE`` only: "the second round" says nothing about
    a total, and small numbers mostly name who is meant ("the two sides", "three men are running"), not a figure.
    """
    if not hypothesis.quantities or not all(_is_figure(q) for q in hypothesis.quantities):
        return 0.0
    related = relatedness(premise, hypothesis)
    if related == 0.0:
        return 0.0
    if all(_agreeing_figure(wanted, premise) for wanted in hypothesis.quantities):
        return related
    return 0.0


def _is_figure(quantity: Quantity) -> bool:
    """A count stated as a figure: one of at least ``MATCH_MIN_FIGURE`` ("about eight people" still only says who
    is meant), or an open-ended bound above one ("more than six years"). "Over one day" names no figure: a bound's
    figure is its finite end, 1 here, not infinity."""
    if quantity.kind != "count":
        return False
    if quantity.high == _INF:
        return quantity.low > 1
    return quantity.high >= MATCH_MIN_FIGURE


def _agreeing_figure(wanted: Quantity, premise: Analysis) -> bool:
    """One of ``wanted``'s ``_figure_candidates`` agrees with it.

    A comparative bound only touches the figure it names: "lower than 34" neither conflicts with nor agrees with
    "34", so it agrees only with the same bound ("more than six years" in both).
    """
    return any(
        _same_figure(wanted, candidate) or _overlap_beyond_bounds(wanted, candidate)
        for candidate in _figure_candidates(wanted, premise)
    )


def _bounds_meet_at_excluded_figure(a: Quantity, b: Quantity) -> bool:
    """Two ranges (neither an exact figure) whose only shared value is one a comparative bound leaves out."""
    if a.low == a.high or b.low == b.high:
        return False
    return not _overlap_beyond_bounds(a, b)


def _overlap_beyond_bounds(a: Quantity, b: Quantity) -> bool:
    """The intervals share a value other than the figure a comparative bound leaves out."""
    low, high = max(a.low, b.low), min(a.high, b.high)
    if low != high:
        return low < high
    return not any(q.strict and low in (q.low, q.high) for q in (a, b))


def date_mismatch(premise: Analysis, hypothesis: Analysis) -> float:
    """Strength with which a hypothesis date disagrees with the premise date(s) of the same event.

    Dates are compared field by field (year, month, day, weekday); a hypothesis date mismatches when it shares a
    field with the premise dates around the same words, and no premise date agrees on every shared field.
    """
    related = relatedness(premise, hypothesis)
    if related == 0.0 or not premise.dates:
        return 0.0
    for wanted in hypothesis.dates:
        wanted_fields = wanted.fields()
        scores = [len(wanted.context & candidate.context) for candidate in premise.dates]
        best = max(scores)
        candidates = [c for c, s in zip(premise.dates, scores, strict=True) if s == best]
        if best == 0 and len(premise.dates) > 1:
            continue
        comparable = [c for c in candidates if wanted_fields.keys() & c.fields().keys()]
        if not comparable:
            continue
        agrees = any(
            all(c.fields()[name] == value for name, value in wanted_fields.items() if name in c.fields())
            for c in comparable
        )
        if not agrees:
            return related
    return 0.0


def place_mismatch(premise: Analysis, hypothesis: Analysis) -> float:
    """Strength with which the hypothesis puts an event in another known place of the same kind.

    Only gazetteer places after a locative preposition count, compared city with city and country with country,
    so "troops in Iraq" vs "talks in Baghdad" never fires. Weaker than the other signals: places nest and vary.
    """
    related = relatedness(premise, hypothesis)
    if related == 0.0:
        return 0.0
    for wanted in hypothesis.places:
        same_level = [p for p in premise.places if p.level == wanted.level]
        if not same_level:
            continue
        scores = [len(wanted.context & p.context) for p in same_level]
        best = max(scores)
        if best == 0:
            continue
        named_in_premise = {p.name for p in premise.places} | premise.content
        if wanted.name not in named_in_premise:
            return PLACE_MISMATCH_STRENGTH * related
    return 0.0


def negation_cues(premise: Analysis, hypothesis: Analysis) -> list[NegationCue]:
    """The negations present on one side only whose scope holds words the other side states (the ones that make
    the ``negation`` signal fire)."""

    def negating(side: Analysis, other: Analysis) -> list[NegationCue]:
        # A place both sides name is their topic, not what is negated: "in Iraq against the will of the Iraqi
        # government" negates nothing the Pentagon's "troops in Iraq have dropped to about 2,500" states.
        return [cue for cue in side.negations if (cue.scope & other.content) - _PLACES.keys()]

    if not premise.negations:
        return negating(hypothesis, premise)
    if not hypothesis.negations:
        return negating(premise, hypothesis)
    return []


def negation(premise: Analysis, hypothesis: Analysis) -> float:
    """Strength of a negation present on one side only, about words the other side states.

    "The U.S. does not respect Iraqi sovereignty" vs "The U.S. respects Iraqi sovereignty" fires; a "not" in an
    unrelated clause of a long quote does not, because its scope shares nothing with the other statement.
    """
    related = relatedness(premise, hypothesis)
    if related == 0.0 or not negation_cues(premise, hypothesis):
        return 0.0
    return related


def antonym_pairs(premise: Analysis, hypothesis: Analysis) -> list[tuple[str, str]]:
    """(premise word, hypothesis word) pairs of opposite meaning that only one side each uses."""
    only_premise = premise.content - hypothesis.content
    only_hypothesis = hypothesis.content - premise.content
    found: list[tuple[str, str]] = []
    for side_a, side_b in _ANTONYMS:
        for first, second in ((side_a, side_b), (side_b, side_a)):
            for word in only_premise & first:
                found.extend((word, other) for other in only_hypothesis & second)
    for word in only_hypothesis:
        for prefix in _NEGATING_PREFIXES:
            base = word.removeprefix(prefix)
            if base != word and len(base) >= 4 and base not in _PREFIX_FALSE_FRIENDS and base in only_premise:
                found.append((base, word))
    for word in only_premise:
        for prefix in _NEGATING_PREFIXES:
            base = word.removeprefix(prefix)
            if base != word and len(base) >= 4 and base not in _PREFIX_FALSE_FRIENDS and base in only_hypothesis:
                found.append((word, base))
    return sorted(pair for pair in set(found) if _shares_argument(premise, hypothesis, pair))


def _neighbours(analysis: Analysis, word: str, exclude: frozenset[str]) -> frozenset[str]:
    """Content lemmas within ANTONYM_WINDOW content words of any use of ``word``: what it says something about."""
    tokens = list(analysis.tokens)
    found: set[str] = set()
    for index, token in enumerate(tokens):
        if token.lemma == word:
            found |= _context(tokens, index, index + 1, exclude, window=ANTONYM_WINDOW)
    return frozenset(found)


def _shares_argument(premise: Analysis, hypothesis: Analysis, pair: tuple[str, str]) -> bool:
    """True when the two opposite words stand by a common word, so they say opposite things about one thing.

    "Reduced tensions" against "increased tensions" qualifies; "a young woman" against "an old townhouse", or
    "reserves reduced to $10 billion" against "raised interest rates", does not: each word describes something else.
    """
    exclude = frozenset(pair)
    return bool(_neighbours(premise, pair[0], exclude) & _neighbours(hypothesis, pair[1], exclude))


def _negated_on_one_side(premise: Analysis, hypothesis: Analysis, pair: tuple[str, str]) -> bool:
    """True for "fell" vs "did not rise": an antonym under a negation restates rather than contradicts."""
    premise_negated = any(pair[0] in cue.scope for cue in premise.negations)
    hypothesis_negated = any(pair[1] in cue.scope for cue in hypothesis.negations)
    return premise_negated != hypothesis_negated


def antonym(premise: Analysis, hypothesis: Analysis) -> float:
    """Strength of an opposite word ("rose"/"dropped", "agreed"/"rejected") between related statements."""
    return _antonym_strength(premise, hypothesis, antonym_pairs(premise, hypothesis))


def _antonym_strength(premise: Analysis, hypothesis: Analysis, pairs: list[tuple[str, str]]) -> float:
    if not any(not _negated_on_one_side(premise, hypothesis, pair) for pair in pairs):
        return 0.0
    return relatedness(premise, hypothesis)


def extra_content(premise: Analysis, hypothesis: Analysis) -> float:
    """How much the hypothesis says beyond the premise, by count of new content words: 0 up to
    ``EXTRA_CONTENT_MIN_WORDS``, 1.0 at twice that. NLI models trained on short hypotheses read a long one full of
    unmentioned detail as a contradiction; by the task's own definition it is neutral unless something conflicts."""
    new_words = len(hypothesis.content - premise.content)
    if new_words <= EXTRA_CONTENT_MIN_WORDS:
        return 0.0
    return min(1.0, (new_words - EXTRA_CONTENT_MIN_WORDS) / EXTRA_CONTENT_MIN_WORDS)


def low_overlap(premise: Analysis, hypothesis: Analysis) -> float:
    """How little of the hypothesis the premise talks about: 1.0 when nothing is shared."""
    if not hypothesis.content:
        return 0.0
    share = coverage(premise, hypothesis)
    if share >= LOW_OVERLAP_COVERAGE:
        return 0.0
    return (LOW_OVERLAP_COVERAGE - share) / LOW_OVERLAP_COVERAGE


# --------------------------------------------------------------------------------------------------------------
# All signals for one pair
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SignalReport:
    """The signals that fired for one (premise, hypothesis) pair, with what a judge needs to weigh them."""

    strengths: dict[str, float] = field(default_factory=dict)  # fired signal -> strength in (0, 1]
    coverage: float = 0.0  # share of hypothesis content words also in the premise
    relatedness: float = 0.0
    hypothesis_words: int = 0
    identical: bool = False  # same text up to case, spacing and final punctuation
    plain_negation: bool = False  # every negation behind ``negation`` is a plain "not", "no", "never" ...

    @property
    def fired(self) -> list[str]:
        """Fired signal names in the fixed SIGNAL_NAMES order."""
        return [name for name in SIGNAL_NAMES if name in self.strengths]

    @property
    def contradiction_evidence(self) -> dict[str, float]:
        return {name: s for name, s in self.strengths.items() if name in CONTRADICTION_SIGNALS}


def _normalised_for_identity(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower()).rstrip(".!?;: ")


def compute_signals(premise: str, hypothesis: str) -> SignalReport:
    """Analyse both statements and run every signal; the entry point judges use."""
    return compare(analyse(premise), analyse(hypothesis))


def compare(premise: Analysis, hypothesis: Analysis) -> SignalReport:
    """Run every signal on two analysed statements (lets callers reuse an analysis across many pairs)."""
    identical = _normalised_for_identity(premise.text) == _normalised_for_identity(hypothesis.text)
    strengths: dict[str, float] = {}
    if not identical:
        # Found once: the antonym signal and the negated-antonym rule below both use them.
        opposites = antonym_pairs(premise, hypothesis)
        checks: tuple[tuple[str, Callable[[Analysis, Analysis], float]], ...] = (
            ("number_mismatch", number_mismatch),
            ("date_mismatch", date_mismatch),
            ("negation", negation),
            ("antonym", lambda p, h: _antonym_strength(p, h, opposites)),
            ("place_mismatch", place_mismatch),
            ("low_overlap", low_overlap),
            ("extra_content", extra_content),
            ("number_match", number_match),
        )
        for name, check in checks:
            strength = check(premise, hypothesis)
            if strength > 0.0:
                strengths[name] = round(strength, 4)
        # "did not rise" vs "fell", "is not temporary" vs "is permanent": a negated antonym is no contradiction.
        negated_antonym = any(_negated_on_one_side(premise, hypothesis, pair) for pair in opposites)
        if negated_antonym or ("negation" in strengths and "antonym" in strengths):
            strengths.pop("negation", None)
            strengths.pop("antonym", None)
    return SignalReport(
        strengths=strengths,
        coverage=round(coverage(premise, hypothesis), 4),
        relatedness=round(relatedness(premise, hypothesis), 4),
        hypothesis_words=hypothesis.word_count,
        identical=identical,
        plain_negation="negation" in strengths
        and all(cue.cue in PLAIN_NEGATIONS for cue in negation_cues(premise, hypothesis)),
    )


def iter_signal_reports(pairs: Iterable[tuple[str, str]]) -> Iterator[SignalReport]:
    """Signals for many pairs, analysing each distinct statement once (a check compares one text to many)."""
    cache: dict[str, Analysis] = {}

    def cached(text: str) -> Analysis:
        found = cache.get(text)
        if found is None:
            found = cache[text] = analyse(text)
        return found

    for premise, hypothesis in pairs:
        yield compare(cached(premise), cached(hypothesis))
