"""Attribution extraction: the seed article's seven claims, each construction news uses, and junk input."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from extraction import (
    AttributionExtractor,
    ExtractedClaim,
    extract_claims,
    normalize_speaker_name,
    speaker_key,
    split_role_prefix,
)
from extraction.quotes import find_quotes
from tests.conftest import shared_path
from tests.unit.extraction_helpers import assert_spans, extract, one


@pytest.fixture(scope="module")
def seed(extractor: AttributionExtractor) -> tuple[str, list[ExtractedClaim]]:
    text = shared_path("fixtures", "esta-iraq-coalition-talks.txt").read_text(encoding="utf-8")
    return text, extractor.extract(text)


# --- the seed article ---------------------------------------------------------------------------------------


@pytest.mark.slow
def test_seed_spans_slice_the_article(seed: tuple[str, list[ExtractedClaim]]) -> None:
    text, claims = seed
    assert len(claims) >= 7
    assert_spans(text, claims)


@pytest.mark.slow
def test_seed_direct_quote_then_speaker(seed: tuple[str, list[ExtractedClaim]]) -> None:
    _, claims = seed
    claim = one(claims, "affirmed its respect for Iraqi sovereignty")
    assert claim.text.startswith("The United States of America affirmed")
    assert claim.text.endswith("enduring defeat of ISIS")  # no closing comma or quote mark
    assert (claim.kind, claim.cue) == ("direct_quote", "said")
    assert (claim.speaker.name, claim.speaker.kind, claim.speaker.mention) == (
        "Iraqi military",
        "organisation",
        "the Iraqi military",
    )


@pytest.mark.slow
def test_seed_it_added_resolves_to_the_military(seed: tuple[str, list[ExtractedClaim]]) -> None:
    _, claims = seed
    claim = one(claims, "agreed on a framework for future meetings")
    assert (claim.kind, claim.cue) == ("direct_quote", "added")
    assert claim.speaker.name == "Iraqi military"
    assert claim.speaker.mention == "it"
    assert claim.speaker.resolved


@pytest.mark.slow
def test_seed_unattributed_quote_paragraph_continues_the_speaker(seed: tuple[str, list[ExtractedClaim]]) -> None:
    _, claims = seed
    previous = one(claims, "agreed on a framework for future meetings")
    claim = one(claims, "They also agreed on developing a working plan")
    assert claim.kind == "direct_quote"
    assert claim.speaker.name == "Iraqi military"
    assert claim.confidence < previous.confidence


@pytest.mark.slow
def test_seed_the_military_further_said(seed: tuple[str, list[ExtractedClaim]]) -> None:
    _, claims = seed
    claim = one(claims, "the plan would be prepared in the next meeting")
    assert claim.text.startswith("the plan would be prepared")
    assert (claim.kind, claim.cue) == ("indirect_quote", "said")
    assert (claim.speaker.name, claim.speaker.mention) == ("Iraqi military", "The military")


@pytest.mark.slow
def test_seed_mixed_quote_with_it_added(seed: tuple[str, list[ExtractedClaim]]) -> None:
    _, claims = seed
    claim = one(claims, "specific mechanisms and timings")
    assert claim.text.startswith("It should include “specific mechanisms")
    assert (claim.kind, claim.cue) == ("indirect_quote", "added")
    assert claim.speaker.name == "Iraqi military"


@pytest.mark.slow
def test_seed_spokesman_tweet_splits_role_from_name(seed: tuple[str, list[ExtractedClaim]]) -> None:
    _, claims = seed
    claim = one(claims, "represent a natural progression")
    assert claim.text.startswith("the technical talks “represent")
    assert claim.text.endswith("Strategic Dialogue.”")
    assert (claim.kind, claim.cue) == ("indirect_quote", "said in a tweet")
    speaker = claim.speaker
    assert (speaker.name, speaker.kind, speaker.role) == ("Wayne Marotto", "person", "Coalition spokesman")
    assert speaker.mention == "Coalition Spokesman Col. Wayne Marotto"


@pytest.mark.slow
def test_seed_according_to_the_pentagon(seed: tuple[str, list[ExtractedClaim]]) -> None:
    _, claims = seed
    claim = one(claims, "has dropped to about 2,500")
    assert claim.text == "the number of U.S. troops in Iraq has dropped to about 2,500 over the past months"
    assert (claim.kind, claim.cue.lower()) == ("indirect_quote", "according to")
    assert (claim.speaker.name, claim.speaker.kind) == ("Pentagon", "organisation")


@pytest.mark.slow
def test_seed_one_canonical_speaker_for_it_and_the_military(seed: tuple[str, list[ExtractedClaim]]) -> None:
    _, claims = seed
    military = [c for c in claims if c.speaker.mention in {"it", "The military", "the Iraqi military"}]
    assert {c.speaker.mention for c in military} == {"it", "The military", "the Iraqi military"}
    assert {speaker_key(c.speaker.name) for c in military} == {"iraqi military"}


@pytest.mark.slow
def test_seed_narration_and_scare_quotes_are_not_claims(seed: tuple[str, list[ExtractedClaim]]) -> None:
    _, claims = seed
    for words in ("three sessions of strategic talks", "Among the issues", "working plan” to implement"):
        assert not any(words in c.text for c in claims), words
    assert not any(c.text == "working plan" for c in claims)


# --- constructions, one small text each ---------------------------------------------------------------------


@pytest.mark.slow
def test_quote_then_speaker(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, "“We will win the election,” the campaign said.")
    assert (claim.text, claim.kind, claim.cue) == ("We will win the election", "direct_quote", "said")
    assert (claim.speaker.name, claim.speaker.kind) == ("campaign", "organisation")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Smith said talks would continue.", "talks would continue"),
        ("The talks would continue, Smith said.", "The talks would continue"),
        (
            "She added that negotiations with the Taliban would continue.",
            "negotiations with the Taliban would continue",
        ),
        ("Officials said the two sides agree.", "the two sides agree"),
    ],
)
def test_a_statement_ending_on_a_clause_only_verb_is_still_a_statement(
    extractor: AttributionExtractor, text: str, content: str
) -> None:
    (claim,) = extract(extractor, text)
    assert claim.text == content


@pytest.mark.slow
def test_a_trailing_cue_after_a_comma_is_still_no_statement(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, "The plan is dead, he added.")
    assert (claim.text, claim.cue) == ("The plan is dead", "added")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "BERLIN — The economy shrank by 0.3 percent, the statistics office said.",
            "The economy shrank by 0.3 percent",
        ),
        ("KABUL, Afghanistan (AP) -- The airport will stay open, a spokesman said.", "The airport will stay open"),
        ("RIO DE JANEIRO - Prices rose in May, the central bank said.", "Prices rose in May"),
        ("U.S.-led forces will leave Iraq, the Pentagon said.", "U.S.-led forces will leave Iraq"),  # no dateline
    ],
)
def test_a_dateline_is_no_part_of_the_claim(extractor: AttributionExtractor, text: str, content: str) -> None:
    (claim,) = extract(extractor, text)
    assert claim.text == content


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The report, released by the United Nations on Monday, said that 3 million people had fled.",
            "United Nations",
        ),
        ("A report by the Pentagon said troops would stay in Iraq.", "Pentagon"),
        ("The Pentagon's report said troops would stay in Iraq.", "Pentagon"),
    ],
)
def test_a_document_that_says_is_attributed_to_its_author(
    extractor: AttributionExtractor, text: str, speaker: str
) -> None:
    (claim,) = extract(extractor, text)
    assert claim.speaker.name == speaker


@pytest.mark.slow
def test_speaker_then_quote_after_comma(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, "Mayor Jane Roe said, “The bridge will reopen in May.”")
    assert (claim.text, claim.kind) == ("The bridge will reopen in May.", "direct_quote")
    assert (claim.speaker.name, claim.speaker.role) == ("Jane Roe", "mayor")


@pytest.mark.slow
def test_colon_quote(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, "Jane Roe said: “The budget is balanced and the deficit is gone.”")
    assert (claim.text, claim.kind) == ("The budget is balanced and the deficit is gone.", "direct_quote")
    assert claim.speaker.name == "Jane Roe"


@pytest.mark.slow
def test_colon_at_paragraph_end_takes_the_next_paragraph(extractor: AttributionExtractor) -> None:
    text = "At the rally, Governor Ann Lee said:\n\n“Nobody in this state will pay more tax next year.”"
    (claim,) = extract(extractor, text)
    assert (claim.text, claim.kind) == ("Nobody in this state will pay more tax next year.", "direct_quote")
    assert claim.speaker.name == "Ann Lee"


@pytest.mark.slow
def test_indirect_speech_drops_the_complementiser(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, "The ministry said that exports fell by 4 percent in March.")
    assert (claim.text, claim.kind) == ("exports fell by 4 percent in March", "indirect_quote")
    assert (claim.speaker.name, claim.speaker.kind) == ("ministry", "organisation")


@pytest.mark.slow
def test_mixed_quote_with_straight_marks(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, 'Senator Bob Smith said the plan "is a disaster for farmers."')
    assert (claim.text, claim.kind) == ('the plan "is a disaster for farmers."', "indirect_quote")
    assert (claim.speaker.name, claim.speaker.role) == ("Bob Smith", "senator")


@pytest.mark.slow
def test_curly_and_straight_quotes_give_the_same_claim(extractor: AttributionExtractor) -> None:
    curly = extract(extractor, "“The talks have failed,” the minister said.")
    straight = extract(extractor, '"The talks have failed," the minister said.')
    assert [(c.text, c.kind, c.span) for c in curly] == [(c.text, c.kind, c.span) for c in straight]


@pytest.mark.slow
def test_according_to_after_the_content(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, "Exports fell sharply last year, according to the central bank.")
    assert (claim.text, claim.cue, claim.kind) == ("Exports fell sharply last year", "according to", "indirect_quote")
    assert (claim.speaker.name, claim.speaker.kind) == ("central bank", "organisation")


@pytest.mark.slow
def test_inverted_speaker_with_apposition_role(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, "“Nobody wants another war,” said John Kirby, a Pentagon spokesman.")
    assert (claim.text, claim.kind) == ("Nobody wants another war", "direct_quote")
    assert (claim.speaker.name, claim.speaker.kind, claim.speaker.role) == (
        "John Kirby",
        "person",
        "Pentagon spokesman",
    )


@pytest.mark.slow
def test_name_in_apposition_to_the_role(extractor: AttributionExtractor) -> None:
    text = "The spokesman for the ministry, Ali Hassan, told reporters that the talks had failed."
    (claim,) = extract(extractor, text)
    assert (claim.text, claim.cue) == ("the talks had failed", "told")
    assert claim.speaker.name == "Ali Hassan"
    assert claim.speaker.role is not None and "spokesman" in claim.speaker.role


@pytest.mark.slow
@pytest.mark.parametrize(
    "verb",
    ["added", "told reporters", "wrote", "tweeted", "announced", "denied", "insisted", "warned", "stated",
     "claimed", "argued", "noted", "explained", "confirmed", "reported"],
)  # fmt: skip
def test_cue_verbs_beyond_said(extractor: AttributionExtractor, verb: str) -> None:
    (claim,) = extract(extractor, f"Maria Lopez {verb} that the factory would close next year.")
    assert claim.text == "the factory would close next year"
    assert claim.cue == verb.split()[0]
    assert (claim.speaker.name, claim.speaker.kind) == ("Maria Lopez", "person")


@pytest.mark.slow
def test_quote_running_over_paragraphs(extractor: AttributionExtractor) -> None:
    text = (
        "Ann Lee, the governor, said: “We have cut taxes for every family in the state.\n\n"
        "“We will cut them again next year, and the year after that.”"
    )
    first, second = extract(extractor, text)
    assert (first.text, first.kind) == ("We have cut taxes for every family in the state.", "direct_quote")
    assert second.text == "We will cut them again next year, and the year after that."
    assert second.speaker == first.speaker
    assert second.confidence < first.confidence


@pytest.mark.slow
def test_quote_after_the_attributed_one_in_the_same_paragraph(extractor: AttributionExtractor) -> None:
    text = "“We are not leaving,” the commander said. “Our work here is far from done.”"
    first, second = extract(extractor, text)
    assert first.text == "We are not leaving"
    assert (second.text, second.kind) == ("Our work here is far from done.", "direct_quote")
    assert second.speaker.name == first.speaker.name == "commander"


@pytest.mark.slow
def test_inserted_cue_keeps_the_whole_sentence(extractor: AttributionExtractor) -> None:
    text = "Jane Roe spoke in Ohio on Monday. The plan, she said, is dead."
    (claim,) = extract(extractor, text)
    assert claim.text == "The plan, she said, is dead"
    assert claim.speaker.name == "Jane Roe"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Ana Silva met union leaders. “The talks,” Silva said, “were productive and will go on next week.”",
            "The talks,” Silva said, “were productive and will go on next week.",
        ),
        (
            'Ana Silva met union leaders. "Our economy," Silva told reporters on Tuesday, "is stronger than ever."',
            'Our economy," Silva told reporters on Tuesday, "is stronger than ever.',
        ),
        (
            "Ana Silva met union leaders. “The deal,” Silva said, “is dead,” adding that talks would resume.",
            "The deal,” Silva said, “is dead",
        ),
    ],
)
def test_a_quotation_interrupted_by_its_attribution_is_one_claim(
    extractor: AttributionExtractor, text: str, content: str
) -> None:
    # Both pieces, the cue between them as an inserted "he said" stays in an unquoted sentence: the span still
    # slices the article, and nothing of the quotation is lost or left as a claim of its own.
    (claim,) = extract(extractor, text)
    assert (claim.text, claim.kind) == (content, "direct_quote")
    assert claim.cue_span is not None and content.index(claim.cue) > 0
    assert claim.speaker.name == "Ana Silva"


@pytest.mark.slow
def test_a_second_quotation_with_an_attribution_of_its_own_is_not_joined(extractor: AttributionExtractor) -> None:
    text = "“We are ready for the vote,” the senator said. “They are not ready at all,” her rival replied."
    first, second = extract(extractor, text)
    assert (first.text, first.speaker.name) == ("We are ready for the vote", "senator")
    assert (second.text, second.speaker.name) == ("They are not ready at all", "rival")
    same_sentence = "“We are ready for the vote,” the senator said, “they are not,” her rival replied."
    assert "rival" not in extract(extractor, same_sentence)[0].text


@pytest.mark.slow
def test_as_clause(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, "As Senator Bob Smith noted, the bill has no chance of passing this year.")
    assert (claim.text, claim.cue) == ("the bill has no chance of passing this year", "noted")
    assert claim.speaker.name == "Bob Smith"


@pytest.mark.slow
def test_transcript_lines(extractor: AttributionExtractor) -> None:
    text = (
        "Mike Pence spoke to Chris Wallace on Sunday.\n\n"
        "WALLACE: Will she be at the debate tomorrow night?\n\n"
        "PENCE: She will not be attending the debate tomorrow night.\n\n"
        "WALLACE: Do you really see those two as equivalent?\n\n"
        "PENCE: Well, look, the question really should be why they invited him."
    )
    claims = extract(extractor, text)
    pence = [c for c in claims if c.speaker.name == "Mike Pence"]
    assert [c.text for c in pence] == [
        "She will not be attending the debate tomorrow night.",
        "Well, look, the question really should be why they invited him.",
    ]
    assert all(c.cue == ":" and c.kind == "direct_quote" for c in pence)


@pytest.mark.slow
def test_dash_signature(extractor: AttributionExtractor) -> None:
    text = "“The most unqualified candidate ever to run for president.” ― Francisco Herrero"
    (claim,) = extract(extractor, text)
    assert (claim.text, claim.cue, claim.kind) == (
        "The most unqualified candidate ever to run for president.",
        "―",
        "direct_quote",
    )
    assert claim.speaker.name == "Francisco Herrero"


# --- speakers: coreference, names and roles -----------------------------------------------------------------


@pytest.mark.slow
def test_it_resolves_to_the_nearest_organisation(extractor: AttributionExtractor) -> None:
    text = "The Pentagon released a statement on Friday.\n\n“The troops will stay in the region,” it said."
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.kind, claim.speaker.mention) == ("Pentagon", "organisation", "it")
    assert claim.speaker.resolved


@pytest.mark.slow
def test_she_resolves_to_the_nearest_person(extractor: AttributionExtractor) -> None:
    text = "Jane Roe met voters in Ohio on Monday.\n\n“The economy is strong and getting stronger,” she said."
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.kind, claim.speaker.mention) == ("Jane Roe", "person", "she")


@pytest.mark.slow
def test_she_skips_a_nearer_man(extractor: AttributionExtractor) -> None:
    text = (
        "Hillary Clinton spoke about her plan on Monday. Donald Trump spoke later about his tax returns.\n\n"
        "“We will raise the minimum wage,” she said."
    )
    (claim,) = extract(extractor, text)
    assert claim.speaker.name == "Hillary Clinton"


@pytest.mark.slow
def test_they_resolves_to_a_plural_subject(extractor: AttributionExtractor) -> None:
    text = (
        "Critics of the program sent a letter to Senate leaders on Thursday.\n\n"
        "“The program has become plagued by fraud and abuse,” they wrote."
    )
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.mention) == ("Critics of the program", "they")


@pytest.mark.slow
def test_description_resolves_to_the_speaker_it_describes(extractor: AttributionExtractor) -> None:
    text = "The Iraqi army said the border was secure.\n\nThe army also said that the road would reopen."
    first, second = extract(extractor, text)
    assert first.speaker.name == second.speaker.name == "Iraqi army"
    assert second.speaker.mention == "The army"


@pytest.mark.slow
def test_rank_resolves_a_later_description(extractor: AttributionExtractor) -> None:
    text = "Lt. Gen. Paul Calvert said the coalition would stay. The general added that the talks went well."
    first, second = extract(extractor, text)
    assert first.speaker.name == second.speaker.name == "Paul Calvert"


@pytest.mark.slow
def test_surname_takes_the_full_name(extractor: AttributionExtractor) -> None:
    text = "Jane Roe said the bridge would reopen in May.\n\nRoe added that the tolls would stay the same."
    first, second = extract(extractor, text)
    assert first.speaker.name == second.speaker.name == "Jane Roe"


@pytest.mark.slow
def test_unresolvable_pronoun_is_kept_with_low_confidence(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, "He said that the plant would close in June.")
    assert (claim.speaker.name, claim.speaker.kind, claim.speaker.resolved) == ("He", "unknown", False)
    assert claim.confidence < 0.5


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("the Iraqi military", "Iraqi military"),
        ("The Pentagon's", "Pentagon"),
        ("  the   Pentagon ", "Pentagon"),
        ("Col. Wayne Marotto", "Wayne Marotto"),
        ("Lt. General Paul Calvert", "Paul Calvert"),
        ("Dr. Jane Roe", "Jane Roe"),
        ("President Joe Biden", "Joe Biden"),
        ("Sen. David Perdue (R-Ga.)", "David Perdue"),
        ("General Motors", "General Motors"),
        ("President", "President"),
        ("her rival", "rival"),
        ("the Royal College of Nursing (RCN", "Royal College of Nursing"),
        ("His aide", "aide"),
        ("Her Majesty's Government", "Her Majesty's Government"),
        ("Ingrid Solberg KC", "Ingrid Solberg"),
        ("Councillor Femi Adebayo", "Femi Adebayo"),
        ("Jo Hart MP", "Jo Hart"),
        ("Mark KC", "Mark KC"),
    ],
)
def test_normalize_speaker_name(written: str, canonical: str) -> None:
    assert normalize_speaker_name(written) == canonical


@pytest.mark.parametrize(
    ("written", "role", "name"),
    [
        ("Coalition Spokesman Col. Wayne Marotto", "Coalition Spokesman", "Wayne Marotto"),
        ("Pentagon Press Secretary John Kirby", "Pentagon Press Secretary", "John Kirby"),
        ("Iraqi Prime Minister Mustafa al-Kadhimi", "Iraqi Prime Minister", "Mustafa al-Kadhimi"),
        ("House Speaker Nancy Pelosi", "House Speaker", "Nancy Pelosi"),
        ("Col. Wayne Marotto", None, "Wayne Marotto"),  # leading titles: normalize_speaker_name's job
        ("Office of the Director of National Intelligence", None, "Office of the Director of National Intelligence"),
        ("White House Press Secretary", None, "White House Press Secretary"),  # a role with no name after it
        ("Joint Operations Command", None, "Joint Operations Command"),
        ("General Motors", None, "General Motors"),
    ],
)
def test_split_role_prefix(written: str, role: str | None, name: str) -> None:
    assert split_role_prefix(written) == (role, name)
    assert speaker_key(written) == speaker_key(name)


def test_speaker_key_is_case_and_punctuation_blind() -> None:
    assert speaker_key("The Pentagon") == speaker_key("pentagon") == speaker_key("the Pentagon's") == "pentagon"
    assert speaker_key("U.S. Army") == "us army"
    assert speaker_key("Col. Wayne Marotto") == speaker_key("wayne marotto")


@pytest.mark.slow
def test_a_speaker_only_described_is_not_named(extractor: AttributionExtractor) -> None:
    """ "The minister" no name in the article stands behind is only a description, and so is a "he" resolved to
    it: the service must not take it for the same person in another article."""
    text = (
        "OSLOVIK — The government presented its transport plan on Monday. The minister said the new railway would "
        "be finished in 2027. He added that tickets would be cheaper.\n\nLocal officials said the works had begun."
    )
    minister, he, officials = extract(extractor, text)
    assert (minister.speaker.name, minister.speaker.named) == ("minister", False)
    assert (he.speaker.name, he.speaker.mention, he.speaker.named) == ("minister", "He", False)
    assert (officials.speaker.name, officials.speaker.named) == ("Local officials", False)


@pytest.mark.slow
def test_a_description_resolved_to_a_name_is_named(extractor: AttributionExtractor) -> None:
    text = (
        "OSLO — Norway's transport ministry said on Monday the railway would be finished in 2027. The ministry "
        "added that tickets would be cheaper.\n\nSenator Harold Breckinridge met voters. The senator said taxes "
        "would fall."
    )
    said, added, senator = extract(extractor, text)
    assert said.speaker.name == added.speaker.name == "Norway's transport ministry"
    assert said.speaker.named and added.speaker.named and added.speaker.mention == "The ministry"
    assert (senator.speaker.name, senator.speaker.named) == ("Harold Breckinridge", True)


@pytest.mark.slow
def test_seed_speakers_are_all_named(seed: tuple[str, list[ExtractedClaim]]) -> None:
    _, claims = seed
    assert all(c.speaker.named for c in claims)


# --- what is not a claim, and input that is not an article -------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "So far, three sessions of talks have been held in June and August.",
        "Officials met in Baghdad on Saturday, agreeing on a “working plan” for the talks.",
        "He told reporters.",
    ],
)
def test_narration_is_not_a_claim(extractor: AttributionExtractor, text: str) -> None:
    assert extract(extractor, text) == []


def _junk() -> Iterator[Any]:
    rng = random.Random(7)
    yield from ["", " \n\t ", "\x00" * 500, "\x00\x01\x02\x1b[31m said", "“", "”", '"', "“”", '""""', "\ud800\udfff"]
    yield from ["said", "He said:", ":" * 1000, "“" * 1000, "”" * 1000 + " the military said.", "a" * 200_000]
    yield "“He said this is bad, the spokesman said.\n\n”and” “ “ said"
    yield bytes(rng.randrange(256) for _ in range(5_000)).decode("latin-1")
    yield " ".join(
        rng.choice(["said", "“", "”", "he", "it", ",", ".", "Smith", "according", "to", ":", "\n"])
        for _ in range(3_000)
    )
    yield 42  # not even a string


