"""A full build of the example content, as `make site` does it."""
import contextlib
import gzip
import json
import re
import shutil
from pathlib import Path

from generator.export.site import build_site
from generator.pipeline import collect, generate
from generator.render.search import record
from tests.conftest import snapshot


def anchors(docs):
    return set(re.findall(r"\{#([\w-]+)\}", "".join(p.read_text() for p in docs.rglob("*.md"))))


def test_full_build(project):
    report = generate(project)
    assert not report.errors
    build_site(project)
    site = project / "site"
    for page in ("index.html", "2020/index.html", "2020/03/index.html", "2020/03/01/index.html",
                 "2020/02/29/index.html"):
        assert (site / page).is_file(), page
    day = (site / "2020/03/01/index.html").read_text()
    assert "Jabal al-Zawiya" in day and "drone strikes" in day and "Syrian Observatory" in day
    index = json.loads((site / "search/search_index.json").read_text())
    # the event comes first, from its day page; article texts and facet lists are not searched
    event = next(e for e in collect(project).events if "drone strikes" in e.quote and e.date.is_day)
    hits = [d for d in index["docs"] if event.quote in d["text"]]
    assert hits and hits[0]["location"] == f"{event.date.start:%Y/%m/%d}/#{event.id}"
    assert not [d for d in index["docs"] if d["location"].startswith(("places/", "actors/", "types/"))]
    assert not [d for d in index["docs"] if "File:" in d["text"] or "Responsibility for the information" in d["text"]]
    anchor = hits[0]["location"].split("#")[1]
    assert f'id="{anchor}"' in day
    # the sidebar lists months, not every day
    assert "2020/03/01/" not in (site / "2020/index.html").read_text().split('md-nav')[1]


def test_deterministic_and_anchors_stable(project):
    docs = project / "build" / "docs"
    generate(project)
    first = snapshot(docs)
    shutil.rmtree(docs)
    generate(project)
    assert snapshot(docs) == first
    before = anchors(docs)
    (project / "content/articles/new.md").write_text(
        "---\ntitle: New\ndate: 2020-03-02\nsource: X\nurl: https://example.org/n\n---\n"
        "Shelling killed four civilians in Ariha on Monday.\n")
    generate(project)
    after = anchors(docs)
    assert before < after


def test_bad_files_do_not_stop_the_build(project):
    arts = project / "content/articles"
    (arts / "broken $(rm -rf) name.md").write_text("---\ntitle: [oops\n---\nText")
    (arts / "binary.txt").write_bytes(b"\x00\x01\x02")
    (arts / "undated.txt").write_text("Fighting continued, officials said.")
    report = generate(project)
    paths = {p.path for p in report.problems}
    assert "content/articles/broken $(rm -rf) name.md" in paths and "content/articles/binary.txt" in paths
    assert (project / "build/docs/undated.md").read_text().count("undated.txt") == 1
    assert (project / "build/docs/2020/03/01/index.md").is_file()


def test_cache_skips_unchanged_articles_and_jobs_do_not_change_output(project):
    docs = project / "build" / "docs"
    first = generate(project, jobs=1)
    assert first.cached == 0
    pages = snapshot(docs)
    again = generate(project, jobs=1)
    assert again.cached == again.articles == first.articles and again.written == 0
    (project / "content/articles/new.md").write_text("---\ntitle: N\ndate: 2020-03-02\n---\n"
                                                     "Shelling killed four civilians in Ariha on Monday.\n")
    assert generate(project, jobs=1).cached == first.articles
    # the project moved, or named by a relative path: the cache still holds
    moved = project.parent / "moved"
    shutil.move(project, moved)
    with contextlib.chdir(moved):
        assert generate(Path("."), jobs=1).cached == first.articles + 1
    shutil.move(moved, project)
    # a configuration change invalidates every cached extraction
    places = project / "site_config/places.yaml"
    places.write_text(places.read_text() + "\n")
    assert generate(project, jobs=1).cached == 0
    (project / "content/articles/new.md").unlink()
    shutil.rmtree(docs)
    generate(project, jobs=2, cache=False)
    assert snapshot(docs) == pages


