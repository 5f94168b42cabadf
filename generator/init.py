"""`timeline init DIR`: a new timeline project, neutral and ready to build.

The project gets what a user edits (site_config/, content/ with one example
article), mkdocs.yml, a Makefile whose `make site` installs the tool and
builds, and the GitHub Pages workflow. Nothing existing is ever overwritten.
"""
from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

TEMPLATE = Path(__file__).parent / "project_template"
DISTRIBUTION = "timeline-generator"
# Files whose names a package cannot carry as they are (hidden ones).
_RENAMED = {"gitignore": ".gitignore", "github": ".github"}


class InitError(Exception):
    """Why a project cannot be created there (one line, for the terminal)."""


def template_files() -> list[tuple[Path, str]]:
    """(source file, its path in the new project), in a stable order."""
    out = []
    for src in sorted(TEMPLATE.rglob("*")):
        if src.is_file() and "__pycache__" not in src.parts:
            parts = list(src.relative_to(TEMPLATE).parts)
            parts[0] = _RENAMED.get(parts[0], parts[0])
            out.append((src, "/".join(parts)))
    return out


def requirement() -> str:
    """How the new project installs this tool: from where it was installed, when
    that place is reachable from another machine (a VCS or web URL)."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return DISTRIBUTION
    origin = json.loads(dist.read_text("direct_url.json") or "{}")
    url, vcs = origin.get("url", ""), origin.get("vcs_info")
    if vcs and url:
        rev = vcs.get("requested_revision") or vcs.get("commit_id")
        return f"{DISTRIBUTION} @ {vcs['vcs']}+{url}" + (f"@{rev}" if rev else "")
    if url.startswith(("http://", "https://", "file://")):
        return f"{DISTRIBUTION} @ {url}"
    return DISTRIBUTION


def _requirements_text() -> str:
    req = requirement()
    note = "# Where `make site` installs the timeline tool from.\n"
    if "file://" in req or req == DISTRIBUTION:
        # a folder on this machine works here, not on GitHub's runners
        note += ("# Before publishing with GitHub Actions, name the tool's repository instead, e.g.\n"
                 f"# {DISTRIBUTION} @ git+https://github.com/OWNER/REPO\n")
    return note + req + "\n"


def create(target: Path) -> list[str]:
    """Write a new project into `target` (missing or empty); the paths written."""
    if target.exists() and not target.is_dir():
        raise InitError(f"{target}: exists and is not a folder")
    if target.is_dir() and any(p.name != ".git" for p in target.iterdir()):
        raise InitError(f"{target}: not empty; give a new or empty folder (nothing is overwritten)")
    planned = [(src.read_bytes(), rel) for src, rel in template_files()]
    planned.append((_requirements_text().encode(), "requirements.txt"))
    written = []
    for data, rel in planned:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as f:      # "x": never replaces a file
            f.write(data)
        written.append(rel)
    return written
