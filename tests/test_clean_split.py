"""Stages 2-3: boilerplate of any outlet is dropped, claims are kept, sentences carry offsets."""

import pytest

from factcheck.clean import clean_text, find_date, line_reason
from factcheck.split import split_sentences


@pytest.mark.parametrize("line,reason", [
    ("Share this article on Facebook", "prompt"),
    ("Follow us on Instagram", "prompt"),
    ("Subscribe to our newsletter", "prompt"),
    ("12 Comments", "prompt"),
    ("Post a comment", "prompt"),
    ("We use cookies to improve your experience.", "prompt"),
    ("Copyright 2023 Example Media Group. All rights reserved.", "copyright"),
    ("© Reuters 2021", "copyright"),
    ("Reporting by Jane Doe; Editing by John Roe", "copyright"),
    ("Home > World > Europe", "navigation"),
    ("Home | World | Politics | Sport", "navigation"),
    ("Photo: Getty Images", "image_credit"),
    ("(Photo credit: AFP)", "image_credit"),
    ("Updated: 14:05 GMT", "timestamp"),
    ("March 3, 2021 10:15 am", "timestamp"),
])
def test_boilerplate_lines(line, reason):
    assert line_reason(line) == reason


@pytest.mark.parametrize("line", [
    "Police will follow up on the complaint, a spokesman said.",
    "The company said it would share the data with regulators.",
    "Comments by the minister angered the opposition on Tuesday.",
    "The fire started at 10:15 am and burned for three hours.",
])
def test_claims_that_look_like_boilerplate_are_kept(line):
    assert line_reason(line) is None


def test_clean_text_headline_dateline_blocks_and_repeats():
    text = ("Storm kills five in coastal town\nStorm kills five in coastal town\n\n"
            "LISBON (Reuters) - A storm killed five people on Monday, officials said.\n\n"
            "Related:\nOther storm story\nAnother link here\n\n(c) Example News")
    c = clean_text(text)
    assert c.title == "Storm kills five in coastal town"
    reasons = {d.text: d.reason for d in c.dropped}
    assert reasons["Storm kills five in coastal town"] == "repeated"
    assert reasons["Other storm story"] == "related_block"
    assert reasons["(c) Example News"] == "copyright"
    kept = [text[a:b] for a, b in c.kept]
    assert "A storm killed five people on Monday, officials said." in kept
    for d in c.dropped:
        assert text[d.start:d.end] == d.text


def test_dates():
    assert find_date("date 2022-01-27 Amid tensions") == "2022-01-27"
    assert find_date("Washington, Jan 26 (EFE) .- The US") == "--01-26"
    assert find_date("Published March 3, 2021 by staff") == "2021-03-03"
    assert find_date("No date here at all.") is None


def test_split_offsets_and_abbreviations():
    text = 'PARIS (AP) -- Dr. J. Smith met U.S. officials on Jan. 5. "We agreed," he said. Then he left.'
    spans = split_sentences(text, [(0, len(text))])
    assert [s.text for s in spans] == ['PARIS (AP) -- Dr. J. Smith met U.S. officials on Jan. 5.',
                                       '"We agreed," he said.', "Then he left."]
    for s in spans:
        assert text[s.start:s.end] == s.text


def test_split_drops_fragments_and_cuts_giant_sentences():
    text = "/BNR\n" + "word " * 3000
    spans = split_sentences(text, [(0, 4), (5, len(text))], max_sentence_chars=2000)
    assert all(len(s.text) <= 2000 for s in spans) and len(spans) >= 7
    assert all(s.text != "/BNR" for s in spans)