@pytest.mark.slow
@pytest.mark.parametrize("text", list(_junk()), ids=lambda t: repr(t)[:30])
def test_junk_never_raises(extractor: AttributionExtractor, text: Any) -> None:
    claims = extractor.extract(text)
    assert isinstance(claims, list)
    if isinstance(text, str):
        assert_spans(text, claims)


@pytest.mark.slow
def test_a_200k_character_document_is_capped(extractor: AttributionExtractor) -> None:
    paragraph = "“The two sides agreed on a framework for future meetings,” the Iraqi military said. " * 4
    text = (paragraph + "\n\n") * (200_000 // (len(paragraph) + 2))
    claims = extract(extractor, text)
    assert claims
    assert max(c.span[1] for c in claims) < 130_000  # reading stops at the token budget


def test_internal_failure_returns_no_claims(caplog: pytest.LogCaptureFixture) -> None:
    class Broken:
        pipe_names: tuple[str, ...] = ()

        def pipe(self, *args: object, **kwargs: object) -> Iterator[object]:
            raise RuntimeError("model crashed")

    assert AttributionExtractor(nlp=Broken()).extract("The ministry said that exports fell.") == []  # type: ignore[arg-type]
    assert "attribution extraction failed" in caplog.text


@pytest.mark.slow
def test_module_level_default_reuses_one_pipeline() -> None:
    text = "The ministry said that exports fell by 4 percent in March."
    assert [c.text for c in extract_claims(text)] == ["exports fell by 4 percent in March"]
    from extraction.pipeline import default_extractor

    assert default_extractor() is default_extractor()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("The Defence Ministry denied that any soldiers had been killed.", "any soldiers had been killed", "denied"),
        ("The ministry denied reports that 40 soldiers had been killed.", "40 soldiers had been killed", "denied"),
        ("Smith rejected claims that the plant was unsafe.", "the plant was unsafe", "rejected"),
        ("The army dismissed allegations that civilians were targeted.", "civilians were targeted", "dismissed"),
        ("Iran denied supplying weapons to the Houthis.", "supplying weapons to the Houthis", "denied"),
        ("The minister denied having taken money from the firm.", "having taken money from the firm", "denied"),
    ],
)
def test_denied_content_is_stored_with_the_denying_stance(
    extractor: AttributionExtractor, text: str, content: str, cue: str
) -> None:
    (claim,) = extract(extractor, text)
    assert (claim.text, claim.cue, claim.kind, claim.stance) == (content, cue, "indirect_quote", "denies")


