"""A real desk server (uvicorn on 127.0.0.1) with the test fakes, in a subprocess: for the load and browser tests.

Run directly to try the desk without the real models::

    python -m tests.serve_fakes --port 8000 [--delay 0.05] [--queue 8]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def fake_server(*, queue: int = 8, delay: float = 0.0, timeout: float = 30.0, token: str | None = None,
                log: Path | None = None) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Start ``python -m tests.serve_fakes`` on a free loopback port; yield its base URL and process."""
    port = free_port()
    cmd = [sys.executable, "-m", "tests.serve_fakes", "--port", str(port), "--queue", str(queue), "--delay",
           str(delay), "--timeout", str(timeout)]
    if token:
        cmd += ["--token", token]
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the test server exited with {proc.returncode}" +
                                   (f": {log.read_text()[-2000:]}" if log else ""))
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as r:
                    if json.load(r)["status"] == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start within 60 s")
            time.sleep(0.1)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            out.close()  # type: ignore[union-attr]


def rss_kib(pid: int) -> int:
    """Resident memory of a process in KiB (Linux ``/proc``); 0 where unknown."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def main(argv: list[str]) -> int:
    from factcheck import Checker
    from factcheck.serve import ServeSettings, serve
    from tests.html_fixtures import FakeEmbedder, FakeNLI

    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--queue", type=int, default=8)
    p.add_argument("--delay", type=float, default=0.0, help="seconds each NLI call sleeps (a slower model)")
    p.add_argument("--timeout", type=float, default=30.0)
    p.add_argument("--token", default=None)
    args = p.parse_args(argv)

    class SlowNLI(FakeNLI):
        def predict(self, pairs: list[tuple[str, str]]) -> Any:
            time.sleep(args.delay)
            return super().predict(pairs)

    checker = Checker(embedder=FakeEmbedder(), nli=SlowNLI())
    settings = ServeSettings(port=args.port, queue=args.queue, timeout=args.timeout, token=args.token)
    serve(settings, checker, log_level="warning")  # what `factcheck serve` runs, with the fakes
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
