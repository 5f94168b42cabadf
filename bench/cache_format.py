"""The extraction cache's format: loading JSON checked against the type hints
(cache.py, codec.py) against loading a pickle of the same entries, as it was.

usage: python bench/cache_format.py [DIR] [--rounds N]
Extracts every article of DIR (default ../shared/data/articles) once, then loads
the same entries both ways, alternating, several rounds; prints the medians and
their ratio (a ratio from one run: the machine is shared and noisy).
"""
from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from generator import codec  # noqa: E402
from generator.config import load_config  # noqa: E402
from generator.extract import extract_article  # noqa: E402
from generator.extract.batch import FileResult  # noqa: E402
from generator.heap import collector_paused  # noqa: E402
from generator.ingest import discover, read_article  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("dir", nargs="?", default=str(ROOT.parent / "shared" / "data" / "articles"))
    ap.add_argument("--rounds", type=int, default=9)
    args = ap.parse_args()
    folder = Path(args.dir)
    config = load_config(ROOT)
    entries = {}
    for path in discover(folder, folder)[0]:
        article, problems = read_article(path, folder)
        if article is not None:
            entries[path.name] = FileResult(tuple(problems), extract_article(article, config))
    as_json = json.dumps({k: codec.encode(v) for k, v in entries.items()}, separators=(",", ":")).encode()
    as_pickle = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
    decode = codec.decoder(FileResult)
    back = {k: decode(v) for k, v in json.loads(as_json).items()}
    assert back == entries, "the JSON cache must give back exactly what was saved"
    times = {"json": [], "pickle": []}
    for _ in range(args.rounds):
        for name in times:
            clock = time.perf_counter()
            with collector_paused():
                if name == "json":
                    {k: decode(v) for k, v in json.loads(as_json).items()}
                else:
                    pickle.loads(as_pickle)
            times[name].append(time.perf_counter() - clock)
    j, p = statistics.median(times["json"]), statistics.median(times["pickle"])
    events = sum(len(r.extraction.events) for r in entries.values() if r.extraction)
    print(json.dumps({"articles": len(entries), "events": events, "json_bytes": len(as_json),
                      "pickle_bytes": len(as_pickle), "json_load_ms": round(j * 1000, 2),
                      "pickle_load_ms": round(p * 1000, 2), "ratio": round(j / p, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
