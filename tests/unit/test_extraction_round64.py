"""Attribution extraction, round 64 (hand-written Supreme Court ruling, a football press conference transcript, a
European Parliament vote, a phone launch, a shop stabbing with police and witnesses, a walking study; and round 63's
leftovers): a comparison set after the cue ("..., the company said, compared with 2.1% for placebo") is the
claim's; "... and found a man" and "had heard shouting" are no second cues;
"According to the study's lead author, Dr. Ingrid Solberg of ...," is hers; a name the recogniser left unlabelled
after a party word ("The French Green Élodie Marchand") is a person a later "She added" means; "Detective" opens a
police office; "said X but raised their target price" ends before what the speakers did."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from tests.unit.extraction_helpers import extract, one

LEAD = "The results were published on Monday.\n\n"

# --- a comparison after the cue is the claim's -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "speaker", "start", "tail"),
    [
        (
            "The phone will go on sale on Nov. 14, the company said, compared with a December launch for its last one.",
            "company",
            "The phone will go on sale",
            "compared with a December launch for its last one",
        ),
        (
            "Shipments of foldable phones rose 40% last year, the research firm IDC said, compared with 2% overall.",
            "IDC",
            "Shipments of foldable phones",
            "compared with 2% overall",
        ),
        (
            "Pre-tax profit rose to £142 million, Northmere said on Wednesday, up from £120 million a year earlier.",
            "Northmere",
            "Pre-tax profit rose",
            "up from £120 million a year earlier",
        ),
    ],
)
def test_a_comparison_after_the_cue_stays_with_the_claim(
    extractor: AttributionExtractor, sentence: str, speaker: str, start: str, tail: str
) -> None:
    """The parser hangs "compared with ..." on the cue like "on Sunday"; it compares the claim's figure."""
    claim = one(extract(extractor, LEAD + sentence), start)
    assert claim.speaker.name == speaker
    assert claim.text.startswith(start)
    assert claim.text.rstrip(".").endswith(tail)
    assert "research firm" not in claim.text.split(",")[0]


# --- a finding or a heard noise inside the reported clause is no second cue --------------------------------------


@pytest.mark.slow
def test_found_with_no_that_clause_is_no_second_cue(extractor: AttributionExtractor) -> None:
    """ "said officers were called ... and found a man ...": the officers found him; the police say all of it."""
    text = LEAD + (
        "Leicestershire Police said officers were called to a store at about 9.20pm and found a man in his 40s with"
        " stab wounds to his chest."
    )
    claim = one(extract(extractor, text), "officers were called")
    assert claim.text.rstrip(".").endswith("stab wounds to his chest")


@pytest.mark.slow
def test_a_heard_noise_is_no_second_cue(extractor: AttributionExtractor) -> None:
    """ "said she had heard shouting and then saw ...": "shouting" is what she heard, nobody's saying."""
    text = LEAD + "A neighbour said she had heard shouting and then saw a man in a grey hoodie run towards the park."
    claim = one(extract(extractor, text), "she had heard")
    assert claim.text.rstrip(".").endswith("run towards the park")


@pytest.mark.slow
def test_found_that_still_is_a_finding_of_the_speaker(extractor: AttributionExtractor) -> None:
    """The control: a conjoined "found that ..." stays a second claim of the speaker's, cut from the first."""
    text = LEAD + "The inspector said the school had improved and found that pupils felt safe."
    claim = one(extract(extractor, text), "the school had improved")
    assert "felt safe" not in claim.text


# --- "According to <role>, <name>," is the named person's --------------------------------------------------------


@pytest.mark.slow
def test_according_to_a_role_then_a_name_is_the_named_person(extractor: AttributionExtractor) -> None:
    """The parser makes the name set off after "the study's lead author" the subject of the clause that follows."""
    text = LEAD + (
        "According to the study's lead author, Dr. Ingrid Solberg of the Karolinska Institute, the risk of dementia"
        " was 28% lower among those in the highest group."
    )
    claim = one(extract(extractor, text), "28% lower")
    assert claim.speaker.name == "Ingrid Solberg"
    assert "lead author" in (claim.speaker.role or "")
    assert claim.text.startswith("the risk of dementia")


# --- a name the recogniser left unlabelled after a party word -----------------------------------------------------


@pytest.mark.slow
def test_she_added_after_a_name_the_recogniser_left_unlabelled(extractor: AttributionExtractor) -> None:
    """ "The French Green Élodie Marchand called the vote ...": the small model tags none of the name (and "Green"
    is a given name too), so "She added" went to the woman who spoke a paragraph before."""
    text = LEAD + (
        '"For too long, Europe has been a dumping ground," Lindholm said.\n\n'
        'The French Green Élodie Marchand called the vote "a historic day". She added that parliament would watch'
        " closely how the Commission enforced it."
    )
    claim = one(extract(extractor, text), "watch closely")
    assert claim.speaker.name == "Élodie Marchand"


def test_a_party_word_before_a_given_name_is_no_word_of_the_name(extractor: AttributionExtractor) -> None:
    from extraction.pipeline import unlabelled_people

    doc = unlabelled_people(extractor.nlp("The French Green Élodie Marchand called the vote a historic day."))
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "PERSON"] == [("Élodie Marchand", "PERSON")]


# --- "Detective" opens a police office ---------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("opening", "name", "role"),
    [
        ("Detective Inspector Ruth Akande", "Ruth Akande", "detective inspector"),
        ("Detective Superintendent Carol Hesketh", "Carol Hesketh", "detective superintendent"),
        ("Detective Chief Inspector Tom Wade", "Tom Wade", "detective chief inspector"),
    ],
)
def test_detective_is_the_police_offices_first_word(
    extractor: AttributionExtractor, opening: str, name: str, role: str
) -> None:
    text = LEAD + f"{opening} said a knife had been recovered nearby."
    claim = one(extract(extractor, text), "knife")
    assert claim.speaker.name == name
    assert (claim.speaker.role or "").lower() == role


# --- what the speakers did, joined to their words ---------------------------------------------------------------


@pytest.mark.slow
def test_the_speakers_own_act_after_but_is_no_part_of_their_words(extractor: AttributionExtractor) -> None:
    """ "said the upgrade was "well flagged" but raised their target price": "their" can only be the analysts', so
    they raised it; the narration says so, the analysts did not."""
    text = LEAD + (
        'Analysts at Peel Hunt said the forecast upgrade was "well flagged" but raised their target price to 420p.'
    )
    claim = one(extract(extractor, text), "well flagged")
    assert "target price" not in claim.text
    assert claim.speaker.name in {"Analysts at Peel Hunt", "analysts at Peel Hunt"}


@pytest.mark.slow
def test_a_clauses_own_second_verb_stays(extractor: AttributionExtractor) -> None:
    """The control: the reported clause's subject did both ("the results were strong and beat forecasts")."""
    text = LEAD + "Analysts said the results were strong and beat their own forecasts."
    claim = one(extract(extractor, text), "results were strong")
    assert "beat their own forecasts" in claim.text
