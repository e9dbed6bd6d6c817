"""Stage 6 model: natural language inference behind a small :class:`NLIModel` protocol.

The label order is read from the model's ``config.id2label`` (never assumed). The default model is
the one trained for factcheck and shipped in ``models/factcheck-nli-minilm`` (installed with the
package); ``--nli-model`` / ``$FACTCHECK_NLI_MODEL`` name any Hugging Face id or local path.

Example:
    >>> m = HFNLIModel("models/factcheck-nli-minilm")   # loads on first predict()
    >>> m.name, m.runtime                                # a local folder runs on ONNX Runtime
    ('models/factcheck-nli-minilm+onnx', 'onnx')
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


def _tag(int8: bool, runtime: str = "torch", bf16: bool = False) -> str:
    return ("+int8" if int8 else "") + ("+bf16" if bf16 else "") + ("+onnx" if runtime == "onnx" else "")


def native_bf16(cpuinfo: str | None = None) -> bool:
    """Whether this CPU does bfloat16 matrix products in hardware (AMX or AVX-512 BF16; read from
    ``/proc/cpuinfo``, so torch is not imported to ask). Elsewhere bf16 is emulated and slower than fp32.

    Example:
        >>> native_bf16("flags : fpu avx512f amx_bf16 amx_tile"), native_bf16("flags : fpu avx2")
        (True, False)
    """
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text(errors="replace")
        except OSError:
            return False
    flags = {f for line in cpuinfo.splitlines() if line.startswith("flags") for f in line.split(":", 1)[-1].split()}
    return bool(flags & {"amx_bf16", "avx512_bf16"})


def bf16_by_default() -> bool:
    """The long-running commands' default (``factcheck batch``, ``factcheck serve``): bf16 NLI where the CPU
    does bf16 natively (:func:`native_bf16`) and torch is installed. A one-off ``factcheck check`` stays on
    fp32 ONNX Runtime, which needs no torch import (3 s of a cold start). ``FACTCHECK_NLI_RUNTIME=onnx``
    keeps fp32."""
    import importlib.util

    if os.environ.get("FACTCHECK_NLI_RUNTIME") == "onnx":
        return False
    return native_bf16() and importlib.util.find_spec("torch") is not None


RUNTIMES = ("auto", "torch", "onnx")


def resolve_runtime(runtime: str, path: str) -> str:
    """``"auto"``: ONNX Runtime for a local model folder (with ``tokenizer.json``) when onnxruntime is installed;
    torch otherwise (a Hub id, a folder without a fast tokenizer). ``--int8`` runs on either, bf16 on torch."""
    if runtime != "auto":
        return runtime
    from . import ort

    return "onnx" if ort.available() and ort.has_fast_files(path) else "torch"


class _OrtClassifier:
    """The NLI model on ONNX Runtime: tokenizer, session and label slots, no torch."""

    def __init__(self, path: str, max_length: int, int8: bool = False) -> None:
        import json

        from . import ort

        if ort.has_fast_files(path):
            cfg = json.loads((Path(path) / "config.json").read_text())
            id2label = {int(k): v for k, v in cfg.get("id2label", {}).items()}
            self.tok = ort.FastTokenizer.from_folder(path, max_length)
        else:
            quiet_loading()
            from transformers import AutoConfig, AutoTokenizer

            hf = AutoTokenizer.from_pretrained(path)
            id2label = dict(AutoConfig.from_pretrained(path).id2label)
            self.tok = ort.FastTokenizer(hf.backend_tokenizer, max_length, hf.pad_token)
        self.slots = label_slots(id2label)
        self.session = ort.session_for(path, "classifier", int8=int8)

    def probs(self, pairs: list[tuple[str, str]]) -> list[list[float]]:
        import numpy as np

        logits = self.session.run(self.tok([a for a, _ in pairs], [b for _, b in pairs])).astype(np.float64)
        e = np.exp(logits - logits.max(axis=-1, keepdims=True))
        return (e / e.sum(axis=-1, keepdims=True)).tolist()


class HFNLIModel:
    """A Hugging Face sequence-classification NLI model on the CPU, loaded on first use.

    Args:
        model: Hugging Face id or local path (``None``: see :func:`resolve_nli_model`).
        batch_size: pairs per forward pass (pairs are sorted by length first). 8 is the default: on the seeds'
            pairs on 2 CPU threads the warm check took 1.89 s at 8 against 2.15 s at 32 (ONNX Runtime; torch
            1.95 against 2.12), less padding and cache-friendlier matrices; a batch job of short pairs loses
            nothing by it (``scripts/bench_batch.py``: 4,535 against 4,493 stories/hour). In bf16 the default
            is 32 (AMX tiles fill better: on the seeds' pairs 443 pairs/s at 32 against 318 at 8).
        max_length: tokens per pair (longer pairs are truncated).
        int8: run with int8 weights (CPU only): on ONNX Runtime, a per-channel int8 copy of the export
            (cached beside it); on torch, torch's dynamic quantization of the linear layers. Faster, a
            little less accurate: see the README for its accuracy on every test set.
        bf16: run in bfloat16 on torch (``"auto"`` runtime becomes torch). On a CPU with AMX or AVX-512
            BF16 (:func:`native_bf16`) about 3x the fp32 pairs/s at batch 32, probabilities within ~0.01
            of fp32 (README: every test set); elsewhere emulated and slower. Not with ``int8``.
        runtime: ``"auto"`` (default; :func:`resolve_runtime`), ``"onnx"`` or ``"torch"``
            (``$FACTCHECK_NLI_RUNTIME``). ``"onnx"`` runs the same fp32 model, exported once to ONNX
            (:func:`factcheck.ort.cache_dir`), on ONNX Runtime with the ``tokenizers`` library: no torch
            import once exported (a cold check in half the time and 70% of the memory), the same pairs/s
            as torch once loaded, the same scores to ~1e-6. After loading,
            :attr:`runtime` says which one runs and the name carries ``+onnx`` for ONNX Runtime.
    """

    def __init__(self, model: str | None = None, batch_size: int | None = None, max_length: int = 128,
                 int8: bool = False, runtime: str | None = None, bf16: bool = False) -> None:
        self._spec = model
        self.int8 = int8
        self.bf16 = bf16
        self.runtime = runtime or os.environ.get("FACTCHECK_NLI_RUNTIME") or "auto"
        if self.runtime not in RUNTIMES:
            raise NLIModelLoadError(f"unknown NLI runtime {self.runtime!r}; use one of {', '.join(RUNTIMES)}")
        if bf16 and int8:
            raise NLIModelLoadError("bf16 and int8 NLI exclude each other; choose one (--bf16 or --int8)")
        if bf16 and self.runtime == "onnx":
            raise NLIModelLoadError("bf16 NLI runs on torch, not on ONNX Runtime; drop FACTCHECK_NLI_RUNTIME=onnx "
                                    "or the bf16 option")
        if bf16:
            self.runtime = "torch"
        if self.runtime == "auto":
            try:
                self.runtime = resolve_runtime("auto", resolve_nli_model(model))
            except NLIModelLoadError:  # no model to be found: said when it is first used
                pass
        self.name = (model or os.environ.get("FACTCHECK_NLI_MODEL") or DEFAULT_NLI_NAME) + _tag(
            int8, self.runtime, bf16)
        self.batch_size = batch_size or (32 if bf16 else 8)
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
            self.runtime = resolve_runtime(self.runtime, path)
            if self.runtime == "onnx":
                self._model = self._onnx(path)
                self._slots = self._model.slots
            else:
                self._model = self._torch(path)
            if local and self._spec is None:
                self.name = (DEFAULT_NLI_NAME if Path(path).name == DEFAULT_NLI_NAME else path) + _tag(
                    self.int8, self.runtime, self.bf16)

    def _torch(self, path: str) -> Any:
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
        if self.bf16:
            model = model.to(torch.bfloat16)
        self._slots = label_slots(dict(model.config.id2label))
        self._tok = tok
        return model

    def _onnx(self, path: str) -> _OrtClassifier:
        """The model on ONNX Runtime, exporting it to the cache on first use."""
        from . import ort

        if not ort.available():
            raise NLIModelLoadError("the onnx runtime needs onnxruntime: pip install onnxruntime, or run with "
                                    "FACTCHECK_NLI_RUNTIME=torch")
        try:
            return _OrtClassifier(path, self.max_length, self.int8)
        except NLIModelLoadError:
            raise
        except Exception as exc:  # noqa: BLE001 - any export/session failure becomes one clear message
            raise NLIModelLoadError(f"cannot run NLI model {path!r} with ONNX Runtime ({ort.cached_file(path)}): "
                                    f"{str(exc).splitlines()[0][:200]}; point FACTCHECK_ONNX_CACHE at a writable "
                                    "folder, or run with FACTCHECK_NLI_RUNTIME=torch") from None

    def predict(self, pairs: list[tuple[str, str]]) -> list[NLIScores]:
        if not pairs:
            return []
        self._load()
        unique = list(dict.fromkeys(pairs))  # a pair asked twice (copied wire text) is scored once
        order = sorted(range(len(unique)), key=lambda i: len(unique[i][0]) + len(unique[i][1]))
        scored: dict[tuple[str, str], NLIScores] = {}
        for b in range(0, len(order), self.batch_size):
            idx = order[b:b + self.batch_size]
            for i, p in zip(idx, self._probs([unique[i] for i in idx])):
                scored[unique[i]] = self._scores(p)
        return [scored[p] for p in pairs]

    def _probs(self, batch: list[tuple[str, str]]) -> list[list[float]]:
        if isinstance(self._model, _OrtClassifier):
            return self._model.probs(batch)
        import torch

        with torch.inference_mode():
            # bf16: lengths padded to a multiple of 16, so oneDNN builds kernels for few shapes (its kernel
            # cache held 970 MiB after 6,000 pairs of every length against 580 MiB, and runs no slower)
            enc = self._tok([a for a, _ in batch], [b for _, b in batch], truncation=True,
                            max_length=self.max_length, padding=True, return_tensors="pt",
                            pad_to_multiple_of=16 if self.bf16 else None)
            return torch.softmax(self._model(**enc).logits.float(), dim=-1).tolist()

    def _scores(self, p: list[float]) -> NLIScores:
        s = self._slots
        ent = p[s["entailment"]]
        con = p[s["contradiction"]] if "contradiction" in s else 0.0
        neu = p[s["neutral"]] if "neutral" in s else max(0.0, 1.0 - ent - con)
        return NLIScores(entailment=ent, neutral=neu, contradiction=con)
