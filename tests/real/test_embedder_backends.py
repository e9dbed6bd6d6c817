"""Second tier: the default embedder through ONNX Runtime and through plain transformers gives sentence-transformers'
vectors (1e-5); a check imports neither sentence-transformers nor scikit-learn, and once the models are exported to
ONNX, not torch or transformers either (the cold path); ONNX Runtime's NLI scores are torch's."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from factcheck.embed import SentenceTransformerEmbedder

from ..conftest import ROOT, SEEDS

pytestmark = pytest.mark.real

# a fresh process: a check of the seeds without NLI (the embedder and the clustering), then the sentences' vectors
CHILD = """
import json, sys
from factcheck import Checker
checker = Checker(use_nli=False)
report = checker.check([sys.argv[1]])
texts = [s.text for s in report.sentences]
vecs = checker.embedder.encode(texts)
print(json.dumps({"backend": checker.embedder.backend, "texts": texts, "vecs": vecs.tolist(),
                  "modules": sorted(m for m in ("sentence_transformers", "sklearn") if m in sys.modules)}))
"""

# a fresh process: a whole check of the seeds with both models; which heavy modules it imported
CHECK = """
import json, sys
from factcheck import Checker
checker = Checker()
report = checker.check([sys.argv[1]])
print(json.dumps({"nli": checker.nli.name, "backend": checker.embedder.backend,
                  "labels": [p.label for p in report.pairs],
                  "modules": sorted(m for m in ("torch", "transformers", "sentence_transformers", "sklearn")
                                    if m in sys.modules)}))
"""


def _child(code: str, env: dict[str, str] | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", code, str(SEEDS)], capture_output=True, text=True, cwd=ROOT,
                         check=True, env={**os.environ, **(env or {})})
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("backend", ["transformers", "onnx"])
def test_default_embedder_vectors_equal_sentence_transformers(backend: str) -> None:
    got = _child(CHILD, {"FACTCHECK_EMBEDDER_BACKEND": backend} if backend == "transformers" else None)
    assert got["backend"] == backend  # onnx is what auto picks
    assert got["modules"] == []
    reference = SentenceTransformerEmbedder(backend="sentence-transformers")
    want = reference.encode(got["texts"])
    assert reference.backend == "sentence-transformers"
    vecs = np.asarray(got["vecs"], dtype=np.float32)
    assert vecs.shape == want.shape and len(vecs) > 50
    assert np.abs(vecs - want).max() < 1e-5
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)


def test_onnx_runtime_scores_equal_torch(tmp_path, monkeypatch) -> None:
    pytest.importorskip("onnxruntime")
    pytest.importorskip("onnx")
    from factcheck.nli import HFNLIModel

    monkeypatch.setenv("FACTCHECK_ONNX_CACHE", str(tmp_path))
    texts = [line.strip() for f in sorted(SEEDS.iterdir()) for line in f.read_text().splitlines() if len(line) > 40]
    pairs = [(texts[i], texts[(i * 7 + 3) % len(texts)]) for i in range(48)]
    torch_scores = HFNLIModel(runtime="torch").predict(pairs)
    onnx_model = HFNLIModel(runtime="onnx")
    onnx_scores = onnx_model.predict(pairs)
    assert onnx_model.name == "factcheck-nli-minilm+onnx" and list(tmp_path.glob("*.onnx"))
    for a, b in zip(torch_scores, onnx_scores):
        assert abs(a.entailment - b.entailment) < 1e-4 and abs(a.contradiction - b.contradiction) < 1e-4
        assert abs(a.neutral - b.neutral) < 1e-4


def test_cold_check_imports_no_torch_once_exported(tmp_path) -> None:
    env = {"FACTCHECK_ONNX_CACHE": str(tmp_path)}
    first = _child(CHECK, env)  # exports both models (with torch) into the empty cache
    assert len(list(tmp_path.glob("*.onnx"))) == 2
    second = _child(CHECK, env)
    assert second["modules"] == [], second["modules"]
    assert second["nli"] == "factcheck-nli-minilm+onnx" and second["backend"] == "onnx"
    assert second["labels"] == first["labels"] and second["labels"].count("agreement") > 5
    torch_run = _child(CHECK, {**env, "FACTCHECK_NLI_RUNTIME": "torch", "FACTCHECK_EMBEDDER_BACKEND": "transformers"})
    assert torch_run["labels"] == second["labels"] and "torch" in torch_run["modules"]
