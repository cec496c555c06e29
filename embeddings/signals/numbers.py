"""Quantities in a statement, each as an interval with what it counts.

Numbers are intervals. "about/around/roughly/some/approximately X" is X ± 10 %, "nearly/almost X" is [0.9·X, X],
"more than/over X" is [X, ∞) leaving out X itself, "at least X" is [X, ∞), "less than/under X" and "up to/at most
X" are [0, X], "hundreds/thousands of" are [200, 999] / [2,000, 9,999] (``qualifiers.tsv``); a bound may follow its
figure, "66 and above" being "at least 66" and "12 or younger" "at most 12" (``bounds_after.tsv``). "rose *by* 500" is a
change, compared only with other changes; "one of the talks" picks a member, "two of the women" a share.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from embeddings.signals.tokens import ANTONYMS, Token, context, is_content, lemma, matches_at
from embeddings.signals.vocabulary import (
    BOUND_AFTER_OBJECTS,
    BOUNDS_AFTER,
    CHANGE_MULTIPLES,
    FRACTION_DENOMINATORS,
    FRACTIONS,
    MEASURES,
    PRONOUN_ONE_DETERMINERS,
    QUALIFIERS,
    RANGE_WORDS,
    SCALES,
    SHARE_DETERMINERS,
    SMALL_NUMBERS,
    TENS,
    TIME_WORDS,
    UNIT_SYNONYMS,
    VAGUE_AMOUNTS,
    WHOLE_DETERMINERS,
)

APPROXIMATE_TOLERANCE = 0.10  # "about 2,500" means 2,250..2,750
# Verbs of rising and falling: the lemmas of the antonym group that opposes "rise" to "fall" ("rose by 500").
CHANGE_LEMMAS = frozenset(
    word for group in ANTONYMS if lemma("rise") in group.side_a | group.side_b for word in group.side_a | group.side_b
)
INF = float("inf")
# How many words before "from" a verb of rising or falling may stand ("will rise from", "was cut sharply from").
CHANGE_REACH = 3


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its uncertainty as an interval, and what it counts."""

    low: float
    high: float
    # "count", "delta" (a change: "rose by 500"), "origin" (the level a change starts from: "rose from 20 to 28"),
    # "part" ("one of the talks"), "share" ("two of the nine agencies") or "ordinal"
    kind: str
    unit: str | None  # the noun it counts ("troop", "session"), "percent" or "money"
    context: frozenset[str]  # content lemmas around it
    # A comparative bound ("more than 2,500", "lower than 34") leaves out its own figure; the interval is kept
    # closed all the same, so a bound never conflicts with the figure it names, but never agrees with it either.
    strict: bool = False
    whole: bool = False  # "all nine agencies": the count of a whole group, which a share of it can contradict
    # Token positions [start, end) of its words: qualifier, currency symbol and figure ("about 2,500", "$5 million").
    span: tuple[int, int] = field(default=(0, 0), compare=False)
    # An upper limit that is itself reached ("the fine can reach $5,000", "salaries top out at $90,000"): any figure
    # up to it may occur, but a bound below it, or another such limit, conflicts with it (issue 21).
    attained: bool = False


# The scale words a lone "a" / "one" or "half a" counts ("a hundred", "half a million").
_SCALE_AFTER_ONE = ("hundred", "thousand", "million", "billion", "dozen")


