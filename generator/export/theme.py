"""Where the site's templates and assets come from, most specific first."""
from __future__ import annotations

from pathlib import Path

PACKAGED = Path(__file__).resolve().parent.parent / "theme"   # the tool's own, over Material's
OVERRIDES = Path("site_config") / "theme"                    # a project's own, over the tool's


def theme_dirs(root: Path) -> list[Path]:
    user = root / OVERRIDES
    return ([user] if user.is_dir() else []) + [PACKAGED]
