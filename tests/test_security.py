"""Issue 17's security, publishing and filesystem faults: nothing published that should
not be, nothing lost, never a traceback. Each test fails without its fix."""
import json
import re
import subprocess
import sys

import pytest

from generator.export.site import build_site
from generator.pipeline import check, collect, generate
from tests.conftest import make_project, snapshot

EVENT = "Shelling killed three civilians in Ariha on Sunday, rescuers said."
HOSTILE_ID = 'x" onmouseover="alert(document.domain)" data-x="'


def run(root, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(root), *args],
                          capture_output=True, text=True, input=stdin)


def curated(project, text, name="hostile.yaml"):
    (project / "content/events" / name).write_text(text)


# 1. an event id cannot become markup --------------------------------------------------

HOSTILE_EVENTS = (f"- title: Injected anchor\n  date: 2020-03-02\n  id: '{HOSTILE_ID}'\n"
                  "- title: Spaced anchor\n  date: 2020-03-02\n  id: 'two words'\n"
                  "- title: Fine anchor\n  date: 2020-03-02\n  id: spring_shield-2\n")


@pytest.fixture(scope="module", params=["material", "pagefind"])
def hostile_ids(tmp_path_factory, request):
    project = make_project(tmp_path_factory.mktemp("ids"))
    site_yaml = project / "site_config/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + f"\nsearch: {request.param}\n")
    curated(project, HOSTILE_EVENTS)
    report = generate(project)
    build_site(project)
    return project, report


def test_an_invalid_curated_id_is_an_error_naming_file_and_line(hostile_ids):
    project, _ = hostile_ids
    out = run(project, "check")
    assert out.returncode == 1
    assert "content/events/hostile.yaml:3: error: event 1: id 'x\" onmouseover=" in out.stdout
    assert "content/events/hostile.yaml:6: error: event 2: id 'two words' is not valid" in out.stdout
    assert "spring_shield-2" not in out.stdout