def _parse_number_words(tokens: list[Token], index: int) -> tuple[float, int] | None:
    """Value and end position of a spelled-out number starting at ``index`` ("two thousand", "twenty-five")."""
    total = 0.0
    current = 0.0
    position = index
    seen = False
    while position < len(tokens):
        token = tokens[position]
        words = token.lower.split("-") if token.kind == "word" else []
        if words and all(w in SMALL_NUMBERS or w in TENS for w in words):
            current += sum(SMALL_NUMBERS.get(w, 0) + TENS.get(w, 0) for w in words)
        elif (
            token.lower == "a"
            and not seen
            and position + 1 < len(tokens)
            and tokens[position + 1].lower in _SCALE_AFTER_ONE
        ):
            current = 1.0
        elif (
            token.lower == "half"
            and not seen
            and position + 2 < len(tokens)
            and tokens[position + 1].lower in ("a", "an")
            and tokens[position + 2].lower in _SCALE_AFTER_ONE
        ):
            current = 0.5  # "half a million": half of the scale that follows
            position += 1  # "a"; the scale word is read next
        elif token.lower in SCALES and seen:
            scale = SCALES[token.lower]
            if scale == 100:
                current = (current or 1.0) * scale
            else:
                total += (current or 1.0) * scale
                current = 0.0
        elif token.lower == "dozen" and seen:
            current = (current or 1.0) * 12
        elif seen and _is_number_word(tokens[position - 1]) and (fraction := _and_a_fraction(tokens, position)):
            current += fraction  # "two and a half billion": 2.5 before the scale
            position += 2  # "and a"; the fraction word is passed below
        elif (
            token.lower == "and"
            and seen
            and tokens[position - 1].lower in SCALES
            and position + 1 < len(tokens)
            and _is_number_word(tokens[position + 1])
        ):
            pass  # "three hundred and six", "two thousand and twenty-six"; "two and three" are two numbers
        else:
            break
        seen = True
        position += 1
    if not seen or position == index or (total == 0 and current == 0 and tokens[index].lower != "zero"):
        return None
    return total + current, position


def _and_a_fraction(tokens: list[Token], index: int) -> float:
    """The fraction "and a half" / "and a quarter" adds when it starts at ``index`` (0.0 when it does not)."""
    words = [token.lower for token in tokens[index : index + 3]]
    if len(words) < 3 or words[:2] != ["and", "a"]:
        return 0.0
    return FRACTIONS.get(words[2], 0.0)


def _is_number_word(token: Token) -> bool:
    """A spelled-out number below a hundred: "six", "twenty", "twenty-six"."""
    words = token.lower.split("-") if token.kind == "word" else []
    return bool(words) and all(w in SMALL_NUMBERS or w in TENS for w in words)


def _number_at(tokens: list[Token], index: int) -> tuple[float, int] | None:
    """Value and end position of a number written in digits ("2,500", "3 million") or words at ``index``."""
    token = tokens[index]
    if token.kind == "number" and token.value is not None:
        end = index + 1
        if end < len(tokens) and tokens[end].lower in SCALES:
            return token.value * SCALES[tokens[end].lower], end + 1
        return token.value, end
    return _parse_number_words(tokens, index)


def _range_end(tokens: list[Token], index: int, end: int, date_positions: set[int]) -> tuple[float, int] | None:
    """ "between 200 and 300 workers", "between $10 million and $12 million": the upper figure and its end when the
    number at ``index`` (after its currency sign, if any) opens a range. A range states one interval, so a figure
    inside it ("about 250 workers") agrees with it and one outside does not; its two ends are no two figures of
    their own."""
    sign = _has_currency_sign(tokens, index)
    opening = index - 2 if sign else index - 1
    if opening < 0 or tokens[opening].lower != "between" or end + 1 >= len(tokens) or tokens[end].lower != "and":
        return None
    upper = end + 2 if sign and end + 1 < len(tokens) and tokens[end + 1].lower == tokens[index - 1].lower else end + 1
    if upper >= len(tokens) or upper in date_positions:
        return None
    return _number_at(tokens, upper)


CURRENCY_SIGNS = frozenset(("$", "€", "£"))


def _has_currency_sign(tokens: list[Token], index: int) -> bool:
    """A currency sign stands right before the number at ``index`` ("$2.50")."""
    return index > 0 and tokens[index - 1].lower in CURRENCY_SIGNS


