"""Fill the theme's rendered shell page with each day's record (render/shell.py).

The shell's markup is learned from what MkDocs and Material produced for it,
not written here: headings and table-of-contents entries are copies of the
shell's own, so a theme update changes them everywhere alike.
"""
from __future__ import annotations

import gzip
import html
import json
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path

from ..render.shell import (CONTENT_END, CONTENT_START, DESCRIPTION, PAGE_ID, RECORDS, SHELL_URL, TITLE, TOC_ID,
                            TOC_TITLE)

_SLOT = "\0"
_INTERPRETER_ABOVE = 500        # day pages worth an interpreter of their own when fork is not safe


def _text(s: str) -> str:
    """Heading text as Markdown would have written it."""
    return html.escape(" ".join(s.split()), quote=False)


class ShellError(ValueError):
    """The theme did not render the shell as expected (a template override?)."""


@dataclass(frozen=True)
class Shell:
    parts: tuple[str, ...]       # text, slot name, text, slot name, ..., text
    heading: str                 # the theme's <h2> with TOC_ID and TOC_TITLE in it
    toc_item: str                # one table-of-contents entry, likewise

    @classmethod
    def parse(cls, page: str) -> "Shell":
        try:
            start = page.index(CONTENT_START)
            end = page.index(CONTENT_END, start) + len(CONTENT_END)
        except ValueError:
            raise ShellError("the shell page has no content markers") from None
        heading = re.search(rf'<h2\b[^>]*\bid="{TOC_ID}".*?</h2>', page[start:end], re.S)
        page = page[:start] + f"{_SLOT}content{_SLOT}" + page[end:]
        at = page.find(f'href="#{TOC_ID}"')
        if heading is None or at < 0:
            raise ShellError("the shell page has no heading or no table of contents")
        li_start, li_end = page.rfind("<li", 0, at), page.find("</li>", at) + len("</li>")
        toc_item = page[li_start:li_end]
        page = page[:li_start] + f"{_SLOT}toc{_SLOT}" + page[li_end:]
        for token, slot in ((TITLE, "title"), (PAGE_ID, "id"), (SHELL_URL, "url"), (DESCRIPTION, "description")):
            page = page.replace(token, f"{_SLOT}{slot}{_SLOT}")
        if TOC_ID in page or TOC_TITLE in page:
            raise ShellError("the shell page repeats its heading outside the content")
        return cls(tuple(page.split(_SLOT)), heading.group(0), toc_item)

    def _heading(self, level: int, id_: str, title: str) -> str:
        id_ = html.escape(id_)      # valid ids need no escaping; an invalid one must not become markup
        tag = self.heading.replace(TOC_ID, id_).replace(TOC_TITLE, title)
        return tag if level == 2 else tag.replace("<h2", f"<h{level}", 1).replace("</h2>", f"</h{level}>")

    def fill(self, record: dict) -> str:
        sections = record["sections"]
        values = {
            "title": _text(record["title"]), "id": record["id"], "url": record["url"],
            "description": html.escape(record.get("description", ""), quote=True),
            "toc": "\n".join(self.toc_item.replace(TOC_ID, html.escape(sid)).replace(TOC_TITLE, _text(title))
                           for level, sid, title, _ in sections if level == 2),
            "content": "\n".join([record["intro"]] + [self._heading(level, sid, _text(title)) + "\n" + body
                                                      for level, sid, title, body in sections]),
        }
        return "".join(values[p] if i % 2 else p for i, p in enumerate(self.parts))


def fill_pages(records: list[Path], site_dir: Path, shell: Shell) -> None:
    """Write every day record as a page of site_dir, filled into the shell."""
    for path in records:
        record = json.loads(path.read_text(encoding="utf-8"))
        out = site_dir / record["url"] / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(shell.fill(record), encoding="utf-8")


def _fill_or_exit(records: list[Path], site_dir: Path, shell: Shell) -> None:
    try:
        fill_pages(records, site_dir, shell)
    except BaseException:
        traceback.print_exc()
        os._exit(1)