def test_no_id_becomes_markup_on_any_page(hostile_ids):
    project, _ = hostile_ids
    for page in (project / "site").rglob("*.html"):
        text = page.read_text()
        assert 'onmouseover="alert' not in text and "onmouseover=alert" not in text, page
        assert "<!--tl:" not in text, page          # no placeholder leaks into the page
    day = (project / "site/2020/03/02/index.html").read_text()
    assert 'id="spring_shield-2"' in day             # a valid id is kept as written
    ids = re.findall(r'<h[23][^>]* id="([^"]*)"', day)
    assert all(re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", i) for i in ids), ids
    for i in ids:                                    # every anchor still has its permalink
        assert f'href="#{i}"' in day


def test_an_invalid_id_in_a_record_is_escaped_when_written():
    """Defence in depth: were an invalid id to reach the writers, it is still no markup."""
    from datetime import date
    from generator.model import DateSpan, Event, anchor
    from generator.render.event import event_url
    from generator.render.text import heading
    assert anchor("spring-shield") == "spring-shield"
    safe = anchor(HOSTILE_ID)
    assert re.fullmatch(r"[a-z0-9-]+", safe) and safe == anchor(HOSTILE_ID)
    assert 'onmouseover="' not in heading(2, HOSTILE_ID, "t")
    e = Event(id=HOSTILE_ID, title="t", date=DateSpan(date(2020, 3, 2), date(2020, 3, 2), "day"))
    assert event_url(e, "index.md").endswith("#" + safe)


# 10. `timeline extract --json` ids are the site's ids ----------------------------------

def test_extract_json_ids_equal_the_sites(project):
    article = project / "content/articles/sub/report.md"
    article.parent.mkdir()
    article.write_text(f"---\ntitle: Report\ndate: 2020-03-02\n---\n{EVENT}\n")
    site_ids = {e.id for e in collect(project).events if e.article == "articles/sub/report.md"}
    assert site_ids
    for cwd, path in ((project, "content/articles/sub/report.md"), (article.parent, "report.md")):
        # -P: the project's own generator/ folder (its MkDocs hook) must not shadow the package
        out = subprocess.run([sys.executable, "-P", "-m", "generator.cli", "--root", str(project), "extract", "--json",
                              path], cwd=cwd, capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        [got] = json.loads(out.stdout)["articles"]
        assert {e["id"] for e in got["events"]} == site_ids


# 12. unknown and misspelt fields -------------------------------------------------------

def test_misspelt_fields_are_warnings_with_line_and_suggestion(project):
    (project / "content/articles/typo.md").write_text(
        f"---\ntitel: Typo\ndat: 2020-03-02\nsource: X\n---\n{EVENT}\n")
    curated(project, "- title: Curated\n  date: 2020-03-02\n  fatalites: 3\n  placs: [Idlib]\n"
                     "  descripton: text\n")
    messages = {str(p) for p in check(project).problems}
    for expected in ("content/articles/typo.md:2: warning: unknown field 'titel' ignored (did you mean 'title'?)",
                     "content/articles/typo.md:3: warning: unknown field 'dat' ignored (did you mean 'date'?)",
                     "content/events/hostile.yaml:3: warning: event 1: unknown field 'fatalites' ignored "
                     "(did you mean 'fatalities'?)",
                     "content/events/hostile.yaml:4: warning: event 1: unknown field 'placs' ignored "
                     "(did you mean 'places'?)",
                     "content/events/hostile.yaml:5: warning: event 1: unknown field 'descripton' ignored "
                     "(did you mean 'description'?)"):
        assert any(m.startswith(expected) for m in messages), (expected, sorted(messages))
    assert not any("'source'" in m for m in messages)


# 16. control characters from content never reach the terminal raw ---------------------

def test_control_characters_are_escaped_in_diagnostics(project):
    (project / "content/articles/esc\x1b[2J.md").write_text(
        "---\ntitle: x\ndate: 2020-02-30\ntags: [\"a\"]\nt\x1b]0;pwned\x07: 1\n---\nText\n")
    curated(project, '- title: "Forged\\nfake.md:1: error: \\u202e"\n  date: 2020-03-02\n  type: "\\e[31mred"\n')
    out = run(project, "check")
    assert out.stdout and "\x1b" not in out.stdout + out.stderr and "\x07" not in out.stdout
    assert "\u202e" not in out.stdout
    assert "esc\\x1b[2J.md" in out.stdout
    assert not any(line.startswith("fake.md") for line in out.stdout.splitlines())


# 2. content stays inside the project; 13. nothing in a content folder skipped silently ----

def test_links_out_of_the_project_are_errors_and_never_read(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    secret = outside / "secret.txt"
    secret.write_text("SECRET-LINE-1 shelling killed three civilians in Ariha on 3 March 2020.\n")
    (outside / "events.yaml").write_text("- title: SECRET-EVENT\n  date: 2020-03-02\n")
    (outside / "corrections.yaml").write_text("x:\n  suppress: true\n")
    (outside / "site.yaml").write_text("title: SECRET-TITLE\n")
    (outside / "folder").mkdir()
    (outside / "folder/inner.txt").write_text(secret.read_text())
    c = project / "content"
    (c / "articles/passwd.txt").symlink_to(secret)
    (c / "articles/folder").symlink_to(outside / "folder")
    (c / "events/linked.yaml").symlink_to(outside / "events.yaml")
    (c / "corrections.yaml").symlink_to(outside / "corrections.yaml")
    (project / "site_config/site.yaml").unlink()
    (project / "site_config/site.yaml").symlink_to(outside / "site.yaml")
    (c / "articles/inside.txt").symlink_to(project / "content/articles/idleb-2020-03-01.txt")  # allowed
    report = generate(project)
    errors = {p.path: p.message for p in report.errors}
    for rel in ("content/articles/passwd.txt", "content/articles/folder", "content/events/linked.yaml",
                "content/corrections.yaml", "site_config/site.yaml"):
        assert "outside the project" in errors.get(rel, ""), (rel, errors)
    pages = "".join(p.read_text() for p in (project / "build/docs").rglob("*.md"))
    assert "SECRET" not in pages
    assert "articles/inside/index.md" in {p.relative_to(project / "build/docs").as_posix()
                                          for p in (project / "build/docs").rglob("*.md")}


def test_hidden_files_broken_links_and_fifos_are_reported(project):
    import os
    a = project / "content/articles"
    (a / ".draft.md").write_text(f"---\ntitle: Draft\ndate: 2020-03-02\n---\n{EVENT}\n")
    (a / ".git").mkdir()
    (a / "gone.md").symlink_to(a / "no-such-file.md")
    os.mkfifo(a / "pipe.md")
    os.mkfifo(project / "content/events/pipe.yaml")
    found = {p.path: p for p in check(project).problems}
    assert found["content/articles/.draft.md"].severity == "warning" and "hidden" in found["content/articles/.draft.md"].message
    assert "hidden" in found["content/articles/.git"].message
    assert found["content/articles/gone.md"].severity == "error" and "broken symbolic link" in found["content/articles/gone.md"].message
    assert found["content/articles/pipe.md"].severity == "error" and "FIFO" in found["content/articles/pipe.md"].message
    assert "FIFO" in found["content/events/pipe.yaml"].message


# 3. an interrupted build converges to exactly what a clean build gives -----------------

def test_an_interrupted_build_then_undone_converges_to_a_clean_build(project, tmp_path_factory, monkeypatch):
    from pathlib import Path
    generate(project)                                # a finished build: its record of pages exists
    site_yaml = project / "site_config/site.yaml"
    settings = site_yaml.read_text()
    site_yaml.write_text(settings + "\narticle_text: always\n")
    write_bytes, calls = Path.write_bytes, []

    def killed_midway(self, data):                   # the 2nd page is half-written, then the process dies
        if self.name.endswith(".tmp") and "docs" in self.parts:
            calls.append(self)
            if len(calls) == 2:
                write_bytes(self, data[: len(data) // 2])
                raise KeyboardInterrupt
        return write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", killed_midway)
    with pytest.raises(KeyboardInterrupt):
        generate(project)
    monkeypatch.undo()
    clean = make_project(tmp_path_factory.mktemp("clean"))
    generate(clean)
    docs = project / "build/docs"
    assert snapshot(docs) != snapshot(clean / "build/docs")      # the interruption left a mixed state
    site_yaml.write_text(settings)                   # undone; the next build must repair everything
    generate(project)
    assert snapshot(docs) == snapshot(clean / "build/docs")
    build_site(project)
    assert not [p for p in (project / "site").rglob("*") if p.name.endswith(".tmp")]


# 4. one build at a time per project ------------------------------------------------------

def test_a_second_build_is_refused_while_one_runs_and_a_dead_holder_does_not_block(project):
    from generator.lock import LOCK, project_lock
    with project_lock(project, "timeline build"):
        out = run(project, "generate")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert "another timeline command is building this project ('timeline build', process" in out.stderr
    assert not (project / "build/docs").exists()
    # a holder that died (killed -9) leaves its lock file, not its lock
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from generator.lock import project_lock\n"
                               f"with project_lock(Path({str(project)!r}), 'timeline build'):\n"
                               "    print('locked', flush=True); time.sleep(600)"],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    assert run(project, "generate").returncode == 1
    holder.kill()
    holder.wait()
    assert (project / LOCK).is_file()
    out = run(project, "generate")
    assert out.returncode == 0, out.stderr
    assert (project / "build/docs/index.md").is_file()


# 14. full disks, read-only outputs and unusable caches: one line, never a traceback ----------

def _pages(project):
    return snapshot(project / "build/docs")


def test_the_cache_is_data_and_a_planted_pickle_never_runs(project):
    import pickle
    generate(project)
    [cache_file] = (project / ".timeline-cache").glob("extract-*.jsonl")
    [json.loads(line) for line in cache_file.read_text().splitlines()]      # JSON Lines, not a pickle

    class Payload:
        def __reduce__(self):
            return (open, (str(project / "PWNED"), "w"))
    for name in (cache_file.name, cache_file.name.replace(".jsonl", ".recent.jsonl"),
                 cache_file.name.replace(".jsonl", ".pickle"), cache_file.name.replace(".jsonl", ".recent.pickle")):
        (project / ".timeline-cache" / name).write_bytes(pickle.dumps({"entries": Payload()}))
    report = generate(project)
    assert not (project / "PWNED").exists()
    assert any(p.path == ".timeline-cache" and "not used" in p.message for p in report.problems)


def test_a_cache_of_the_right_shape_with_wrong_contents_is_a_warning(project, tmp_path_factory):
    generate(project)
    [cache_file] = (project / ".timeline-cache").glob("extract-*.jsonl")
    head, *lines = [json.loads(line) for line in cache_file.read_text().splitlines()]
    lines = [["entry", line[1], [None, [], ["not", "an", "extraction"]]] if line[0] == "entry" else line
             for line in lines]
    cache_file.write_text("".join(json.dumps(line) + "\n" for line in [head] + lines))
    report = generate(project)
    assert not report.errors and report.cached == 0
    assert any(p.path == ".timeline-cache" and p.severity == "warning" for p in report.problems)
    clean = make_project(tmp_path_factory.mktemp("clean"))
    generate(clean, cache=False)
    assert _pages(project) == _pages(clean)


def test_a_cache_folder_that_is_a_file_or_cannot_be_written_is_a_warning(project, monkeypatch):
    (project / ".timeline-cache").write_text("not a folder")
    out = run(project, "check")
    assert "Traceback" not in out.stderr and ".timeline-cache: warning: extraction cache is not a folder" in out.stdout
    (project / ".timeline-cache").unlink()
    generate(project)
    [cache_file] = (project / ".timeline-cache").glob("extract-*.jsonl")
    cache_file.unlink()
    cache_file.mkdir()               # cannot be read nor replaced (chmod does not stop root)
    (project / "content/articles/new.md").write_text(f"---\ntitle: New\ndate: 2020-03-02\n---\n{EVENT}\n")
    out = run(project, "build")
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert ".timeline-cache: warning: extraction cache extract-" in out.stderr and "not saved (Is a directory)" in out.stderr
    assert (project / "site/articles/new/index.html").is_file()
    assert not [p for p in (project / ".timeline-cache").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("what", ["pages", "site"])
def test_a_full_or_read_only_disk_is_one_line(project, monkeypatch, capsys, what):
    import errno
    from generator import cli
    from generator.export import writer
    target = project / ("build/docs/2020/index.md" if what == "pages" else "site/index.html")

    def refuse(*args, **kwargs):
        raise OSError(errno.ENOSPC if what == "pages" else errno.EROFS,
                      "No space left on device" if what == "pages" else "Read-only file system", str(target))
    if what == "pages":
        monkeypatch.setattr(writer.Path, "write_bytes", refuse)
    else:
        from mkdocs.commands import build
        monkeypatch.setattr(build, "build", refuse)
    code = cli.main(["--root", str(project), "build"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    expected = ("build/docs/2020/index.md: No space left on device" if what == "pages"
                else "site/index.html: Read-only file system")
    assert err.strip().splitlines()[-1] == f"timeline: error: {expected}"


# 9. facet pages never replace each other; 11. long names never fail the build -------------

def test_facet_names_that_collide_keep_their_own_pages(project):
    long_name = "Al-" + "Very-Long-Place-Name-" * 15          # 300+ characters
    curated(project, "".join(
        f"- title: Event {i}\n  date: 2020-03-0{i + 1}\n  type: {t}\n  actors: [{a}]\n  places: ['{p}']\n"
        for i, (t, a, p) in enumerate([("battles", "russia", "!!!"), ("Battles", "Russia", "???"),
                                       ("BATTLES!", "Russia", long_name)])))
    report = generate(project)
    assert not report.errors
    warned = {str(p) for p in report.problems if "only in case or punctuation" in p.message}
    assert "content/events/hostile.yaml:1: warning: event type 'battles' differs from 'Battles' only in case " \
           "or punctuation: each has its own page; write them alike if they are one" in warned
    assert any(w.startswith("content/events/hostile.yaml:11: warning: event type 'BATTLES!'") for w in warned)
    assert any(w.startswith("content/events/hostile.yaml:1: warning: actor 'russia' differs from 'Russia'")
               for w in warned)
    assert any("place '???' differs from '!!!'" in w for w in warned)
    docs = project / "build/docs"
    battles = [p for p in (docs / "types").glob("battles*/index.md")]
    titles = {p.read_text().split('title: "')[1].split('"')[0] for p in battles}
    assert len(battles) == 3 and titles == {"Battles", "battles", "BATTLES!"}     # none replaced another
    assert (docs / "types/battles/index.md").read_text().count('title: "Battles"') == 1   # configured spelling keeps it
    russia = [p.read_text() for p in (docs / "actors").glob("russia*/index.md")]
    assert len(russia) == 2
    unnamed = sorted(p.parent.name for p in (docs / "places").glob("unnamed*/index.md"))
    assert len(unnamed) == 2
    index = (docs / "types/index.md").read_text()
    for p in battles:                  # the index links each page
        assert f"({p.parent.name}/index.md)" in index
    for folder in docs.rglob("*"):
        assert len(folder.name.encode()) <= 100, folder


def test_a_deep_article_path_gives_a_short_page_name(project):
    deep = project / "content/articles" / "/".join(["a" + "rather" * 40] * 3)     # one 241-character word each
    deep.mkdir(parents=True)
    name = "report" + "long" * 60 + ".md"
    (deep / name).write_text(f"---\ntitle: Deep\ndate: 2020-03-02\n---\n{EVENT}\n")
    out = run(project, "build")
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    pages = [p for p in (project / "site/articles").iterdir() if p.name.startswith("aratherrather")]
    assert len(pages) == 1 and len(pages[0].name) <= 80


def test_a_theme_file_leading_outside_the_project_is_never_published(project, tmp_path_factory):
    secret = tmp_path_factory.mktemp("outside") / "secret.txt"
    secret.write_text("SECRET")
    (project / "site_config/theme/assets").mkdir(parents=True)       # a project's own theme overrides
    (project / "site_config/theme/assets/leak.txt").symlink_to(secret)
    out = run(project, "check")
    assert "site_config/theme/assets/leak.txt: error: leads to" in out.stdout
    out = run(project, "build")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert out.stderr.strip().splitlines()[-1].startswith(
        "timeline: error: site_config/theme/assets/leak.txt: leads to")
    assert not (project / "site/assets/leak.txt").exists()
