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
    "OutputError", "ClaimUnit", "UnitPair", "Skipped", "FetchError", "BlockedAddressError",
    "Facts", "DisputedFact", "CorroboratedFact", "FactSide", "SentenceId",
}


def test_all_is_exactly_the_public_api():
    assert set(factcheck.__all__) == EXPECTED
    for name in factcheck.__all__:
        assert hasattr(factcheck, name), name


def test_import_loads_no_model_library():
    code = ("import sys, factcheck; "
            "print(any(m in sys.modules for m in ('torch', 'transformers', 'sentence_transformers', 'sklearn', "
            "'httpx', 'trafilatura')))")
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


def test_every_error_is_in_the_documented_tree(tmp_path):
    """Bad arguments and misbehaving models raise factcheck errors, never a bare ValueError."""
    import numpy as np

    from factcheck.batch import run_batch
    from factcheck.embed import embed
    from factcheck.report import render

    with pytest.raises(factcheck.SettingsError, match="choose one of local, ray"):
        run_batch(tmp_path, tmp_path / "o.jsonl", engine="spark")
    with pytest.raises(factcheck.SettingsError, match="chunk_size"):
        run_batch(tmp_path, tmp_path / "o.jsonl", chunk_size=0)
    with pytest.raises(factcheck.SettingsError, match="choose one of json, md, html"):
        render({}, "pdf")

    class Short:
        name = "short"

        def encode(self, texts):
            return np.zeros((1, 4), dtype=np.float32)

    with pytest.raises(factcheck.ModelError, match="returned 1 vectors for 2 texts"):
        embed(Short(), ["a", "b"])
