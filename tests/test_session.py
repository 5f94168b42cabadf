"""A Session (what `timeline serve` keeps between runs) gives exactly the pages a
fresh build of the same files gives, after each kind of edit a user makes."""
import os
import re
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import ROOT, make_project, snapshot
from generator.config import load_config
from generator.extract import extract_article
from generator.ingest import read_article
from generator.pipeline import Session, generate

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402


def fresh_build(project: Path, where: Path, said: list | None = None) -> dict[str, bytes]:
    """The pages a one-off build of the project's files gives; its messages appended to `said`."""
    shutil.rmtree(where, ignore_errors=True)
    shutil.copytree(project, where, ignore=shutil.ignore_patterns("build", ".timeline-cache"))
    report = generate(where, cache=False)
    if said is not None:
        said += map(str, report.problems)
    return snapshot(where / "build" / "docs")


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    """The example plus a few months of synthetic wire news (bench/corpus.py, seeded)."""
    project = make_project(tmp_path_factory.mktemp("session") / "project")
    for day in range(120):                   # two articles a day, December 2019 to March 2020
        for i in range(2):
            _article(project, date(2019, 12, 1) + timedelta(days=day), 100 * day + i, i)
    return project


def _article_text(day: date, seed: int, number: int = 9) -> str:
    return corpus.article(corpus.random.Random(seed), day, number, list(corpus.PLACES))[1]


def _article(project: Path, day: date, seed: int, number: int = 9) -> Path:
    name, text = corpus.article(corpus.random.Random(seed), day, number, list(corpus.PLACES))
    path = project / "content" / "articles" / name
    path.write_text(text, encoding="utf-8")
    return path


def _seed_event(project: Path) -> str:
    config = load_config(project)
    article, _ = read_article(project / "content" / "articles" / "idleb-2020-03-01.txt", config.content_dir)
    return extract_article(article, config).events[0].id


def _take_slug(project: Path) -> None:
    """"2020-02-03 00.md" sorts before "2020-02-03-00.md" and takes its slug, so the
    latter's article page moves: day pages of its (unchanged) events must follow."""
    articles = project / "content" / "articles"
    docs = project / "build" / "docs"        # day pages, or their records on large sites
    days = sorted((docs / "2020/02").glob("*/index.md")) + sorted((docs / ".days/2020/02").glob("*.json"))
    cited = re.search(r"articles/(?:2020/02/#)?(2020-02-\d\d-\d\d)\b", "".join(
        p.read_text(encoding="utf-8") for p in days))
    day, _, number = cited.group(1).rpartition("-")
    shutil.copy(sorted(articles.glob("2019-12-*.md"))[0], articles / f"{day} {number}.md")


def _retitle(project: Path, title: str) -> None:
    site_yaml = project / "site_config" / "site.yaml"
    text = re.sub(r"(?m)^title:.*$", f"title: {title}", site_yaml.read_text(encoding="utf-8"), count=1)
    assert title in text
    site_yaml.write_text(text, encoding="utf-8")


def _edit_keeping_time(path: Path, old: str, new: str) -> None:
    """An edit of the same size whose file keeps its times: no stat tells it apart."""
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert len(old) == len(new) and old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _edits(project: Path, watch: bool = True):
    """Each a change a user makes between two runs of `timeline serve`."""
    articles = project / "content" / "articles"
    seed = articles / "idleb-2020-03-01.txt"
    original = seed.read_text(encoding="utf-8")
    yield "a new article", lambda: _article(project, date(2020, 3, 2), 1)
    yield "an article edited", lambda: seed.write_text(original.replace("Sunday", "Saturday", 1), encoding="utf-8")
    yield "an article edited back", lambda: seed.write_text(original, encoding="utf-8")
    if watch:    # the kernel tells the session (watch.py); a stat could not
        yield "an article edited, its times kept", lambda: _edit_keeping_time(seed, "19 regime", "21 regime")
    victim = sorted(articles.glob("2020-01-*.md"))[0]
    yield "an article deleted", victim.unlink
    moved = sorted(articles.glob("2020-02-*.md"))[0]
    yield "an article renamed", lambda: moved.rename(articles / "renamed.md")
    twice = articles / "twice.md"
    text = _article_text(date(2020, 2, 10), 3)
    yield "an article saying one thing twice", lambda: twice.write_text(
        text + "\n" + text.rstrip().rpartition("\n")[2] + "\n", encoding="utf-8")
    yield "that article edited", lambda: twice.write_text(text.replace(" said", " says", 1), encoding="utf-8")
    yield "a hidden file", lambda: (articles / ".draft.md").write_text("# draft\n", encoding="utf-8")
    yield "an article in a new folder", lambda: (articles / "sub").mkdir() or shutil.copy(
        sorted(articles.glob("2019-12-*.md"))[3], articles / "sub" / "copied.md")
    yield "an article in that folder edited", lambda: (articles / "sub" / "copied.md").write_text(
        _article_text(date(2019, 12, 20), 7), encoding="utf-8")
    yield "an article that takes another's slug", lambda: _take_slug(project)
    yield "a curated event", lambda: (project / "content" / "events" / "more.yaml").write_text(
        "- title: Ceasefire talks in Ankara\n  date: 2020-03-02\n  places: [Idlib]\n  type: Strategic developments\n",
        encoding="utf-8")
    yield "a correction", lambda: (project / "content" / "corrections.yaml").write_text(
        f"{_seed_event(project)}:\n  suppress: true\n", encoding="utf-8")
    yield "the site's title", lambda: _retitle(project, "A renamed timeline")