class _Interpreter:
    """fill_pages in a new interpreter (`python -m generator.export.stamp`, the job on its
    standard input), with a multiprocessing Process's few methods. Not multiprocessing's
    spawn: that imports the parent's main module again, and a script without a main
    guard that builds a site would build it twice."""

    def __init__(self, records: list[Path], site_dir: Path, shell_html: str):
        self.job = json.dumps({"records": [str(p) for p in records], "site": str(site_dir), "shell": shell_html})
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        package_root = str(Path(__file__).resolve().parents[2])
        paths = [package_root] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])
        self.proc = subprocess.Popen([sys.executable, "-m", "generator.export.stamp"], stdin=subprocess.PIPE,
                                     env={**os.environ, "PYTHONPATH": os.pathsep.join(paths)})
        try:
            self.proc.stdin.write(self.job.encode("utf-8"))
            self.proc.stdin.close()
        except OSError:             # it died at once: join() tells its exit code
            pass

    def is_alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def kill(self) -> None:
        self.proc.kill()

    def join(self) -> None:
        self.proc.wait()

    @property
    def exitcode(self) -> int | None:
        return self.proc.returncode


class Stamping:
    """Day pages filled while MkDocs renders the rest of the site.

    MkDocs renders the shell before the article and facet pages; a forked
    process fills the day pages meanwhile, on another core (beside other threads,
    a new interpreter, for many pages). Otherwise (a few pages under `mkdocs serve`)
    they are filled at the end.
    """

    def __init__(self, docs_dir: Path, site_dir: Path, shell_html: str, changed_only: bool = False):
        """`changed_only`: fill just the days whose record is newer than their page
        (`timeline serve`'s rebuilds of changed pages, export/live.py)."""
        self.records_dir = docs_dir / RECORDS
        self.records = sorted(self.records_dir.rglob("*.json"))
        todo = [p for p in self.records if _outdated(p, site_dir / self._url(p) / "index.html")] \
            if changed_only else self.records
        self.args = (todo, site_dir, Shell.parse(shell_html))
        self.process = None
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods and threading.active_count() == 1:
            self.process = multiprocessing.get_context("fork").Process(target=_fill_or_exit, args=self.args)
        elif len(todo) >= _INTERPRETER_ABOVE:
            # beside other threads (Pagefind's, under `timeline build`) a fork could inherit a
            # lock one of them holds; a new interpreter costs a tenth of a second, paid back
            # on a decade's days (creating 3,661 folders and pages took 1.5-6 s)
            self.process = _Interpreter(todo, site_dir, shell_html)
        if self.process is not None:
            self.process.start()

    def abandon(self) -> None:
        """The build failed: stop filling pages for it."""
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join()

    def _url(self, record: Path) -> str:
        return record.relative_to(self.records_dir).with_suffix("").as_posix() + "/"

    def urls(self) -> list[str]:
        """Every day page's URL (folder), whether filled by this build or before."""
        return [self._url(p) for p in self.records]

    def finish(self, shell_url: str, keep_shell: bool = False) -> None:
        """Wait for the pages; the shell leaves the site (unless a later rebuild fills more
        pages from it) and the sitemap lists the days."""
        _, site_dir, _ = self.args
        if self.process is None:
            fill_pages(*self.args)
        else:
            self.process.join()
            if self.process.exitcode != 0:
                raise ShellError(f"filling the day pages failed (exit code {self.process.exitcode})")
        if not keep_shell:
            shutil.rmtree(site_dir / shell_url.split("/")[0], ignore_errors=True)
        _sitemap(site_dir, self.urls())


def _outdated(record: Path, page: Path) -> bool:
    return not page.is_file() or page.stat().st_mtime_ns < record.stat().st_mtime_ns


def _sitemap(site_dir: Path, urls: list[str]) -> None:
    """The day pages take the shell's entry in MkDocs' sitemap (same form, same date)."""
    path = site_dir / "sitemap.xml"
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    entry = re.search(rf"<url>(?:(?!</url>).)*{re.escape(SHELL_URL)}.*?</url>", text, re.S)
    if entry is None:
        return
    text = text[:entry.start()] + "\n    ".join(entry.group(0).replace(SHELL_URL, u) for u in urls) + text[entry.end():]
    path.write_text(text, encoding="utf-8")
    gz = site_dir / "sitemap.xml.gz"
    if gz.is_file():            # keep MkDocs' timestamp: builds stay byte-identical
        mtime = int.from_bytes(gz.read_bytes()[4:8], "little")
        with open(gz, "wb") as f, gzip.GzipFile(fileobj=f, filename=str(gz), mode="wb", mtime=mtime) as out:
            out.write(text.encode("utf-8"))


if __name__ == "__main__":            # _Interpreter's job
    job = json.load(sys.stdin)
    fill_pages([Path(p) for p in job["records"]], Path(job["site"]), Shell.parse(job["shell"]))
