"""Claim units: attribution removed and kept as the speaker, quotation marks unwrapped, clauses split."""

import pytest

from factcheck.units import claim_units

# (sentence, expected unit texts, expected speaker of the first unit)
CASES = [
    ('"We call on all sides to remain calm and refrain from escalation," Wang Yi said.',
     ["We call on all sides to remain calm and refrain from escalation."], "Wang Yi"),
    ("“We ask all parties to remain calm and avoid escalating the crisis”, Wang told Blinken, the ministry said in "
     "a statement, citing Reuters on January 27.",
     ["We ask all parties to remain calm and avoid escalating the crisis."], "Wang"),
    ("According to the State Department, de-escalation and diplomacy are the responsible way forward.",
     ["De-escalation and diplomacy are the responsible way forward."], "the State Department"),
    ("De-escalation and diplomacy are the responsible way forward, according to a statement from the ministry.",
     ["De-escalation and diplomacy are the responsible way forward."], "a statement from the ministry"),
    ("Blinken, for his part, said that “diplomacy and de-escalation are the responsible way forward.",
     ["Diplomacy and de-escalation are the responsible way forward."], "Blinken"),
    ("China told Washington that it hoped all parties would show calm and restraint.",
     ["China hoped all parties would show calm and restraint."], "China"),
    ("The company, which employs 300 people, said in a statement that the plant would close in May.",
     ["The plant would close in May."], "The company"),
    ("Six of the nine members voted in favour of the package, officials said.",
     ["Six of the nine members voted in favour of the package."], "officials"),
    ("Police said the suspect was arrested on Monday; he was later released on bail.",
     ["The suspect was arrested on Monday.", "He was later released on bail."], "Police"),
    ("Exports rose sharply in May, while imports fell for a third month.",
     ["Exports rose sharply in May.", "Imports fell for a third month."], None),
    # told an audience that is not a name; a judge's "he" is someone else, police's "they" are police
    ('Presiding judge Ilse Varga told the courtroom that he had "sold his office".',
     ["He had sold his office."], "Presiding judge Ilse Varga"),
    ("The minister told a news conference the plan would go ahead.", ["The plan would go ahead."], "The minister"),
    ("Police said they had arrested three men on Monday.", ["Police had arrested three men on Monday."], "Police"),
    # a subject that did something and said something: two claims, the first not lost in the "speaker"
    ("Caddick has not conceded and said his party would study the figures.",
     ["Caddick has not conceded.", "His party would study the figures."], "Caddick"),
    ("Holt denied the charges and told reporters he would fight them in court.",
     ["Holt denied the charges.", "Holt would fight them in court."], "Holt"),
    ("Police arrested two men and said they were questioning them.",
     ["Police arrested two men.", "Police were questioning them."], "Police"),
    # nothing to remove: the sentence itself
    ("Chinese Foreign Minister Wang Yi and Antony Blinken spoke by telephone on Wednesday evening.",
     ["Chinese Foreign Minister Wang Yi and Antony Blinken spoke by telephone on Wednesday evening."], None),
    ("The United States has warned Russia not to invade Ukraine.",
     ["The United States has warned Russia not to invade Ukraine."], None),
    ("Police confirmed the death of three people in the blaze.",
     ["Police confirmed the death of three people in the blaze."], None),
]


@pytest.mark.parametrize("sentence,texts,speaker", CASES)
def test_claim_units(sentence, texts, speaker):
    units = claim_units(sentence)
    assert [u.text for u in units] == texts
    assert units[0].speaker == speaker


def test_a_bare_attribution_keeps_the_sentence():
    assert [u.text for u in claim_units("He said.")] == ["He said."]
    (unit,) = claim_units('"We will rebuild," she said.')  # too short a claim to stand without its speaker
    assert unit.text == '"We will rebuild," she said.' and unit.speaker is None


def test_a_headline_keeps_its_missing_full_stop():
    """The model reads a full stop as a sign of register: a unit ends as the writer ended the sentence."""
    assert [u.text for u in claim_units("Boko Haram agrees to cease-fire, police say")] == [
        "Boko Haram agrees to cease-fire"]
    assert [u.text for u in claim_units("Boko Haram agrees to cease-fire, may release schoolgirls")] == [
        "Boko Haram agrees to cease-fire, may release schoolgirls"]


def test_a_sentence_that_is_one_quotation_is_unwrapped():
    quoted = claim_units('"Then they moved inside the mosque and started firing on the people."')
    assert [u.text for u in quoted] == ["Then they moved inside the mosque and started firing on the people."]
    # quotation marks inside a sentence are the writer's, not a wrapper
    assert claim_units('"A" and "B" are the two words here.')[0].text == '"A" and "B" are the two words here.'


def test_a_head_attribution_followed_by_a_name_is_not_read_as_an_inverted_one():
    # "X said Veltro accepted ..." is "X said: Veltro accepted ...", not '"...," said Veltro accepted ...'
    (u,) = claim_units("Chief executive Martin Sollis said Veltro accepted the ruling and would not appeal.")
    assert (u.text, u.speaker) == ("Veltro accepted the ruling and would not appeal.", "Chief executive Martin Sollis")
    (v,) = claim_units("We will not rest until it is done, said the minister on Friday.")
    assert (v.text, v.speaker) == ("We will not rest until it is done.", "the minister")
