"""The vocabularies the analyses share, built once at import.

Word lists that are judgement calls (stopwords, negation cues, aliases, synonyms, antonyms, places, qualifiers)
come from the data files (``lexicon.py``); closed facts of English (month and weekday names, number words,
ordinals) are defined here.
"""

from __future__ import annotations

import re

from embeddings.signals.lexicon import AntonymGroup, antonym_groups, table, words_with_role


def _words(text: str) -> list[str]:
    """Whitespace-separated word list: keeps the vocabularies below readable."""
    return text.split()


# --------------------------------------------------------------------------------------------------------------
# From the data files
# --------------------------------------------------------------------------------------------------------------

STOPWORDS: frozenset[str] = frozenset(entry["word"] for entry in table("stopwords", ("word",)))

_NEGATION_ENTRIES = table("negations", ("cue", "kind", "scope"))
# Single-word negation cues ("not", "denied"); a cue of several words is a phrase ("against the will").
NEGATION_WORDS: frozenset[str] = frozenset(entry["cue"] for entry in _NEGATION_ENTRIES if " " not in entry["cue"])
# The grammatical negations an NLI model learns from its data; the other cues (deny, refuse, "against the will
# of", "failed to") say "not" in words it reads poorly. A judge may weigh the two kinds differently.
PLAIN_NEGATIONS: frozenset[str] = frozenset(entry["cue"] for entry in _NEGATION_ENTRIES if entry["kind"] == "plain")
# Cues that negate what comes before them as well as after ("the claim was denied").
TWO_SIDED_NEGATIONS: frozenset[str] = frozenset(entry["cue"] for entry in _NEGATION_ENTRIES if entry["scope"] == "both")
NEGATION_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    entry.words("cue") for entry in _NEGATION_ENTRIES if " " in entry["cue"]
)
# Word sequences that contain a negation word but do not negate the statement.
NOT_NEGATIONS: tuple[tuple[str, ...], ...] = tuple(
    entry.words("phrase") for entry in table("not_negations", ("phrase",))
)
# "deny" meaning withhold: "denied him advance warning", "people are denied access".
WITHHOLDING_CUES: frozenset[str] = frozenset(words_with_role("withholding_cue"))
WITHHELD_OBJECTS: frozenset[str] = frozenset(words_with_role("withheld_object"))

# Surface form -> canonical lemma for names and demonyms, so "U.S." and "American" count as the same word.
ALIASES: dict[str, str] = {entry["form"]: entry["lemma"] for entry in table("aliases", ("form", "lemma"))}
MULTIWORD_ALIASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(entry["pattern"], re.IGNORECASE), entry["replacement"])
    for entry in table("multiword_aliases", ("pattern", "replacement"))
)
# Words that mean the same thing for overlap purposes: every form maps to the group's first word.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = tuple(entry.words("forms") for entry in table("synonyms", ("forms",)))
ANTONYM_GROUPS: tuple[AntonymGroup, ...] = antonym_groups()


def _opposite_forms(name: str = "opposite_forms") -> dict[tuple[str, ...], tuple[tuple[tuple[str, ...], str], ...]]:
    found: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
    for entry in table(name, ("forms_a", "forms_b", "kind")):
        side_a = [tuple(form.split()) for form in entry["forms_a"].split("|")]
        side_b = [tuple(form.split()) for form in entry["forms_b"].split("|")]
        for said, other in ((side_a, side_b), (side_b, side_a)):
            for form in said:
                found.setdefault(form, []).extend((opposite, entry["kind"]) for opposite in other)
    return {form: tuple(opposites) for form, opposites in found.items()}


