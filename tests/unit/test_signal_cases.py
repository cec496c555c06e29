"""A table of cases per signal: a text pair, the signal, and the range its strength must fall in (0 to 0: it must
not fire). Every registered signal has cases that fire and cases that must not."""

from __future__ import annotations

from typing import NamedTuple

import pytest

from embeddings.signals import SIGNAL_NAMES, compute_signals


class Case(NamedTuple):
    signal: str
    premise: str
    hypothesis: str
    low: float
    high: float
    why: str


TROOPS = "The U.S. has 2,500 troops in Iraq."
PENTAGON = (
    "According to the Pentagon, the number of U.S. troops in Iraq has dropped to about 2,500 over the past months."
)
MEETING = "The plan will be prepared at the next meeting in Baghdad."
TALKS = "Strategic talks were held in June 2020."
RIVER = "The river is rising after days of heavy rain."
FLOODING = "The river in Eastport is rising and the old town may flood tonight."
WISHES = "The Coalition is in Iraq against the wishes of the Iraqi government."
REQUESTED = "The U.S.-led Coalition is in Iraq at the request of the Iraqi government."

CASES: tuple[Case, ...] = (
    # audit 14: opposites or a negation told of two different days or months are told of two times.
    Case(
        "antonym_swap",
        "The museum was closed on Monday.",
        "The museum was open on Friday.",
        0.0,
        0.0,
        "two days",
    ),
    Case("antonym_swap", "The museum was closed on Monday.", "The museum was open on Monday.", 1.0, 1.0, "one day"),
    # rules 27: an opposite predicate or a one-sided negation told of two times is two facts (``other_subject``), so
    # neither the date nor the opposite conflicts; one time with an opposite, one event with two dates, or a
    # negation bounded by its date ("not until October") still conflicts.
    Case("other_subject", "Enrolment increased in 2011.", "Enrolment decreased in 2013.", 1.0, 1.0, "two years"),
    Case("date_mismatch", "Enrolment increased in 2011.", "Enrolment decreased in 2013.", 0.0, 0.0, "two years"),
    Case("antonym", "Enrolment increased in 2011.", "Enrolment decreased in 2013.", 0.0, 0.0, "two years"),
    Case(
        "other_subject",
        "The library was open in August.",
        "The library was closed in December.",
        1.0,
        1.0,
        "two months",
    ),
    Case(
        "other_subject",
        "The mayor signed the charter in 2012.",
        "The mayor did not sign the charter in 2014.",
        1.0,
        1.0,
        "a negation told of another year",
    ),
    Case(
        "negation",
        "The mayor signed the charter in 2012.",
        "The mayor did not sign the charter in 2014.",
        0.0,
        0.0,
        "another year",
    ),
    Case(
        "other_subject",
        "Output rose 4 percent in 2013.",
        "Output fell 1 percent in 2015.",
        1.0,
        1.0,
        "figures beside the dates are no third fact",
    ),
    Case(
        "other_subject",
        "She voted on Wednesday.",
        "She did not vote on Friday.",
        1.0,
        1.0,
        "a thin negation told of another day",
    ),
    Case(
        "other_subject",
        "The board approved a merger in 2016.",
        "The board did not approve a merger in 2018.",
        1.0,
        1.0,
        "an indefinite negation told of another year",
    ),
    Case("other_subject", "Enrolment increased in 2011.", "Enrolment decreased in 2011.", 0.0, 0.0, "one year"),
    Case("antonym_swap", "Enrolment increased in 2011.", "Enrolment decreased in 2011.", 1.0, 1.0, "one year"),
    Case("other_subject", "The stadium was opened in 1994.", "The stadium was opened in 1996.", 0.0, 0.0, "one event"),
    Case("date_mismatch", "The stadium was opened in 1994.", "The stadium was opened in 1996.", 1.0, 1.0, "one event"),
    Case(
        "other_subject",
        "The library will reopen in August.",
        "The library will not reopen until October.",
        0.0,
        0.0,
        "a negation bounded by its date",
    ),
    Case(
        "negation",
        "The library will reopen in August.",
        "The library will not reopen until October.",
        1.0,
        1.0,
        "not until October excludes August",
    ),
    # Relative times in one unit on two sides of the time of speaking are two times too; in two units ("last week"
    # / "yesterday") they may be one.
    Case(
        "other_subject",
        "Ferry bookings climbed last month.",
        "Ferry bookings dropped this month.",
        1.0,
        1.0,
        "two relative months",
    ),
    Case(
        "antonym_swap",
        "Ferry bookings climbed last month.",
        "Ferry bookings dropped this month.",
        0.0,
        0.0,
        "two relative months",
    ),
    Case(
        "antonym_swap",
        "Ferry bookings climbed last month.",
        "Ferry bookings dropped last month.",
        1.0,
        1.0,
        "one relative month",
    ),
    Case(
        "other_subject",
        "The pool was closed yesterday.",
        "The pool was open today.",
        1.0,
        1.0,
        "yesterday / today",
    ),
    Case(
        "other_subject",
        "The pool was closed last week.",
        "The pool was open yesterday.",
        0.0,
        0.0,
        "two units may be one time",
    ),
    Case(
        "negated_opposite",
        "On Monday the museum did not open.",
        "The museum was closed on Monday.",
        1.0,
        1.0,
        "the day moved",
    ),
    Case(
        "negation_swap",
        "The treaty was signed in May.",
        "The treaty was not signed in June.",
        0.0,
        0.0,
        "two months",
    ),
    Case("negation_swap", "The treaty was signed in May.", "The treaty was not signed.", 1.0, 1.0, "one side dated"),
    # audit 14: a unit divided by another ("per hour") is another measure than the unit's.
    Case(
        "number_mismatch",
        "The typhoon brought 300 millimetres of rain.",
        "The typhoon brought winds of 150 kilometres per hour.",
        0.0,
        0.0,
        "a length, a speed",
    ),
    Case(
        "number_mismatch",
        "Gusts reached 100 kilometres per hour.",
        "Gusts reached 60 kilometres per hour.",
        0.5,
        1.0,
        "two speeds",
    ),
    Case(
        "number_mismatch",
        "Gusts reached 100 kilometres per hour.",
        "Gusts reached 100,000 metres per hour.",
        0.0,
        0.0,
        "one speed in two units",
    ),
    # audit 12: an active verb made passive exchanges who did what; an agent added with its "by" is detail.
    Case(
        "added_detail",
        "Smith defeated Jones in the final.",
        "Smith was defeated by Jones in the final.",
        0.0,
        0.0,
        "passive",
    ),
    Case(
        "added_detail",
        "The new bridge was opened.",
        "The new bridge was opened by the mayor on Monday.",
        1.0,
        1.0,
        "agent",
    ),
    # rules 22 (audit 13): "before" / "after" and "prior to" / "following" as relation phrases. (Survive / die was
    # tried and taken out: the opposite changed the rules judge's coverage on fnc1.test, two pairs lower.)
    Case(
        "antonym_swap",
        "The minister resigned before the report was published.",
        "The minister resigned after the report was published.",
        1.0,
        1.0,
        "before / after",
    ),
    Case(
        "antonym_swap",
        "The patients received the vaccine prior to surgery.",
        "The patients received the vaccine following surgery.",
        1.0,
        1.0,
        "prior to / following",
    ),
    Case(
        "antonym_swap",
        "The report was published after the minister resigned.",
        "The minister resigned before the report was published.",
        0.0,
        0.0,
        "the same order told from the other event",
    ),
    # audit 13: the word after a possessive only one side has is another thing, not a modifier.
    Case(
        "antonym_swap",
        "The suspect was arrested before the attack.",
        "The suspect's brother was arrested after the attack.",
        0.0,
        0.0,
        "the suspect's brother is someone else",
    ),
    Case(
        "antonym_swap",
        "The senator voted for the bill.",
        "The senator's aide voted against the bill.",
        0.0,
        0.0,
        "the senator's aide is someone else",
    ),
    Case(
        "antonym_swap",
        "The director's film was praised.",
        "The director's new film was criticised.",
        1.0,
        1.0,
        "a possessive on both sides owns the same film",
    ),
    # audit 13: an opposite before a noun that compares ("fewer hours in class than") is what the statement says.
    Case(
        "antonym_swap",
        "Finnish pupils spend fewer hours in class than German pupils.",
        "Finnish pupils spend more hours in class than German pupils.",
        1.0,
        1.0,
        "fewer / more hours than",
    ),
    Case(
        "converse",
        "Finnish pupils spend fewer hours in class than German pupils.",
        "German pupils spend more hours in class than Finnish pupils.",
        1.0,
        1.0,
        "the same comparison from the other side",
    ),
    Case("antonym_swap", "The old man sold the house.", "The young man sold the house.", 0.0, 0.0, "no comparison"),
    # rules 21 (audit 12): WordNet opposites the lists lacked, and "ahead of" / "behind" as relation phrases.
    Case(
        "antonym_swap",
        "Leeds are ahead of Burnley in the table.",
        "Leeds are behind Burnley in the table.",
        1.0,
        1.0,
        "ahead of / behind",
    ),
    Case(
        "antonym_swap",
        "The station is behind the church.",
        "The station is ahead of schedule.",
        0.0,
        0.0,
        "other things",
    ),
    Case(
        "antonym_swap",
        "Burnley were relegated from the league.",
        "Burnley were promoted to the league.",
        1.0,
        1.0,
        "relegated",
    ),
    Case("antonym_swap", "The museum remains closed.", "The museum has reopened.", 1.0, 1.0, "reopened / closed"),
    # issue 21 (rules 29): "ceasefire" sat in antonyms.tsv's side with "peace", so it read "peace" and the treaty was
    # the same thing: a ceasefire is not a peace treaty, so accepting one and rejecting the other is two things.
    Case(
        "antonym_swap",
        "The militia accepted the ceasefire.",
        "The militia rejected the peace treaty.",
        0.0,
        0.0,
        "ceasefire / peace treaty",
    ),
    Case("antonym_swap", "The militia accepted the peace.", "The militia rejected the peace.", 1.0, 1.0, "one peace"),
    Case(
        "antonym",
        "The state legalised gambling last year.",
        "The state banned gambling last year.",
        1.0,
        1.0,
        "legalise",
    ),
    # measures: a unit glued on or written out, converted ("5km" is "5,000 metres", "50mm" is "5cm").
    Case("number_mismatch", "The route is 5km long.", "The route is just 2km long.", 1.0, 1.0, "glued km"),
    Case("number_mismatch", "Storm Ciara brought 200mm of rain.", "Storm Ciara brought 80mm of rain.", 1.0, 1.0, "mm"),
    Case("number_mismatch", "Seville reached 45C on Tuesday.", "Seville peaked at 38C on Tuesday.", 0.5, 1.0, "45C"),
    Case("number_mismatch", "The plant produces 1,500MW.", "The plant produces 500MW.", 1.0, 1.0, "1,500MW"),
    Case("number_mismatch", "The route is 5km long.", "The route is 5,000 metres long.", 0.0, 0.0, "converted"),
    Case("number_mismatch", "The hail was up to 5cm wide.", "The hail was up to 50mm wide.", 0.0, 0.0, "cm to mm"),
    Case("number_mismatch", "The plant produces 1,500MW.", "The plant produces 1.5GW.", 0.0, 0.0, "MW to GW"),
    Case("number_mismatch", "Seville reached 45C.", "Seville recorded 113F.", 0.0, 0.0, "Celsius to Fahrenheit"),
    Case(
        "number_mismatch",
        "Seville reached 45C on Tuesday.",
        "Temperatures in Seville never went above 40C on Tuesday.",
        0.5,
        1.0,
        "a denied bound: never above 40 is at most 40",
    ),
    # change by a multiple: "doubled" is "rose 100 percent".
    Case("number_mismatch", "Egg prices have doubled.", "Egg prices have tripled.", 1.0, 1.0, "doubled / tripled"),
    Case("number_mismatch", "Egg prices have doubled.", "Egg prices are up 20%.", 1.0, 1.0, "doubled / 20%"),
    Case("number_mismatch", "Egg prices have doubled.", "Egg prices have risen 100 percent.", 0.0, 0.0, "the same"),
    Case("number_mismatch", "He doubled over in pain.", "Prices rose 20 percent.", 0.0, 0.0, "bent, no change"),
    Case("number_match", "The route is 5km long.", "The route is 5,000 metres long.", 1.0, 1.0, "km to metres"),
    Case("number_match", "The plant produces 1,500MW.", "The plant produces 1.5GW.", 1.0, 1.0, "MW to GW"),
    Case("number_match", "Egg prices have doubled.", "Egg prices have risen 100 percent.", 1.0, 1.0, "doubled"),
    Case(
        "restated_figure",
        "The drug reduced the risk of death by a third.",
        "The drug reduced the risk of death by 33 percent.",
        1.0,
        1.0,
        "a change by a fraction is a percentage",
    ),
    # un- before a three-letter stem and safe / dangerous: opposites.
    Case("antonym", "The water is safe to drink.", "The water is unsafe to drink.", 1.0, 1.0, "unsafe"),
    Case("antonym", "The water is safe to drink.", "Drinking the water is dangerous.", 1.0, 1.0, "dangerous"),
    Case("antonym", "Income rose last year.", "Incomes come from wages.", 0.0, 0.0, "in- on a short stem"),
    # number_mismatch: full strength far away or for a precise figure, weak for a round figure close by.
    Case("number_mismatch", TROOPS, "The U.S. has 10,000 troops in Iraq.", 1.0, 1.0, "far off"),
    Case("number_mismatch", TROOPS, "The U.S. has 2,400 troops in Iraq.", 0.5, 0.6, "round, 4 % off"),
    Case("number_mismatch", TROOPS, "The U.S. has 3,000 troops in Iraq.", 0.6, 0.7, "round, 20 % off"),
    Case(
        "number_mismatch",
        "You can download all 26 existing chapters as a Word file.",
        "27 chapters can be downloaded as a Word file.",
        1.0,
        1.0,
        "a precise figure",
    ),
    Case("number_mismatch", TROOPS, "The U.S. has about 2,500 troops in Iraq.", 0.0, 0.0, "the same figure, hedged"),
    Case(
        "number_mismatch",
        "Oil prices rose to 80 dollars.",
        "The U.S. has 10,000 troops in Iraq.",
        0.0,
        0.0,
        "unrelated",
    ),
    Case("number_mismatch", TROOPS, "The U.S. sent 10,000 diplomats to Iraq.", 0.0, 0.0, "another counted noun"),
    Case(
        "number_mismatch",
        "Crime in our state rose by 12 percent last year.",
        "Measles cases worldwide rose by 30 percent in 2019.",
        0.0,
        0.0,
        "two rates of other things: a shared unit is no shared subject",
    ),
    Case(
        "number_mismatch", "Unemployment fell to 5 percent.", "Unemployment stands at 7 percent.", 0.8, 1.0, "one rate"
    ),
    # date_mismatch
    Case("date_mismatch", "The meeting took place on April 7.", "The meeting took place on April 9.", 1.0, 1.0, "day"),
    Case("date_mismatch", TALKS, "Strategic talks were held in 2019.", 1.0, 1.0, "year"),
    Case("date_mismatch", TALKS, "Strategic talks were held in 2020.", 0.0, 0.0, "the year agrees"),
    Case(
        "date_mismatch",
        "GM lost $460 million to strikes in 1997.",
        "There were strikes at GM in the 1990s.",
        0.0,
        0.0,
        "a decade holds its years",
    ),
    # negation
    Case(
        "negation",
        "The U.S. respects Iraqi sovereignty.",
        "The U.S. does not respect Iraqi sovereignty.",
        1.0,
        1.0,
        "a plain not",
    ),
    Case(
        "negation",
        "The ministry confirmed that soldiers were killed.",
        "The ministry denied that soldiers were killed.",
        1.0,
        1.0,
        "a worded negation",
    ),
    Case("negation", "The U.S. did not leave Iraq.", "The U.S. has not left Iraq.", 0.0, 0.0, "negated on both sides"),
    Case(
        "negation",
        "U.S. troop numbers in Iraq fell.",
        "U.S. troop numbers in Iraq did not rise.",
        0.0,
        0.0,
        "a negated antonym restates",
    ),
    # issue 21 (negated complement): a one-sided negation conflicts only when the verb it negates is told of the same
    # thing on both sides; another object, or the same head with another modifier, is another fact.
    Case(
        "negation",
        "The senator signed the petition.",
        "The senator did not sign the budget.",
        0.0,
        0.0,
        "another object",
    ),
    Case(
        "negation",
        "The city did not cut bus fares.",
        "The city cut water bills.",
        0.0,
        0.0,
        "another object, the premise negated",
    ),
    Case(
        "negation",
        "The mayor vetoed the housing bill.",
        "The mayor did not veto the transport bill.",
        0.0,
        0.0,
        "the same head, another modifier",
    ),
    Case(
        "negation",
        "The police questioned the driver.",
        "The police did not question the driver's wife.",
        0.0,
        0.0,
        "a possessive names another person",
    ),
    Case(
        "negation",
        "The mayor vetoed the housing bill.",
        "The mayor did not veto the new housing bill.",
        0.5,
        1.0,
        "a modifier added to the same object",
    ),
    Case(
        "negation",
        "The army shelled the village.",
        "The village was not shelled by the army.",
        0.5,
        1.0,
        "a passive against an active",
    ),
    Case(
        "negation",
        "The nurses helped the injured miners.",
        "The nurses did not help the wounded miners.",
        0.5,
        1.0,
        "a WordNet synonym in the object",
    ),
    Case("negation", "The talks collapsed.", "The talks did not collapse.", 1.0, 1.0, "no object"),
    # issue 21 (rules 29): a negated clause that adds words of its own (a noun among them) the other statement has
    # neither in words nor through WordNet denies another thing; a denial in other words adds none.
    Case(
        "negation",
        "The contractor is at the harbour at the request of the board.",
        "The board never asked the contractor to repair the old pier.",
        0.0,
        0.0,
        "the denial adds another task",
    ),
    Case(
        "negation",
        "The board never asked the contractor to repair the old pier.",
        "The contractor is at the harbour at the request of the board.",
        0.0,
        0.0,
        "the denial adds another task, the premise negated",
    ),
    Case(
        "negation",
        "The contractor is at the harbour at the request of the board.",
        "The board never asked the contractor to be at the harbour.",
        0.5,
        1.0,
        "a denial in other words adds nothing",
    ),
    # antonym
    Case(
        "antonym",
        "U.S. troop numbers in Iraq rose last year.",
        "U.S. troop numbers in Iraq fell last year.",
        1.0,
        1.0,
        "rose / fell",
    ),
    Case("antonym", "The two sides agreed on a framework.", "The two sides rejected a framework.", 1.0, 1.0, "agree"),
    Case("antonym", "Oil prices rose sharply.", "The number of U.S. troops in Iraq fell.", 0.0, 0.0, "unrelated"),
    Case(
        "antonym",
        "U.S. troop numbers in Iraq fell.",
        "U.S. troop numbers in Iraq did not rise.",
        0.0,
        0.0,
        "a negated antonym restates",
    ),
    # antonym_swap: the same statement but for an opposite predicate or relation phrase.
    Case("antonym_swap", RIVER, RIVER.replace("rising", "falling"), 1.0, 1.0, "rising / falling"),
    Case("antonym_swap", "The senator voted against the bill.", "The senator voted for the bill.", 1.0, 1.0, "vote"),
    # other_subject: a name substituted and a figure or date differing: two facts about two things.
    Case(
        "other_subject",
        "Unemployment in France is 7 percent.",
        "Unemployment in Germany is 5 percent.",
        1.0,
        1.0,
        "two countries' rates",
    ),
    Case(
        "other_subject",
        "The Lyon council will build 341 new homes.",
        "The Malmo council will build 609 new homes.",
        1.0,
        1.0,
        "two councils",
    ),
    Case(
        "other_subject",
        "Gdansk airport served 412 thousand passengers in May.",
        "Leeds airport served 230 thousand passengers in May.",
        1.0,
        1.0,
        "the name is the first word",
    ),
    Case("other_subject", TROOPS, "The U.S. has 10,000 troops in Iraq.", 0.0, 0.0, "one subject, another figure"),
    Case(
        "other_subject", "Biden leads Trump by 5 points.", "Trump leads Biden by 3 points.", 0.0, 0.0, "roles swapped"
    ),
    Case(
        "other_subject",
        "Unemployment in France is 7 percent.",
        "Unemployment in Germany is 7 percent.",
        0.0,
        0.0,
        "no figure differs",
    ),
    # An opposite predicate or a one-sided negation told of two named things in one frame is two facts about two
    # things too: a contradiction needs one subject. The same frame with one name still contradicts, and a name
    # written short ("IMF", "Sam" beside "Samuel Leroy") or a description ("the New Zealand prime minister") is
    # no other name.
    Case(
        "other_subject",
        "Ridership on Line 6 increased last month.",
        "Ridership on Line 9 decreased last month.",
        1.0,
        1.0,
        "two numbered lines, opposite changes",
    ),
    Case(
        "other_subject", "Rainfall in Leeds rose in June.", "Rainfall in Cardiff fell in June.", 1.0, 1.0, "two cities"
    ),
    Case(
        "other_subject",
        "Pier 7 passed the safety check.",
        "Pier 2 failed the safety check.",
        1.0,
        1.0,
        "an opposite only the alignment knows",
    ),
    Case(
        "other_subject",
        "Ward 2 signed the petition.",
        "Ward 6 did not sign the petition.",
        1.0,
        1.0,
        "a negation told of another ward",
    ),
    Case(
        "other_subject",
        "Output in Poland rose to 4 percent.",
        "Output in Chile fell to 2 percent.",
        1.0,
        1.0,
        "an opposite beside the figure is no part of the names",
    ),
    Case("antonym", "Rainfall in Leeds rose in June.", "Rainfall in Cardiff fell in June.", 0.0, 0.0, "two cities"),
    Case("negation", "Ward 2 signed the petition.", "Ward 6 did not sign the petition.", 0.0, 0.0, "another ward"),
    Case("other_subject", "Rainfall in Leeds rose in June.", "Rainfall in Leeds fell in June.", 0.0, 0.0, "one city"),
    Case("antonym_swap", "Rainfall in Leeds rose in June.", "Rainfall in Leeds fell in June.", 1.0, 1.0, "one city"),
    Case(
        "other_subject",
        "The IMF said growth would rise.",
        "The International Monetary Fund said growth would fall.",
        0.0,
        0.0,
        "initials of the other name",
    ),
    Case(
        "other_subject",
        "Jacinda Ardern backed the plan.",
        "The New Zealand prime minister opposed the plan.",
        0.0,
        0.0,
        "a description, not a name",
    ),
    Case(
        "other_subject",
        "Samuel Leroy Jackson was born in 1948.",
        "Sam Jackson was born in 1949.",
        0.0,
        0.0,
        "a short form of the other name",
    ),
    Case(
        "date_mismatch",
        "Samuel Leroy Jackson was born in 1948.",
        "Sam Jackson was born in 1949.",
        1.0,
        1.0,
        "one person, two years",
    ),
    Case(
        "number_mismatch",
        "Unemployment in France is 7 percent.",
        "Unemployment in Germany is 5 percent.",
        0.0,
        0.0,
        "another country's rate",
    ),
    Case("antonym_swap", FLOODING, "The river in Eastport is falling.", 1.0, 1.0, "a conjunct of its own"),
    Case("antonym_swap", "The river in Eastport is falling.", FLOODING, 1.0, 1.0, "a conjunct, the other way"),
    Case("antonym_swap", FLOODING, "The lake in Eastport is falling.", 0.0, 0.0, "another subject, conjunct or not"),
    Case(
        "antonym_swap", "The river is rising after the old dam broke.", "The river is falling.", 0.0, 0.0, "no conjunct"
    ),
    Case("antonym_swap", WISHES, REQUESTED, 1.0, 1.0, "against the wishes of / at the request of"),
    Case("antonym_swap", REQUESTED, WISHES, 1.0, 1.0, "at the request of / against the wishes of"),
    Case("antonym_swap", "The ban is permanent.", "The ban is temporary.", 1.0, 1.0, "a predicated adjective"),
    Case("antonym_swap", "The river is not rising.", "The river is not falling.", 1.0, 1.0, "negated on both sides"),
    Case(
        "antonym_swap",
        "Prices rose yesterday.",
        "Yesterday prices fell.",
        1.0,
        1.0,
        "a modifier moved",
    ),
    Case(
        "antonym_swap",
        "Exports increased by 12 percent last year.",
        "Imports increased by 12 percent last year.",
        0.0,
        0.0,
        "another subject, no opposite",
    ),
    Case(
        "antonym_swap",
        REQUESTED,
        "Coalition forces are in Iraq because Baghdad asked them to be there.",
        0.0,
        0.0,
        "a restatement",
    ),
    Case(
        "antonym_swap",
        "U.S. troop numbers in Iraq fell.",
        "U.S. troop numbers in Iraq did not rise.",
        0.0,
        0.0,
        "negated on one side: restates",
    ),
    Case(
        "antonym_swap", "The man is slicing the fish.", "The woman is slicing the fish.", 0.0, 0.0, "nouns: two people"
    ),
    Case(
        "antonym_swap",
        "The old woman is carrying scarves.",
        "The young woman is carrying scarves.",
        0.0,
        0.0,
        "an attribute: perhaps another woman",
    ),
    Case("antonym_swap", "A man is sitting on the bench.", "A man is standing on the bench.", 0.0, 0.0, "indefinite"),
    Case(
        "antonym_swap",
        "The river is rising after days of heavy rain, officials said as evacuations began.",
        RIVER.replace("rising", "falling"),
        0.0,
        0.0,
        "the rest does not align",
    ),
    Case(
        "antonym_swap",
        "The ruling party won against the opposition.",
        "The opposition lost against the ruling party.",
        0.0,
        0.0,
        "roles swapped",
    ),
    Case(
        "antonym_swap",
        "The court upheld the ban on the pesticide.",
        "The court overturned the ban on the pesticide.",
        1.0,
        1.0,
        "upheld / overturned (issue 21's table)",
    ),
    Case(
        "antonym_swap",
        "The factory hired 200 workers in March.",
        "The factory fired 200 workers in March.",
        1.0,
        1.0,
        "WordNet's opposite predicates (opposite_forms.tsv)",
    ),
    # role_swap: two parties exchanged around the same relation.
    Case(
        "role_swap",
        "Arsenal beat Chelsea in the cup final on Sunday.",
        "Chelsea beat Arsenal in the cup final on Sunday.",
        1.0,
        1.0,
        "A beat B / B beat A",
    ),
    Case(
        "role_swap",
        "The governor endorsed the mayor ahead of the election.",
        "The mayor endorsed the governor ahead of the election.",
        1.0,
        1.0,
        "several words around the swap",
    ),
    Case(
        "role_swap",
        "Germany exports more cars to China than it imports.",
        "China exports more cars to Germany than it imports.",
        1.0,
        1.0,
        "a comparison",
    ),
    Case(
        "role_swap",
        "The prime minister met the president in Paris.",
        "The president met the prime minister in Paris.",
        0.0,
        0.0,
        "a reciprocal verb",
    ),
    Case(
        "role_swap",
        "The union signed an agreement with the company.",
        "The company signed an agreement with the union.",
        0.0,
        0.0,
        "with: both ways",
    ),
    Case(
        "role_swap",
        "The talks were held in Doha and Cairo.",
        "The talks were held in Cairo and Doha.",
        0.0,
        0.0,
        "coordination",
    ),
    Case(
        "role_swap",
        "Smith defeated Jones in the runoff.",
        "Jones was defeated by Smith in the runoff.",
        0.0,
        0.0,
        "a passive restates",
    ),
    Case(
        "role_swap",
        "The ruling party won against the opposition.",
        "The opposition lost against the ruling party.",
        0.0,
        0.0,
        "swapped with the opposite verb: the same statement",
    ),
    Case("role_swap", "A dog chased a cat.", "A cat chased a dog.", 0.0, 0.0, "indefinite: perhaps other ones"),
    # negated_opposite: an opposite negated on one side restates or leaves open, never contradicts.
    Case(
        "negated_opposite",
        "The team did not win the final on Sunday.",
        "The team lost the final on Sunday.",
        1.0,
        1.0,
        "did not win / lost",
    ),
    Case(
        "negated_opposite", "The shop was not open on Sunday.", "The shop was closed on Sunday.", 1.0, 1.0, "adjective"
    ),
    Case("negated_opposite", "Prices fell in May.", "Prices did not rise in May.", 1.0, 1.0, "contraries, either side"),
    Case(
        "negated_opposite",
        "The team did not win the final on Sunday.",
        "The team won the final on Sunday.",
        0.0,
        0.0,
        "a plain negation: no opposite",
    ),
    Case(
        "negated_opposite",
        "It is possible, but it would not have been as dramatic.",
        "It is impossible.",
        0.0,
        0.0,
        "the negation is about something else",
    ),
    Case("negated_opposite", RIVER, RIVER.replace("rising", "falling"), 0.0, 0.0, "no negation: antonym_swap's"),
    # place_mismatch: weaker than the others (places nest and vary).
    Case("place_mismatch", MEETING, "The plan will be prepared at the next meeting in Tehran.", 0.8, 0.8, "city"),
    Case(
        "place_mismatch",
        "Talks were held in Iraq on Saturday.",
        "Talks were held in Baghdad on Saturday.",
        0.0,
        0.0,
        "a city inside the country",
    ),
    Case("place_mismatch", MEETING, MEETING.replace("plan", "roadmap"), 0.0, 0.0, "the same place"),
    # low_overlap: 1.0 when nothing is shared.
    Case("low_overlap", TROOPS, "Apple unveiled a new laptop at its spring event.", 1.0, 1.0, "nothing shared"),
    Case("low_overlap", TROOPS, "The U.S. has troops in Iraq.", 0.0, 0.0, "everything shared"),
    # extra_content: more than eight new content words.
    Case(
        "extra_content",
        TROOPS,
        "Troops are in Iraq, and senators debated pensions, housing grants, tuition waivers, clinic staffing, rural "
        "hospital closures and veterans healthcare budgets.",
        0.5,
        1.0,
        "many new words",
    ),
    Case("extra_content", TROOPS, "The U.S. has troops stationed in Iraq.", 0.0, 0.0, "one new word"),
    # number_match: every figure (10 or more) agrees with the premise's.
    Case("number_match", PENTAGON, "About 2,500 U.S. troops remain in Iraq.", 1.0, 1.0, "the Pentagon's figure"),
    Case("number_match", TROOPS, "The U.S. has about 2,500 troops in Iraq.", 1.0, 1.0, "hedged, overlapping"),
    Case(
        "number_match",
        "Three sessions of strategic talks have been held.",
        "Three sessions of strategic talks have been held so far.",
        0.0,
        0.0,
        "a small count describes",
    ),
    Case("number_match", TROOPS, "The U.S. has 3,000 troops in Iraq.", 0.0, 0.0, "a different figure"),
    # restated_figure: the same statement but for how its figures are written.
    Case(
        "restated_figure",
        "The depot employs 1,500 people.",
        "The depot employs fifteen hundred people.",
        1.0,
        1.0,
        "digits / words",
    ),
    Case(
        "restated_figure",
        "The vaccine was 91% effective in trials.",
        "The vaccine was 91 per cent effective in trials.",
        1.0,
        1.0,
        "% / per cent",
    ),
    Case(
        "restated_figure",
        "The firm was fined $7 million.",
        "The firm was fined seven million dollars.",
        1.0,
        1.0,
        "$ / dollars",
    ),
    Case(
        "restated_figure",
        "The survey reached about 4,000 households.",
        "The survey reached 4,150 households.",
        1.0,
        1.0,
        "a hedged figure and one inside it",
    ),
    Case(
        "restated_figure",
        "The council will build 641 homes.",
        "The council will build six hundred and forty-one homes.",
        1.0,
        1.0,
        "a compound after 'and'",
    ),
    Case(
        "restated_figure",
        "Between 200 and 300 staff were laid off.",
        "About 260 staff were laid off.",
        1.0,
        1.0,
        "a range and a figure inside it",
    ),
    Case("restated_figure", TROOPS, "The U.S. has 3,000 troops in Iraq.", 0.0, 0.0, "another figure"),
    Case(
        "restated_figure",
        "Between 200 and 300 staff were laid off.",
        "About 450 staff were laid off.",
        0.0,
        0.0,
        "a figure outside the range",
    ),
    Case(
        "restated_figure",
        "Unemployment rose to 5 percent.",
        "Unemployment fell to 5%.",
        0.0,
        0.0,
        "the same figure, an opposite verb",
    ),
    Case(
        "restated_figure",
        "Exports grew by 8 percent in 2021.",
        "Exports grew by 8 per cent in 2020.",
        0.0,
        0.0,
        "the same figure, another year",
    ),
    Case(
        "restated_figure",
        "The vaccine was 91% effective.",
        "The vaccine was not 91% effective.",
        0.0,
        0.0,
        "a negation on one side",
    ),
    Case(
        "restated_figure",
        "More than 30 people were hurt.",
        "30 people were hurt.",
        0.0,
        0.0,
        "a comparative bound leaves its own figure out",
    ),
    # converse: an opposite word with the two parties exchanged around it.
    Case(
        "converse",
        "The ruling party won against the opposition.",
        "The opposition lost against the ruling party.",
        1.0,
        1.0,
        "won against / lost against",
    ),
    Case(
        "converse",
        "The euro fell against the yen.",
        "The yen rose against the euro.",
        1.0,
        1.0,
        "fell against / rose against",
    ),
    Case(
        "converse",
        "Rents were higher than mortgage payments.",
        "Mortgage payments were lower than rents.",
        1.0,
        1.0,
        "a comparison",
    ),
    Case("converse", "The euro fell against the yen.", "The euro rose against the yen.", 0.0, 0.0, "an opposite alone"),
    Case("converse", "Prices rose yesterday.", "Yesterday prices fell.", 0.0, 0.0, "a modifier moved, no party"),
    Case(
        "converse",
        "The club chairman approved the transfer of the club captain.",
        "The club chairman rejected the transfer of the club captain.",
        0.0,
        0.0,
        "a word on both sides of the opposite is no exchanged party",
    ),
    Case(
        "converse",
        "The union agreed with the company.",
        "The company disagreed with the union.",
        0.0,
        0.0,
        "a reciprocal relation: the exchange changes nothing",
    ),
    Case(
        "antonym",
        "The euro fell against the yen.",
        "The yen rose against the euro.",
        0.0,
        0.0,
        "a converse restates",
    ),
    # Relation phrases without their verb, and the verb "defeat" (to win over).
    Case(
        "antonym_swap",
        "The tribunal ruled in favour of the airline.",
        "The tribunal ruled against the airline.",
        1.0,
        1.0,
        "in favour of / against",
    ),
    Case(
        "antonym_swap",
        "Smith defeated Jones in the runoff.",
        "Smith won the runoff.",
        0.0,
        0.0,
        "the verb defeat is to win over",
    ),
    # A denial's subject is who denies, not what is denied (the passive aside).
    Case(
        "negation",
        "The mayor denied the report.",
        "The mayor resigned after the scandal.",
        0.0,
        0.0,
        "an active denial: its subject is not denied",
    ),
    Case(
        "negation",
        "The permit was denied by the council.",
        "The council granted the permit.",
        0.5,
        1.0,
        "a passive denial negates what precedes",
    ),
    # Tallies: "52 votes to 48" against "52-48" is the same count, not 52 against 48.
    Case(
        "number_mismatch",
        "The assembly passed the bill by 61 votes to 39.",
        "The assembly passed the bill 61-39.",
        0.0,
        0.0,
        "a tally written two ways",
    ),
    Case(
        "number_mismatch",
        "The assembly passed the bill 61-39.",
        "The assembly passed the bill by 61 votes to 39.",
        0.0,
        0.0,
        "a tally written two ways, the other way",
    ),
    Case(
        "number_mismatch",
        "The assembly passed the bill by 61 votes to 39.",
        "The assembly passed the bill by 71 votes to 29.",
        1.0,
        1.0,
        "another tally",
    ),
    # negation_swap: a negation on one side only, the rest aligned word by word (audit 8).
    Case(
        "negation_swap",
        "The defendant pleaded guilty to the theft charge.",
        "The defendant pleaded not guilty to the theft charge.",
        1.0,
        1.0,
        "a plain not, nothing else differing",
    ),
    Case(
        "negation_swap",
        "The driver, who had no licence, stopped at the police checkpoint.",
        "The driver, who had no licence, did not stop at the police checkpoint.",
        1.0,
        1.0,
        "a negation both sides share stays matched",
    ),
    Case(
        "negation_swap",
        "The inspector denied the allegation of bribery.",
        "The inspector did not deny the allegation of bribery.",
        1.0,
        1.0,
        "a not before a worded negation",
    ),
    Case(
        "negation_swap",
        "The trial confirmed the benefit of the vaccine.",
        "The trial failed to confirm the benefit of the vaccine.",
        1.0,
        1.0,
        "a worded negation",
    ),
    Case(
        "negation_swap",
        "The striker scored in the final.",
        "The striker did not score in the final easily.",
        0.0,
        0.0,
        "a word of its own the negation may be about",
    ),
    Case(
        "negation_swap",
        "A girl is not riding a bicycle.",
        "A girl is riding a bicycle.",
        0.0,
        0.0,
        "indefinite: perhaps another girl",
    ),
    Case(
        "negation_swap",
        "The ferry did not fail to sail on time.",
        "The ferry sailed on time.",
        0.0,
        0.0,
        "two negations cancel",
    ),
    Case(
        "negation_swap",
        "The tide is not coming in.",
        "The tide is going out.",
        0.0,
        0.0,
        "another predicate besides the negation",
    ),
    # Two bounds the same way round on two figures neither agree nor restate each other (audit 8).
    Case(
        "restated_figure",
        "The flood raised the river by up to 40 centimetres overnight.",
        "The flood raised the river by up to 25 centimetres overnight.",
        0.0,
        0.0,
        "two upper bounds on two figures",
    ),
    Case(
        "number_match",
        "Gusts of up to 110 km/h hit the island.",
        "Gusts of up to 70 km/h hit the island.",
        0.0,
        0.0,
        "two upper bounds on two figures agree on no figure",
    ),
    Case(
        "number_match",
        "More than 45 families were moved from the estate.",
        "More than 60 families were moved from the estate.",
        0.0,
        0.0,
        "a higher lower bound than the premise's",
    ),
    Case(
        "number_match",
        "More than 60 families were moved from the estate.",
        "More than 45 families were moved from the estate.",
        1.0,
        1.0,
        "a lower bound the premise's implies",
    ),
    Case(
        "restated_figure",
        "More than 60 families were moved from the estate.",
        "More than 45 families were moved from the estate.",
        0.0,
        0.0,
        "implied, but another figure",
    ),
    Case(
        "number_match",
        "Gusts of up to 110 km/h hit the island.",
        "Gusts of up to a hundred and ten km/h hit the island.",
        1.0,
        1.0,
        "the same bound written another way still agrees",
    ),
    # "and a half" after a spelled-out number (audit 8).
    Case(
        "number_mismatch",
        "The new hospital will cost three and a half billion dollars.",
        "The new hospital will cost $3 billion.",
        0.5,
        1.0,
        "three and a half billion is not three billion",
    ),
    Case(
        "restated_figure",
        "The new hospital will cost three and a half billion dollars.",
        "The new hospital will cost $3.5 billion.",
        1.0,
        1.0,
        "three and a half billion written in digits",
    ),
    # open_time: one event at times the premise cannot settle (h125, issue 21).
    Case(
        "open_time",
        "Profits rose in the second quarter.",
        "Profits rose last year.",
        1.0,
        1.0,
        "a quarter beside a relative year",
    ),
    Case(
        "open_time",
        "Tax returns must be filed by 1 June.",
        "Tax returns were filed on 5 June.",
        1.0,
        1.0,
        "a rule's deadline beside a fact's date",
    ),
    Case(
        "open_time",
        "The factory opened in March 2025.",
        "The factory opened in spring 2025.",
        0.0,
        0.0,
        "March is in spring: the premise settles it",
    ),
    # restated_time: the same statement but for how a time of day is written (h131, issue 21).
    Case(
        "restated_time",
        "The curfew begins at midnight.",
        "The curfew begins at 00:00.",
        1.0,
        1.0,
        "midnight / 00:00",
    ),
    Case(
        "restated_time",
        "The polls closed at 3 p.m. on Tuesday.",
        "The polls closed at three in the afternoon on Tuesday.",
        1.0,
        1.0,
        "3 p.m. / three in the afternoon",
    ),
    Case("restated_time", "The train left at 9 a.m.", "The train left at 21:00.", 0.0, 0.0, "another time"),
    # added_detail: one statement is the other with detail added (audit 8).
    Case(
        "added_detail",
        "The bakery on Mill Street reopened.",
        "The family-run bakery on Mill Street reopened after a fire last spring.",
        1.0,
        1.0,
        "modifiers added to the hypothesis",
    ),
    Case(
        "added_detail",
        "The family-run bakery on Mill Street reopened after a fire last spring.",
        "The bakery on Mill Street reopened.",
        1.0,
        1.0,
        "modifiers dropped from the premise",
    ),
    Case(
        "added_detail",
        "The bakery on Mill Street reopened.",
        "The former bakery on Mill Street reopened.",
        0.0,
        0.0,
        "a privative adjective added",
    ),
    Case(
        "added_detail",
        "The bakery on Mill Street reopened.",
        "The owner denied rumours that the bakery on Mill Street reopened.",
        0.0,
        0.0,
        "the rest embedded in a clause",
    ),
    Case(
        "added_detail",
        "The bakery on Mill Street reopened.",
        "The bakery on Mill Street never reopened after the fire.",
        0.0,
        0.0,
        "a negation among the added words",
    ),
    Case(
        "added_detail",
        "The bakery on Mill Street reopened after the fire.",
        "The bakery on Mill Street reopened after the flood in May.",
        0.0,
        0.0,
        "words of its own on each side",
    ),
    # antonym: a word that says when is no argument two opposite words share (audit 8).
    Case(
        "antonym",
        "Burglaries in the town fell last year.",
        "Shoplifting in the county rose last year.",
        0.0,
        0.0,
        "only a time word shared",
    ),
    Case(
        "antonym",
        "Burglaries in the town fell last year.",
        "Burglaries in the town rose sharply last year.",
        0.5,
        1.0,
        "the same thing, the same year",
    ),
    # WordNet's opposite verbs whose base forms are also nouns, read where only a verb stands (audit 8).
    Case(
        "antonym_swap",
        "Economists expect the eurozone to contract in the spring.",
        "Economists expect the eurozone to expand in the spring.",
        1.0,
        1.0,
        "after the infinitive to",
    ),
    Case(
        "antonym_swap",
        "The ministry will not import the grain this winter.",
        "The ministry will not export the grain this winter.",
        1.0,
        1.0,
        "after a modal and a negation",
    ),
    Case(
        "antonym_swap",
        "The council approved the import of the grain.",
        "The council approved the export of the grain.",
        0.0,
        0.0,
        "nouns after the: two things",
    ),
    # substituted_term: one noun swapped for an alternative WordNet names, nothing else differing (issue 21).
    Case(
        "substituted_term",
        "Exports increased by 12 percent last year.",
        "Imports increased by 12 percent last year.",
        1.0,
        1.0,
        "WordNet antonyms, but nouns: no opposite predicate",
    ),
    Case(
        "substituted_term",
        "The mayor approved the new stadium.",
        "The governor approved the new stadium.",
        1.0,
        1.0,
        "two politicians",
    ),
    Case(
        "substituted_term",
        "The commuters took the bus to work.",
        "The commuters took the train to work.",
        1.0,
        1.0,
        "two kinds of public transport",
    ),
    Case(
        "substituted_term",
        "No bus was damaged in the storm.",
        "No train was damaged in the storm.",
        1.0,
        1.0,
        "neither follows from the other, under any operator",
    ),
    Case(
        "substituted_term", "She bought the car last week.", "She bought the vehicle last week.", 0.0, 0.0, "a hypernym"
    ),
    Case(
        "substituted_term", "She bought the vehicle last week.", "She bought the car last week.", 0.0, 0.0, "a hyponym"
    ),
    Case(
        "substituted_term",
        "She bought the car last week.",
        "She bought the automobile last week.",
        0.0,
        0.0,
        "a synonym",
    ),
    Case(
        "substituted_term", "The minister quit on Monday.", "The minister resigned on Monday.", 0.0, 0.0, "one synset"
    ),
    Case("substituted_term", "The men walked into the bank.", "The man walked into the bank.", 0.0, 0.0, "one word"),
    Case(
        "substituted_term",
        "The river is rising after days of heavy rain.",
        "The river is falling after days of heavy rain.",
        0.0,
        0.0,
        "opposite predicates are antonym_swap's",
    ),
    Case(
        "substituted_term",
        "The mayor approved the new stadium.",
        "The governor rejected the new stadium.",
        0.0,
        0.0,
        "two substitutions",
    ),
    Case(
        "substituted_term",
        "The kids played in the woods.",
        "The kids played outside.",
        0.0,
        0.0,
        "not word for word",
    ),
    Case(
        "substituted_term",
        "A mayor approved the new stadium.",
        "A governor approved the new stadium.",
        0.0,
        0.0,
        "indefinite: as with the other aligned signals",
    ),
    Case(
        "substituted_term",
        "The council hired 12 teachers.",
        "The council hired 15 teachers.",
        0.0,
        0.0,
        "a number: number_mismatch's",
    ),
    Case("substituted_term", "Italy won the final.", "France won the final.", 0.0, 0.0, "names: not WordNet's words"),
    Case(
        "substituted_term",
        "The report was praised by Smith.",
        "The report was praised by Baker.",
        0.0,
        0.0,
        "a name mid-sentence, even one WordNet knows as a word",
    ),
    Case(
        "substituted_term",
        "The queen opened the bridge.",
        "The woman opened the bridge.",
        0.0,
        0.0,
        "WordNet only fails to link them: no alternatives",
    ),
    # audit 9: a verb and the participle the antonym list names read as one word
    Case(
        "negation_swap",
        "Fog closed the airport overnight.",
        "Fog did not close the airport overnight.",
        1.0,
        1.0,
        "'closed' and 'close' are one verb",
    ),
    # audit 9: "the" before one party's name is part of that name, not of the relation
    Case(
        "role_swap",
        "Toyota overtook the German carmaker in sales.",
        "The German carmaker overtook Toyota in sales.",
        1.0,
        1.0,
        "a 'the' opening one party's name",
    ),
    Case(
        "role_swap",
        "The German carmaker overtook Toyota in sales.",
        "Toyota overtook the German carmaker in sales.",
        1.0,
        1.0,
        "a 'the' opening one party's name, the other way round",
    ),
    Case(
        "role_swap",
        "Toyota was overtaken by the German carmaker.",
        "The German carmaker overtook Toyota.",
        0.0,
        0.0,
        "a passive still restates",
    ),
    # audit 9: a proportion is a percentage
    Case(
        "number_match",
        "Three out of four doctors recommend the treatment.",
        "75 percent of doctors recommend the treatment.",
        1.0,
        1.0,
        "'three out of four' is 75 percent",
    ),
    Case(
        "number_match",
        "One in five drivers admits speeding.",
        "Twenty percent of drivers admit speeding.",
        1.0,
        1.0,
        "'one in five' is 20 percent",
    ),
    Case(
        "number_mismatch",
        "Three out of four doctors recommend the treatment.",
        "Only 30 percent of doctors recommend the treatment.",
        1.0,
        1.0,
        "a proportion against another percentage",
    ),
    # audit 9: a share of a group is a figure
    Case(
        "number_match",
        "The bank will close 30 of its branches.",
        "Thirty of the bank's branches will close.",
        1.0,
        1.0,
        "a share of at least ten agrees like a count",
    ),
    # audit 9: WordNet names "beat" / "lose" through "win"; a passive is no converse
    Case(
        "converse",
        "Leeds beat Everton in the replay.",
        "Everton lost to Leeds in the replay.",
        1.0,
        1.0,
        "'beat' is one WordNet link from 'win', the antonym of 'lose'",
    ),
    Case(
        "converse",
        "Leeds beat Everton in the replay.",
        "Leeds lost to Everton in the replay.",
        0.0,
        0.0,
        "the same order: the opposite result",
    ),
    Case(
        "converse",
        "The permit was approved by the council.",
        "The council rejected the permit.",
        0.0,
        0.0,
        "a passive puts the agent after the verb, its role unchanged",
    ),
    Case(
        "antonym",
        "The permit was approved by the council.",
        "The council rejected the permit.",
        1.0,
        1.0,
        "a passive puts the agent after the verb, its role unchanged: opposite",
    ),
    # audit 9: a season says when, as a time unit does: no shared argument of an opposite
    Case(
        "antonym",
        "Burglaries in the town fell over the winter season.",
        "Shoplifting in the county rose over the winter season.",
        0.0,
        0.0,
        "only a season shared",
    ),
    Case(
        "antonym",
        "Burglaries in the town fell over the winter season.",
        "Burglaries in the town rose over the winter season.",
        0.5,
        1.0,
        "the same thing, the same season",
    ),
    # audit 10: a fraction of a whole is a percentage; "half a million" is 500,000
    Case(
        "number_match",
        "The lake has lost a third of its water since 1990.",
        "Since 1990 the lake has lost 33 percent of its water.",
        1.0,
        1.0,
        "'a third of' is 33 percent",
    ),
    Case(
        "number_mismatch",
        "The lake has lost a third of its water since 1990.",
        "The lake has lost half of its water since 1990.",
        0.5,
        1.0,
        "a third against a half",
    ),
    Case(
        "number_match",
        "Two-thirds of the members voted for the merger.",
        "About 66 percent of the members voted for the merger.",
        1.0,
        1.0,
        "'two-thirds of' is 66 to 67 percent",
    ),
    Case(
        "number_mismatch",
        "The plant will make half a million tablets a week.",
        "The plant will make a million tablets a week.",
        1.0,
        1.0,
        "'half a million' is 500,000, not a million",
    ),
    # A unit glued to a figure in capitals ("2GW", "800MW") is part of the figure, not a name: one plant, two figures.
    Case("number_mismatch", "The dam will produce 2GW.", "The dam will produce 800MW.", 1.0, 1.0, "GW / MW"),
    Case("other_subject", "The dam will produce 2GW.", "The dam will produce 800MW.", 0.0, 0.0, "GW / MW no names"),
    # A number right after a noun that heads a noun phrase names it ("district 3", "Route 9"): two numbered names
    # with a figure differing besides are two things; a verb's or adjective's number ("aged 45", "scored 3") is an
    # amount, and a numbered name that is the only difference ("phase 3" / "phase 2") is one subject's two states.
    Case(
        "other_subject",
        "Unemployment in district 3 fell to 5 percent.",
        "Unemployment in district 7 fell to 6 percent.",
        1.0,
        1.0,
        "two numbered districts",
    ),
    Case(
        "number_mismatch",
        "Unemployment in district 3 fell to 5 percent.",
        "Unemployment in district 7 fell to 6 percent.",
        0.0,
        0.0,
        "another numbered district's rate",
    ),
    Case(
        "other_subject",
        "Route 9 buses will run every 10 minutes.",
        "Route 4 buses will run every 15 minutes.",
        1.0,
        1.0,
        "a numbered name opens the statement",
    ),
    Case(
        "number_mismatch",
        "Turnout in Ward 2 was 40 percent.",
        "Turnout in Ward 5 was 55 percent.",
        0.0,
        0.0,
        "another ward's turnout",
    ),
    Case(
        "number_mismatch",
        "Turnout in Ward 2 was 40 percent.",
        "Turnout in Ward 2 was 55 percent.",
        1.0,
        1.0,
        "one ward, two turnouts",
    ),
    Case(
        "number_mismatch",
        "The vaccine is in phase 3 trials.",
        "The vaccine is in phase 2 trials.",
        1.0,
        1.0,
        "the numbered name is the only difference",
    ),
    Case(
        "number_mismatch",
        "Smith scored 3 goals in 2 games.",
        "Smith scored 2 goals in 4 games.",
        1.0,
        1.0,
        "a verb's number is an amount",
    ),
    Case(
        "other_subject",
        "The actor died aged 45 after 2 operations.",
        "The actor died aged 50 after 3 operations.",
        0.0,
        0.0,
        "an adjective's number is an amount",
    ),
    # Two statistics that share only which way they moved and when are about two things; one that moved two ways is not.
    Case(
        "number_mismatch",
        "Burglaries rose by 9 percent last year.",
        "Bus fares rose by 4 percent last year.",
        0.0,
        0.0,
        "only 'rose' and 'last year' shared",
    ),
    Case(
        "number_mismatch",
        "Burglaries fell by 9 percent last year.",
        "Bus fares dropped by 4 percent last year.",
        0.0,
        0.0,
        "only 'fell' / 'dropped' and 'last year' shared",
    ),
    Case(
        "number_mismatch",
        "Burglaries rose by 9 percent last year.",
        "Burglaries rose by 4 percent last year.",
        1.0,
        1.0,
        "one statistic, two figures",
    ),
    Case(
        "antonym",
        "Rents rose by 3 percent last month.",
        "Unemployment fell to 5 percent last month.",
        0.0,
        0.0,
        "opposite moves of two statistics",
    ),
    Case(
        "antonym",
        "Rents rose by 3 percent last month.",
        "Rents fell by 3 percent last month.",
        0.5,
        1.0,
        "opposite moves of one statistic",
    ),
    # "percentage points" is a unit: it says what a figure is measured in, not what the statement is about.
    Case(
        "number_mismatch",
        "The Greens lead by 4 percentage points.",
        "Turnout fell by 2 percentage points.",
        0.0,
        0.0,
        "only a unit shared",
    ),
    Case(
        "number_mismatch",
        "The Greens lead by 4 percentage points.",
        "The Greens lead by 2 percentage points.",
        1.0,
        1.0,
        "one lead, two figures",
    ),
)


