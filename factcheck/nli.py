"""Stage 6 model: natural language inference behind a small :class:`NLIModel` protocol.

The label order is read from the model's ``config.id2label`` (never assumed). The default model is
the one trained for factcheck and shipped in ``models/factcheck-nli-minilm`` (installed with the
package); ``--nli-model`` / ``$FACTCHECK_NLI_MODEL`` name any Hugging Face id or local path.

Example:
    >>> m = HFNLIModel("models/factcheck-nli-minilm")   # loads on first predict()
    >>> m.name
    'models/factcheck-nli-minilm'
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from .errors import NLIModelLoadError
from .results import NLIScores

DEFAULT_NLI_NAME = "factcheck-nli-minilm"


@runtime_checkable
class NLIModel(Protocol):
    """Anything that scores (premise, hypothesis) pairs."""

    name: str

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        """Entailment / neutral / contradiction probabilities for each pair, in order."""
        ...


def shipped_model_candidates() -> list[Path]:
    """Where the shipped model may be: inside the installed package, or the repository's models/."""
    here = Path(__file__).resolve().parent
    return [here / "_models" / DEFAULT_NLI_NAME, here.parent / "models" / DEFAULT_NLI_NAME]


def resolve_nli_model(spec: str | None) -> str:
    """The model to load: ``spec``, else ``$FACTCHECK_NLI_MODEL``, else the shipped model."""
    if spec:
        return spec
    env = os.environ.get("FACTCHECK_NLI_MODEL")
    if env:
        return env
    for cand in shipped_model_candidates():
        if (cand / "config.json").exists():
            return str(cand)
    tried = ", ".join(str(c) for c in shipped_model_candidates())
    raise NLIModelLoadError(
        f"no NLI model found (tried --nli-model, $FACTCHECK_NLI_MODEL, {tried}); reinstall factcheck, "
        "name a Hugging Face id or local folder with --nli-model, or run with --no-nli")


def quiet_loading() -> None:
    """Model loading prints no progress bars or info lines unless ``FACTCHECK_VERBOSE=1`` (``--verbose``).

    transformers draws "Loading weights: 100%|..." with carriage returns even when stderr is not a
    terminal; a library used by tools and batch jobs stays silent.
    """
    if os.environ.get("FACTCHECK_VERBOSE") == "1":
        return
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except ImportError:  # transformers is a core dependency; without it loading fails with its own message
        pass


_THREADS_SET: list[int] = []


