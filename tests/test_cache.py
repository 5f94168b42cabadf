"""The extraction cache on disk: a base file, and a small file of recent changes."""
import os
import time

from generator.cache import Cache


def _files(folder, names):
    settled = time.time() - 60          # older than the racy-write window
    out = {}
    for name in names:
        path = folder / name
        path.write_text(name)
        os.utime(path, (settled, settled))
        out[name] = os.stat(path)
    return out


def _run(folder, stats, values):
    """One run: every file looked up, unchanged ones from the cache, others put."""
    cache = Cache(folder / "cache", "fp")
    now = time.time_ns()
    for name, st in stats.items():
        if cache.unchanged(name, st) is None:
            key = f"key-{name}"
            if cache.get(key) is None:
                cache.put(key, values[name])
            cache.note(name, st, key, now)
    cache.save()
    return cache


def test_one_new_file_rewrites_only_the_small_recent_file(tmp_path):
    names = [f"a{i:03d}.md" for i in range(200)]
    stats = _files(tmp_path, names)
    values = {n: n.upper() for n in names}
    _run(tmp_path, stats, values)
    base = tmp_path / "cache" / "extract-fp.json"
    recent = tmp_path / "cache" / "extract-fp.recent.json"
    before = base.read_bytes()
    assert not recent.exists()

    del stats["a000.md"]                          # one file gone, one new
    stats.update(_files(tmp_path, ["new.md"]))
    values["new.md"] = "NEW"
    _run(tmp_path, stats, values)
    assert base.read_bytes() == before and recent.stat().st_size < len(before) / 10

    again = _run(tmp_path, stats, values)         # read back: base and recent together
    assert again.hits == len(stats) and again.new.keys() == {f"key-{n}" for n in stats}
    assert "a000.md" not in again.old_stats and again.old["key-new.md"] == "NEW"


def test_many_changes_rewrite_the_base_without_unused_entries(tmp_path):
    names = [f"a{i:03d}.md" for i in range(200)]
    stats = _files(tmp_path, names)
    values = {n: n.upper() for n in names}
    _run(tmp_path, stats, values)
    for name in names[:150]:                      # most files gone
        del stats[name]
    _run(tmp_path, stats, values)
    recent = tmp_path / "cache" / "extract-fp.recent.json"
    assert not recent.exists()
    fresh = Cache(tmp_path / "cache", "fp")
    assert fresh.old.keys() == {f"key-{n}" for n in names[150:]}


def test_an_entry_encoded_elsewhere_is_used_like_one_extracted_here(tmp_path):
    """bench/cluster.py: workers on other machines return encoded entries; the driver files them."""
    from pathlib import Path
    from generator import codec
    from generator.config import load_config
    from generator.extract.batch import FileResult, _extract, _init
    root = Path(__file__).resolve().parent.parent
    config = load_config(root)
    _init(config)
    text = b"---\ndate: 2021-05-02\n---\nTwo people were killed in Aleppo on Saturday, rescuers said.\n"
    made = _extract((str(config.content_dir / "articles" / "x.md"), str(config.content_dir), text))
    assert made.extraction is not None and made.extraction.events

    sent = Cache(tmp_path, "fp", kind=FileResult)
    sent.put_encoded("k", codec.encode(made))
    sent.save()
    back = Cache(tmp_path, "fp", kind=FileResult).get("k")
    assert back == made