@pytest.mark.slow
def test_asserted_content_and_a_denial_in_the_speakers_own_words_assert(extractor: AttributionExtractor) -> None:
    (said,) = extract(extractor, "The ministry said that 40 soldiers had been killed.")
    assert said.stance == "asserts"
    (quote,) = extract(extractor, "“That is false,” the ministry said, denying the report.")
    assert (quote.text, quote.kind, quote.stance) == ("That is false", "direct_quote", "asserts")
    assert extract(extractor, "Smith rejected the proposal on Monday.") == []
    assert extract(extractor, "He denied wrongdoing.") == []  # nothing said that could be repeated
    (own,) = extract(extractor, "He denied the allegations: “I never took any money from the company.”")
    assert (own.text, own.kind, own.stance) == ("I never took any money from the company.", "direct_quote", "asserts")


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "He did not say that the talks had failed.",
        "The Pentagon never confirmed that troops had left.",
        "The ministry did not deny that 40 soldiers had been killed.",
        "Iran did not deny supplying weapons to the Houthis.",
        "The ministry refused to deny that troops had crossed the border.",
        "The minister declined to confirm that the plant would close.",
    ],
)
def test_a_negated_cue_is_no_statement(extractor: AttributionExtractor, text: str) -> None:
    # Not saying (or not denying) X is neither asserting nor denying it: nothing is stored as the speaker's.
    assert extract(extractor, text) == []