def torch_threads() -> int:
    """Intra-op threads for the models: ``$FACTCHECK_THREADS``, else the CPUs this process may run on."""
    env = os.environ.get("FACTCHECK_THREADS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def set_torch_threads() -> None:
    """Once per process: torch's intra-op threads (:func:`torch_threads`) and one inter-op thread.

    Left alone when ``OMP_NUM_THREADS`` is set (batch workers set it to share the CPUs), and when torch was
    already running parallel work (inter-op threads can only be set before that).
    """
    if _THREADS_SET:
        return
    import torch

    try:  # best effort: a torch without these (or a stand-in) loads the model all the same
        if not os.environ.get("OMP_NUM_THREADS") or os.environ.get("FACTCHECK_THREADS"):
            torch.set_num_threads(torch_threads())
        try:
            torch.set_num_interop_threads(1)  # inference runs one op at a time: no inter-op pool needed
        except RuntimeError:  # already started (torch used before factcheck); harmless
            pass
        _THREADS_SET.append(torch.get_num_threads())
    except AttributeError:
        pass


def label_slots(id2label: dict[int, str]) -> dict[str, int]:
    """Map our three labels to the model's output indices, from ``id2label``.

    Binary models (entailment / not_entailment) get ``neutral`` for not-entailment and no
    contradiction slot.
    """
    slots: dict[str, int] = {}
    for idx, lab in id2label.items():
        low = str(lab).lower()
        if low.startswith(("not", "non")):
            slots.setdefault("neutral", int(idx))
        elif "entail" in low:
            slots["entailment"] = int(idx)
        elif "contra" in low:
            slots["contradiction"] = int(idx)
        elif "neutral" in low:
            slots["neutral"] = int(idx)
    if "entailment" not in slots or len(slots) < 2:
        raise NLIModelLoadError(
            f"model labels {dict(id2label)} are not NLI labels; expected entailment/neutral/contradiction "
            "in config.id2label")
    return slots


def _int8(model: Any, path: str) -> Any:
    """``model`` with int8 linear layers (torch's dynamic quantization), without its deprecation chatter."""
    import warnings

    import torch

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from torch.ao.quantization import quantize_dynamic

            return quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    except (ImportError, RuntimeError, AttributeError) as exc:
        raise NLIModelLoadError(f"cannot run NLI model {path!r} in int8 with torch {torch.__version__}: {exc}; "
                                "run without --int8") from None


def _tag(int8: bool, runtime: str = "torch") -> str:
    return ("+int8" if int8 else "") + ("+onnx" if runtime == "onnx" else "")


RUNTIMES = ("torch", "onnx")


def onnx_cache_dir() -> Path:
    """Where ONNX exports of the NLI model are kept: ``$FACTCHECK_ONNX_CACHE`` or ~/.cache/factcheck/onnx."""
    env = os.environ.get("FACTCHECK_ONNX_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "factcheck" / "onnx"


def onnx_path(path: str) -> Path:
    """The cached ONNX file for the model at ``path`` (a local folder or a Hub id), keyed by its config and weights."""
    import hashlib

    h = hashlib.sha256(path.encode())
    root = Path(path)
    if root.is_dir():
        h = hashlib.sha256(str(root.resolve()).encode())
        for f in sorted(root.iterdir()):
            if f.is_file() and f.suffix in (".json", ".safetensors", ".bin"):
                st = f.stat()
                h.update(f"{f.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    name = "".join(c if c.isalnum() or c in "-_." else "_" for c in root.name or "model")
    return onnx_cache_dir() / f"{name}-{h.hexdigest()[:16]}.onnx"


def export_onnx(model: Any, tok: Any, out: Path) -> None:
    """Write ``model`` (a transformers sequence classifier, fp32) to ``out`` as ONNX (dynamic batch and length)."""
    import tempfile
    import warnings

    import torch

    model.config._attn_implementation = "eager"  # traceable attention; same numbers as sdpa (to ~1e-6)
    enc = tok(["A man is here today."] * 2, ["A person is here."] * 2, return_tensors="pt", padding=True)
    names = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in enc]
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, suffix=".onnx.tmp")
    os.close(fd)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(model, tuple(enc[k] for k in names), tmp, input_names=names, output_names=["logits"],
                              dynamic_axes={**{k: {0: "batch", 1: "tokens"} for k in names}, "logits": {0: "batch"}},
                              opset_version=17, dynamo=False)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class _OnnxClassifier:
    """An ONNX Runtime session that answers like the torch model: ``run(enc) -> logits`` (numpy)."""

    def __init__(self, file: Path) -> None:
        import onnxruntime as ort

        opts = ort.SessionOptions()
        omp = os.environ.get("OMP_NUM_THREADS", "")
        opts.intra_op_num_threads = int(omp) if omp.isdigit() and not os.environ.get("FACTCHECK_THREADS") \
            else torch_threads()
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self.session = ort.InferenceSession(str(file), opts, providers=["CPUExecutionProvider"])
        self.inputs = [i.name for i in self.session.get_inputs()]

    def run(self, enc: Any) -> Any:
        import numpy as np

        return self.session.run(None, {k: np.asarray(enc[k], dtype=np.int64) for k in self.inputs})[0]


class HFNLIModel:
    """A Hugging Face sequence-classification NLI model on the CPU, loaded on first use.

    Args:
        model: Hugging Face id or local path (``None``: see :func:`resolve_nli_model`).
        batch_size: pairs per forward pass.
        max_length: tokens per pair (longer pairs are truncated).
        int8: quantize the linear layers to int8 after loading (dynamic quantization, CPU only):
            faster on the CPU; see the README for its accuracy on every test set.
        runtime: ``"torch"`` (default) or ``"onnx"`` (``$FACTCHECK_NLI_RUNTIME``): the same fp32 model
            exported once to ONNX (kept in :func:`onnx_cache_dir`) and run by ONNX Runtime, about twice
            torch's pairs/s on the CPU at the same scores (to ~1e-5); needs ``pip install 'factcheck[onnx]'``.
    """

    def __init__(self, model: str | None = None, batch_size: int = 32, max_length: int = 128,
                 int8: bool = False, runtime: str | None = None) -> None:
        self._spec = model
        self.int8 = int8
        self.runtime = runtime or os.environ.get("FACTCHECK_NLI_RUNTIME") or "torch"
        if self.runtime not in RUNTIMES:
            raise NLIModelLoadError(f"unknown NLI runtime {self.runtime!r}; use one of {', '.join(RUNTIMES)}")
        if int8 and self.runtime == "onnx":
            raise NLIModelLoadError("--int8 runs on torch only; drop --int8 or use the torch runtime")
        self.name = (model or os.environ.get("FACTCHECK_NLI_MODEL") or DEFAULT_NLI_NAME) + _tag(int8, self.runtime)
        self.batch_size = batch_size
        self.max_length = max_length
        self._tok: Any = None
        self._model: Any = None
        self._slots: dict[str, int] = {}
        self._lock = threading.Lock()

    def _load(self) -> None:
        with self._lock:
            if self._model is not None:
                return
            path = resolve_nli_model(self._spec)
            local = Path(path).exists()
            if local:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
            try:
                quiet_loading()
                import torch
                from transformers import AutoModelForSequenceClassification, AutoTokenizer

                set_torch_threads()

                tok = AutoTokenizer.from_pretrained(path)
                model = AutoModelForSequenceClassification.from_pretrained(path, dtype=torch.float32)
            except Exception as exc:  # noqa: BLE001 - any loader failure becomes one clear message
                raise NLIModelLoadError(
                    f"cannot load NLI model {path!r}: {str(exc).splitlines()[0][:200]}; name a Hugging Face "
                    "id or local folder with --nli-model, or run with --no-nli") from None
            model.eval()
            if self.int8:
                model = _int8(model, path)
            self._slots = label_slots(dict(model.config.id2label))
            if self.runtime == "onnx":
                model = self._onnx(model, tok, path)
            self._tok, self._model = tok, model
            if local and self._spec is None:
                self.name = (DEFAULT_NLI_NAME if Path(path).name == DEFAULT_NLI_NAME else path) + _tag(
                    self.int8, self.runtime)

    def _onnx(self, model: Any, tok: Any, path: str) -> _OnnxClassifier:
        """The ONNX Runtime session for ``model``, exporting it to the cache on first use."""
        try:
            import onnxruntime  # noqa: F401
        except ImportError:
            raise NLIModelLoadError("the onnx runtime needs onnxruntime: pip install 'factcheck[onnx]', or run "
                                    "without FACTCHECK_NLI_RUNTIME=onnx") from None
        file = onnx_path(path)
        try:
            if not file.exists():
                export_onnx(model, tok, file)
            return _OnnxClassifier(file)
        except Exception as exc:  # noqa: BLE001 - any export/session failure becomes one clear message
            raise NLIModelLoadError(f"cannot run NLI model {path!r} with ONNX Runtime ({file}): "
                                    f"{str(exc).splitlines()[0][:200]}; run with the torch runtime") from None

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        if not pairs:
            return []
        self._load()
        import torch

        onnx = isinstance(self._model, _OnnxClassifier)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        out: list[NLIScores | None] = [None] * len(pairs)
        with torch.inference_mode():
            for b in range(0, len(order), self.batch_size):
                idx = order[b:b + self.batch_size]
                enc = self._tok([pairs[i][0] for i in idx], [pairs[i][1] for i in idx], truncation=True,
                                max_length=self.max_length, padding=True, return_tensors="np" if onnx else "pt")
                logits = torch.from_numpy(self._model.run(enc)) if onnx else self._model(**enc).logits
                probs = torch.softmax(logits.float(), dim=-1).tolist()
                for i, p in zip(idx, probs):
                    out[i] = self._scores(p)
        return [s for s in out if s is not None]

    def _scores(self, p: list[float]) -> NLIScores:
        s = self._slots
        ent = p[s["entailment"]]
        con = p[s["contradiction"]] if "contradiction" in s else 0.0
        neu = p[s["neutral"]] if "neutral" in s else max(0.0, 1.0 - ent - con)
        return NLIScores(entailment=ent, neutral=neu, contradiction=con)