@pytest.mark.parametrize("case", CASES, ids=[f"{case.signal}: {case.why}" for case in CASES])
def test_signal_strength_falls_in_range(case: Case) -> None:
    strength = compute_signals(case.premise, case.hypothesis).strengths.get(case.signal, 0.0)
    assert case.low <= strength <= case.high


def test_every_signal_has_cases_that_fire_and_cases_that_do_not() -> None:
    for name in SIGNAL_NAMES:
        ranges = [(case.low, case.high) for case in CASES if case.signal == name]
        assert any(low > 0 for low, _ in ranges), name
        assert any(high == 0 for _, high in ranges), name


def test_a_swap_wider_than_a_claims_parties_is_not_searched() -> None:
    """Two long texts that are each other's halves exchanged: no role swap (the search is cubic in the width)."""
    from embeddings.signals.roles import MAX_SWAP_WIDTH

    words = [f"word{chr(97 + i % 26)}{chr(97 + i // 26)}" for i in range(100)]
    assert len(words) > MAX_SWAP_WIDTH
    half = len(words) // 2
    premise = " ".join([*words[:half], "beat", *words[half:]])
    hypothesis = " ".join([*words[half:], "beat", *words[:half]])
    report = compute_signals(premise, hypothesis)
    assert "role_swap" not in report.strengths
    short = compute_signals("Arsenal beat Chelsea.", "Chelsea beat Arsenal.")
    assert short.strengths.get("role_swap") == 1.0


NUMBERED_NAMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Unemployment in district 3 fell to 5 percent.", ("3",)),
    ("Route 9 buses will run every 10 minutes.", ("9",)),
    ("Turnout in Ward 2 was 40 percent.", ("2",)),
    ("He died aged 45.", ()),  # an adjective's number
    ("Smith scored 3 goals.", ()),  # a verb's number
    ("The bridge opened in the year 2020.", ()),  # a unit of time's number is a date
    ("Cases of covid-19 rose in district 4.", ("4",)),  # a number glued on stays a figure
    ("The vaccine is in a study of phase 2/3 trials.", ()),  # two numbers in a row are one compound figure
    ("In district 3 million people voted.", ()),  # a scale word after it: a figure
)


@pytest.mark.parametrize(("text", "expected"), NUMBERED_NAMES, ids=[text for text, _ in NUMBERED_NAMES])
def test_a_number_after_a_noun_that_heads_a_noun_phrase_is_part_of_a_name(text: str, expected: tuple[str, ...]) -> None:
    from embeddings.signals.statement import analyse
    from embeddings.signals.subjects import numbered_names

    analysis = analyse(text)
    assert tuple(analysis.tokens[i].text for i in sorted(numbered_names(analysis))) == expected
