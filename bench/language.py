"""Language detection: ours (function words as data, ingest/language.py) beside py3langid.

    python bench/language.py [SHARED_DATA_DIR]

On texts from ../shared/data: the real articles (articles/, world-news/articles/) and the
hand-marked bodies of the 181 pages of article-extraction/. For each detector: how many
texts it calls each language, how often the two agree where both give an answer, the
time to load, and the time per text. py3langid is installed with the `bench` extra only.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.ingest.language import detect  # noqa: E402


def texts(data: Path) -> dict[str, str]:
    out = {}
    for folder in (data / "articles", data / "world-news" / "articles"):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".md", ".txt"):
                out[path.relative_to(data).as_posix()] = path.read_text(encoding="utf-8", errors="replace")
    truth = json.loads((data / "article-extraction" / "ground-truth.json").read_text(encoding="utf-8"))
    for name, gold in sorted(truth.items()):
        out[f"article-extraction/{name[:12]}"] = gold.get("articleBody", "")
    return out


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "data"
    corpus = texts(data)
    clock = time.perf_counter()
    detect("the resources are read once per process, on the first text long enough to judge, and that "
           "first call is what is measured here as the load time of our detector, for a fair comparison")
    ours_load = time.perf_counter() - clock
    clock = time.perf_counter()
    ours = {k: (found.code if (found := detect(t)) else "") for k, t in corpus.items()}
    ours_s = time.perf_counter() - clock

    clock = time.perf_counter()
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    theirs_load = time.perf_counter() - clock
    clock = time.perf_counter()
    theirs = {k: ident.classify(t[:4000])[0] if t.strip() else "" for k, t in corpus.items()}
    theirs_s = time.perf_counter() - clock

    both = [k for k in corpus if ours[k] and theirs[k]]
    print(f"texts: {len(corpus)}")
    print(f"ours:      {dict(Counter(ours.values()).most_common())}  load {ours_load * 1000:.1f} ms, "
          f"{ours_s / len(corpus) * 1000:.3f} ms per text")
    print(f"py3langid: {dict(Counter(theirs.values()).most_common())}  load {theirs_load * 1000:.0f} ms, "
          f"{theirs_s / len(corpus) * 1000:.3f} ms per text")
    print(f"agree on {sum(ours[k] == theirs[k] for k in both)} of {len(both)} texts both name")
    for k in both:
        if ours[k] != theirs[k]:
            print(f"  {k}: ours {ours[k]}, py3langid {theirs[k]}: {corpus[k][:80]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
