"""One source of truth (issue 16, repeated code): each table or default below is defined once and used everywhere."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from factcheck import batch, load
from factcheck.cli import app
from factcheck.config import Engine, Settings
from factcheck.mismatch.negation import ANTONYMS, negation_mismatches
from factcheck.months import MONTH_PATTERN, MONTHS, month_number

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name,number", [("jan", 1), ("January", 1), ("feb", 2), ("mar", 3), ("april", 4),
                                         ("may", 5), ("jun", 6), ("june", 6), ("jul", 7), ("aug", 8), ("sep", 9),
                                         ("Sept", 9), ("september", 9), ("oct", 10), ("nov", 11), ("DEC", 12)])
def test_one_month_table(name: str, number: int) -> None:
    assert re.fullmatch(MONTH_PATTERN, name, re.I) and month_number(name) == number
    assert MONTHS[number - 1].startswith(name.lower()[:3])


def test_the_cleaner_and_the_date_rule_read_months_from_the_one_table() -> None:
    from factcheck.clean import find_date
    from factcheck.mismatch import dates

    assert find_date("Published Sept. 5, 2021 by the desk") == "2021-09-05"
    assert dates._MON is MONTH_PATTERN and dates._month is month_number
    assert "_MONTH_NUM" not in vars(sys.modules["factcheck.clean"])


def _options(command: str) -> dict[str, Any]:
    """The options of a subcommand as typer builds them (its click-like Option objects)."""
    cmd: Any = typer.main.get_command(app)
    return {p.name: p for p in cmd.commands[command].params if p.param_type_name == "option" and p.name}


SHARED = ["nli_model", "embedder", "no_nli", "int8", "max_chars", "max_sources", "max_sentences",
          "max_total_sentences", "page_cache"]


@pytest.mark.parametrize("name", SHARED)
def test_check_and_batch_share_their_common_options(name: str) -> None:
    check, run = _options("check")[name], _options("batch")[name]
    assert (check.opts, check.help, check.envvar, check.default) == (run.opts, run.help, run.envvar, run.default)


@pytest.mark.parametrize("name,setting", [("max_chars", "max_chars"), ("max_sources", "max_sources"),
                                          ("max_sentences", "max_sentences"),
                                          ("max_total_sentences", "max_total_sentences")])
def test_limit_defaults_come_from_settings(name: str, setting: str) -> None:
    for command in ("check", "batch"):
        assert _options(command)[name].default == getattr(Settings, setting)


def test_one_default_max_chars_and_one_list_of_engines() -> None:
    assert load.DEFAULT_MAX_CHARS == Settings.max_chars
    assert batch.ENGINES == tuple(e.value for e in Engine) == ("local", "ray")
    res = CliRunner().invoke(app, ["batch", "stories", "--out", "o.jsonl", "--engine", "spark"])
    assert res.exit_code == 2 and all(e in res.output for e in batch.ENGINES)


@pytest.mark.parametrize("a,b", ANTONYMS, ids=[f"{a}-{b}" for a, b in ANTONYMS])
def test_the_negation_rule_and_the_training_data_share_the_antonyms(a: str, b: str) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import nli_data
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    phrased = {w for pair in nli_data.TRAINING_ONLY_ANTONYMS for w in pair}
    assert (a, b) in nli_data.ANTONYMS or {a, b} & phrased  # left out only where a training phrasing has the word
    base = f"The council {a} the plan for the harbour on Monday."
    assert negation_mismatches(base, base.replace(a, b))  # and the rule finds the pair
