"""Extraction by a Dask cluster filling the project's cache, then an ordinary build.

usage: python bench/cluster.py [--years N] [--per-day 5] [--workers 2] [--json]
(needs `pip install -e '.[cluster]'`, i.e. dask.distributed; not a dependency of the tool)

Extraction is a pure function of an article's path and bytes, the code and site_config/,
so any engine that maps a function over files can do it (DESIGN.md, "Extraction beyond one
machine"). Here a Dask LocalCluster stands for machines that share nothing with the driver
but the project's checkout: the driver reads each file and sends its bytes; each worker
loads the project's configuration once and returns the encoded cache entry; the driver
files the entries under their keys in `.timeline-cache/`. The build that follows must then
find every article in the cache and give byte for byte the pages of an ordinary build.

Prints JSON: articles, seconds for the cluster's extraction and for the ordinary local
pool on the same corpus, their ratio, and whether the two builds' pages are identical.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402
from scale import make_project  # noqa: E402
from generator import codec  # noqa: E402
from generator.cache import Cache, entry_key, fingerprint  # noqa: E402
from generator.extract.batch import FileResult  # noqa: E402
from generator.ingest import list_files  # noqa: E402
from generator.pipeline import Session  # noqa: E402

BATCH = 64      # articles per task: a task's scheduling costs ~1 ms, an article ~3 ms


def extract_batch(root: str, jobs: list[tuple[str, bytes]]) -> list:
    """On a worker: each (path, bytes) extracted as `timeline` would, returned as the
    JSON-ready cache entry (the same encoding the cache file holds)."""
    from generator.config import load_config
    from generator.extract import prepare
    from generator.extract import batch
    if batch._CONFIG is None or str(batch._CONFIG.root) != root:     # once per worker process
        config = load_config(Path(root))
        prepare(config)
        batch._init(config)
    content = str(batch._CONFIG.content_dir)
    return [codec.encode(batch._extract((path, content, data))) for path, data in jobs]


def fill_cache(root: Path, workers: int) -> tuple[int, float]:
    """Extract every article of the project on a local Dask cluster into its cache;
    returns the number of articles and the seconds the cluster took to start."""
    from distributed import Client, LocalCluster
    key = fingerprint(root / "site_config")
    cache = Cache(root / ".timeline-cache", key, kind=FileResult)
    content = root / "content"
    keyed = []
    for path in list_files(content / "articles", root)[0]:
        data = Path(path).read_bytes()
        rel = str(path)[len(str(content)) + 1:]
        keyed.append((entry_key(rel, data), (str(path), data)))
    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        started = time.perf_counter() - start
        batches = [keyed[i:i + BATCH] for i in range(0, len(keyed), BATCH)]
        futures = client.map(extract_batch, [str(root)] * len(batches), [[job for _, job in b] for b in batches],
                             pure=False)
        for batch, future in zip(batches, futures):
            for (k, _), entry in zip(batch, future.result()):
                cache.put_encoded(k, entry)
    cache.save()
    return len(keyed), started


def build(root: Path, jobs: int) -> tuple[float, dict[str, bytes], int]:
    start = time.perf_counter()
    report = Session(root, jobs).generate()
    seconds = time.perf_counter() - start
    docs = root / "build" / "docs"
    pages = {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}
    return seconds, pages, report.cached


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", type=int, default=1)
    ap.add_argument("--per-day", type=float, default=5.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        local, dask = Path(tmp) / "local", Path(tmp) / "dask"
        make_project(local)
        articles = corpus.generate(local / "content" / "articles", args.years, args.per_day)
        shutil.copytree(local, dask)
        # the ordinary build: extraction by the local process pool
        local_s = Session(local, args.workers).collect().report.timings["extract"]
        _, local_pages, _ = build(local, args.workers)
        # the cluster fills the cache; the build then only merges and renders
        start = time.perf_counter()
        filled, started = fill_cache(dask, args.workers)
        dask_s = time.perf_counter() - start
        _, dask_pages, cached = build(dask, args.workers)
    result = {"articles": articles, "workers": args.workers, "filled_by_cluster": filled,
              "found_in_cache_by_build": cached, "local_pool_extract_s": round(local_s, 2),
              "cluster_extract_s": round(dask_s, 2),
              "of_which_cluster_start_s": round(started, 2), "cluster_over_local": round(dask_s / local_s, 2),
              "pages": len(local_pages), "pages_identical": local_pages == dask_pages}
    print(json.dumps(result, indent=None if args.json else 2))
    return 0 if result["pages_identical"] and cached == articles else 1


if __name__ == "__main__":
    sys.exit(main())
