"""The extraction cache on disk: a base file, and a small file of recent changes."""
import json
import os
import shutil
import time

from generator.cache import FORMAT, Cache


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


def _cached(folder, count):
    """`count` files, each cached as its name in capitals: (names, stats, values)."""
    names = [f"a{i:03d}.md" for i in range(count)]
    stats = _files(folder, names)
    values = {n: n.upper() for n in names}
    _run(folder, stats, values)
    return names, stats, values


def test_one_new_file_rewrites_only_the_small_recent_file(tmp_path):
    names, stats, values = _cached(tmp_path, 200)
    base = tmp_path / "cache" / "extract-fp.jsonl"
    recent = tmp_path / "cache" / "extract-fp.recent.jsonl"
    before = base.read_bytes()
    assert not recent.exists()

    del stats["a000.md"]                          # one file gone, one new
    stats.update(_files(tmp_path, ["new.md"]))
    values["new.md"] = "NEW"
    _run(tmp_path, stats, values)
    assert base.read_bytes() == before and recent.stat().st_size < len(before) / 10

    again = _run(tmp_path, stats, values)         # read back: base and recent together
    assert again.hits == len(stats) and again.new.keys() == {f"key-{n}" for n in stats}
    assert "a000.md" not in again.old_stats and again.values["key-new.md"] == "NEW"


def test_many_changes_rewrite_the_base_without_unused_entries(tmp_path):
    names, stats, values = _cached(tmp_path, 200)
    for name in names[:150]:                      # most files gone
        del stats[name]
    _run(tmp_path, stats, values)
    recent = tmp_path / "cache" / "extract-fp.recent.jsonl"
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


def _entries(path):
    return [line for line in path.read_bytes().splitlines() if line.startswith(b'["entry",')]


def test_an_entry_is_held_as_its_line_until_used_then_only_as_its_value(tmp_path):
    names, stats, _ = _cached(tmp_path, 20)
    cache = Cache(tmp_path / "cache", "fp")
    assert not cache.values and all(type(line) is bytes for line in cache.lines.values())
    assert cache.unchanged("a003.md", stats["a003.md"]) == "A003.MD"
    assert "key-a003.md" not in cache.lines and len(cache.lines) == 19      # no JSON kept for it
    cache.put("key-other", "OTHER")
    assert "key-other" not in cache.lines and cache.values["key-other"] == "OTHER"


def test_a_damaged_line_costs_only_its_own_article(tmp_path):
    names, stats, values = _cached(tmp_path, 200)
    base = tmp_path / "cache" / "extract-fp.jsonl"
    lines = base.read_bytes().splitlines(keepends=True)
    damaged = {i: line for i, line in enumerate(lines) if b"a050.md" in line or b"a120.md" in line}
    assert len(damaged) == 4                          # each file's entry and stat
    for i in damaged:
        lines[i] = lines[i][:len(lines[i]) // 2] + b"\n"     # cut in the middle
    [unfit] = [i for i, line in enumerate(lines) if line.startswith(b'["entry","key-a060.md",')]
    lines[unfit] = b'["entry","key-a060.md",7]\n'          # parses, but is not a str
    lines.insert(100, b"\xff garbage \x00\n")
    base.write_bytes(b"".join(lines))

    again = _run(tmp_path, stats, values)
    assert again.hits == 197 and again.values.keys() == {f"key-{n}" for n in names}
    said = [(p.severity, p.message) for p in again.problems]
    assert said == [("warning", "extraction cache extract-fp.jsonl: 5 damaged line(s) not used: their articles are read again"),
                    ("warning", "extraction cache entries that do not fit were not used (expected <class 'str'>, "
                                "found int): their articles are read again")]
    fresh = _run(tmp_path, stats, values)              # the lost entries were put back, the base repaired
    assert fresh.hits == 200 and not fresh.problems and not (tmp_path / "cache/extract-fp.recent.jsonl").exists()

    lines = base.read_bytes().splitlines(keepends=True)   # damage that loses nothing is repaired too
    base.write_bytes(b"".join(lines[:50] + [b"garbage\n"] + lines[50:]))
    assert _run(tmp_path, stats, values).problems
    assert b"garbage" not in base.read_bytes() and not _run(tmp_path, stats, values).problems


def test_a_base_rewrite_writes_decoded_entries_back_as_they_were(tmp_path):
    """Entries are encoded again from their values: the same lines, byte for byte."""
    from generator import codec
    from generator.model import DateSpan
    from datetime import date
    kind = tuple[DateSpan, ...]
    values = {f"k{i}": (DateSpan(date(2020, 1, 1 + i), date(2020, 2, 1 + i), "month", "2020-01", "é \\ \""),)
              for i in range(20)}
    first = Cache(tmp_path, "fp", kind=kind)
    for key, value in values.items():
        first.put_encoded(key, codec.encode(value))
    first.save()
    base = tmp_path / "extract-fp.jsonl"
    before = _entries(base)
    cache = Cache(tmp_path, "fp", kind=kind)
    assert all(cache.get(k) == v for k, v in values.items()) and not cache.lines
    generation = cache.generation
    for i in range(100):                               # changes enough to write the base again
        cache.put(f"new{i}", values["k0"])
    cache.save()
    assert cache.generation != generation and _entries(base)[:len(before)] == before


def test_a_file_of_the_former_layout_is_not_used(tmp_path):
    old = tmp_path / "extract-fp.jsonl"
    old.write_text(json.dumps({"format": FORMAT - 1, "generation": "g", "entries": {"k": "V"}, "stats": {}}))
    cache = Cache(tmp_path, "fp")
    assert cache.get("k") is None and "not a cache file of this version" in cache.problems[0].message


def test_pages_built_from_the_cache_are_those_built_without(tmp_path):
    from conftest import make_project, snapshot
    from generator.pipeline import generate
    project = make_project(tmp_path / "project")
    generate(project)
    (project / "content/articles/new.md").write_text("---\ntitle: N\ndate: 2020-03-02\n---\n"
                                                     "Shelling killed four civilians in Ariha on Monday.\n")
    generate(project)                                  # a recent file beside the base
    assert list((project / ".timeline-cache").glob("extract-*.recent.jsonl"))
    docs = project / "build" / "docs"
    shutil.rmtree(docs)
    report = generate(project)
    assert report.cached == report.articles and not [p for p in report.problems if p.path == ".timeline-cache"]
    cached = snapshot(docs)
    shutil.rmtree(docs)
    generate(project, cache=False)
    assert snapshot(docs) == cached