def test_large_sites_search_with_pagefind(project):
    """`search: pagefind` (or `auto` on a large site): Pagefind's index instead of Material's."""
    from generator.pipeline import search_engine
    assert search_engine("auto", 50) == "material" and search_engine("auto", 50_000) == "pagefind"
    site_yaml = project / "site_config/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "\nsearch: pagefind\n")
    generate(project)
    build_site(project)
    site = project / "site"
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert not (site / "search" / "search_index.json").exists()
    assert 'id="tl-search"' in (site / "search" / "index.html").read_text()
    day = (site / "2020/03/01/index.html").read_text()
    assert 'class="tl-find"' in day          # a search box on every page
    # one Pagefind record per event (render/search.py)
    records = [line for p in (project / "build/docs/.search").glob("*.jsonl") for line in p.read_text().splitlines()]
    assert len(records) == len(collect(project).events)


def test_search_index_started_before_rendering_is_the_index_built_after(tmp_path):
    """`timeline build` starts Pagefind on the merged events while the pages are rendered
    (export/site.index_events): the same index as one built from the written records."""
    from generator.cli import main
    from tests.conftest import make_project
    indexes = {}
    for how in ("early", "after"):
        project = make_project(tmp_path / how)
        site_yaml = project / "site_config/site.yaml"
        site_yaml.write_text(site_yaml.read_text() + "\nsearch: pagefind\n")
        if how == "early":
            assert main(["--root", str(project), "build"]) == 0
        else:
            generate(project)
            build_site(project)
        indexes[how] = snapshot(project / "site" / "pagefind")
        assert not (project / "build" / ".pagefind.tmp").exists()
    assert indexes["early"] == indexes["after"]
    assert not any(name.startswith("fragment/") for name in indexes["early"])     # cards instead (export/pagefind.py)
    cards = [c for name, data in indexes["early"].items() if name.startswith("cards/")
             for c in json.loads(gzip.decompress(data))]
    assert [c[4] for c in cards] == [record(e)["url"] for e in collect(project).events]


def test_pagefind_index_is_byte_identical_from_build_to_build(tmp_path):
    """Pagefind lists filter values in a hash map's order, different from run to run;
    export/pagefind.settled sorts them, so the same records give the same files."""
    from generator.export.pagefind import write_index
    records = [{"url": f"/e{i}/", "content": f"shelling in town {i}", "meta": {"title": f"E{i}"},
                "filters": {"place": [f"Town {i % 7}", "Country"], "type": [f"Type {i % 5}"]}} for i in range(40)]
    builds = []
    for n in range(3):
        write_index([("2020", records)], tmp_path / str(n))
        builds.append(snapshot(tmp_path / str(n)))
    assert builds[0] == builds[1] == builds[2]
    assert "pagefind.js" in builds[0] and any(name.startswith("filter/") for name in builds[0])
    assert not any("-ui." in name for name in builds[0])        # the ready-made interfaces are not used
    assert json.loads(builds[0]["bundles.json"])["merge"] == []     # one bundle: nothing to merge


def test_pagefind_bundles_years_and_cards_its_records_in_date_order(tmp_path):
    """Years are indexed in bundles (whole years, closed at `size` records): the newest is the
    main index, the others are folders the search page merges, with no engine of their own.
    Each record is named after its place in the date order of all bundles and its card file,
    which holds what a result shows (Pagefind's own fragments are not kept)."""
    from generator.export.pagefind import CARD, _load, write_index
    years = [(str(y), [{"url": f"/{y}/{i}/", "content": f"flood in town {i} in {y}", "meta": {"title": f"{y}-{i}"},
                        "filters": {"year": [str(y)]}} for i in range(n)]) for y, n in ((2018, 3), (2019, 4), (2020, 2), (2021, 40), (2022, 1))]
    assert write_index(years, tmp_path, size=5) == 50
    bundles = json.loads((tmp_path / "bundles.json").read_text())
    # 2018-2019 (7 records); 2020-2021 (42), the newest bundle, with 2022's one record, too few to stand alone
    assert bundles == {"merge": ["2018/"], "card": CARD}
    assert (tmp_path / "pagefind.js").is_file() and (tmp_path / "wasm.en.pagefind").is_file()
    assert not any((tmp_path / b / "pagefind.js").exists() or list((tmp_path / b).glob("wasm.*")) for b in bundles["merge"])
    assert not list(tmp_path.rglob("*.pf_fragment"))
    names = []
    for b in [tmp_path / m for m in bundles["merge"]] + [tmp_path]:
        entry = json.loads((b / "pagefind-entry.json").read_text())
        names += [name for name, _ in _load((b / f"pagefind.{entry['languages']['en']['hash']}.pf_meta").read_bytes())[1]]
    assert names == sorted(names) and len(set(names)) == 50
    # the search page's way from a name to its card (theme/assets/search.js)
    links = []
    for name in names:
        at, tag = int(name[3:10], 16), name[10:]
        cards = json.loads(gzip.decompress((tmp_path / "cards" / f"{at // CARD:05x}{tag}.tl_cards").read_bytes()))
        links.append(cards[at % CARD][4])
    assert links == [r["url"] for _, rs in years for r in rs]


