"""Time URL fetching on loopback (no network): cold and warm fetches, 304 revalidation, offline, a gzip bomb.

Serves the test pages of ``tests/fixtures/web/`` with the tests' own server (``tests/web_server.py``) and
prints one line per measurement, each the median of ``--n`` runs.

Example:
    $ .venv/bin/python scripts/bench_fetch.py --n 50
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from web_server import gzip_bomb, serve  # noqa: E402

from factcheck.errors import FetchError  # noqa: E402
from factcheck.fetch import FetchOptions, fetch_document  # noqa: E402


def median_ms(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="runs per measurement")
    n = parser.parse_args().n
    cache = Path(tempfile.mkdtemp(prefix="factcheck-pages-"))
    with serve() as site:
        opts = FetchOptions(cache_dir=cache)
        t0 = time.perf_counter()
        fetch_document(site.url("/article"), options=opts)
        print(f"first fetch in a process (imports httpx and trafilatura): {(time.perf_counter() - t0) * 1000:.0f} ms")
        nocache = replace(opts, cache_dir=None)
        ms = median_ms(lambda: fetch_document(site.url("/article"), options=nocache), n)
        print(f"fetch + extract, no cache: {ms:.1f} ms")
        fetch_document(site.url("/etag"), options=opts)
        hits, not_modified = site.hits["/etag"], site.not_modified
        ms = median_ms(lambda: fetch_document(site.url("/etag"), options=opts), n)
        print(f"re-run with an ETag (304 Not Modified, cached body): {ms:.1f} ms; {site.hits['/etag'] - hits} "
              f"requests, {site.not_modified - not_modified} answered 304")
        offline = replace(opts, offline=True)
        hits = site.hits["/etag"]
        ms = median_ms(lambda: fetch_document(site.url("/etag"), options=offline), n)
        print(f"--offline from the cache: {ms:.1f} ms; {site.hits['/etag'] - hits} requests")
        gzip_bomb()
        tracemalloc.start()
        t0 = time.perf_counter()
        try:
            fetch_document(site.url("/gzip-bomb"), options=nocache)
        except FetchError:
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        took = (time.perf_counter() - t0) * 1000
        print(f"gzip bomb (100 MB in {len(gzip_bomb()) // 1024} kB) refused in {took:.0f} ms, "
              f"peak Python memory {peak / 2**20:.1f} MB")


if __name__ == "__main__":
    main()
