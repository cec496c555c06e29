"""Attribution extraction, round 48: articles as newsrooms paste them. A PDF's or an email's hard wrap inside a
sentence is read as a space and a word hyphenated across it as one word ("govern-⏎ment"), a page's repeated running
header or footer is blanked, so a claim no longer ends at "faced a"; a transcript's time stamp ("[00:01:10]
MINISTER:") no longer hides the speaker's label; a quotation signed with two hyphens ("-- Lucy Carver") is signed, and
a signature's apposition is the signer's role; a list item opening on a straight single quote is a quotation; an
email's ">" quoted block after "wrote:" is verbatim. Every span still slices the text as posted."""

from __future__ import annotations

import pytest

from extraction import AttributionExtractor
from extraction.text import read_wrapped_lines, readable, whole_entities
from tests.unit.extraction_helpers import extract, one

# --- hard wraps, hyphenation and page furniture (no parser) ------------------------------------------------------------


def test_a_wrap_inside_a_sentence_reads_as_a_space_and_keeps_every_offset() -> None:
    text = "The finance chief warned that the authority faced a\n£4.2 million gap in its\nbudget for next year.\n"
    read = read_wrapped_lines(text)
    assert len(read) == len(text)
    assert read == text.replace("a\n£", "a £").replace("its\nbudget", "its budget")


@pytest.mark.parametrize(
    "text",
    [
        "Council to close two libraries\nWestbury District Council will close two libraries.",  # headline, capital
        "The council said it was sorry.\nnext year's budget is the problem.",  # a sentence ended the line
        "The council said:\nbins will be collected on Saturday.",  # a colon announces what follows
        "Trains cancelled\n10:05 GMT — The operator said the line was shut.",  # a live blog's time stamp
        "The council said it was sorry\n\nnext year's budget is the problem.",  # a blank line parts paragraphs
        "Apple unveils a new phone\niPhone sales fell by a tenth, the company said.",  # a brand in small letters
    ],
)
def test_a_line_break_between_paragraphs_stays(text: str) -> None:
    assert read_wrapped_lines(text) == text


def test_a_word_hyphenated_across_a_line_reads_whole_and_a_span_cut_inside_it_widens() -> None:
    text = "Nobody came into local govern-\nment to shut libraries."
    read = read_wrapped_lines(text)
    assert len(read) == len(text)
    assert read.startswith("Nobody came into local government   to shut")
    word_end = read.index("government") + len("government")
    assert whole_entities(text, 0, word_end) == (0, text.index(" to shut"))


def test_a_repeated_page_header_and_footer_are_blanked_and_the_sentence_runs_on_across_them() -> None:
    text = (
        "THE HERALD    Thursday 12 March 2026\n"
        '"Without a change in national policy\n'
        "2                                THE HERALD\n"
        "THE HERALD    Thursday 12 March 2026\n"
        'we will never catch up," he wrote.\n'
        "3                                THE HERALD\n"
    )
    read = readable(text)
    assert len(read) == len(text)
    assert "HERALD" not in read and "2026" not in read
    assert " ".join(read.split()) == '"Without a change in national policy we will never catch up," he wrote.'


def test_a_pull_quote_repeating_a_line_of_the_body_is_no_page_furniture() -> None:
    """Only a line with no sentence's end and no quote mark repeats as a running header does."""
    pull = '"We lost 40 jobs in a week," said Ann Lee.'
    text = f"{pull}\nThe plant opened in 1998.\n{pull}\nIssue 12\nThe plant opened in 1998.\n"
    assert readable(text) == text


def test_a_transcript_lines_time_stamp_is_blanked() -> None:
    text = "[00:01:10] MINISTER: We have funded 300 places.\n(12:31) Q: Is that enough?"
    read = readable(text)
    assert read.split("\n")[0].lstrip() == "MINISTER: We have funded 300 places."
    assert read.split("\n")[1].lstrip() == "Q: Is that enough?"


# --- whole articles -----------------------------------------------------------------------------------------------------

