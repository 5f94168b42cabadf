"""`timeline deploy` pushes the built site to the gh-pages branch of origin."""
import os
import subprocess
import sys

from tests.conftest import ROOT


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def test_deploy_pushes_the_site_to_gh_pages(project, tmp_path_factory):
    remote = tmp_path_factory.mktemp("remote")
    git("init", "--bare", "-q", str(remote), cwd=remote)
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    git("init", "-q", "-b", "main", cwd=project)
    git("add", "-A", cwd=project)
    subprocess.run(["git", "commit", "-qm", "site"], cwd=project, env=env, check=True)
    git("remote", "add", "origin", str(remote), cwd=project)
    run = subprocess.run([sys.executable, "-m", "generator.cli", "--root", str(project), "deploy", "-m", "publish"],
                         cwd=tmp_path_factory.mktemp("elsewhere"), env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
    assert {"index.html", "404.html", "2020/03/01/index.html", ".nojekyll", "days.json"} <= set(files)
    assert "publish" in git("log", "-1", "--format=%s", "gh-pages", cwd=remote)
