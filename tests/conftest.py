import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "articles" / "idleb-2020-03-01.txt"


@pytest.fixture
def project(tmp_path):
    """A copy of the example project (content, config, mkdocs.yml) to build in isolation."""
    for name in ("content", "site_config"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    # The hooks file is referenced relative to mkdocs.yml.
    (tmp_path / "generator" / "export").mkdir(parents=True)
    shutil.copy(ROOT / "generator" / "export" / "mkdocs_hooks.py", tmp_path / "generator" / "export")
    return tmp_path