PDF = (
    "THE WESTBURY HERALD                                        Thursday 12 March 2026\n"
    "Westbury District Council will close two of its eleven libraries\n"
    "next year after its finance chief warned that the authority faced a\n"
    "£4.2 million gap in its budget for 2026-27.\n"
    "Councillor Ruth Okafor, the cabinet member for finance, told a meet-\n"
    "ing of the full council on Tuesday that the closures would save about\n"
    "£380,000 a year and that every other option had been examined.\n"
    '"Nobody came into local govern-\n'
    "ment to shut libraries. We have looked at every line of this budget\n"
    'and there is nothing left that does not hurt someone," she said.\n'
    "2                                                      THE WESTBURY HERALD\n"
    "THE WESTBURY HERALD                                        Thursday 12 March 2026\n"
    "Friends of Millbrook Library, a campaign group, said more than 1,200\n"
    "people had signed its petition in a week.\n"
    "3                                                      THE WESTBURY HERALD\n"
)


@pytest.mark.slow
def test_a_pdf_copy_yields_whole_sentences(extractor: AttributionExtractor) -> None:
    claims = extract(extractor, PDF)
    warned = one(claims, "the authority faced a")
    assert " ".join(warned.text.split()).endswith("gap in its budget for 2026-27")
    told = one(claims, "the closures would save")
    assert told.speaker.name == "Ruth Okafor"
    assert " ".join(told.text.split()).endswith("every other option had been examined")
    quoted = one(claims, "Nobody came into local")
    assert (quoted.speaker.name, quoted.kind) == ("Ruth Okafor", "direct_quote")
    assert quoted.text.endswith("does not hurt someone")
    signed = one(claims, "people had signed its petition")
    assert signed.speaker.name == "Friends of Millbrook Library"


@pytest.mark.slow
def test_a_name_hyphenated_across_a_line_is_the_speaker_whole(extractor: AttributionExtractor) -> None:
    text = (
        "The chair of the Riverside Housing Association, Olu-\n"
        "wale Adeyemi, said in the annual report that the\n"
        "waiting list had risen by a third in two years.\n"
    )
    (claim,) = extract(extractor, text)
    assert claim.speaker.name == "Oluwale Adeyemi"
    assert " ".join(claim.text.split()) == "the waiting list had risen by a third in two years"


@pytest.mark.slow
def test_transcript_lines_with_time_stamps_are_the_labelled_speakers(extractor: AttributionExtractor) -> None:
    text = (
        "[00:00:12] MINISTER: The number of patients waiting more than a year has fallen to 41,000.\n"
        "[00:01:29] Q: Will the target be met this year?\n"
        "[00:01:34] MINISTER: I am not going to pretend that target will be met this year.\n"
    )
    claims = extract(extractor, text)
    assert {(c.speaker.name, c.kind) for c in claims} == {("minister", "direct_quote")}
    assert len(claims) == 2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("item", "name", "role"),
    [
        ('• "Homebuyers are pulling out of sales." -- Lucy Carver, director, Carver Estates', "Lucy Carver", "director"),
        ("• 'This was the right call.' — Sam Patel, chair, Federation of Independent Retailers", "Sam Patel", "chair"),
        ('• "We will delay the new factory." — Jane Doherty, chief executive, Northfield Textiles', "Jane Doherty",
         "chief executive"),
        ('"They are asking people to give up sleep" — Rachel Dunn, chair of Stop Eastfield Expansion', "Rachel Dunn",
         "chair of Stop Eastfield Expansion"),
    ],
)  # fmt: skip
def test_a_quotation_signed_with_a_dash_gives_the_signers_role(
    extractor: AttributionExtractor, item: str, name: str, role: str
) -> None:
    (claim,) = extract(extractor, "Business leaders reacted.\n\n" + item)
    assert (claim.speaker.name, claim.speaker.role, claim.kind) == (name, role, "direct_quote")


@pytest.mark.slow
def test_an_emails_quoted_block_after_wrote_is_verbatim(extractor: AttributionExtractor) -> None:
    text = (
        "Its director, Helen Marsh, wrote to subscribers on Friday:\n\n"
        "> We asked for an independent survey of the colony and were refused. The board\n"
        "> is relying on a study paid for by the developer.\n"
    )
    (claim,) = extract(extractor, text)
    assert (claim.speaker.name, claim.kind) == ("Helen Marsh", "direct_quote")
    assert claim.text.endswith("paid for by the developer")


@pytest.mark.slow
def test_crlf_and_tabs_keep_spans_on_the_text_as_posted(extractor: AttributionExtractor) -> None:
    text = '\tThe trust said it would not\r\nappeal.\r\n\r\n\t"We got this badly wrong," Dr Rowan Hale said.\r\n'
    claims = extract(extractor, text)
    assert one(claims, "it would not").text == "it would not\r\nappeal"
    assert one(claims, "badly wrong").speaker.name == "Rowan Hale"