def _from_to(tokens: list[Token], index: int, end: int, date_positions: set[int]) -> tuple[float, int, int, str] | None:
    """ "prices range from $20 to $80", "the fare will rise from $2.00 to $2.50": the figure after "to", where it
    ends, where "from" stands, and how the two figures read: "range" after a ``RANGE_WORDS`` word (one interval),
    "change" after a verb of rising or falling (two levels, the earlier one compared with earlier levels only: "the
    fare will be $2.50" agrees with the level reached and says nothing of the one left), else "" (two figures, as
    "from 1861 to 1865" is)."""
    sign = _has_currency_sign(tokens, index)
    opening = index - 2 if sign else index - 1
    if opening < 0 or tokens[opening].lower != "from" or end + 1 >= len(tokens) or tokens[end].lower != "to":
        return None
    upper = end + 2 if sign and tokens[end + 1].lower == tokens[index - 1].lower else end + 1
    if upper >= len(tokens) or upper in date_positions:
        return None
    found = _number_at(tokens, upper)
    if found is None:
        return None
    if opening > 0 and tokens[opening - 1].lower in RANGE_WORDS:
        reading = "range"
    elif any(token.lemma in CHANGE_LEMMAS for token in tokens[max(0, opening - CHANGE_REACH) : opening]):
        reading = "change"
    else:
        reading = ""
    return found[0], found[1], opening, reading


def _tally_end(tokens: list[Token], end: int) -> int | None:
    """ "52 votes to 48", "six votes to three": a tally, the position of its second figure. Both figures count the
    noun written after the first one, so that noun is the second's unit too; "by" before a tally ("passed by 52
    votes to 48") gives no change."""
    if end + 2 >= len(tokens) or not is_content(tokens[end]) or tokens[end + 1].lower != "to":
        return None
    following = _number_at(tokens, end + 2)
    if following is None:
        return None
    _, after = following
    # The second figure names no noun of its own ("to 48", not "to 48 percent" or "to 3,000 troops").
    if after < len(tokens) and (tokens[after].kind == "symbol" or is_content(tokens[after])):
        return None
    return end + 2


def _after_change(tokens: list[Token], begin: int) -> bool:
    """ "rose by 500 to 3,000", "fell 20 points to 7,500": the figure follows a verb of rising or falling (``by``
    aside), so it is a change and what follows "to" the level reached, not a tally."""
    before = begin - 1
    if before >= 0 and tokens[before].lower == "by":
        before -= 1
    return before >= 0 and tokens[before].lemma in CHANGE_LEMMAS


_TIME_LEMMAS = frozenset(lemma(word) for word in TIME_WORDS)


def _proportion_end(tokens: list[Token], value: float, end: int, date_positions: set[int]) -> tuple[float, int] | None:
    """ "nine out of ten", "one in four": a proportion, as a percentage, and where its second figure ends. The two
    figures are no two counts ("nine out of ten schools" counts no ten schools): they say what "90 percent of
    schools" says. "in" must be followed by a larger whole number that counts no time ("two in ten", not "three in
    five days" or "one in 2020")."""
    if end < len(tokens) and tokens[end].lower == "in":
        after = end + 1
    elif end + 1 < len(tokens) and tokens[end].lower == "out" and tokens[end + 1].lower == "of":
        after = end + 2
    else:
        return None
    if after >= len(tokens) or after in date_positions:
        return None
    whole = _number_at(tokens, after)
    if whole is None:
        return None
    total, whole_end = whole
    if not (value == int(value) and total == int(total) and 0 <= value <= total and total >= 2):
        return None
    if whole_end < len(tokens) and tokens[whole_end].lemma in _TIME_LEMMAS:
        return None
    return 100 * value / total, whole_end


def _fraction_end(tokens: list[Token], index: int) -> tuple[float, int] | None:
    """ "a third of its volume", "two-thirds of voters", "three quarters of the budget", "half of its staff", "half
    the students": a share of a whole, as a percentage, and where the fraction's words end. "third" there ranks
    nothing, and "a third" says what "33 percent" says. The whole must follow ("of", or a determiner after "half"):
    "the third quarter" and "half an hour" name no share of a whole. After "by" a fraction is the share a change
    takes ("cut by a third" says "cut by 33 percent"), whatever follows ("by half an hour" excepted)."""
    words = tokens[index].lower.split("-") if tokens[index].kind == "word" else []
    if len(words) == 2:  # "two-thirds"
        numerator_word, fraction_word, end = words[0], words[1], index + 1
    elif tokens[index].lower == "half":
        numerator_word, fraction_word, end = "one", "half", index + 1
    elif index + 1 < len(tokens):
        numerator_word, fraction_word, end = tokens[index].lower, tokens[index + 1].lower, index + 2
    else:
        return None
    numerator = 1 if numerator_word in ("a", "an") else SMALL_NUMBERS.get(numerator_word)
    denominator = FRACTION_DENOMINATORS.get(fraction_word)
    following = tokens[end].lower if end < len(tokens) else ""
    by_share = index > 0 and tokens[index - 1].lower == "by" and following not in ("a", "an")
    if numerator is None or denominator is None or not 0 < numerator < denominator:
        return None
    if end >= len(tokens) and not by_share:
        return None
    if (numerator == 1) != (fraction_word == _singular_fraction(denominator)):
        return None  # "one thirds", "two third"
    if (
        following != "of"
        and not (fraction_word == "half" and following in SHARE_DETERMINERS | WHOLE_DETERMINERS)
        and not by_share
    ):
        return None
    return 100 * numerator / denominator, end


