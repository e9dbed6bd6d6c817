"""Average the weights of two fine-tuned copies of one model (a "model soup", Wortsman et al. 2022).

NLI v3.1 is the element-wise mean of v3 and v3's same-story stage (``train_nli.py --v31``): the stage
alone cut false alarms on related sentences of one story but also cut contradiction recall on Emergent
and FNC-1 train pairs; the mean kept v3's recall with fewer false alarms (train roles; see the model card).

Example:
    python scripts/average_models.py models/.v3 models/.v31-stage /tmp/v31 --weight 0.5
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", help="model folder (its config and tokenizer files are copied)")
    ap.add_argument("b", help="model folder with the same architecture")
    ap.add_argument("out")
    ap.add_argument("--weight", type=float, default=0.5, help="weight of b (a gets 1 - weight)")
    args = ap.parse_args()
    from safetensors.torch import load_file, save_file

    wa, wb = load_file(Path(args.a) / "model.safetensors"), load_file(Path(args.b) / "model.safetensors")
    if wa.keys() != wb.keys() or any(wa[k].shape != wb[k].shape for k in wa):
        raise SystemExit(f"{args.a} and {args.b} are not the same architecture: cannot average them")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for f in Path(args.a).iterdir():
        if f.is_file() and f.name != "model.safetensors":
            shutil.copy2(f, out / f.name)
    w = args.weight
    save_file({k: ((1 - w) * wa[k].float() + w * wb[k].float()).contiguous() for k in wa},
              str(out / "model.safetensors"), metadata={"format": "pt"})
    print(f"saved to {out}")


if __name__ == "__main__":
    main()
