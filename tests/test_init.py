"""`timeline init`: a new project is neutral, complete, and builds on its own."""
from pathlib import Path

from generator.cli import main
from generator.init import template_files

ROOT = Path(__file__).resolve().parent.parent


def test_init_creates_a_neutral_project_that_builds(tmp_path, capsys):
    target = tmp_path / "story"
    assert main(["init", str(target)]) == 0
    for rel in ("mkdocs.yml", "Makefile", "requirements.txt", ".gitignore", ".github/workflows/pages.yml",
                ".github/workflows/update.yml", "site_config/feeds.yaml",
                "site_config/site.yaml", "content/events/events.yaml"):
        assert (target / rel).is_file(), rel
    articles = list((target / "content" / "articles").glob("*.md"))
    assert len(articles) == 1
    # nothing of the example project's war is carried into a new one
    for path in target.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8").lower()
            assert "syria" not in text and "idlib" not in text, path
    assert main(["--root", str(target), "build"]) == 0
    home = (target / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>My timeline" in home
    assert "Idlib" not in home
    # the example article, read with the shipped defaults alone: its happenings are on the timeline
    day = (target / "site" / "2021" / "03" / "29" / "index.html").read_text(encoding="utf-8")
    assert "Ever Given" in day and "Suez Canal" in day


def test_init_never_overwrites(tmp_path, capsys):
    target = tmp_path / "story"
    target.mkdir()
    (target / "notes.txt").write_text("mine")
    assert main(["init", str(target)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert (target / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


def test_the_site_title_comes_from_site_yaml(project):
    (project / "site_config" / "site.yaml").write_text('title: "Floods of 2024"\ndescription: "Rivers."\n')
    assert main(["--root", str(project), "build"]) == 0
    page = (project / "site" / "2020" / "03" / "01" / "index.html").read_text(encoding="utf-8")
    assert "Floods of 2024" in page and "Idlib 2020" not in page
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'content="Rivers."' in home


def test_the_template_is_the_example_projects_own_setup():
    # one mkdocs.yml and one Pages workflow: the example project uses what `init` writes
    files = dict((rel, src) for src, rel in template_files())
    for rel in ("mkdocs.yml", ".github/workflows/pages.yml", ".github/workflows/update.yml", "site_config/feeds.yaml"):
        assert files[rel].read_bytes() == (ROOT / rel).read_bytes(), rel