def _multiple_end(tokens: list[Token], index: int) -> tuple[float, int] | None:
    """ "doubled", "tripled", "halved": a change by a multiple, as the percentage it changes by (``CHANGE_MULTIPLES``),
    so that "has doubled" agrees with "has risen 100 percent" and conflicts with "has tripled" or "is up 20%".
    "doubled over" and "doubled up" (bent) change nothing."""
    token = tokens[index]
    percent = CHANGE_MULTIPLES.get(token.lower) if token.kind == "word" else None
    if percent is None or (index + 1 < len(tokens) and tokens[index + 1].lower in ("over", "up", "down", "back")):
        return None
    return percent, index + 1


def _singular_fraction(denominator: int) -> str:
    """The singular fraction word of a denominator ("third" for 3)."""
    return next(word for word, value in FRACTION_DENOMINATORS.items() if value == denominator)


# A bound denied by a "not" or "never" up to three words before it turns round: "never went above 40C" is at most 40,
# "did not fall below 3 percent" at least 3.
_DENIED_BOUNDS = {"above": "at_most", "below": "at_least"}


def _qualifier_before(lowers: list[str], start: int) -> tuple[str, int]:
    for phrase, meaning in QUALIFIERS:
        begin = start - len(phrase)
        if begin >= 0 and matches_at(lowers, begin, phrase):
            if meaning in _DENIED_BOUNDS and any(
                word in ("not", "never") for word in lowers[max(0, begin - 3) : begin]
            ):
                return _DENIED_BOUNDS[meaning], begin
            return meaning, begin
    return "exact", start


def _bound_after(tokens: list[Token], end: int) -> tuple[str, int] | None:
    """(the bound, where its words end) when a phrase after a figure makes it one: "aged 66 and above" (at least 66),
    "children 12 and under" (at most 12), also after the figure's unit ("66 years and over", "10 people or more";
    ``BOUNDS_AFTER``). Not when a figure follows ("5 and over 3": "over" bounds the 3) or an object does ("five
    people and above them"): the phrase's last word is then a qualifier or a preposition of its own."""
    lowers = [token.lower for token in tokens]
    starts = [end]
    if end < len(tokens) and (is_content(tokens[end]) or tokens[end].kind == "symbol"):
        starts.append(end + 1)
    for start in starts:
        for phrase, meaning in BOUNDS_AFTER:
            if not matches_at(lowers, start, phrase):
                continue
            after = start + len(phrase)
            following = tokens[after] if after < len(tokens) else None
            if following is not None and (
                following.lower in BOUND_AFTER_OBJECTS or _number_at(tokens, after) is not None
            ):
                return None
            return meaning, after
    return None


def _interval(value: float, qualifier: str) -> tuple[float, float]:
    if qualifier == "approximately":
        return value * (1 - APPROXIMATE_TOLERANCE), value * (1 + APPROXIMATE_TOLERANCE)
    if qualifier == "nearly":
        return value * (1 - APPROXIMATE_TOLERANCE), value
    if qualifier in ("at_least", "above"):
        return value, INF
    if qualifier in ("at_most", "below", "ceiling"):
        return 0.0, value
    return value, value