@pytest.mark.slow
def test_a_quoted_clause_after_denied_that_is_denied(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, "The ministry denied that “any soldier was harmed in the attack.”")
    assert (claim.text, claim.kind, claim.stance) == ("any soldier was harmed in the attack.", "direct_quote", "denies")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Iraq's Ministry of Defence on Sunday said the border was calm.", "Iraq's Ministry of Defence"),
        (
            "The spokesman for the ministry in a statement on Monday said the talks failed.",
            "The spokesman for the ministry",
        ),
        ("Smith at the time said the plan was dead.", "Smith"),
        ("Officials in the Ministry of Defence said the border was calm.", "Officials in the Ministry of Defence"),
    ],
)
def test_when_and_how_it_was_said_are_no_part_of_the_speaker(
    extractor: AttributionExtractor, text: str, mention: str
) -> None:
    (claim,) = extract(extractor, text)
    assert claim.speaker.mention == mention


@pytest.mark.parametrize(
    "text",
    [
        "The company said in a statement that the strike was lawful.",
        "Pentagon spokesman John Kirby said in a statement that the strike was lawful.",
        "The ministry said in an interview on Sunday that the strike was lawful.",
    ],
)
def test_what_was_said_in_a_statement_is_the_claim(extractor: AttributionExtractor, text: str) -> None:
    """The parser hangs the "that" clause on "statement"; it is still what the speaker said."""
    claims = extractor.extract(text)
    assert_spans(text, claims)
    assert [c.text for c in claims] == ["the strike was lawful"]
    assert claims[0].cue.startswith("said in a")


def test_a_statement_that_describes_its_medium_is_no_claim(extractor: AttributionExtractor) -> None:
    text = "The ministry said in a statement that was released on Sunday that talks would resume."
    claims = extractor.extract(text)
    assert_spans(text, claims)
    assert all("released" not in c.text for c in claims)


def test_an_agency_dateline_with_a_hyphen_is_not_the_speaker(extractor: AttributionExtractor) -> None:
    text = "LONDON (Reuters) - Prime Minister Keir Starmer said on Monday that taxes would not rise."
    claims = extractor.extract(text)
    assert [(c.speaker.name, c.text) for c in claims] == [("Keir Starmer", "taxes would not rise")]


def test_an_acronym_introduced_in_brackets_names_the_same_organisation(extractor: AttributionExtractor) -> None:
    text = (
        "The World Health Organization (WHO) said on Thursday that cholera cases had risen.\n"
        "\u201cThe situation is deteriorating in at least 14 countries,\u201d the WHO said."
    )
    claims = extractor.extract(text)
    assert_spans(text, claims)
    assert [c.speaker.name for c in claims] == ["World Health Organization", "World Health Organization"]
    assert claims[1].speaker.mention == "the WHO" and claims[1].speaker.resolved


def test_an_age_is_no_role(extractor: AttributionExtractor) -> None:
    claims = extractor.extract("Maria Lopez, 54, said the market was overvalued.")
    assert [(c.speaker.name, c.speaker.role) for c in claims] == [("Maria Lopez", None)]


def test_the_agency_added_is_the_organisation_that_just_spoke(extractor: AttributionExtractor) -> None:
    text = "NASA said it would delay the launch. The agency added that the delay would cost $1.2 billion."
    claims = extractor.extract(text)
    assert [(c.speaker.name, c.speaker.resolved) for c in claims] == [("NASA", False), ("NASA", True)]


