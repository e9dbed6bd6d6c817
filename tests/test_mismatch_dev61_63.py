"""Rules taught by the development stories dev61-dev63 (a ferry aground, a minister's resignation, a chemical plant
fire), written after every other rule of the ninth session (the fakes-free rule layer only)."""

from factcheck.mismatch import find_mismatches, frames_agree


def test_a_portfolio_before_an_office_in_an_aside_is_part_of_it():
    a = "Veldoria's Education Minister Anneka Soral resigned on Thursday after a scandal."
    for b in ("Anneka Soral, Veldoria's Health Minister, resigned on Thursday.",
              "The Health Minister of Veldoria, Anneka Soral, announced her resignation on Thursday."):
        assert [m.kind for m in find_mismatches(a, b).mismatches] == ["title"]
    assert find_mismatches("Harrow's chief executive, Lena Marsh, said so.", "Chief executive Lena Marsh spoke."
                           ).mismatches == ()


def test_one_state_of_one_thing_is_one_claim():
    assert frames_agree("A shelter-in-place order for the rest of the town remains in force, officials said.",
                        "According to officials, a shelter-in-place order for the rest of Greyhollow remains in force.")
    assert not frames_agree("The evacuation order remains in force.", "The bridge remains closed.")
    assert not frames_agree("The shelter-in-place order remains in force.", "The shelter-in-place order was lifted.")


def test_a_blaze_is_a_fire_and_a_monitor_reading_is_a_level():
    found = find_mismatches("The blaze started at 3:20 a.m. in a storage building at the plant.",
                            "The fire broke out at 5:45 a.m. in a warehouse where solvents were stored.")
    assert [(m.kind, m.aligned) for m in found.mismatches] == [("time", True)]
    assert [m.kind for m in find_mismatches("Readings from air monitors around the plant fell overnight.",
                                            "Air pollution readings rose overnight.").mismatches] == ["direction"]


def test_pairs_the_embedder_scores_low_are_checked_for_one_act_of_two_named_bodies():
    import numpy as np

    from factcheck.mismatch import aligned_pairs

    texts = ["The recall was ordered by the Federal Drug Standards Office.",
             "The Medicines Safety Authority ordered the recall.", "It rained in Dunmore all day."]
    assert aligned_pairs(texts, np.full((3, 3), 0.3), [0, 1, 1], 0.25, 0.4) == [(0, 1)]
    assert aligned_pairs(texts, np.full((3, 3), 0.2), [0, 1, 1], 0.25, 0.4) == []  # under the rule floor: never
