"""Merging through the index of words to clusters gives what comparing every pair gave."""
import sys
from datetime import date, timedelta

from conftest import ROOT
from generator.config import load_config
from generator.extract import extract_article
from generator.ingest import read_article
from generator.merge import reports
from generator.merge.reports import MergeSettings, merge_reports

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402


def _dense_days(tmp_path):
    """Forty wire reports a day for three days: many reports of each happening, and many happenings."""
    config = load_config(ROOT)
    events, published = [], {}
    for day in range(3):
        when = date(2020, 3, 1) + timedelta(days=day)
        for i in range(40):
            name, text = corpus.article(corpus.random.Random(1000 * day + i), when, i, list(corpus.PLACES))
            path = tmp_path / name
            path.write_text(text, encoding="utf-8")
            article, _ = read_article(path, tmp_path)
            x = extract_article(article, config)
            events += x.events
            published[article.path] = x.date
    return events, published, MergeSettings.from_vocabulary(config.vocabulary)


def test_the_index_of_candidates_changes_no_merge(tmp_path, monkeypatch):
    events, published, settings = _dense_days(tmp_path)
    indexed = merge_reports(events, published, settings)
    assert any(e.also for e in indexed) and len(indexed) < len(events)      # there was merging to do
    monkeypatch.setattr(reports, "_candidates", lambda sig, same_day, holding, s: list(enumerate(same_day)))
    assert merge_reports(events, published, settings) == indexed
