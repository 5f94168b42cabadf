"""A local stand-in for GitHub Pages (the one `timeline preview` uses): the site
under a project subpath (/REPO/), and 404.html with status 404 for any missing address."""
from generator.export.preview import PagesServer as _PagesServer


def PagesServer(site, prefix: str = "/timeline/", port: int = 0):
    return _PagesServer(site, prefix, port)
