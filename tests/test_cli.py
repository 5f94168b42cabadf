import json
import subprocess
import sys

from tests.conftest import ROOT, SEED


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_extract_json_contract():
    out = run("extract", "--json", str(SEED))
    assert out.returncode == 0, out.stderr
    [article] = json.loads(out.stdout)["articles"]
    assert (article["date"], article["date_source"]) == ("2020-03-01", "inferred")
    event = next(e for e in article["events"] if "drone strikes" in e["quote"])
    assert event["date"] == {"value": "2020-03-01", "start": "2020-03-01", "end": "2020-03-01",
                             "precision": "day", "text": "Sunday"}
    assert {"id", "title", "status", "places", "actors", "type", "fatalities", "claimed_by"} <= set(event)
    assert event["places"][0]["lat"] is not None


def test_check_reports_problems_with_file_and_line(project):
    (project / "content/articles/bad.md").write_text("---\ntitle: x\ndate: 2020-02-30\n---\nShelling hit Ariha on Monday.\n")
    (project / "content/events/broken.yaml").write_text("- title: [unclosed\n")
    out = run("--root", str(project), "check")
    assert out.returncode == 1
    assert "articles/bad.md:3: error:" in out.stdout and "2020-02-30" in out.stdout
    assert "events/broken.yaml:" in out.stdout
    assert "inferred" in out.stdout   # the seed's date is flagged as inferred