def test_the_ministry_added_is_the_ministry_not_its_spokesperson(extractor: AttributionExtractor) -> None:
    text = (
        "China's Foreign Ministry rejected the report. Spokesperson Mao Ning said the vessel entered Chinese "
        "waters. \u201cChina will protect its sovereignty,\u201d the ministry added."
    )
    claims = extractor.extract(text)
    assert [c.speaker.kind for c in claims] == ["person", "organisation"]
    assert claims[0].speaker.name == "Mao Ning"
    assert claims[1].speaker.name.endswith("Foreign Ministry") and claims[1].speaker.resolved


def test_a_verb_with_words_of_its_own_does_not_take_the_quote_before_it(extractor: AttributionExtractor) -> None:
    text = (
        'Dr. Alicia Moore said the outbreak was "entirely preventable." '
        "She urged parents to check their children's vaccination records."
    )
    claims = extractor.extract(text)
    assert_spans(text, claims)
    assert [c.cue for c in claims if "preventable" in c.text] == ["said"]


def test_a_role_then_a_name_in_apposition_is_that_person(extractor: AttributionExtractor) -> None:
    """The small model tags some names as organisations; a spokeswoman's apposition still names a person."""
    claims = extractor.extract("A spokeswoman, Nadia Benali, said the sentence was fair.")
    assert [(c.speaker.name, c.speaker.kind, c.speaker.role) for c in claims] == [
        ("Nadia Benali", "person", "spokeswoman")
    ]


def test_a_surname_takes_the_full_name_the_narration_gave_it(extractor: AttributionExtractor) -> None:
    """ "Sofia Ruiz" is an object the recogniser does not tag; the later "Ruiz said" is still Sofia Ruiz."""
    text = "Top seed Elena Markova beat Sofia Ruiz on Saturday. Ruiz said she had no regrets."
    claims = extractor.extract(text)
    assert [(c.speaker.name, c.speaker.resolved) for c in claims] == [("Sofia Ruiz", True)]


def test_a_claim_quoting_words_midway_loses_its_final_period_like_any_other(extractor: AttributionExtractor) -> None:
    text = 'Maria Estevez said her client "has never misled a single investor" and would be vindicated at trial.'
    claims = extractor.extract(text)
    assert [c.text for c in claims] == [
        'her client "has never misled a single investor" and would be vindicated at trial'
    ]
    ends_in_quote = 'Dr. Alicia Moore said the outbreak was "entirely preventable."'
    assert [c.text for c in extractor.extract(ends_in_quote)] == ['the outbreak was "entirely preventable."']


def test_a_report_then_its_source_after_a_comma_is_the_sources_claim(extractor: AttributionExtractor) -> None:
    """The parser makes "strikes" and "officials" both subjects of "said": the nearer one speaks."""
    text = "Israeli air strikes killed at least 27 people overnight, officials said."
    claims = extractor.extract(text)
    assert [(c.speaker.name, c.text) for c in claims] == [
        ("officials", "Israeli air strikes killed at least 27 people overnight")
    ]


@pytest.mark.parametrize(
    ("first", "second", "pronoun", "speaker"),
    [
        ("Jane Doe", "Tom Harris", "she", "Jane Doe"),
        ("Tom Harris", "Jane Doe", "he", "Tom Harris"),
        ("Maria Lopez", "David Chen", "she", "Maria Lopez"),
        ("Maria Lopez", "David Chen", "he", "David Chen"),
    ],
)
def test_she_added_goes_to_the_woman_of_two_speakers(
    extractor: AttributionExtractor, first: str, second: str, pronoun: str, speaker: str
) -> None:
    """No honorific, no "his"/"her": the given names tell who "she" and "he" are."""
    text = (
        f"{first} said hospitals were overwhelmed. {second} said 300 beds would be added. "
        f"\u201cWe are doing everything we can,\u201d {pronoun} added."
    )
    claims = extractor.extract(text)
    assert [c.speaker.name for c in claims] == [first, second, speaker]


def test_a_given_name_of_both_genders_tells_nothing() -> None:
    from extraction.given_names import given_name_gender

    assert (given_name_gender("Jane Doe"), given_name_gender("Tom Harris")) == ("f", "m")
    assert given_name_gender("Jordan Smith") is None  # a man's and a woman's name
    assert given_name_gender("Harris") is None  # a lone surname


def test_the_agency_reaches_back_past_a_person_and_a_paragraph(extractor: AttributionExtractor) -> None:
    text = (
        "NASA said on Tuesday it would delay the launch.\n"
        "\u201cSafety is our top priority,\u201d NASA Administrator Bill Nelson told a news conference.\n"
        "The agency added that the delay would cost an estimated $1.2 billion."
    )
    claims = extractor.extract(text)
    assert [c.speaker.name for c in claims] == ["NASA", "Bill Nelson", "NASA"]


# --- extractor rules 3 (faults found on hand-written wire articles, each reduced to a probe) -------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The Kremlin said on Thursday it saw no basis for new talks.", "it saw no basis for new talks"),
        ("The European Union said late on Wednesday it would impose tariffs.", "it would impose tariffs"),
        ("The minister said in 2019 the rate was far too high.", "the rate was far too high"),
    ],
)
def test_when_the_speaker_spoke_is_no_part_of_the_claim(
    extractor: AttributionExtractor, text: str, content: str
) -> None:
    (claim,) = extract(extractor, text)
    assert claim.text == content


@pytest.mark.slow
def test_a_quotation_ending_its_sentence_continues_the_speaker_before_more_narration(
    extractor: AttributionExtractor,
) -> None:
    text = "“We will not sign,” Smith said. “We will never sign this deal.” The talks ended an hour later."
    _, second = extract(extractor, text)
    assert (second.text, second.speaker.name) == ("We will never sign this deal.", "Smith")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Mike Carlsen said the bill would pass as written.", "the bill would pass as written"),
        ("Mike Carlsen told reporters the budget would be cut as promised.", "the budget would be cut as promised"),
    ],
)
def test_a_claim_may_end_on_as_and_a_participle(extractor: AttributionExtractor, text: str, content: str) -> None:
    (claim,) = extract(extractor, text)
    assert claim.text == content


@pytest.mark.slow
def test_shot_back_is_a_cue_and_shooting_back_is_not(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, "Brian Holt shot back that she had voted against the bill.")
    assert (claim.cue, claim.text, claim.speaker.name) == ("shot back", "she had voted against the bill", "Brian Holt")
    assert extract(extractor, "The soldier shot back at the gunmen who attacked the convoy near the border.") == []


@pytest.mark.slow
def test_two_speech_verbs_of_one_speaker_give_two_claims(extractor: AttributionExtractor) -> None:
    text = "Coach Gareth Pryce said his side had been naive and insisted the referee should have given a penalty."
    first, second = extract(extractor, text)
    assert (first.text, first.cue) == ("his side had been naive", "said")
    assert (second.text, second.cue) == ("the referee should have given a penalty", "insisted")
    assert first.speaker.name == second.speaker.name == "Gareth Pryce"


@pytest.mark.slow
def test_a_source_relaying_another_attribution_makes_no_claim_of_its_own(extractor: AttributionExtractor) -> None:
    text = (
        "Turkey will host a new round of grain talks next month, Foreign Minister Kerem Aydin said on Friday, "
        "according to the state-run Anadolu news agency."
    )
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.text) == ("Kerem Aydin", "Turkey will host a new round of grain talks next month")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Skyline Airways grounded 12 jets, the carrier said. The airline added that passengers were rebooked.",
         "Skyline Airways"),
        ("The European Commission announced new tariffs on steel. The bloc said talks would continue.",
         "European Commission"),
        ("The RSF said its fighters had taken the city. The army said it had repelled two attacks.", "army"),
    ],
)  # fmt: skip
def test_a_bare_description_takes_the_organisation_it_can_describe(
    extractor: AttributionExtractor, text: str, speaker: str
) -> None:
    assert extract(extractor, text)[-1].speaker.name == speaker


