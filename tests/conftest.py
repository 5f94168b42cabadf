import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "articles" / "idleb-2020-03-01.txt"


def make_project(dest: Path) -> Path:
    """A copy of the example project (content, config, mkdocs.yml) to build in isolation."""
    for name in ("content", "site_config"):
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def snapshot(docs: Path) -> dict[str, bytes]:
    """Every file under a folder and its bytes: two builds compared byte for byte."""
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path):
    return make_project(tmp_path)


def docs_page(path: Path) -> str:
    """A generated page as the theme receives it (event bodies restored by the MkDocs hook)."""
    from generator.render.stash import restore, split
    return restore(*split(path.read_text()))
