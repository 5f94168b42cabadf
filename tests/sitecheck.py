"""Walk a built site: every internal link and anchor must resolve."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[str] = []     # inline script text
        self.attrs: list[tuple[str, str, str]] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            self.attrs.append((tag, k, v or ""))
            if k == "id" and v:
                self.ids.add(v)
            if k in ("href", "src") and v:
                self.links.append(v)
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.scripts.append(data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def target_file(site: Path, page: Path, link: str, root_path: str = "/") -> tuple[Path | None, str]:
    """The file an internal link points to (None for external links) and its fragment."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None, ""
    path = unquote(parts.path)
    if path.startswith("/"):
        path = path[len(root_path):] if path.startswith(root_path) else path
        base = site / path
    else:
        base = (page.parent / path) if path else page
    base = base.resolve()
    if base.is_dir() or path.endswith("/"):
        base = base / "index.html"
    return base, parts.fragment


def broken_links(site: Path, root_path: str = "/") -> list[str]:
    pages = {p.resolve(): parse(p) for p in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for link in page.links:
            if link.startswith(("mailto:", "data:")):
                continue
            target, fragment = target_file(site.resolve(), path, link, root_path)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{path.relative_to(site.resolve())}: {link} (no such file)")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                broken.append(f"{path.relative_to(site.resolve())}: {link} (no such anchor)")
    return broken