@pytest.mark.slow
def test_the_company_reaches_back_to_the_only_organisation_named(extractor: AttributionExtractor) -> None:
    text = (
        "Northwind Foods Inc cut its forecast on Tuesday.\n"
        "Chief Executive Priya Raman said consumers were under pressure.\n"
        "Chief Financial Officer Tomasz Nowak said costs had eased.\n"
        "The company said it now expects earnings of $2.10 per share."
    )
    assert extract(extractor, text)[-1].speaker.name == "Northwind Foods Inc"


@pytest.mark.slow
def test_a_pronoun_in_a_mans_reported_clause_does_not_make_him_a_woman(extractor: AttributionExtractor) -> None:
    text = (
        "Laura Kessler said the bill was weak. Brian Holt said she had voted against it. "
        "“I voted against a tax break for the rich,” she said."
    )
    assert extract(extractor, text)[-1].speaker.name == "Laura Kessler"


@pytest.mark.slow
def test_british_single_quotes_are_quotations(extractor: AttributionExtractor) -> None:
    text = (
        "The head of the players’ union, Jo Banks, spoke on Monday. ‘We’ve waited long enough,’ she said. "
        "‘The clubs’ offer is the best we’ll get.’"
    )
    first, second = extract(extractor, text)
    assert (first.text, first.kind, first.speaker.name) == ("We’ve waited long enough", "direct_quote", "Jo Banks")
    assert (second.text, second.kind, second.speaker.name) == (
        "The clubs’ offer is the best we’ll get.",
        "direct_quote",
        "Jo Banks",
    )


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("‘We did not want this,’ she said. ‘No choice.’", ["We did not want this,", "No choice."]),
        ("‘The players’ union is strong, we don’t agree,’ he said.", ["The players’ union is strong, we don’t agree,"]),
        ("In the ‘90s it was different, he said.", []),
        ("Rock ’n’ roll is back, she said.", []),
        ("Fiona Garland said she ‘deeply regrets’ the delays.", ["deeply regrets"]),
        ("“He told me ‘never’, and ‘You’re wrong.’ I said ‘No,'” she said.", ["He told me ‘never’, and ‘You’re wrong.’ I said ‘No,'"]),
    ],
)  # fmt: skip
def test_single_curly_quotes_are_told_from_apostrophes(text: str, quoted: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quotes(text)] == quoted


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Shop owner Nadia Haddad said trade had fallen.", "Nadia Haddad", "person"),
        ("Republican Brian Holt said the bill built 10,000 homes.", "Brian Holt", "person"),
        (
            "Committee chair Rhiannon Price-Davies said the committee would recall her.",
            "Rhiannon Price-Davies",
            "person",
        ),
        ("Drugmaker Eli Lilly said sales rose.", "Drugmaker Eli Lilly", "organisation"),
        ("Bank of America Merrill Lynch said the economy would slow.", "Bank of America Merrill Lynch", "organisation"),
        (
            "In a statement, Avon and Somerset Police said the sentence sent a clear message.",
            "Avon and Somerset Police",
            "organisation",
        ),
    ],
)
def test_a_name_the_recogniser_folded_into_an_organisation_is_a_person(
    extractor: AttributionExtractor, text: str, name: str, kind: str
) -> None:
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.kind) == (name, kind)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Rafael Monteiro scored twice on Saturday. “I feel like I am 25 again,” said the 36-year-old.", "Rafael Monteiro"),
        ("Rovers manager Lars Ekdahl praised his striker. “He deserved his goals,” the Swede told Sky Sports.", "Lars Ekdahl"),
    ],
)  # fmt: skip
def test_an_age_or_a_nationality_stands_for_the_person_just_named(
    extractor: AttributionExtractor, text: str, speaker: str
) -> None:
    claim = extract(extractor, text)[-1]
    assert (claim.speaker.name, claim.speaker.kind, claim.speaker.resolved) == (speaker, "person", True)


@pytest.mark.slow
def test_the_company_after_its_officer_spoke_is_the_officers_company(extractor: AttributionExtractor) -> None:
    text = (
        "Skyline Airways grounded 12 jets. Engine maker Pratt & Whitney said the inspections were precautionary. "
        "Skyline chief operating officer Dana Whitfield said the groundings could last until May. "
        "The company said it would seek compensation from Pratt & Whitney."
    )
    assert extract(extractor, text)[-1].speaker.name == "Skyline Airways"


# --- extractor rules 3, third article set --------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("LONDON, March 3 (Reuters) - The Bank of England will cut rates in May, three sources said.",
         "The Bank of England will cut rates in May", "three sources"),
        ("HOUSTON, May 6, 2024 /PRNewswire/ -- Halberd Energy today announced that it has agreed to buy Northgate Solar.",
         "it has agreed to buy Northgate Solar", "Halberd Energy"),
        ("Pune, Jan 15 (PTI) Environment Minister Sunil Patole on Monday said the state would not allow the car shed.",
         "the state would not allow the car shed", "Sunil Patole"),
    ],
)  # fmt: skip
def test_a_dated_dateline_is_neither_content_nor_speaker(
    extractor: AttributionExtractor, text: str, content: str, speaker: str
) -> None:
    (claim,) = extract(extractor, text)
    assert (claim.text, claim.speaker.name) == (content, speaker)


@pytest.mark.slow
def test_as_the_company_said_reports_the_companys_own_clause(extractor: AttributionExtractor) -> None:
    (claim,) = extract(extractor, "Shares fell 4% as the company said sales had slowed.")
    assert (claim.text, claim.speaker.name) == ("sales had slowed", "company")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The daughter of Paul Whitaker said he had been ill.", "daughter of Paul Whitaker"),
        ("A lawyer for Ms Alvarez said she would appeal the ruling.", "lawyer for Ms Alvarez"),
        ("Head of the IMF Kristalina Georgieva said growth would slow.", "Kristalina Georgieva"),
    ],
)
def test_someone_speaking_for_or_about_a_person_is_not_that_person(
    extractor: AttributionExtractor, text: str, speaker: str
) -> None:
    (claim,) = extract(extractor, text)
    assert claim.speaker.name == speaker


@pytest.mark.slow
def test_an_age_the_parser_hung_on_the_verb_still_speaks(extractor: AttributionExtractor) -> None:
    text = "Rafael Monteiro scored twice on Saturday. “We were brilliant today,” the 34-year-old said."
    (claim,) = extract(extractor, text)
    assert (claim.text, claim.kind, claim.speaker.name) == (
        "We were brilliant today",
        "direct_quote",
        "Rafael Monteiro",
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "contents"),
    [
        ("“No,” Alvarez replied. “I am here because I am tired of lying.”", ["I am here because I am tired of lying."]),
        ("“Absolutely not,” Smith said. “We will never sign this deal.”",
         ["Absolutely not", "We will never sign this deal."]),
    ],
)  # fmt: skip
def test_a_short_first_quotation_does_not_lose_the_next(
    extractor: AttributionExtractor, text: str, contents: list[str]
) -> None:
    claims = extract(extractor, text)
    assert [c.text for c in claims] == contents
    assert {c.speaker.name for c in claims} <= {"Alvarez", "Smith"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The court ruled that the ban was unlawful.", "the ban was unlawful"),
        ("The study found that the drug cut deaths by a third.", "the drug cut deaths by a third"),
        ("Police found the car abandoned near the border.", None),
        ("The judge found him guilty of fraud.", None),
        ("Media Contact: Jane Pruitt, press@halberd.example", None),
    ],
)
def test_rulings_and_findings_with_a_that_clause_are_claims(
    extractor: AttributionExtractor, text: str, content: str | None
) -> None:
    assert [c.text for c in extract(extractor, text)] == ([content] if content else [])


