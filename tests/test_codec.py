"""Decoded extractions share their equal small values: a session holds every article's."""
import json
import os
import time

from generator import codec
from generator.cache import Cache
from generator.config import load_config
from generator.extract.batch import FileResult, extract_files

URL = "https://example.org/news/" + "a-long-address-" * 6      # longer than codec.SHORT


def _write(project, name: str, day: int) -> str:
    path = project / "content" / "articles" / name
    path.write_text(f"---\ndate: 2021-05-0{day}\nsource: Demo Daily\nurl: {URL}{name}\n---\n"
                    "Two people were killed in Aleppo on Saturday, rescuers said.\n", encoding="utf-8")
    settled = time.time() - 60          # older than the cache's racy-write window
    os.utime(path, (settled, settled))
    return str(path)


def _event(result: FileResult):
    return result.extraction.events[0]


def test_decoded_entries_share_equal_places_dates_and_names(project):
    config = load_config(project)
    paths = [_write(project, "a.md", 2), _write(project, "b.md", 3)]     # "Saturday": 1 May for both
    made = extract_files(paths, config, Cache(project / "cache", "fp", enabled=False, kind=FileResult), jobs=1)
    decode = codec.decoder(FileResult)
    # as read from the cache file: every string its own object
    one, two = (decode(json.loads(json.dumps(codec.encode(r)))) for r in made)
    a, b = _event(one), _event(two)
    assert a.places[0].name == "Aleppo" and a.places[0] is b.places[0] and a.places is b.places
    assert a.date == b.date and a.date is b.date
    assert a.type is b.type and a.source is b.source and a.status is b.status
    # a long string is one object within its entry (the article's address in each event), not across
    assert a.url is one.extraction.article.url and a.url != b.url
    # events are never shared: a page keeps what it works out on the event itself (model.kept)
    again = decode(json.loads(json.dumps(codec.encode(made[0]))))
    assert _event(again) == a and _event(again) is not a


def test_fresh_extractions_share_with_those_read_from_the_cache(project):
    config = load_config(project)
    first = _write(project, "a.md", 2)
    cache = Cache(project / "cache", "fp", kind=FileResult)
    extract_files([first], config, cache, jobs=1)
    cache.save()
    # a new build: a.md from the cache, the others extracted by worker processes
    paths = [first, _write(project, "b.md", 3), _write(project, "c.md", 3)]
    cache = Cache(project / "cache", "fp", kind=FileResult)
    cached, *fresh = extract_files(paths, config, cache, jobs=2)
    assert cache.hits == 1
    for r in fresh:
        assert _event(r).places[0] is _event(cached).places[0] and _event(r).date is _event(cached).date
        assert _event(r).url is r.extraction.article.url


def test_an_entry_holds_its_article_once(project):
    config = load_config(project)
    made, = extract_files([_write(project, "a.md", 2)], config, Cache(project / "cache", "fp", enabled=False), jobs=1)
    assert json.dumps(codec.encode(made)).count(json.dumps(codec.encode(made.article))) == 1
    assert made.article is made.extraction.article