# WordNet's opposite predicates as surface forms (lower-case word tuple -> (opposite form, part of speech)), generated
# from the contrast lexicon (``embeddings.nli.lexicon.opposites``): only the alignment of opposites reads them
# (``antonym_swap``, ``negated_opposite``).
OPPOSITE_FORMS: dict[tuple[str, ...], tuple[tuple[tuple[str, ...], str], ...]] = _opposite_forms()
LONGEST_OPPOSITE_FORM = max((len(form) for form in OPPOSITE_FORMS), default=1)
# The base forms of opposite verbs OPPOSITE_FORMS leaves out as nouns ("contract" / "expand"), read only where a verb
# stands: right after one of VERB_MARKERS, a "not" or "never" allowed between.
VERB_POSITION_OPPOSITES: dict[tuple[str, ...], tuple[tuple[tuple[str, ...], str], ...]] = _opposite_forms(
    "opposite_verb_forms"
)
IRREGULAR_FORMS: dict[str, tuple[str, ...]] = {
    entry["base"]: entry.words("forms") for entry in table("inflections", ("base", "forms"))
}
# Prefixed words that are not the antonym of the unprefixed word ("discover" is not "not cover").
PREFIX_FALSE_FRIENDS: frozenset[str] = frozenset(words_with_role("false_friend_stem"))
NEGATING_PREFIXES: tuple[str, ...] = words_with_role("negating_prefix")

# Places: name -> (level, country). Only places in this table take part in place_mismatch.
PLACES: dict[str, tuple[str, str]] = {
    entry["name"]: (entry["level"], entry["country"]) for entry in table("places", ("name", "level", "country"))
}
LOCATIVE_PREPOSITIONS: frozenset[str] = frozenset(words_with_role("locative_preposition"))
DATE_PREPOSITIONS: frozenset[str] = frozenset(words_with_role("date_preposition"))
# Prepositions after which a date bounds a span ("not until June", "since 2019"): no other time, but a limit.
TIME_BOUNDS: frozenset[str] = frozenset(words_with_role("time_bound"))
# Prepositions after which a date is a deadline ("finished by 11 a.m."): not the time a thing happened at.
DEADLINE_WORDS: frozenset[str] = frozenset(words_with_role("deadline"))
# Deadline words that leave their own date out ("before June 1"; "by June 1" is met on June 1), h125.
STRICT_DEADLINE_WORDS: frozenset[str] = frozenset(words_with_role("strict_deadline"))
# A preposition before an hour in words with its half of the day ("at three in the afternoon"), h131.
CLOCK_PREPOSITIONS: frozenset[str] = frozenset(words_with_role("clock_preposition"))
# Words before a date that make it a deadline as "by" does ("no later than June 1", "by the end of June"), h131.
DEADLINE_PHRASES: tuple[tuple[str, ...], ...] = tuple(
    tuple(phrase.split()) for phrase in words_with_role("deadline_phrase")
)
# Words that make a deadline after them a rule, not a fact ("must be filed by June 1"), h125.
OBLIGATION_WORDS: frozenset[str] = frozenset(words_with_role("obligation_word"))
# "a lack of staff" / "staff shortages": a cue that says a thing is wanting, and the words that say so without a
# negation; beside one naming the lacked thing the cue restates it (``context.without_restated_wants``).
WANT_CUES: frozenset[str] = frozenset(words_with_role("want_cue"))
WANT_WORDS: frozenset[str] = frozenset(words_with_role("want_word"))
# "range from X to Y": one interval, not a change from one level to another.
RANGE_WORDS: frozenset[str] = frozenset(words_with_role("range_word"))

