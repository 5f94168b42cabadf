"""The `timeline` MkDocs plugin (`plugins: [search, timeline]` in mkdocs.yml).

A plugin is installed with the tool, so a project needs no copy of the tool's
files: the events it handles are the functions named `on_*` in mkdocs_hooks.py.
"""
from __future__ import annotations

from mkdocs.plugins import BasePlugin

from . import mkdocs_hooks

TimelinePlugin = type("TimelinePlugin", (BasePlugin,), {
    name: staticmethod(fn) for name, fn in vars(mkdocs_hooks).items()
    if name.startswith("on_") and callable(fn)})
TimelinePlugin.__doc__ = "MkDocs events of the timeline generator (see mkdocs_hooks)."