@pytest.mark.parametrize("watch, large", [(True, False), (False, False), (True, True)])
def test_session_pages_equal_a_fresh_build_after_every_edit(news, tmp_path, watch, large):
    """`large`: as a large site is built, articles a page per month and Pagefind's search."""
    project = tmp_path / "project"
    shutil.copytree(news, project, ignore=shutil.ignore_patterns("build", ".timeline-cache"))
    if large:
        site_yaml = project / "site_config" / "site.yaml"
        text = re.sub(r"(?m)^article_pages:.*$", "article_pages: monthly", site_yaml.read_text(encoding="utf-8"))
        site_yaml.write_text(re.sub(r"(?m)^search:.*$", "search: pagefind", text), encoding="utf-8")
    session = Session(project, watch=watch)
    session.generate()
    assert snapshot(project / "build" / "docs") == fresh_build(project, tmp_path / "fresh")
    for what, edit in _edits(project, watch):
        edit()
        report = session.generate()
        said = []
        assert snapshot(project / "build" / "docs") == fresh_build(project, tmp_path / "fresh", said), what
        assert list(map(str, report.problems)) == said, what
        if what == "a hidden file":
            assert report.written == 0 and any(".draft.md" in p for p in said)
            continue
        assert report.written > 0, what               # the edit changed something to compare
        if what != "the site's title":
            # the point of a session: an edit re-renders the pages it touches, not the site
            # (a memo hit is a part looked at and kept; parts not even looked at count as neither)
            pages = len(snapshot(project / "build" / "docs"))
            assert large or session.memo.misses * 2 < pages, (what, session.memo.misses, pages)
            assert 0 < report.written < 40, (what, report.written)


def test_session_run_without_changes_writes_nothing(news):
    session = Session(news)
    session.generate()
    again = session.generate()
    assert again.written == again.removed == 0 and again.cached == again.articles
    assert session.memo.misses == 0


def _get(url: str, contains: str = "") -> int:
    """The HTTP status of a page (0 when unreachable, or without `contains`)."""
    import urllib.error
    import urllib.request
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status if contains.encode() in r.read() else 0
    except urllib.error.HTTPError as e:
        return e.code
    except (urllib.error.URLError, OSError):
        return 0