# Qualifier (lower-case words before a number) -> how it turns the number into an interval; first match wins.
QUALIFIERS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (entry.words("phrase"), entry["meaning"]) for entry in table("qualifiers", ("phrase", "meaning"))
)
# Words after a figure that make it a bound ("66 and above", "12 or younger", "10 or more people"; ``bounds_after.tsv``,
# h174) -> "at_least" / "at_most"; and the words that, right after such a phrase, make it a preposition with an object
# ("and above them"), no bound.
_BOUND_AFTER_ENTRIES = table("bounds_after", ("phrase", "kind"))
BOUNDS_AFTER: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (entry.words("phrase"), entry["kind"]) for entry in _BOUND_AFTER_ENTRIES if entry["kind"] != "object"
)
BOUND_AFTER_OBJECTS: frozenset[str] = frozenset(
    entry["phrase"] for entry in _BOUND_AFTER_ENTRIES if entry["kind"] == "object"
)
# Words that say when, not what ("year", "last", "tonight"): no argument two opposite words can share.
TIME_WORDS: frozenset[str] = frozenset(entry["word"] for entry in table("time_words", ("word",)))
# Period nouns an ordinal names a part of ("the first quarter", "the second half") -> the capital of their short
# form ("Q1"; "" for none): the ordinal also says when (``dates.find_dates``).
PERIODS: dict[str, str] = {
    entry["word"]: entry["letter"].replace("-", "") for entry in table("periods", ("word", "letter"))
}
# Times of day (``clock_times.tsv``): markers after an hour ("a.m." -> 0, "p.m." -> 12 hours added, "o'clock" ->
# None: either half of the day), named times in minutes after midnight ("noon" -> 720), and time zones.
_CLOCK_ENTRIES = table("clock_times", ("word", "kind", "value"))
CLOCK_MARKERS: dict[str, int | None] = {
    entry["word"]: None if entry["value"] == "-" else int(entry["value"])
    for entry in _CLOCK_ENTRIES
    if entry["kind"] == "marker"
}
NAMED_TIMES: dict[str, int] = {
    entry["word"]: int(entry["value"]) for entry in _CLOCK_ENTRIES if entry["kind"] == "named"
}
TIME_ZONES: frozenset[str] = frozenset(entry["word"] for entry in _CLOCK_ENTRIES if entry["kind"] == "zone")
# Phrases after an hour that say its half of the day ("three in the afternoon" -> 12 hours added), as word tuples.
CLOCK_PHRASE_MARKERS: dict[tuple[str, ...], int] = {
    tuple(entry["word"].split()): int(entry["value"]) for entry in _CLOCK_ENTRIES if entry["kind"] == "phrase_marker"
}
# Words that make a year a reporting period ("fiscal 2023", "the 2023 financial year") -> the capitals of their
# short form ("FY2023"; "" for none): a period of its own (``dates.find_dates``).
FISCAL_YEAR_WORDS: dict[str, str] = {
    entry["word"]: entry["short"].replace("-", "") for entry in table("fiscal_years", ("word", "short"))
}
# Words that place a time relative to the time of speaking -> (direction, unit); unit "following": the next word.
DEICTIC_TIMES: dict[str, tuple[str, str]] = {
    entry["word"]: (entry["direction"], entry["unit"])
    for entry in table("deictic_times", ("word", "direction", "unit"))
}
# Words that say which way an amount moved ("rose", "fell"), not what moved: never alone what two statements share.
CHANGE_WORDS: frozenset[str] = frozenset(entry["word"] for entry in table("change_words", ("word",)))
# Words that deny or weaken what they modify ("former", "almost", "alleged"): no detail merely added.
WEAKENERS: frozenset[str] = frozenset(entry["word"] for entry in table("weakeners", ("word",)))
UNIT_SYNONYMS: dict[str, str] = {entry["word"]: entry["unit"] for entry in table("units", ("word", "unit"))}
# "doubled" -> 100: a change by a multiple, as the percentage it changes by.
CHANGE_MULTIPLES: dict[str, float] = {
    entry["word"]: float(entry["percent"]) for entry in table("change_multiples", ("word", "percent"))
}
# Units of measure -> (measure, factor, offset): a figure in that unit is value * factor + offset of the measure's
# base unit, so "5km" and "5,000 metres", "50mm" and "5cm", "113F" and "45C" are one figure.
MEASURES: dict[str, tuple[str, float, float]] = {
    entry["word"]: (entry["measure"], float(entry["factor"]), float(entry["offset"]))
    for entry in table("measures", ("word", "measure", "factor", "offset"))
}
PRONOUN_ONE_DETERMINERS: frozenset[str] = frozenset(words_with_role("pronoun_one_determiner"))
SHARE_DETERMINERS: frozenset[str] = frozenset(words_with_role("share_determiner"))
WHOLE_DETERMINERS: frozenset[str] = frozenset(words_with_role("whole_determiner"))
NOT_A_NAME_PREFIXES: tuple[str, ...] = words_with_role("not_a_name_prefix")
INDEFINITE_DETERMINERS: frozenset[str] = frozenset(words_with_role("indefinite_determiner"))
QUANTIFYING_WORDS: frozenset[str] = frozenset(words_with_role("quantifying_word"))
RECIPROCAL_WORDS: frozenset[str] = frozenset(words_with_role("reciprocal_word"))
NOUN_PHRASE_OPENERS: frozenset[str] = frozenset(words_with_role("noun_phrase_opener"))
INDEFINITE_PRONOUNS: frozenset[str] = frozenset(words_with_role("indefinite_pronoun"))
ANAPHORIC_DETERMINERS: frozenset[str] = frozenset(words_with_role("anaphoric_determiner"))
WORD_NEGATIONS: frozenset[str] = frozenset(words_with_role("word_negation"))