@pytest.mark.slow
def test_a_quoted_phrase_ending_the_sentence_finishes_the_reported_clause(extractor: AttributionExtractor) -> None:
    text = (
        "Prosecutor Alan Fairweather told the court that Mossley had targeted residents with dementia "
        "“because she knew they would not notice”."
    )
    (claim,) = extract(extractor, text)
    assert claim.text == "Mossley had targeted residents with dementia “because she knew they would not notice”"


@pytest.mark.slow
def test_a_named_person_in_the_reported_clause_says_its_quotation(extractor: AttributionExtractor) -> None:
    text = "Jennifer Alvarez told jurors that Whitaker handed her a box of documents and said: “Make these disappear.”"
    told, said = extract(extractor, text)
    assert told.speaker.name == "Jennifer Alvarez" and told.text.endswith("“Make these disappear.”")
    assert (said.text, said.speaker.name) == ("Make these disappear.", "Whitaker")


@pytest.mark.slow
def test_the_company_is_the_one_the_sentence_named(extractor: AttributionExtractor) -> None:
    text = "Shares in housebuilder Barrow Homes fell 4% after the company said sales had slowed."
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.resolved) == ("Barrow Homes", True)


@pytest.mark.slow
def test_a_surname_the_parser_reads_as_a_common_noun_is_still_the_person(extractor: AttributionExtractor) -> None:
    text = 'Health Minister Sylvie Tremblay spoke on Tuesday.\n"This is about getting care closer to home," Tremblay told reporters.'
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.kind) == ("Sylvie Tremblay", "person")


@pytest.mark.slow
def test_a_quotation_over_paragraphs_is_the_speaker_named_where_it_closes(extractor: AttributionExtractor) -> None:
    text = (
        "“Now it is one nurse for every nine patients. Some nights I do not sit down once.\n"
        "“I love this job, but I am not sure I can do it for another year,” Maria Lopez said."
    )
    first, second = extract(extractor, text)
    assert first.text == "Now it is one nurse for every nine patients. Some nights I do not sit down once."
    assert first.speaker.name == second.speaker.name == "Maria Lopez"
    assert first.kind == "direct_quote" and first.confidence < second.confidence


# --- extractor rules 3, fourth article set --------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("Smith said the minister was warned.", "the minister was warned", "Smith"),
        ("That is not the end of the story, said Daron Okonkwo.", "That is not the end of the story", "Daron Okonkwo"),
        ("Amara Nwosu wrote on X, formerly Twitter, that both candidates had ignored renters.",
         "both candidates had ignored renters", "Amara Nwosu"),
    ],
)  # fmt: skip
def test_passives_demonstratives_and_former_names_keep_their_claim(
    extractor: AttributionExtractor, text: str, content: str, speaker: str
) -> None:
    (claim,) = extract(extractor, text)
    assert (claim.text, claim.speaker.name) == (content, speaker)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Senator Harold Breckinridge met the executives. The senator said he had done nothing wrong.",
         "Harold Breckinridge"),
        ("Health Minister Caroline Ashdown was warned in January. The minister said she had been briefed.",
         "Caroline Ashdown"),
        ("Shin Da-eun won the race. “I am so happy,” the South Korean said.", "Shin Da-eun"),
        ("Kristjan Tamm, a former minister, reviewed the bid. The former minister said it was already decided.",
         "Kristjan Tamm"),
    ],
)  # fmt: skip
def test_an_office_or_nationality_means_the_person_the_narration_gave_it(
    extractor: AttributionExtractor, text: str, speaker: str
) -> None:
    claim = extract(extractor, text)[-1]
    assert (claim.speaker.name, claim.speaker.resolved) == (speaker, True)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("China's finance minister, Zhou Minghui, said Beijing would help. Zhou added that bondholders must accept "
         "losses.", "Zhou Minghui"),
        ("Wang Xiaoyu beat Shin Da-eun on Saturday. “I just played point by point,” Wang said.", "Wang Xiaoyu"),
        ("President Andrés Salgado Ruiz said investors had nothing to fear. Salgado said the fall was temporary.",
         "Andrés Salgado Ruiz"),
        ("Foreign Minister Hisham Abdel Moneim said Cairo was doing everything possible. Abdel Moneim said a deal "
         "was within reach.", "Hisham Abdel Moneim"),
    ],
)  # fmt: skip
def test_a_short_form_that_is_not_the_last_name_takes_the_full_name(
    extractor: AttributionExtractor, text: str, speaker: str
) -> None:
    claim = extract(extractor, text)[-1]
    assert (claim.speaker.name, claim.speaker.kind) == (speaker, "person")


@pytest.mark.slow
def test_a_short_form_two_people_share_stays_as_written(extractor: AttributionExtractor) -> None:
    text = "Kim Jong Un met Kim Yo Jong on Monday. Kim said the talks had gone well."
    assert extract(extractor, text)[-1].speaker.name == "Kim"


# --- extractor rules 4, fifth article set ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Dutch Finance Minister Eelco van der Berg told reporters that common debt was off the table.",
         "Eelco van der Berg"),
        ("European Commission President Ursula von der Leyen said the bloc could not afford to wait.",
         "Ursula von der Leyen"),
        ("Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani said the region would not be held hostage.",
         "Mohammed bin Abdulrahman Al Thani"),
        ("Piet van der Molen said the vote was close. Van der Molen later said the count would take a week.",
         "Piet van der Molen"),
        ("Opening the case, Anna Lindqvist KC told the jury that the loans were fictitious.", "Anna Lindqvist"),
        ("Councillor Femi Adebayo said the scheme would take cars off the road.", "Femi Adebayo"),
        ("Irish Taoiseach Simon Harris said the storm was the worst in living memory.", "Simon Harris"),
    ],
)  # fmt: skip
def test_a_name_with_particles_titles_or_letters_is_the_whole_name(
    extractor: AttributionExtractor, text: str, speaker: str
) -> None:
    assert extract(extractor, text)[-1].speaker.name == speaker


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Emma Raducanu beat Maria Sakkari in three sets. “I felt calm all match,” said the Briton.", "Emma Raducanu"),
        ("Richard Gasquet lost in the first round on Monday. “It is hard to accept,” the veteran told reporters.",
         "Richard Gasquet"),
        ("Pierre Gasly finished fifth in Monza. The Frenchman said the car had been difficult to drive.",
         "Pierre Gasly"),
        ("Stan Wawrinka beat Gaël Monfils 6-4, 6-3. Monfils had the crowd behind him. “I gave everything,” the "
         "veteran said.", "Gaël Monfils"),
    ],
)  # fmt: skip
def test_a_nationality_or_an_epithet_is_the_person_just_named(
    extractor: AttributionExtractor, text: str, speaker: str
) -> None:
    claim = extract(extractor, text)[-1]
    assert (claim.speaker.name, claim.speaker.resolved) == (speaker, True)


@pytest.mark.slow
def test_a_live_blog_time_stamp_is_no_part_of_the_speaker(extractor: AttributionExtractor) -> None:
    text = "14:05 GMT — Northern Rail said services would stay suspended for the rest of the day."
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.mention) == ("Northern Rail", "Northern Rail")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("The housing market, said economist Rana Haddad, is cooling fast.", "is cooling fast", "Rana Haddad"),
        ("The labour market, said Tomasz Nowak, chief economist at a Warsaw bank, remains tight.", "remains tight",
         "Tomasz Nowak"),
        ("A rate rise in June, according to two officials, is now unlikely.", "is now unlikely", "two officials"),
    ],
)  # fmt: skip
def test_a_speaker_inserted_after_the_subject_says_the_whole_sentence(
    extractor: AttributionExtractor, text: str, words: str, speaker: str
) -> None:
    (claim,) = extract(extractor, text)
    assert claim.text.startswith(("The ", "A ")) and words in claim.text
    assert claim.speaker.name == speaker


