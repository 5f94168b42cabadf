from generator.export.minify import collapse_whitespace
from tests.sitecheck import parse


def test_indentation_goes_but_text_and_whitespace_that_matters_stay(tmp_path):
    page = ("<ul>\n    <li>\n      <a href='x'>One</a>\n      two\n    </li>\n</ul>\n"
            "<pre>  keep\n    this</pre>\n  <script>\n  var s = 'a\n  b';\n</script>\n"
            "<textarea>\n  typed</textarea>  <p>a  b\tc</p>\n")
    out = collapse_whitespace(page)
    assert "<ul>\n<li>\n<a href='x'>One</a>\ntwo\n</li>\n</ul>\n" in out
    assert "<pre>  keep\n    this</pre>" in out and "<script>\n  var s = 'a\n  b';\n</script>" in out
    assert "<textarea>\n  typed</textarea>" in out and "<p>a  b\tc</p>" in out    # no line break: left alone
    assert len(out) < len(page)
    for name, text in (("before.html", page), ("after.html", out)):
        (tmp_path / name).write_text(text)
    assert parse(tmp_path / "before.html").links == parse(tmp_path / "after.html").links
