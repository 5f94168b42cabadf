"""The one YAML loader for user files.

Dates stay strings (PyYAML would raise on 2020-02-30 before we could report
it with a file and line), and alias expansion is capped against alias bombs.
"""
from __future__ import annotations

import yaml

MAX_ALIASES = 1000


class _Loader(yaml.SafeLoader):
    _aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                event = self.peek_event()
                raise yaml.YAMLError(f"more than {MAX_ALIASES} aliases (line {event.start_mark.line + 1}): refusing to expand")
        return super().compose_node(parent, index)


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load(text: str):
    return yaml.load(text, Loader=_Loader)
