"""The public API is explicit and import is silent and lazy."""

import subprocess
import sys

import pytest

import factcheck

EXPECTED = {
    "Checker", "Claim", "Document", "DraftSentence", "Embedder", "EmbedderLoadError", "EmptySourceError",
    "FactcheckError", "HFNLIModel", "InputError", "InvalidDocumentError", "LimitExceededError", "Mismatch",
    "ModelError", "NLIModel", "NLIModelLoadError", "NLIScores", "PairJudgement", "Report", "ReportFormatError",
    "SentenceTransformerEmbedder", "Sentence", "SentenceVerdict", "Settings", "SettingsError", "Source",
    "SourceNotFoundError",
    "SourceSummary", "TooFewSourcesError", "UnsupportedFileError", "__version__", "find_mismatches",
}


def test_all_is_exactly_the_public_api():
    assert set(factcheck.__all__) == EXPECTED
    for name in factcheck.__all__:
        assert hasattr(factcheck, name), name


def test_import_loads_no_model_library():
    code = ("import sys, factcheck; "
            "print(any(m in sys.modules for m in ('torch', 'transformers', 'sentence_transformers', 'sklearn')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    assert out.stderr == ""


def test_models_are_not_loaded_until_first_check():
    checker = factcheck.Checker()
    assert checker.embedder._model is None  # type: ignore[attr-defined]
    assert checker.nli._model is None  # type: ignore[union-attr]


def test_error_tree():
    assert issubclass(factcheck.TooFewSourcesError, factcheck.InputError)
    assert issubclass(factcheck.NLIModelLoadError, factcheck.ModelError)
    assert factcheck.InputError.exit_code == 2 and factcheck.ModelError.exit_code == 3


@pytest.mark.parametrize("kw", [{"nli_budget": 1.5}, {"contradiction_gate": -0.1}, {"neighbours": 0},
                                {"nli_min_pairs": -1}, {"max_chars": 0}, {"cluster_threshold": "high"}])
def test_settings_out_of_range_fail_clearly(kw):
    name = next(iter(kw))
    with pytest.raises(factcheck.SettingsError, match=f"Settings.{name}=.* is out of range: use"):
        factcheck.Settings(**kw)
    assert issubclass(factcheck.SettingsError, factcheck.InputError)