def test_grouped_article_pages_build_without_broken_links(project):
    from tests.sitecheck import broken_links
    site_yaml = project / "site_config/site.yaml"
    site_yaml.write_text(site_yaml.read_text() + "\narticle_pages: monthly\n")
    generate(project)
    build_site(project)
    site = project / "site"
    assert (site / "articles/2020/03/index.html").is_file() and not (site / "articles/idleb-2020-03-01").exists()
    assert broken_links(site) == []


def _day_parts(html: str) -> tuple:
    """What a reader gets from a day page, whitespace aside: title, canonical
    address, table of contents and the page's content."""
    main = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    return (re.search(r"<title>(.*?)</title>", html).group(1),
            re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1),
            re.findall(r'<a href="(#[^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>', html),
            re.sub(r"\n\s*", "\n", main))


def test_large_site_day_pages_are_the_pages_mkdocs_would_write(tmp_path, monkeypatch):
    """Large sites fill MkDocs' rendered shell page for each day (export/stamp.py);
    the day pages read the same as MkDocs' own, and the sitemap lists them."""
    from tests.conftest import make_project
    monkeypatch.setenv("SITE_URL", "https://example.org/timeline/")
    sites = {}
    for engine in ("material", "pagefind"):
        project = make_project(tmp_path / engine)
        site_yaml = project / "site_config/site.yaml"
        site_yaml.write_text(site_yaml.read_text() + f"\nsearch: {engine}\n")
        generate(project)
        build_site(project)
        sites[engine] = project / "site"
    days = {engine: sorted(p.relative_to(site).as_posix() for p in site.glob("[0-9]*/[0-9]*/[0-9]*/index.html"))
            for engine, site in sites.items()}
    assert days["material"] and days["material"] == days["pagefind"]
    assert not (project / "build/docs/2020/03/01/index.md").exists()      # not a MkDocs page here
    for day in days["material"]:
        mkdocs_page, filled = (_day_parts((site / day).read_text()) for site in sites.values())
        assert filled == mkdocs_page, day
    assert not (sites["pagefind"] / "_timeline").exists()
    locs = {e: set(re.findall(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text())) for e, site in sites.items()}
    assert "https://example.org/timeline/2020/03/01/" in locs["pagefind"]
    assert locs["pagefind"] - {"https://example.org/timeline/search/"} == locs["material"]


def test_builds_in_separate_processes_are_byte_identical(tmp_path):
    """Each Python process hashes strings differently (PYTHONHASHSEED): no page may depend
    on the order of a set, not even through the last digits of a sum of merge weights."""
    import os
    import subprocess
    import sys
    from tests.conftest import make_project
    snapshots = []
    for seed in ("1", "2"):
        project = make_project(tmp_path / seed)
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                        "from generator.pipeline import generate; generate(Path(sys.argv[1]), jobs=2)", str(project)],
                       cwd=tmp_path, check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        snapshots.append(snapshot(project / "build" / "docs"))
    assert snapshots[0] == snapshots[1]


def test_unchanged_articles_are_not_even_read_again(project, monkeypatch):
    """The cache remembers each file's size, time and inode: an unchanged file is
    neither read nor hashed; one rewritten with the same size is read again."""
    import builtins
    import os
    import time
    articles = project / "content/articles"
    settled = time.time() - 60           # older than the cache's racy-write window
    for p in articles.iterdir():
        os.utime(p, (settled, settled))
    generate(project)
    reads = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda file, *a, **k: reads.append(Path(file)) or real_open(file, *a, **k))
    again = generate(project)
    assert again.cached == again.articles and not [p for p in reads if articles in p.parents]
    seed = articles / "idleb-2020-03-01.txt"
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("Sunday", "Monday", 1), encoding="utf-8")     # same size
    os.utime(seed, (settled + 5, settled + 5))
    third = generate(project)
    assert seed in reads and third.cached == third.articles - 1
