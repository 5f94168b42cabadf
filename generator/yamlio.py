"""The one YAML loader for user files.

Dates stay strings (PyYAML would raise on 2020-02-30 before we could report
it with a file and line), and alias expansion is capped against alias bombs.
"""
from __future__ import annotations

import yaml

MAX_ALIASES = 1000
# What the document would hold with every alias expanded; a few nested
# aliases can otherwise stand for billions of values (the "billion laughs").
MAX_EXPANDED_NODES = 100_000


def _size(node, memo: dict) -> int:
    key = id(node)
    if key not in memo:
        memo[key] = 1   # guards against recursive structures
        if isinstance(node, yaml.SequenceNode):
            memo[key] = 1 + sum(_size(n, memo) for n in node.value)
        elif isinstance(node, yaml.MappingNode):
            memo[key] = 1 + sum(_size(k, memo) + _size(v, memo) for k, v in node.value)
    return memo[key]


class _Loader(yaml.SafeLoader):
    _aliases = 0
    _expanded = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            self._aliases += 1
            target = self.anchors.get(event.anchor)
            self._expanded += _size(target, self.__dict__.setdefault("_memo", {})) if target is not None else 0
            if self._aliases > MAX_ALIASES or self._expanded > MAX_EXPANDED_NODES:
                raise yaml.YAMLError(f"line {event.start_mark.line + 1}: too many aliases (expanded, the document "
                                     f"would exceed {MAX_EXPANDED_NODES:,} values): refusing to expand")
        return super().compose_node(parent, index)


_NO_TIMESTAMPS = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.yaml_implicit_resolvers = _NO_TIMESTAMPS

# libyaml parses ten times faster (it matters for thousands of front
# matters) but cannot count aliases as they are composed: it is used only
# for text without anchors or aliases, which then cannot be a bomb.
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers = _NO_TIMESTAMPS
else:
    _FastLoader = None


def _loader(text: str):
    return _FastLoader if _FastLoader and "&" not in text and "*" not in text else _Loader


def load(text: str):
    return yaml.load(text, Loader=_loader(text))


def load_with_lines(text: str):
    """(data, node): the node tree keeps each value's line for error messages."""
    loader = _loader(text)(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return data, node


def child_lines(node) -> dict:
    """Line (1-based) of each item of a mapping (by key) or sequence (by index)."""
    if isinstance(node, yaml.MappingNode):
        return {k.value: k.start_mark.line + 1 for k, _ in node.value}
    if isinstance(node, yaml.SequenceNode):
        return {i: n.start_mark.line + 1 for i, n in enumerate(node.value)}
    return {}


def child(node, key):
    """The node under a mapping key, or None."""
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if k.value == key), None)
    return None


def error_line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else None


def read_file(path, rel: str):
    """(data, node, problems) of a user's YAML file; never raises for bad content.

    `rel` names the file in messages; problems carry the line when known.
    """
    from .model import Problem
    try:
        data, node = load_with_lines(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return None, None, [Problem(rel, error_line(exc), f"broken YAML: {getattr(exc, 'problem', None) or exc}")]
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[:exc.start].count(b"\n") + 1
        return None, None, [Problem(rel, line, "not valid UTF-8; save the file as UTF-8")]
    return data, node, []
