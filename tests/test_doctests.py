"""Docstring examples run: every module whose examples need no model (the stage modules of the judge)."""

import doctest
import importlib

import pytest

MODULES = ["factcheck.units", "factcheck.judge", "factcheck.verdict", "factcheck.config", "factcheck.results",
           "factcheck.errors", "factcheck.mismatch", "factcheck.mismatch.rules", "factcheck.mismatch.frames",
           "factcheck.mismatch.numbers", "factcheck.mismatch.quantities", "factcheck.mismatch.fates",
           "factcheck.mismatch.figure_roles", "factcheck.mismatch.dates", "factcheck.mismatch.words",
           "factcheck.report", "factcheck.facts", "factcheck.ids", "factcheck.outpath", "factcheck.months",
           "factcheck.ort", "factcheck.nli", "factcheck.mismatch.names", "factcheck.mismatch.people",
           "factcheck.mismatch.votes", "factcheck.cluster", "factcheck.mismatch.agents",
           "factcheck.mismatch.number_words", "factcheck.mismatch.clock",
           "factcheck.mismatch.rulings", "factcheck.mismatch.agreement"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
