"""The editor's desk against a direct check, with the real models. Prints a Markdown table (quoted in the README).

Starts ``factcheck serve`` (the real CLI, real models, loaded once) on a free loopback port, loads a
:class:`~factcheck.Checker` in this process too, and alternates, --reps times each:

* ``Checker.check`` on the seeds (5 sources), models loaded: the warm check, on the main thread and in a worker
  thread (as the server runs it; under load the two differ, see the README);
* ``POST /v1/check`` with the seeds' text: submit to schema-1 report through the server;
* the desk's round trip: ``POST /v1/check`` then ``POST /v1/render`` (the HTML report the page shows).

Then requests/minute for a 5-source story: --rpm-requests requests of the seeds, 2 clients at a time (the server
runs one check at a time; the second client keeps its queue from running dry).

Example:
    python scripts/bench_serve.py --reps 5 --rpm-requests 8
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


LAST_TIMING: dict[str, float] = {}


def post(url: str, body: dict[str, Any]) -> bytes:
    """POST JSON; the response's Server-Timing (seconds) is left in LAST_TIMING."""
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=600) as r:
        raw = bytes(r.read())
        LAST_TIMING.clear()
        for part in (r.headers.get("Server-Timing") or "").split(","):
            if ";dur=" in part:
                name, dur = part.strip().split(";dur=")
                LAST_TIMING[name] = float(dur) / 1000
        return raw


def wait_ready(base: str, proc: subprocess.Popen[bytes], limit: float = 300) -> float:
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit:
        if proc.poll() is not None:
            raise SystemExit(f"factcheck serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                if json.load(r)["status"] == "ok":
                    return time.perf_counter() - t0
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit("factcheck serve did not start")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--rpm-requests", type=int, default=8)
    args = ap.parse_args()

    from factcheck import Checker, Document
    from factcheck.serve_worker import WARM_UP

    files = sorted(args.seeds.glob("*.txt"))
    docs = [Document(text=p.read_text(encoding="utf-8"), source=p.stem) for p in files]
    body = {"sources": [{"text": d.text, "source": d.source} for d in docs]}

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "factcheck.cli", "serve", "--port", str(port), "--queue", "4",
                             "--timeout", "600"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        start_s = wait_ready(base, proc)
        from factcheck.nli import bf16_by_default

        checker = Checker(bf16=bf16_by_default())  # the server's own NLI precision (`factcheck serve`'s default)
        checker.check(list(WARM_UP))
        print(f"server ready in {start_s:.1f} s (models loaded at start-up); checker loaded in "
              f"{time.perf_counter() - t0 - start_s:.1f} s more", file=sys.stderr)
        direct: list[float] = []
        threaded: list[float] = []
        api: list[float] = []
        desk: list[float] = []
        overhead: list[float] = []
        print(f"load average at the start: {', '.join(f'{x:.1f}' for x in os.getloadavg())}", file=sys.stderr)
        for rep in range(args.reps):
            t = time.perf_counter()
            report = checker.check(docs)
            direct.append(time.perf_counter() - t)
            t = time.perf_counter()
            with ThreadPoolExecutor(1) as one:  # as the server runs it: in a worker thread, not the main thread
                one.submit(checker.check, docs).result()
            threaded.append(time.perf_counter() - t)
            t = time.perf_counter()
            raw = post(f"{base}/v1/check", body)
            data = json.loads(raw)
            api.append(time.perf_counter() - t)
            overhead.append(api[-1] - LAST_TIMING["check"])  # same request: all but the check itself
            assert data["summary"] == report.to_dict()["summary"], "the server's report differs from the direct one"
            t = time.perf_counter()
            data = json.loads(post(f"{base}/v1/check", body))
            html = post(f"{base}/v1/render", {"report": data, "format": "html"})
            desk.append(time.perf_counter() - t)
            print(f"rep {rep + 1}: direct {direct[-1]:.2f} s, in a thread {threaded[-1]:.2f} s, "
                  f"API {api[-1]:.2f} s (overhead {overhead[-1]:.3f} s), "
                  f"desk {desk[-1]:.2f} s "
                  f"({len(raw) / 1e3:.0f} kB JSON, {len(html) / 1e3:.0f} kB HTML)", file=sys.stderr)

        t = time.perf_counter()
        with ThreadPoolExecutor(2) as pool:
            sizes = list(pool.map(lambda _: len(post(f"{base}/v1/check", body)), range(args.rpm_requests)))
        took = time.perf_counter() - t
        rpm = 60 * len(sizes) / took
    finally:
        proc.terminate()
        proc.wait(30)

    med = statistics.median
    n_sent = sum(s.n_sentences for s in report.sources)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, load average at the end {load}; "
          f"seeds: {len(docs)} sources, {n_sent} sentences; median of {args.reps} (runs alternate); NLI "
          f"{getattr(checker.nli, 'name', '?')} in both\n")
    print("| measure | seconds | over the warm check (median of the paired differences) |")
    print("|---|---|---|")
    print(f"| `Checker.check`, models loaded (the warm check) | {med(direct):.2f} | - |")
    print(f"| `Checker.check` in a worker thread, as the server runs it | {med(threaded):.2f} | "
          f"{med(t - d for t, d in zip(threaded, direct)):+.2f} s |")
    print(f"| `POST /v1/check` → schema-1 JSON, through the server | {med(api):.2f} | "
          f"{med(a - d for a, d in zip(api, direct)):+.2f} s |")
    print(f"| the desk: `POST /v1/check` + `POST /v1/render` (HTML) | {med(desk):.2f} | "
          f"{med(k - d for k, d in zip(desk, direct)):+.2f} s |")
    print(f"| server start-up, models loaded once | {start_s:.1f} | - |")
    print(f"\nthe server's own overhead on a request (client time minus the check's Server-Timing, same request): "
          f"median {med(overhead):.3f} s, max {max(overhead):.3f} s")
    print(f"\nrequests/minute, 5-source story (seeds), 2 clients: {rpm:.1f} ({len(sizes)} requests in {took:.1f} s)")


if __name__ == "__main__":
    main()
