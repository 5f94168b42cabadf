"""The one YAML loader for user files.

Dates stay strings (PyYAML would raise on 2020-02-30 before we could report
it with a file and line), and alias expansion is capped against alias bombs.
"""
from __future__ import annotations

import yaml

MAX_ALIASES = 1000
# What the document would hold with every alias expanded; a few nested
# aliases can otherwise stand for billions of values (the "billion laughs"),
# and a thousand aliases of one long string for gigabytes of text.
MAX_EXPANDED_NODES = 100_000
MAX_EXPANDED_CHARS = 1_000_000
# Nesting deeper than this is refused: the pure-Python composer recurses per level
# (a few hundred levels end in RecursionError); libyaml stops at 1,000 by itself.
MAX_DEPTH = 100


def _size(node, memo: dict) -> tuple[int, int]:
    """(values, characters) of a node with its aliases expanded."""
    key = id(node)
    if key not in memo:
        memo[key] = (1, 0)   # guards against recursive structures
        if isinstance(node, yaml.SequenceNode):
            parts = [_size(n, memo) for n in node.value]
        elif isinstance(node, yaml.MappingNode):
            parts = [_size(n, memo) for pair in node.value for n in pair]
        else:
            parts = [(0, len(node.value))]
        memo[key] = (1 + sum(p[0] for p in parts), sum(p[1] for p in parts))
    return memo[key]


def _marked(message: str, node_or_event) -> yaml.MarkedYAMLError:
    return yaml.MarkedYAMLError(problem=message, problem_mark=node_or_event.start_mark)


class _Checked:
    """What both loaders' (Python) constructor would let through as a crash."""

    def construct_object(self, node, deep=False):
        # an explicit tag with a value it cannot hold ("!!int abc", "!!timestamp foo",
        # "!!bool maybe") raises ValueError, KeyError or AttributeError inside PyYAML
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError) as exc:
            what = repr(node.value[:40] + ("…" if len(node.value) > 40 else "")) \
                if isinstance(node, yaml.ScalarNode) else "this value"
            raise _marked(f"cannot read {what} as {node.tag.rsplit(':', 1)[-1]}", node) from None

    # A lone surrogate (a "\ud800" escape) is no character: it cannot be written
    # to a page or a terminal. libyaml refuses it; the pure-Python reader does not.
    def construct_scalar(self, node):
        value = super().construct_scalar(node)
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise _marked("text contains an escaped lone surrogate (\\uD800–\\uDFFF), "
                              "which is not a character", node) from None
        return value


class _Loader(_Checked, yaml.SafeLoader):
    _aliases = 0
    _expanded = (0, 0)
    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            self._aliases += 1
            target = self.anchors.get(event.anchor)
            nodes, chars = _size(target, self.__dict__.setdefault("_memo", {})) if target is not None else (0, 0)
            self._expanded = (self._expanded[0] + nodes, self._expanded[1] + chars)
            if (self._aliases > MAX_ALIASES or self._expanded[0] > MAX_EXPANDED_NODES
                    or self._expanded[1] > MAX_EXPANDED_CHARS):
                raise _marked(f"too many aliases (expanded, the document would exceed {MAX_EXPANDED_NODES:,} "
                              f"values or {MAX_EXPANDED_CHARS:,} characters): refusing to expand", event)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _marked(f"nested more than {MAX_DEPTH} levels deep", self.peek_event())
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_NO_TIMESTAMPS = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.yaml_implicit_resolvers = _NO_TIMESTAMPS

# libyaml parses ten times faster (it matters for thousands of front
# matters) but cannot count aliases as they are composed: it is used only
# for text without anchors or aliases, which then cannot be a bomb.
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(_Checked, yaml.CSafeLoader):
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
