from datetime import date

from generator.ingest import read_article


def read(tmp_path, name, data):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode())
    return read_article(p, tmp_path)


def test_markdown_front_matter(tmp_path):
    a, problems = read(tmp_path, "a.md", "---\ntitle: T\ndate: 2020-03-01\nsource: S\nurl: https://x.org\ntags: [a, b]\n---\nBody.\n")
    assert (a.title, a.date, a.date_source, a.source, a.tags, a.body) == ("T", date(2020, 3, 1), "metadata", "S", ("a", "b"), "Body.")
    assert not problems


def test_broken_front_matter_names_file_and_line(tmp_path):
    a, [p] = read(tmp_path, "bad.md", "---\ntitle: T\ndate: [unclosed\n---\nBody\n")
    assert a is None and p.path == "bad.md" and p.line and "YAML" in p.message


def test_impossible_date_is_reported_and_article_kept(tmp_path):
    a, [p] = read(tmp_path, "x.md", "---\ntitle: T\ndate: 2020-02-30\n---\nBody\n")
    assert a is not None and a.date is None and p.line == 3 and "2020-02-30" in p.message


def test_empty_binary_and_wrong_encoding(tmp_path):
    assert read(tmp_path, "e.txt", "  \n")[1][0].message == "empty file"
    assert "binary" in read(tmp_path, "b.txt", b"\x89PNG\x00\x00")[1][0].message
    a, [p] = read(tmp_path, "w.txt", "Caf\xe9 bombed on Sunday".encode("cp1252"))
    assert a.body.startswith("Café") and p.severity == "warning"


def test_html_main_text_without_scripts_or_chrome(tmp_path):
    a, _ = read(tmp_path, "p.html", "<html><head><title>T</title><script>alert(1)</script></head><body>"
                "<nav>Menu</nav><article><p>First para.</p><p>Second.</p></article><footer>F</footer></body></html>")
    assert a.title == "T" and a.body == "First para.\n\nSecond." and "alert" not in a.body
