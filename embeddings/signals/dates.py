"""Dates in a statement: "April 7", "June 2020", "Saturday", "in 2019", "the 1990s", "the first quarter of 2023".

Bare four-digit numbers 1900-2099 are years, not quantities, unless a noun follows ("2000 troops"). Dates are
kept as fields (year, decade, month, day, weekday, and a named period: "the third quarter", "Q3", "the second
half", "the first round", ``vocabulary.PERIODS``) so two mentions are compared on the fields both give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from embeddings.signals.tokens import Token, context, is_content
from embeddings.signals.vocabulary import (
    AMBIGUOUS_MONTHS,
    CLOCK_MARKERS,
    CLOCK_PHRASE_MARKERS,
    CLOCK_PREPOSITIONS,
    DATE_PREPOSITIONS,
    DEADLINE_PHRASES,
    DEADLINE_WORDS,
    DEICTIC_TIMES,
    FISCAL_YEAR_WORDS,
    HOLIDAYS,
    MONTH_SPANS,
    MONTHS,
    NAMED_TIMES,
    OBLIGATION_WORDS,
    ORDINALS,
    PERIODS,
    SMALL_NUMBERS,
    STRICT_DEADLINE_WORDS,
    TIME_BOUNDS,
    TIME_WORDS,
    TIME_ZONES,
    WEEKDAYS,
)

# What joins the dates of one list ("in 2015, 2017 and 2019": the comma is no token, so nothing between two dates).
LIST_JOINERS = frozenset({"and", "or"})
# What joins a season to one before it ("in spring and summer", "from spring to autumn"): the second is a date too.
SPAN_JOINERS = LIST_JOINERS | {"to", "through", "until", "till"}
# Prepositions after which a season is no date ("to spring a surprise", "the fall of Rome"), unless a season or a
# year stands beside it.
NOT_SPAN_PREPOSITIONS = frozenset({"to", "of", "and", "or"})


@dataclass(frozen=True, slots=True)
class DateMention:
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    context: frozenset[str]
    decade: int | None = None  # "the 1990s" (1990) when no year is given
    # A named period and which of its parts: ("quarter", 3) for "the third quarter" or "Q3" (issue 21).
    period: tuple[str, int] | None = None
    # A time of day in minutes after midnight (issue 21): ``clock`` when the half of the day is known ("9 p.m.",
    # "21:00", "noon"), and always ``half_day_clock``, the time within its half of the day ("9:30" may be either).
    clock: int | None = None
    half_day_clock: int | None = None
    # A fiscal or financial year ("fiscal 2023", "FY2024"), issue 21: also its year, so "in FY 1997" agrees with "in
    # 1997", but a period of its own when figures are told year by year (``periods_conflict``).
    fiscal_year: int | None = None
    # Issue 21: which list of the statement's dates this date is one of ("in 2015, 2017 and 2019", "fiscal 1998 and
    # 1999": the index of the list's first date), None for a date on its own; and whether it is a deadline ("finished by 11 a.m.",
    # ``DEADLINE_WORDS``), the latest time a thing happened rather than the time it happened at.
    series: int | None = None
    deadline: bool = False
    # The content words between the statement's previous date (or its start) and this one: the event this date is
    # told of ("The bridge opened in 2019 and was widened in 2023": "bridge", "open" for 2019, "widen" for 2023). A
    # list's later dates share its first date's. Not part of a date's identity.
    lead: frozenset[str] = field(default=frozenset(), compare=False)
    # The months a season or a movable feast may fall in ("in spring 2025": March to May, "at Easter": March to
    # May, ``seasons.tsv``), h125: no month of its own, but a month outside them is another time.
    months: frozenset[int] | None = None
    # A deadline that leaves its own date out ("before June 1", ``STRICT_DEADLINE_WORDS``): June 1 misses it. And
    # a deadline set by a rule ("must be filed by June 1", ``OBLIGATION_WORDS`` before it): no fact's time misses it.
    strict: bool = False
    required: bool = False

    def fields(self) -> dict[str, int]:
        """The known fields; a year also gives its decade, so "in 1997" agrees with "during the 1990s"."""
        decade = self.year // 10 * 10 if self.year is not None else self.decade
        values = {
            "year": self.year,
            "decade": decade,
            "month": self.month,
            "day": self.day,
            "weekday": self.weekday,
            "clock": self.clock,
            "half_day_clock": self.half_day_clock,
            "fiscal_year": self.fiscal_year,
        }
        if self.period is not None:
            values[self.period[0]] = self.period[1]
        return {name: value for name, value in values.items() if value is not None}


def is_year(tokens: list[Token], index: int) -> bool:
    """A bare whole number 1900-2099 used as a year: "in 2020", "2020 saw"; not "2000 troops"."""
    token = tokens[index]
    if token.kind != "number" or token.value is None or "," in token.text or "." in token.text:
        return False
    if not 1900 <= token.value <= 2099 or token.value != int(token.value):
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    previous = tokens[index - 1].lower if index > 0 else ""
    return following is None or not is_content(following) or previous in DATE_PREPOSITIONS or previous in MONTHS


def _month_at(tokens: list[Token], index: int) -> int | None:
    """Month number if the token at ``index`` is a month name used as a month."""
    token = tokens[index]
    if token.kind != "word" or token.lower not in MONTHS or not token.text[:1].isupper():
        return None
    if token.lower in AMBIGUOUS_MONTHS:
        previous = tokens[index - 1].lower if index > 0 else ""
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        next_is_date = following is not None and following.kind in ("number", "ordinal")
        if not next_is_date and previous not in DATE_PREPOSITIONS:
            return None
    return MONTHS[token.lower]


def _span_at(tokens: list[Token], index: int) -> frozenset[int] | None:
    """The months a season or movable feast at ``index`` may fall in (``seasons.tsv``): "Easter" when capitalised; a
    season before a year ("spring 2025", "the summer of 2021"), or after a preposition of time or a deictic word ("in
    the spring", "during the early winter", "last summer"), or joined to a season that is a date ("in spring and
    summer"). "The fall of Rome", "prices fall" and "to spring a surprise" are no dates (h125, issue 21)."""
    token = tokens[index]
    span = MONTH_SPANS.get(token.lower) if token.kind == "word" else None
    if span is None:
        return None
    months, capitalised = span
    if capitalised:
        return months if token.text[:1].isupper() else None
    following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
    if index + 1 < len(tokens) and is_year(tokens, index + 1):
        return months
    if following == "of":
        return months if index + 2 < len(tokens) and is_year(tokens, index + 2) else None
    before = index - 1
    while before >= 0 and tokens[before].lower in ("the", "early", "late", "mid"):
        before -= 1
    previous = tokens[before].lower if before >= 0 else ""
    if previous in SPAN_JOINERS and before > 0 and _span_at(tokens, before - 1) is not None:
        return months
    if previous in DEICTIC_TIMES or (previous in DATE_PREPOSITIONS and previous not in NOT_SPAN_PREPOSITIONS):
        return months
    return None


def _months_mask(months: frozenset[int]) -> int:
    """A set of months as one number, so a date's parts stay (position, field, int)."""
    return sum(1 << month for month in months)


def _mask_months(mask: int) -> frozenset[int]:
    return frozenset(month for month in range(1, 13) if mask & 1 << month)


def _day_of_month(token: Token | None) -> int | None:
    if token is None or token.kind not in ("number", "ordinal") or token.value is None:
        return None
    return int(token.value) if 1 <= token.value <= 31 else None


def _period_at(tokens: list[Token], index: int) -> tuple[str, int, int] | None:
    """(period noun, which part, where its words end) when a named period starts at ``index``: an ordinal before a
    period noun ("the third quarter", "the 2nd round"), a hyphenated one ("a first-quarter loss") or the short form
    ("Q3", "H1"). The ordinal names a part of a year or a contest: a time as well as a figure (issue 21)."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if token.kind == "ordinal" and token.value is not None and following is not None and following.lower in PERIODS:
        return following.lower, int(token.value), index + 2
    if token.kind != "word":
        return None
    ordinal, _, noun = token.lower.partition("-")
    if ordinal in ORDINALS and noun in PERIODS:
        return noun, ORDINALS[ordinal], index + 1
    if following is None or following.kind != "number" or following.value is None or "." in following.text:
        return None
    for noun, letter in PERIODS.items():
        if letter and token.text == letter and following.value in (1, 2, 3, 4):
            return noun, int(following.value), index + 2
    return None


def _clock_at(tokens: list[Token], index: int) -> tuple[int | None, int, int] | None:
    """(minutes after midnight or None when the half of the day is unknown, minutes within the half of the day,
    where its words end) when a time of day starts at ``index``: an hour before a marker ("9 a.m.", "7pm", "9
    o'clock"), a clock ("9:30 p.m.", "21:55", "09:00 GMT") or a named time ("noon"); a time zone after it is part
    of it (``clock_times.tsv``, issue 21)."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    marker = following.lower if following is not None and following.lower in CLOCK_MARKERS else None
    if token.kind == "word" and token.lower in NAMED_TIMES:
        minutes = NAMED_TIMES[token.lower]
        marker = None
    elif token.kind == "clock" and token.value is not None:
        minutes = int(token.value)
        if minutes >= 13 * 60:
            marker = None  # "21:55": a 24-hour clock
    elif token.kind == "number" and token.value is not None and marker is not None and "." not in token.text:
        if not 1 <= token.value <= 12 or token.value != int(token.value):
            return None
        minutes = int(token.value) * 60
    else:
        return _hour_before_phrase(tokens, index)
    end = index + 1 if marker is None else index + 2
    known: int | None = minutes
    if marker is not None:
        hours = CLOCK_MARKERS[marker]
        half_day = _half_day_phrase(tokens, end) if hours is None and minutes != 720 else None
        if half_day is not None:  # "5 o'clock in the afternoon": the phrase tells the half o'clock leaves open
            hours, end = half_day
        known = None if hours is None else minutes % 720 + hours * 60
    elif token.kind == "clock" and 60 <= minutes < 13 * 60 and not token.text.startswith("0"):
        known = None  # "9:30": either half of the day; "09:30" and "0:30" are a 24-hour clock's
    if end < len(tokens) and tokens[end].lower in TIME_ZONES and tokens[end].text.isupper():
        end += 1
    return known, minutes % 720, end


def _after_deadline_phrase(tokens: Sequence[Token], start: int) -> bool:
    """The words just before ``start`` make the date there a deadline as "by" does ("no later than June 1", "by the
    end of June"; ``DEADLINE_PHRASES``, h131)."""
    return deadline_phrase_length(tokens, start) > 0


def deadline_phrase_length(tokens: Sequence[Token], start: int) -> int:
    """How many words just before ``start`` make a deadline phrase ("no later than", "by the end of"); 0 for none."""
    lowers = tuple(token.lower for token in tokens[:start])
    return next((len(phrase) for phrase in DEADLINE_PHRASES if lowers[start - len(phrase) :] == phrase), 0)


def _hour_before_phrase(tokens: list[Token], index: int) -> tuple[int | None, int, int] | None:
    """An hour, in figures or words, before a phrase that says its half of the day ("three in the afternoon", "10
    at night"; ``CLOCK_PHRASE_MARKERS``, h131), as ``_clock_at`` returns it. Only after a preposition of time
    ("at three in the afternoon"; "read two in the evening" counts books), and never twelve, which the phrases leave
    ambiguous ("twelve at night" is midnight)."""
    token = tokens[index]
    if (
        index == 0
        or tokens[index - 1].lower not in (DATE_PREPOSITIONS - {"and", "or"}) | TIME_BOUNDS | CLOCK_PREPOSITIONS
    ):
        return None
    if token.kind == "number" and token.value is not None and "." not in token.text:
        hour = int(token.value) if token.value == int(token.value) else 0
    else:
        hour = SMALL_NUMBERS.get(token.lower, 0) if token.kind == "word" else 0
    if not 1 <= hour <= 11:
        return None
    after = index + 1
    if after < len(tokens) and tokens[after].lower in CLOCK_MARKERS and CLOCK_MARKERS[tokens[after].lower] is None:
        after += 1  # "five o'clock in the afternoon"
    half_day = _half_day_phrase(tokens, after)
    if half_day is None:
        return None
    hours, end = half_day
    minutes = hour * 60
    return minutes + hours * 60, minutes, end


def _half_day_phrase(tokens: list[Token], start: int) -> tuple[int, int] | None:
    """(the hours a phrase of the half of the day adds, where it ends) when one starts at ``start`` ("in the
    afternoon": 12; ``CLOCK_PHRASE_MARKERS``)."""
    lowers = tuple(token.lower for token in tokens[start : start + 3])
    for phrase, hours in CLOCK_PHRASE_MARKERS.items():
        if lowers[: len(phrase)] == phrase:
            return hours, start + len(phrase)
    return None


def _fiscal_year_at(tokens: list[Token], index: int) -> tuple[int, int] | None:
    """(the year, where its words end) when a fiscal year starts at ``index``: "fiscal 2023", "fiscal year 2023",
    "fiscal-year 2023", "FY2023", "FY 2023", "FY23", "2023 fiscal year", "the 2023 financial year"
    (``fiscal_years.tsv``, issue 21)."""
    token = tokens[index]

    def year_at(position: int, *, short: bool = False) -> int | None:
        if position >= len(tokens):
            return None
        number = tokens[position]
        if number.kind != "number" or number.value is None or "," in number.text or "." in number.text:
            return None
        if 1900 <= number.value <= 2099 and len(number.text) == 4:
            return int(number.value)
        return 2000 + int(number.value) if short and len(number.text) == 2 else None

    lower = token.lower.removesuffix("-year")
    if token.kind == "word" and lower in FISCAL_YEAR_WORDS:
        after = index + 1
        if lower == token.lower and after < len(tokens) and tokens[after].lower == "year":
            after += 1
        elif lower == token.lower and not FISCAL_YEAR_WORDS[lower]:
            return None  # "financial 2023" is no year; "financial year 2023" is
        year = year_at(after)
        return (year, after + 1) if year is not None else None
    if token.kind == "word" and token.text in FISCAL_YEAR_WORDS.values() and token.text:
        year = year_at(index + 1, short=True)
        return (year, index + 2) if year is not None else None
    year = year_at(index)
    following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
    if year is not None and following in FISCAL_YEAR_WORDS:
        after = index + 2
        if after < len(tokens) and tokens[after].lower == "year":
            return year, after + 1
        return (year, after) if FISCAL_YEAR_WORDS[following] else None
    return None


def clock_positions(tokens: list[Token]) -> set[int]:
    """The positions of the words of times of day ("noon", "p.m." in "9 p.m.", "GMT" in "09:00 GMT"): they say when,
    as a date does, and are compared as dates, so "noon" / "12 p.m." claim no word the other lacks (issue 21)."""
    found: set[int] = set()
    for index in range(len(tokens)):
        clock = _clock_at(tokens, index)
        if clock is not None:
            found.update(range(index, clock[2]))
    return found


def periods_placed(tokens: Sequence[Token]) -> bool:
    """A named period stands after a preposition of time ("knocked out in the first round", "fell in the third
    quarter"): it says when a thing happened, as a year does, rather than which part was won or lost ("won the
    second round"). One event's two such periods conflict as its two years do (issue 21)."""
    listed = list(tokens)
    for index in range(len(listed)):
        if _period_at(listed, index) is None:
            continue
        before = index - 1
        while before >= 0 and listed[before].lower == "the":
            before -= 1
        if before >= 0 and listed[before].lower in DATE_PREPOSITIONS - {"of", "and", "or"}:
            return True
    return False


def period_numbers(tokens: list[Token]) -> set[int]:
    """The positions of the numbers and ordinals that name a period ("third" in "the third quarter", "3" in "Q3").
    They stay quantities, since "the second round of talks" still conflicts with "the first of a series of talks";
    but they say when, not how much (``PairContext`` sets them aside as figures)."""
    found: set[int] = set()
    for index in range(len(tokens)):
        period = _period_at(tokens, index)
        if period is not None:
            found.update(i for i in range(index, period[2]) if tokens[i].kind in ("number", "ordinal"))
    return found


def find_dates(tokens: list[Token]) -> tuple[list[DateMention], set[int]]:
    """Date mentions ("April 7", "June 2020", "Saturday", "the first quarter of 2023") and the token positions they
    use."""
    parts: list[tuple[int, str, int]] = []  # (position, field, value)
    period_words: set[int] = set()  # the positions a named period takes besides its first
    for index, token in enumerate(tokens):
        if index in period_words:
            continue
        period = _period_at(tokens, index)
        if period is not None:
            parts.append((index, "period:" + period[0], period[1]))
            period_words.update(range(index + 1, period[2]))
            continue
        fiscal = _fiscal_year_at(tokens, index)
        if fiscal is not None:
            parts.extend([(index, "fiscal_year", fiscal[0]), (index, "year", fiscal[0])])
            period_words.update(range(index + 1, fiscal[1]))
            continue
        clock = _clock_at(tokens, index)
        if clock is not None:
            if clock[0] is not None:
                parts.append((index, "clock", clock[0]))
            parts.append((index, "half_day_clock", clock[1]))
            period_words.update(range(index + 1, clock[2]))
            continue
        month = _month_at(tokens, index)
        if month is not None:
            parts.append((index, "month", month))
            day_after = _day_of_month(tokens[index + 1]) if index + 1 < len(tokens) else None
            if day_after is not None and not is_year(tokens, index + 1):
                parts.append((index + 1, "day", day_after))
            day_before = _day_of_month(tokens[index - 1]) if index > 0 else None
            if day_before is not None:
                parts.append((index - 1, "day", day_before))
        elif (span := _span_at(tokens, index)) is not None:
            parts.append((index, "months", _months_mask(span)))
        elif token.kind == "word" and token.lower in HOLIDAYS and token.text[:1].isupper():
            holiday_month, holiday_day = HOLIDAYS[token.lower]  # "before Christmas": December 25 (issue 21)
            parts.extend([(index, "month", holiday_month), (index, "day", holiday_day)])
        elif token.kind == "word" and token.lower in WEEKDAYS and token.text[:1].isupper():
            parts.append((index, "weekday", WEEKDAYS[token.lower]))
        elif is_year(tokens, index) and token.value is not None:
            parts.append((index, "year", int(token.value)))
        elif token.kind == "decade" and token.value is not None:
            parts.append((index, "decade", int(token.value)))
    parts.sort()
    used = {position for position, _, _ in parts} | period_words
    mentions: list[DateMention] = []
    group: list[tuple[int, str, int]] = []
    listed = False  # the group continues the last mention's list ("1998 and 1999", "2015, 2017 and 2019")
    previous_end = 0  # where the last mention's words end

    def lead_before(start: int) -> frozenset[str]:
        words = tokens[previous_end:start]
        return frozenset(token.lemma for token in words if is_content(token) and token.kind == "word")

    def flush() -> None:
        nonlocal previous_end
        if not group:
            return
        values = {name: value for _, name, value in group}
        period = next(((name.removeprefix("period:"), value) for name, value in values.items() if ":" in name), None)
        start, end = group[0][0], group[-1][0] + 1
        while end in period_words:
            end += 1
        previous = mentions[-1] if listed and mentions else None
        series = (previous.series if previous.series is not None else len(mentions) - 1) if previous else None
        if previous is not None and previous.series is None:
            mentions[-1] = replace(previous, series=series)
        before = start - 1
        while before > 0 and tokens[before].lower == "the":
            before -= 1
        deadline = (
            previous.deadline
            if previous is not None
            else (before >= 0 and tokens[before].lower in DEADLINE_WORDS) or _after_deadline_phrase(tokens, start)
        )
        strict = previous.strict if previous is not None else deadline and tokens[before].lower in STRICT_DEADLINE_WORDS
        required = (
            previous.required
            if previous is not None
            else deadline and any(token.lower in OBLIGATION_WORDS for token in tokens[previous_end:start])
        )
        lead = previous.lead if previous is not None else lead_before(start)
        previous_end = end
        mentions.append(
            DateMention(
                values.get("year"),
                values.get("month"),
                values.get("day"),
                values.get("weekday"),
                context(tokens, start, end),
                values.get("decade"),
                period,
                values.get("clock"),
                values.get("half_day_clock"),
                values.get("fiscal_year"),
                series,
                deadline,
                lead,
                _mask_months(values["months"]) if "months" in values else None,
                strict,
                required,
            )
        )
        group.clear()

    for part in parts:
        # Parts of one date are adjacent or joined by "of"/"in"/"the" and do not repeat a field ("June and August").
        if group:
            gap = [t.lower for i, t in enumerate(tokens[: part[0]]) if i > group[-1][0] and i not in period_words]
            fields = {name for _, name, _ in group}
            if part[1] in fields or any(word not in ("of", "in", "the") for word in gap):
                flush()
                # Dates joined by "and", "or" or a comma alone are one list ("in 1998 and 1999").
                listed = all(word in LIST_JOINERS for word in gap)
        group.append(part)
    flush()
    return mentions, used


def without_periods(dates: Sequence[DateMention]) -> list[DateMention]:
    """The dates with their named periods set aside (those that name only a period left out)."""
    kept = [replace(date, period=None) for date in dates]
    return [date for date in kept if date.fields() or date.months is not None]


def _without_named_periods(dates: Sequence[DateMention]) -> list[DateMention]:
    """The dates with their named periods and fiscal years set aside (those that name nothing else left out)."""
    kept = [
        replace(date, period=None, fiscal_year=None, year=None if date.fiscal_year is not None else date.year)
        for date in dates
    ]
    return [date for date in kept if date.fields() or date.months is not None]


def periods_conflict(premise: Sequence[DateMention], hypothesis: Sequence[DateMention]) -> bool:
    """The dates conflict on a named period alone ("in the first quarter" / "in the third quarter", "Q1 2023" /
    "Q3 2023", "fiscal 2023" / "fiscal 2024"): with the periods set aside they would not."""
    return dates_conflict(premise, hypothesis) and not dates_conflict(
        _without_named_periods(premise), _without_named_periods(hypothesis)
    )


def named_periods_conflict(premise: Sequence[DateMention], hypothesis: Sequence[DateMention]) -> bool:
    """The dates conflict on a named period of a contest or a year alone ("the third round" / "the fourth round",
    "the first quarter" / "the third quarter"; a fiscal year is a year, no such part): with the named periods set
    aside they would not."""
    return dates_conflict(premise, hypothesis) and not dates_conflict(
        without_periods(premise), without_periods(hypothesis)
    )


def dates_conflict(premise: Sequence[DateMention], hypothesis: Sequence[DateMention]) -> bool:
    """A hypothesis date disagrees with the premise's date of the same event: compared field by field (year,
    decade, month, day, weekday) with the premise dates around the same words; it conflicts when it shares a field
    with them and no premise date agrees on every shared field. A deadline ("by 11 a.m.") is compared with deadlines
    only, a time with times; a list's dates ("in 1998 and 1999") conflict only when each of them does (issue 21). A
    season's or a movable feast's months are compared with a month or another season's ("in spring" / "in October",
    h125)."""
    if not premise:
        return False
    conflicts: dict[object, bool] = {}
    for index, wanted in enumerate(hypothesis):
        key = wanted.series if wanted.series is not None else ("single", index)
        conflicts[key] = conflicts.get(key, True) and _date_conflicts(premise, wanted)
    return any(conflicts.values())


def dates_added_elsewhere(premise: Sequence[DateMention], hypothesis: Sequence[DateMention]) -> bool:
    """Every premise date is told again in the hypothesis of its own event, and the hypothesis's other dates belong
    to events it adds ("The bridge opened in 2019." / "The bridge opened in 2019 and was widened in 2023."): another
    event's date, not a second date of the premise's. A premise date's event is read from the words before it
    (``DateMention.lead``); the hypothesis date sharing most of them must be the same date, and only that one, or
    the event was dated anew ("opened in 2021, two years after work began in 2019"). On the NLI training files
    (h106) this clears the signal on 103 neutral or entailment pairs and 4 contradictions, 3 of them on no date."""
    if not premise:
        return False
    return all(_retold_of_its_event(date, hypothesis) for date in premise)


def _retold_of_its_event(date: DateMention, hypothesis: Sequence[DateMention]) -> bool:
    comparable = [candidate for candidate in hypothesis if candidate.fields().keys() & date.fields().keys()]
    overlaps = [len(candidate.lead & date.lead) for candidate in comparable]
    if not overlaps or max(overlaps) == 0:
        return False
    closest = [candidate for candidate, overlap in zip(comparable, overlaps, strict=True) if overlap == max(overlaps)]
    return all(candidate.fields() == date.fields() and candidate.months == date.months for candidate in closest)


def _date_conflicts(premise: Sequence[DateMention], wanted: DateMention) -> bool:
    # A deadline is compared with deadlines, a rule's with a rule's ("must be filed by" / "was filed by", h125).
    premise = [c for c in premise if c.deadline == wanted.deadline and c.required == wanted.required]
    if not premise:
        return False
    wanted_fields = wanted.fields()
    scores = [len(wanted.context & candidate.context) for candidate in premise]
    best = max(scores)
    candidates = [c for c, s in zip(premise, scores, strict=True) if s == best]
    if best == 0 and len(premise) > 1:
        return False
    comparable = [c for c in candidates if wanted_fields.keys() & c.fields().keys() or _months_compared(wanted, c)]
    if not comparable:
        return False
    return not any(
        all(c.fields()[name] == value for name, value in wanted_fields.items() if name in c.fields())
        and _months_agree(wanted, c)
        for c in comparable
    )


def _possible_months(date: DateMention) -> frozenset[int] | None:
    """The months a date may fall in: its season's or feast's, or its own month."""
    if date.months is not None:
        return date.months
    return frozenset({date.month}) if date.month is not None else None


def _months_compared(first: DateMention, second: DateMention) -> bool:
    """A season or a movable feast on one side and a month, a season or a feast on the other ("in spring" / "in
    March", "at Easter" / "in autumn"): their months can be compared (h125)."""
    if first.months is None and second.months is None:
        return False
    return _possible_months(first) is not None and _possible_months(second) is not None


def _months_agree(first: DateMention, second: DateMention) -> bool:
    """The two may fall in one month ("in March" is in spring; spring and autumn share none)."""
    first_months, second_months = _possible_months(first), _possible_months(second)
    if not _months_compared(first, second) or first_months is None or second_months is None:
        return True
    return bool(first_months & second_months)


def deadline_apart(premise: Sequence[DateMention], hypothesis: Sequence[DateMention]) -> bool:
    """The dates conflict only when a deadline is read as the time a thing happened at ("started at 8 a.m." /
    "finished by 11 a.m."): two times, one a limit, not one event's two times (issue 21)."""

    def as_times(dates: Sequence[DateMention]) -> list[DateMention]:
        return [replace(date, deadline=False) for date in dates]

    return not dates_conflict(premise, hypothesis) and dates_conflict(as_times(premise), as_times(hypothesis))


# The fields that order two dates, largest first: a later year decides before a month, a month before a day.
ORDERED_FIELDS = ("year", "month", "day", "clock")


def _later(time: DateMention, deadline: DateMention) -> bool:
    """The time falls after the deadline on the fields both tell, read largest first ("in 2016" / "by 2014", "at 9
    a.m." / "by 8 a.m."); fields neither tells are passed over ("on May 20" / "by May 10"), and a field only one
    tells leaves the order open ("in 2016" / "by May")."""
    time_fields, deadline_fields = time.fields(), deadline.fields()
    matched = False
    for name in ORDERED_FIELDS:
        if name not in time_fields and name not in deadline_fields:
            continue
        if deadline.strict and name not in deadline_fields and matched:
            continue  # "on 1 June 2020" / "before June 2020": a day of the deadline's own month is not before it
        if name not in time_fields or name not in deadline_fields:
            return False
        if time_fields[name] != deadline_fields[name]:
            return time_fields[name] > deadline_fields[name]
        matched = True
    # Every field the deadline tells is the time's: on the deadline, which a strict one ("before noon") leaves out.
    return deadline.strict and matched


def deadline_missed(premise: Sequence[DateMention], hypothesis: Sequence[DateMention]) -> bool:
    """One statement tells a thing's time and the other a deadline it falls after ("held at 9 a.m." / "held by 8
    a.m.", "signed on July 3" / "signed before June 1", "signed on June 1" / "signed before June 1"), and the two
    dates conflict on nothing else: the time cannot have met the deadline (issue 21). A rule's deadline ("must be
    signed by June 1") is no fact a time can miss (h125). Whether both tell of one event is for the caller to say."""
    # On a strict deadline's own date ("on June 1" / "before June 1") the two read as times agree: no conflict apart.
    strict = any(date.strict for date in (*premise, *hypothesis))
    if not deadline_apart(premise, hypothesis) and not (strict and not dates_conflict(premise, hypothesis)):
        return False
    pairs = [(first, second) for first in premise for second in hypothesis if not (first.required or second.required)]
    return any(
        _later(first, second) if second.deadline else _later(second, first)
        for first, second in pairs
        if first.deadline != second.deadline
    )


@dataclass(frozen=True, slots=True)
class RelativeTime:
    """A time placed relative to the time of speaking ("last year", "this month", "yesterday"): before, at or after
    it, in a unit, and the token positions it uses."""

    direction: str
    unit: str
    positions: tuple[int, ...]


def find_relative_times(tokens: Sequence[Token]) -> list[RelativeTime]:
    """The relative times of a statement (``vocabulary.DEICTIC_TIMES``): "last" + a time unit, or "yesterday". A
    month's name after the word ("last October" / "this October", issue 21) is its unit: two Octobers."""
    found: list[RelativeTime] = []
    for index, token in enumerate(tokens):
        if token.kind != "word" or token.lower not in DEICTIC_TIMES:
            continue
        direction, unit = DEICTIC_TIMES[token.lower]
        if unit != "following":
            found.append(RelativeTime(direction, unit, (index,)))
            continue
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        if following is not None and following.lower in TIME_WORDS and following.lower not in DEICTIC_TIMES:
            found.append(RelativeTime(direction, following.lower, (index, index + 1)))
        elif following is not None and following.lower in MONTHS and following.text[:1].isupper():
            found.append(RelativeTime(direction, f"month {MONTHS[following.lower]}", (index, index + 1)))
    return found


def relative_times_conflict(premise: Sequence[Token], hypothesis: Sequence[Token]) -> bool:
    """The two statements place themselves in the same unit on two sides of the time of speaking ("last year" /
    "this year", "yesterday" / "today") and share no relative time: two times. Different units ("last week" /
    "yesterday") may be one time, and a calendar date beside a relative one ("in March" / "last year") is
    unknowable without the date of speaking."""
    ours = {(time.direction, time.unit) for time in find_relative_times(premise)}
    theirs = {(time.direction, time.unit) for time in find_relative_times(hypothesis)}
    if not ours or not theirs or ours & theirs:
        return False
    return any(unit == other_unit for _, unit in ours for _, other_unit in theirs)


def time_left_open(
    premise: Sequence[DateMention],
    hypothesis: Sequence[DateMention],
    premise_relative: bool,
    hypothesis_relative: bool,
) -> bool:
    """The premise's time cannot settle the hypothesis's, though the two agree (h125, issue 21): one is told relative
    to the time of speaking and the other by the calendar ("rose last year" / "rose in the second quarter"); one is
    a rule's deadline and the other a time a thing was done ("must be filed by June 1" / "was filed on June 5"); the
    hypothesis names a month of the premise's season ("in spring 2025" / "in March 2025"); or it names a time that
    meets the premise's deadline ("filed by June 1" / "filed on June 1"). ``*_relative``: whether the statement has a
    relative time. Whether both tell of one event is for the caller to say."""
    premise_dated, hypothesis_dated = bool(premise), bool(hypothesis)
    if premise_relative != hypothesis_relative and premise_dated != hypothesis_dated:
        # One side placed only relative to the time of speaking, the other only by the calendar.
        return premise_relative == hypothesis_dated
    if not premise or not hypothesis or dates_conflict(premise, hypothesis) or deadline_missed(premise, hypothesis):
        return False
    if any(date.required for date in premise) != any(date.required for date in hypothesis):
        return True
    if all(date.deadline and not date.required for date in premise) and not any(date.deadline for date in hypothesis):
        return True
    return any(
        wanted.months is None and wanted.month is not None and date.months is not None and wanted.month in date.months
        for wanted in hypothesis
        for date in premise
    )