class _Served:
    """A real `timeline serve` of a project on a free port; its messages are in
    `err` once it has stopped."""

    def __init__(self, project: Path):
        import socket
        import subprocess
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/"
        self.process = subprocess.Popen([sys.executable, "-m", "generator.cli", "--root", str(project), "serve",
                                         "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.err = ""

    def __enter__(self) -> "_Served":
        return self

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        _, self.err = self.process.communicate(timeout=30)

    def get(self, path: str) -> int:
        return _get(self.url + path)

    def wait_for(self, path: str, contains: str = "", status: int = 200, seconds: float = 90) -> bool:
        """Until the page answers `status` (with `contains` in it), while the server runs."""
        import time
        end = time.monotonic() + seconds
        while time.monotonic() < end and self.process.poll() is None:
            if _get(self.url + path, contains) == status:
                return True
            time.sleep(0.3)
        return False


def test_serve_shows_a_new_article_without_a_restart(project):
    """`timeline serve` regenerates through its session when content/ changes: a new
    article's day page is served a few seconds after the file is saved."""
    with _Served(project) as served:
        assert served.wait_for("2020/03/01/"), "the example's day page was never served"
        assert served.get("2020/03/04/") == 404
        (project / "content/articles/talks.md").write_text(
            "---\ntitle: Talks\ndate: 2020-03-05\n---\nTurkish and Russian officials met in Ankara on "
            "Wednesday to discuss a ceasefire in Idlib, the ministry said.\n", encoding="utf-8")
        assert served.wait_for("2020/03/04/"), "the new article's day never appeared"
        _retitle(project, "A renamed timeline")     # a configuration edit starts the session afresh
        assert served.wait_for("", contains="A renamed timeline"), "the new title never appeared"
    assert "Traceback" not in served.err, served.err


def test_serve_of_a_large_site_rebuilds_changed_pages_only_and_drops_deleted_ones(project):
    """With Pagefind (large sites), `timeline serve` has MkDocs rebuild only the pages whose
    Markdown changed and fills only the changed days (export/live.py); a deleted article's
    day disappears from the preview, the other days stay."""
    site_yaml = project / "site_config/site.yaml"
    site_yaml.write_text(re.sub(r"(?m)^search:.*$", "search: pagefind", site_yaml.read_text(encoding="utf-8")),
                         encoding="utf-8")
    talks = project / "content/articles/talks.md"
    with _Served(project) as served:
        assert served.wait_for("2020/03/01/"), "the example's day page was never served"
        talks.write_text("---\ntitle: Talks\ndate: 2020-03-05\n---\nTurkish and Russian officials met in "
                         "Ankara on Wednesday to discuss a ceasefire in Idlib, the ministry said.\n", encoding="utf-8")
        assert served.wait_for("2020/03/04/", contains="Ankara"), "the new day was never filled"
        assert served.wait_for("2020/03/", contains="Ankara"), "the month page was not rebuilt"
        # a new year in the navigation: every page shows it, untouched ones and filled days too
        (project / "content/articles/later.md").write_text(
            "---\ntitle: Later\ndate: 2021-06-02\n---\nShelling hit Ariha on Tuesday, rescuers said.\n",
            encoding="utf-8")
        assert served.wait_for("2020/03/01/", contains='href="../../../2021/"'), "a stale navigation"
        assert served.wait_for("places/", contains='href="../2021/"'), "a stale navigation"
        talks.unlink()
        assert served.wait_for("2020/03/", contains="Day by day") and served.wait_for("2020/03/04/", status=404), \
            "the deleted article's day is still served"
        assert served.get("2020/03/01/") == 200
    assert "Traceback" not in served.err, served.err
    assert "'dirty' build" in served.err          # MkDocs says so on each rebuild of changed pages only


def test_session_when_ids_of_two_articles_meet(tmp_path, monkeypatch):
    """Two articles' events can share an id (a title's words and 24 bits of a hash): the first
    is kept. Ids made here from the sentence alone, so that like sentences of different
    articles and months meet; each edit must give what a fresh build gives."""
    import generator.extract.events as events
    from generator.model import stable_id
    monkeypatch.setattr(events, "stable_id", lambda title, path, sentence: stable_id(title, sentence))
    project = make_project(tmp_path / "project")
    articles = project / "content" / "articles"
    line = "Rebel fighters shelled Saraqib, killing three civilians, a war monitor said."

    def write(name: str, day: str, text: str = line) -> None:
        (articles / name).write_text(f"---\ntitle: {name}\ndate: {day}\n---\n{text}\n", encoding="utf-8")

    write("b.md", "2020-02-10")
    write("c.md", "2020-01-15")
    session = Session(project, cache=False)
    session.generate()
    for edit in (lambda: write("a.md", "2020-03-05"),                   # sorts first: its event is kept
                 lambda: (articles / "a.md").unlink(),
                 lambda: write("b.md", "2020-02-10", line + " " + line),
                 lambda: (articles / "c.md").unlink()):
        edit()
        session.generate()
        assert snapshot(project / "build" / "docs") == fresh_build(project, tmp_path / "fresh")


def test_session_after_a_run_that_failed(news, tmp_path, monkeypatch):
    """A run stopped half-way (the watcher's news spent, what was kept half changed): the
    next run still gives what a fresh build gives."""
    import generator.pipeline as pipeline
    project = tmp_path / "project"
    shutil.copytree(news, project, ignore=shutil.ignore_patterns("build", ".timeline-cache"))
    session = Session(project)
    session.generate()
    _article(project, date(2020, 1, 7), 5)
    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "render_batches", lambda site: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            session.generate()
    session.generate()
    assert snapshot(project / "build" / "docs") == fresh_build(project, tmp_path / "fresh")


def test_session_after_a_run_that_failed_between_batches(news, tmp_path, monkeypatch):
    """Pages are written a batch at a time and the session keeps only the size of those
    written (memo.Written): a run that failed after its first batch, and a record of the
    pages changed behind the session's back, both end in what a fresh build gives."""
    import generator.pipeline as pipeline
    real = pipeline.render_batches
    project = tmp_path / "project"
    shutil.copytree(news, project, ignore=shutil.ignore_patterns("build", ".timeline-cache"))
    session = Session(project)
    session.generate()

    def first_only(site):
        batches = real(site)
        yield next(batches)
        raise ZeroDivisionError
    _article(project, date(2020, 1, 7), 5)
    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "render_batches", first_only)
        with pytest.raises(ZeroDivisionError):
            session.generate()
    session.generate()
    docs = project / "build" / "docs"
    assert snapshot(docs) == fresh_build(project, tmp_path / "fresh")
    # another hand changes a page and the folder's record: nothing kept of them is trusted
    (docs / ".timeline-pages.json").unlink()
    (docs / "index.md").write_text("changed", encoding="utf-8")
    _article(project, date(2020, 1, 8), 6)
    session.generate()
    assert snapshot(docs) == fresh_build(project, tmp_path / "fresh2")
