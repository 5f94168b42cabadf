"""Day pages written straight into the theme's page, without MkDocs (large sites).

A decade has thousands of day pages, and MkDocs spends ~10 ms on each
(Markdown, then Material's template with its navigation). Day pages are all
alike: same depth, same navigation, none of them in the nav. So MkDocs renders
one *shell* page, a day page whose title, headings and table of contents are
placeholders, and export/stamp.py fills a copy of it for every day from the
records written here. Small sites keep MkDocs day pages, which Material's own
search needs to see.
"""
from __future__ import annotations

from datetime import date

from .paths import day_page
from .text import COMPACT_JSON
from .timeline import INDEXED, DayPage

# The shell sits as deep as a day page (YYYY/MM/DD/), so its relative links
# are theirs; stamping removes it from the built site.
SHELL_PAGE = "_timeline/shell/day/index.md"
SHELL_URL = "_timeline/shell/day/"
RECORDS = ".days"                      # MkDocs skips dot folders in docs/
TITLE, PAGE_ID = "@@TITLE@@", "tl-shell-page"
DESCRIPTION = "@@DESCRIPTION@@"        # the page's description (head metadata)
TOC_TITLE, TOC_ID = "@@HEADING@@", "tl-shell-heading"
CONTENT_START, CONTENT_END = "<!--tl:shell-->", "<!--/tl:shell-->"


def shell_markdown() -> str:
    # one heading inside the content markers gives the theme's markup for
    # headings and for table-of-contents entries
    front = INDEXED.replace("---\n\n", f'title: "{TITLE}"\ndescription: "{DESCRIPTION}"\n---\n\n', 1)
    return (front + f'# {TITLE} {{#{PAGE_ID}}}\n\n'
            + f"{CONTENT_START}\n\n## {TOC_TITLE} {{#{TOC_ID}}}\n\n{CONTENT_END}\n")


def record_path(day: date) -> str:
    return f"{RECORDS}/{day_page(day).removesuffix('/index.md')}.json"


def record(page: DayPage) -> str:
    return COMPACT_JSON({
        "url": page.path.removesuffix("index.md"), "title": page.title, "id": page.id,
        "description": page.description,
        "intro": page.intro_html(),
        "sections": [[s.level, s.id, s.title, s.html] for s in page.sections],
    }) + "\n"