def _unit_after(tokens: list[Token], end: int) -> str | None:
    """The noun a number counts: the last of up to three content words right after it ("U.S. troops")."""
    if end < len(tokens) and tokens[end].kind == "symbol":
        return UNIT_SYNONYMS.get(tokens[end].lower)
    if end < len(tokens) and tokens[end].lemma in ("percent", "percentage"):
        return "percent"
    head: str | None = None
    position = end
    while position < len(tokens) and position < end + 3 and is_content(tokens[position]):
        head = tokens[position].lemma
        position += 1
        if tokens[position - 1].lower.endswith("s") and len(tokens[position - 1].lower) > 3:
            break  # a plural noun ends the phrase: "troops in Iraq" counts troops
    return UNIT_SYNONYMS.get(head, head) if head is not None else None


def _measure_after(tokens: list[Token], end: int) -> tuple[str, float, float] | None:
    """The unit of measure written right after a figure ("200mm", "5 kilometres", "45 degrees Celsius"), as its
    measure, factor and offset (``MEASURES``). A one-letter unit ("C", "F") counts only in capitals."""
    if end >= len(tokens) or tokens[end].kind != "word":
        return None
    word = tokens[end]
    if word.lower in ("degree", "degrees") and end + 1 < len(tokens):
        word = tokens[end + 1]
    if len(word.lower) == 1 and not word.text.isupper():
        return None
    return MEASURES.get(word.lower)


def _per_after(tokens: list[Token], end: int) -> str:
    """The suffix " per hour" when the unit of measure after a figure is divided by another ("90 kilometres per
    hour": a speed, no length), else "": a rate is another measure than its unit's."""
    position = end + 1
    if position < len(tokens) and tokens[end].lower in ("degree", "degrees"):
        position += 1
    if position + 1 < len(tokens) and tokens[position].lower == "per" and tokens[position + 1].kind == "word":
        return " per " + tokens[position + 1].lemma
    return ""


def _in_base_unit(value: float, factor: float, offset: float) -> float:
    """A figure in its measure's base unit, to 9 significant digits ("113F" is 45.0 degrees Celsius, not
    44.99999...)."""
    return value if value == INF else float(f"{value * factor + offset:.9g}")


def _is_pronoun_one(tokens: list[Token], index: int, end: int) -> bool:
    """A spelled-out "one" that stands for a person or thing, not a count: "if one is pregnant", "no one"."""
    if tokens[index].lower != "one" or end != index + 1:
        return False
    if index > 0 and tokens[index - 1].lower in PRONOUN_ONE_DETERMINERS:
        return True
    following = tokens[end] if end < len(tokens) else None
    return following is not None and following.kind == "word" and not is_content(following) and following.lower != "of"


def _is_one_of(tokens: list[Token], index: int, end: int) -> bool:
    """ "one of which", "one of the things": one member picked out of a group, not a count of the group. Larger
    shares stay counts: "two of the nine agencies responded" does conflict with "all nine agencies responded"."""
    return tokens[index].lower in ("one", "1") and end == index + 1 and end < len(tokens) and tokens[end].lower == "of"


def _is_enumeration_marker(tokens: list[Token], index: int) -> bool:
    """ "First, the horsemen brought out a teaser horse": an ordinal opening the statement, not followed by what it
    ranks, orders the writer's points; "Second, ..." in another statement is no conflicting rank."""
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return index == 0 and (following is None or not is_content(following))


def _is_share(tokens: list[Token], end: int) -> bool:
    """ "two of the women", "3 of the 5 lawmakers": a number of members picked out of a group, which says nothing
    about how large the group is ("50 women had asked him" does not conflict with "he selected two of the
    women")."""
    return end + 1 < len(tokens) and tokens[end].lower == "of" and tokens[end + 1].lower in SHARE_DETERMINERS


