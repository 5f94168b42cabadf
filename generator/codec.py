"""Dataclasses to JSON data and back, checked against their type hints.

The extraction cache was a pickle: whoever could write it ran code in the next
build. Its entries are now plain JSON (a dataclass is the list of its field
values, a date an ISO string), and reading one back builds only the dataclasses
the type hints name, from values of exactly the hinted types; anything else
raises Invalid, and the entry is not used.
"""
from __future__ import annotations

import dataclasses
import operator
import sys
import types
import typing
from datetime import date
from typing import Any, Callable


class Invalid(ValueError):
    """Data that is not an encoding of the expected type."""


# Values that are their own encoding, by exact type (a subclass goes the slow way below)
_ATOMS = frozenset({str, int, float, bool, type(None)})
# type -> its encoder, made on first sight: a decade's extractions are millions of values,
# and asking dataclasses.fields() for each was most of the time a build spent encoding
_ENCODERS: dict[type, Callable] = {}


def encode(value) -> Any:
    """JSON-ready data: dataclasses as lists of their fields, dates as strings, tuples as lists."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    encoder = _ENCODERS.get(kind)
    if encoder is None:
        encoder = _ENCODERS[kind] = _encoder(kind)
    return encoder(value)


def _items(values) -> list:
    return [v if type(v) in _ATOMS else encode(v) for v in values]


def _encoder(kind: type) -> Callable:
    if dataclasses.is_dataclass(kind):
        names = [f.name for f in dataclasses.fields(kind)]
        if not names:
            return lambda value: []
        if len(names) == 1:          # attrgetter of one name gives the value, not a tuple
            return lambda value: _items((getattr(value, names[0]),))
        fields = operator.attrgetter(*names)
        return lambda value: _items(fields(value))
    if issubclass(kind, (tuple, list)):
        return _items
    if issubclass(kind, date):
        return kind.isoformat
    if issubclass(kind, (str, int, float, bool)):
        return lambda value: value
    raise TypeError(f"cannot encode {kind.__name__}")


_DECODERS: dict[Any, Callable] = {}


def decoder(tp) -> Callable[[Any], Any]:
    """A function from JSON data to a value of type `tp` (raises Invalid)."""
    if tp not in _DECODERS:
        _DECODERS[tp] = lambda data: real(data)     # stands in while a recursive type is built
        real = _build(tp)
        _DECODERS[tp] = real
    return _DECODERS[tp]


# Plain JSON values: each type's accepted JSON types (checked without a call, see _fields)
_PLAIN = {type(None): (type(None),), str: (str,), bool: (bool,), int: (int,)}


def _plain(tp) -> tuple | None:
    """The JSON types standing for `tp` as they are, if it is plain (str, int, bool,
    None or a union of them), else None."""
    if tp in _PLAIN:
        return _PLAIN[tp]
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        kinds = [_plain(a) for a in typing.get_args(tp)]
        if all(kinds):
            return tuple(k for ks in kinds for k in ks)
    return None


def _build(tp) -> Callable:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    kinds = _plain(tp)
    if kinds is not None:
        def plain(data):
            if type(data) not in kinds:
                raise Invalid(f"expected {tp}, found {type(data).__name__}")
            return data
        return plain
    if tp is float:
        def number(data):
            if type(data) not in (int, float):
                raise Invalid(f"expected a number, found {type(data).__name__}")
            return float(data)
        return number
    if tp is date:
        def as_date(data):
            if type(data) is not str:
                raise Invalid("expected a date")
            try:
                return date.fromisoformat(data)
            except ValueError as exc:
                raise Invalid(str(exc)) from None
        return as_date
    if origin in (typing.Union, types.UnionType):
        if type(None) in args and len(args) == 2:        # Optional: the common case, no trial and error
            inner = decoder(next(a for a in args if a is not type(None)))
            return lambda data: None if data is None else inner(data)
        choices = [decoder(a) for a in args]
        def either(data):
            for choice in choices:
                try:
                    return choice(data)
                except Invalid:
                    continue
            raise Invalid(f"expected {tp}")
        return either
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            item = decoder(args[0])
            def items(data):
                if type(data) is not list:
                    raise Invalid("expected a list")
                return tuple([item(x) for x in data])
            return items
        each = [decoder(a) for a in args]
        def fixed(data):
            if type(data) is not list or len(data) != len(each):
                raise Invalid(f"expected a list of {len(each)}")
            return tuple([d(x) for d, x in zip(each, data)])
        return fixed
    if dataclasses.is_dataclass(tp):
        fields = [f for f in dataclasses.fields(tp) if f.init]
        # names resolved in the module, not the class: Article's field `date` is not the type
        module = vars(sys.modules[tp.__module__])
        hints = typing.get_type_hints(tp, module, module)
        # a plain field is only type-checked; the others are decoded
        parts = [(_plain(hints[f.name]), None if _plain(hints[f.name]) else decoder(hints[f.name])) for f in fields]
        count = len(parts)
        names = [f.name for f in fields]
        check = getattr(tp, "__post_init__", None)

        def instance(data):
            if type(data) is not list or len(data) != count:
                raise Invalid(f"expected {tp.__name__} as a list of {count} fields")
            values = []
            for (kinds, decode), x in zip(parts, data):
                if decode is not None:
                    values.append(decode(x))
                elif type(x) in kinds:
                    values.append(x)
                else:
                    raise Invalid(f"{tp.__name__}: expected {kinds}, found {type(x).__name__}")
            # filled as pickle would (a frozen dataclass's __init__ is slow), then its own checks run
            obj = object.__new__(tp)
            obj.__dict__.update(zip(names, values))
            if check is not None:
                try:
                    check(obj)
                except (TypeError, ValueError) as exc:       # DateSpan: an interval that ends before it starts
                    raise Invalid(f"{tp.__name__}: {exc}") from None
            return obj
        return instance
    raise TypeError(f"no decoder for {tp!r}")