# --------------------------------------------------------------------------------------------------------------
# Closed facts of English
# --------------------------------------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
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
AMBIGUOUS_MONTHS = frozenset({"march", "mar", "may", "jan", "dec", "sep", "oct", "nov", "aug", "jun", "jul", "apr"})
# Holidays held on one fixed day: word -> (month, day) (``holidays.tsv``, issue 21).
HOLIDAYS: dict[str, tuple[int, int]] = {
    entry["word"]: (int(entry["month"]), int(entry["day"])) for entry in table("holidays", ("word", "month", "day"))
}
# Times of the year that span months (``seasons.tsv``): a season ("spring") or a movable feast ("Easter") -> the
# months it may fall in and whether it is a date only when capitalised (h125, issue 21).
MONTH_SPANS: dict[str, tuple[frozenset[int], bool]] = {
    entry["word"]: (frozenset(int(month) for month in entry["months"].split(",")), entry["capitalised"] == "yes")
    for entry in table("seasons", ("word", "months", "capitalised"))
}
WEEKDAYS: dict[str, int] = {
    name: number
    for number, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
}

# The infinitive marker, the modals and "do": a base form right after one is a verb ("to contract", "will expand").
VERB_MARKERS: frozenset[str] = frozenset(_words("to will would shall should can could may might must do does did"))
SMALL_NUMBERS: dict[str, int] = {
    word: value
    for value, word in enumerate(
        _words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
            "seventeen eighteen nineteen"
        )
    )
}
TENS: dict[str, int] = {
    word: 10 * (i + 2) for i, word in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"))
}
# "two and a half million", "three and a quarter": the fraction after a spelled-out number.
FRACTIONS: dict[str, float] = {"half": 0.5, "quarter": 0.25}
# "a third of", "two-thirds of", "three quarters of": the parts a whole is cut into, singular and plural.
FRACTION_DENOMINATORS: dict[str, int] = {
    word: denominator
    for denominator, forms in enumerate(
        (
            "",
            "",
            "half halves",
            "third thirds",
            "quarter quarters",
            "fifth fifths",
            "sixth sixths",
            "seventh sevenths",
            "eighth eighths",
            "ninth ninths",
            "tenth tenths",
        ),
    )
    for word in _words(forms)
}
SCALES: dict[str, float] = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
SUFFIX_SCALES: dict[str, float] = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9}
# "hundreds of" and its kind: the interval such a vague amount stands for.
VAGUE_AMOUNTS: dict[str, tuple[float, float]] = {
    "dozens": (24.0, 99.0),
    "scores": (40.0, 199.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2_000.0, 9_999.0),
    "millions": (2e6, 9.99e8),
    "billions": (2e9, 9.99e11),
}
# The forms of "be": one right before a participle makes a passive ("was denied").
BE_FORMS: frozenset[str] = frozenset(_words("be am is are was were been being"))
# The auxiliaries that stand first in a clause or a question: the finite forms of "be", "have" and "do", the modals,
# and their negated contractions ("isn't", "won't").
FINITE_BE: frozenset[str] = frozenset(_words("am is are was were"))
FINITE_HAVE: frozenset[str] = frozenset(_words("has have had"))
FINITE_DO: frozenset[str] = frozenset(_words("do does did"))
MODALS: frozenset[str] = frozenset(_words("will would can could shall should may might must"))
NEGATED_AUXILIARIES: frozenset[str] = frozenset(
    _words(
        "isn't aren't wasn't weren't hasn't haven't hadn't doesn't don't didn't won't wouldn't can't cannot couldn't "
        "shouldn't mustn't"
    )
)
NUMBER_WORDS: frozenset[str] = frozenset({*SMALL_NUMBERS, *TENS, *SCALES, *VAGUE_AMOUNTS, "dozen"})
ORDINALS: dict[str, int] = {
    word: i + 1
    for i, word in enumerate(
        _words("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth")
    )
}