def find_quantities(tokens: list[Token], date_positions: set[int]) -> list[Quantity]:
    """Every quantity of a tokenised statement, skipping the positions dates use."""
    lowers = [t.lower for t in tokens]
    quantities: list[Quantity] = []
    previous_end = -1  # where the last quantity's tokens end
    tally_units: dict[int, str] = {}  # the second figure of a tally ("52 votes to 48") -> what the first counts
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if index in date_positions:
            index += 1
            continue
        low: float | None = None
        high = 0.0
        kind = "count"
        range_start: int | None = None  # where "between" stands when the number opens a range
        end = index + 1
        fraction = _fraction_end(tokens, index) or _multiple_end(tokens, index)
        if fraction is not None:
            low = high = fraction[0]
        elif token.kind == "ordinal" and token.value is not None:
            if _is_enumeration_marker(tokens, index):
                index += 1
                continue
            low = high = token.value
            kind = "ordinal"
        elif token.kind == "number" and token.value is not None:
            value = token.value
            if end < len(tokens) and tokens[end].lower in SCALES:
                value *= SCALES[tokens[end].lower]
                end += 1
            low, high = value, value
        elif token.lower in VAGUE_AMOUNTS and end < len(tokens) and tokens[end].lower == "of":
            low, high = VAGUE_AMOUNTS[token.lower]
        else:
            parsed = _parse_number_words(tokens, index)
            if parsed is not None:
                low, end = parsed
                high = low
        if low is None or (
            _is_pronoun_one(tokens, index, end) and _proportion_end(tokens, low, end, date_positions) is None
        ):
            index += 1
            continue
        if kind == "count" and low == high:
            upper = _range_end(tokens, index, end, date_positions)
            if upper is not None and upper[0] > low:
                high, end = upper
                range_start = index - 2 if _has_currency_sign(tokens, index) else index - 1
            elif (span := _from_to(tokens, index, end, date_positions)) is not None:
                upper_value, upper_end, opening, reading = span
                if reading == "range":
                    low, high = min(low, upper_value), max(low, upper_value)
                    end, range_start = upper_end, opening
                elif reading == "change":
                    kind = "origin"
        if fraction is not None:
            proportion: tuple[float, int] | None = fraction
        else:
            proportion = _proportion_end(tokens, low, end, date_positions) if kind == "count" and low == high else None
        if proportion is not None:
            percentage, end = proportion
            low, high = float(math.floor(percentage)), float(math.ceil(percentage))  # "one in three": 33 to 34
        elif kind == "count" and _is_one_of(tokens, index, end):
            kind = "part"
        elif kind == "count" and _is_share(tokens, end):
            kind = "share"
        # A qualifier is written before the currency sign ("up to $2.50", "about $5 million"), and the figure's
        # words start there.
        currency = _has_currency_sign(tokens, index)
        figure_start = index - 1 if currency else index
        qualifier, begin = ("exact", figure_start) if kind == "ordinal" else _qualifier_before(lowers, figure_start)
        bound_after = (
            _bound_after(tokens, end)
            if qualifier == "exact" and kind != "ordinal" and proportion is None and low == high
            else None
        )
        words_end = end  # where the figure's words end: after a bound written behind it ("66 and above")
        if bound_after is not None:
            qualifier, words_end = bound_after
        if low == high:
            low, high = _interval(low, qualifier)
        tally = _tally_end(tokens, end) if kind == "count" and not _after_change(tokens, begin) else None
        if begin > 0 and tokens[begin - 1].lower == "by" and kind == "count" and tally is None:
            kind = "delta"
        if proportion is not None:
            unit: str | None = "percent"
        else:
            unit = "money" if currency else tally_units.get(index) or _unit_after(tokens, end)
            if unit is None and words_end != end:
                unit = _unit_after(tokens, words_end)  # "10 or more people"
        measure = _measure_after(tokens, end) if proportion is None and not currency else None
        if measure is not None and kind in ("count", "delta", "origin"):
            unit = measure[0] + _per_after(tokens, end)
            offset = measure[2] if kind != "delta" else 0.0  # a change of 5C is no temperature of 5C
            low, high = (_in_base_unit(value, measure[1], offset) for value in (low, high))
        if tally is not None and kind == "count" and unit is not None:
            tally_units[tally] = unit
        around = context(tokens, begin, words_end)
        if unit is not None:
            around = around | {unit}
        whole = begin > 0 and tokens[begin - 1].lower in WHOLE_DETERMINERS
        strict = qualifier in ("above", "below")
        start = range_start if range_start is not None else begin
        attained = qualifier == "ceiling" and low != high
        end = max(end, words_end)
        quantity = Quantity(
            low, high, kind, unit, around, strict=strict, whole=whole, span=(start, end), attained=attained
        )
        if currency and quantities and previous_end == begin and _counts_amounts(quantities[-1]):
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