@pytest.mark.slow
def test_adding_after_a_reported_clause_is_the_speakers(extractor: AttributionExtractor) -> None:
    text = "Mayor Lena Fischer said the bridge would open in May, adding that the costs had doubled."
    claim = one(extract(extractor, text), "the costs had doubled")
    assert claim.speaker.name == "Lena Fischer"


@pytest.mark.slow
def test_a_that_clause_after_told_on_a_call_is_the_claim(extractor: AttributionExtractor) -> None:
    text = "Finance chief Kenji Sato told analysts on a conference call that orders had fallen sharply."
    (claim,) = extract(extractor, text)
    assert (claim.text, claim.speaker.name) == ("orders had fallen sharply", "Kenji Sato")


@pytest.mark.slow
def test_pronoun_prefers_the_speaker_to_a_subject_of_its_reported_clause(extractor: AttributionExtractor) -> None:
    text = "Oxfam said in a statement that the government had cut aid, and it warned that hunger would spread."
    claim = one(extract(extractor, text), "hunger would spread")
    assert claim.speaker.name == "Oxfam"


@pytest.mark.slow
def test_the_group_is_the_company_whatever_its_legal_form(extractor: AttributionExtractor) -> None:
    text = (
        "Northwind Foods AG cut its forecast on Monday. The company said sales had slowed.\n"
        "Shares in Northwind Foods fell 5 percent.\n"
        "Analyst Jon Berg said the cut was expected.\n"
        "The group also said its chief executive would retire."
    )
    assert extract(extractor, text)[-1].speaker.name == "Northwind Foods AG"


@pytest.mark.slow
def test_a_transcript_speaker_named_by_office_is_the_person_given_it(extractor: AttributionExtractor) -> None:
    text = (
        "Health Minister Dana Whitlock took questions on Monday.\n"
        "Reporter: Will waiting lists fall?\n"
        "Minister: Waiting lists will fall by a fifth this year.\n"
        "Reporter: When will that happen?\n"
        "Minister: By the end of the year, if the strikes end."
    )
    answers = [c for c in extract(extractor, text) if c.text.startswith(("Waiting", "By the end"))]
    assert [c.speaker.name for c in answers] == ["Dana Whitlock", "Dana Whitlock"]


@pytest.mark.slow
def test_interview_answers_are_the_person_interviewed(extractor: AttributionExtractor) -> None:
    text = (
        "Payments founder Sipho Ndlovu on listings and rivals\n"
        "Q: Will you list in London?\n"
        "A: No. We will list in Johannesburg first, because our customers are here.\n"
        "Q: What worries you?\n"
        "A: The banks, which have finally woken up to mobile payments."
    )
    claims = extract(extractor, text)
    assert [c.text[:6] for c in claims] == ["No. We", "The ba"]
    assert {(c.speaker.name, c.kind) for c in claims} == {("Sipho Ndlovu", "direct_quote")}


@pytest.mark.slow
def test_a_pull_quote_signed_on_the_next_line_is_the_signers(extractor: AttributionExtractor) -> None:
    text = "The town flooded in May.\n“We will rebuild every house that the water took.”\n— Amaia Etxeberria, mayor"
    (claim,) = extract(extractor, text)
    assert (claim.text, claim.speaker.name) == ("We will rebuild every house that the water took.", "Amaia Etxeberria")


@pytest.mark.slow
def test_names_speaking_together_are_one_speaker_with_their_alias(extractor: AttributionExtractor) -> None:
    text = (
        "Norway, Sweden and Finland, known as the N3, said the plan was unworkable. "
        "The N3 added that talks could resume in May."
    )
    said, added = extract(extractor, text)
    assert said.speaker.name == added.speaker.name == "Norway, Sweden and Finland"


@pytest.mark.slow
def test_a_name_after_the_place_of_a_person_noun_is_that_person(extractor: AttributionExtractor) -> None:
    text = "A listener in Dublin, Ciarán Ó Súilleabháin, writes: “The whole street is under water this morning.”"
    (claim,) = extract(extractor, text)
    assert claim.speaker.name == "Ciarán Ó Súilleabháin"


@pytest.mark.slow
def test_a_company_name_the_recogniser_takes_for_a_person_is_an_organisation(extractor: AttributionExtractor) -> None:
    text = (
        "Norway's Tromsvik Shipping said on Tuesday it had agreed to buy Busan Marine for $2 billion.\n\n"
        "The deal is expected to close in May, Tromsvik said in a statement. It added that the fleet would grow."
    )
    claims = {c.text[:8]: c.speaker for c in extract(extractor, text)}
    assert claims["it had a"].kind == "organisation"
    assert claims["the flee"].name == claims["it had a"].name


@pytest.mark.slow
def test_a_name_after_the_kind_of_company_it_is_is_that_company(extractor: AttributionExtractor) -> None:
    text = (
        "The Verdi union said the strike was a last resort.\n\n"
        "Frankfurt airport operator Fraport said it expected 600 cancellations. "
        "The company said it would set up extra help desks."
    )
    claims = extract(extractor, text)
    expected, desks = (next(c for c in claims if words in c.text) for words in ("600", "help desks"))
    assert desks.speaker.name == expected.speaker.name
    assert (desks.speaker.kind, desks.speaker.name.endswith("Fraport")) == ("organisation", True)


@pytest.mark.slow
def test_it_after_an_organisation_subject_tagged_a_proper_noun_is_that_organisation(
    extractor: AttributionExtractor,
) -> None:
    text = (
        "Kenya's interior ministry said on Friday that the crossing would reopen next week.\n\n"
        "Ethiopia's foreign ministry confirmed the agreement. It said joint patrols would continue on both sides."
    )
    patrols = next(c for c in extract(extractor, text) if c.text.startswith("joint patrols"))
    assert patrols.speaker.name == "Ethiopia's foreign ministry"


@pytest.mark.slow
def test_she_after_a_person_introduced_by_an_indefinite_description(extractor: AttributionExtractor) -> None:
    text = (
        "A nurse who has worked at the hospital for 20 years met me at the end of her night shift. "
        "She told me that patients regularly wait two days on trolleys."
    )
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.speaker.named) == ("nurse", False)


@pytest.mark.slow
def test_an_organisation_described_in_narration_passes_its_name_to_it(extractor: AttributionExtractor) -> None:
    text = (
        "Hundreds of workers have gone unpaid, Amnesty International said in a report on Wednesday.\n\n"
        "The organising committee said it took all allegations seriously.\n\n"
        "Contractors denied any wrongdoing.\n\n"
        "The group called on the government to set up a fund. It said workers would otherwise never be paid."
    )
    fund = next(c for c in extract(extractor, text) if c.text.startswith("workers would"))
    assert fund.speaker.name == "Amnesty International"


@pytest.mark.slow
def test_the_force_after_a_police_force_spoke_is_that_force(extractor: AttributionExtractor) -> None:
    text = (
        "Two men have been arrested after a fire destroyed a warehouse, Greater Manchester Police said.\n\n"
        "The force said officers were called at about 2am. It said nobody was injured."
    )
    claims = extract(extractor, text)
    assert [c.speaker.name for c in claims] == ["Greater Manchester Police"] * 3


@pytest.mark.slow
def test_she_after_a_woman_whose_given_name_one_list_calls_male(extractor: AttributionExtractor) -> None:
    text = (
        "Wanjiru Kamau, who chairs the traders' association, said many small businesses had collapsed. "
        "“Some of our members lost everything,” she said."
    )
    claims = extract(extractor, text)
    assert [c.speaker.name for c in claims] == ["Wanjiru Kamau", "Wanjiru Kamau"]


@pytest.mark.slow
def test_a_headlines_says_after_a_comma_is_the_opening_names(extractor: AttributionExtractor) -> None:
    text = "Starmer defends budget, says tax rises were needed\n\nThe prime minister spoke in Leeds on Monday."
    (claim,) = extract(extractor, text)
    assert (claim.text, claim.speaker.name) == ("tax rises were needed", "Starmer")
