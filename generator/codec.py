"""Dataclasses to JSON data and back, checked against their type hints.

The extraction cache was a pickle: whoever could write it ran code in the next
build. Its entries are now plain JSON (a dataclass is the list of its field
values, a date an ISO string), and reading one back builds only the dataclasses
the type hints name, from values of exactly the hinted types; anything else
raises Invalid, and the entry is not used.

Equal values decoded share one object: a session holds every article's
extraction, and what events say (a place, a date, an outlet, a type, actors)
thousands of them say alike. Shared are short strings, frozen dataclasses of
scalar fields (Place, DateSpan) and tuples of such values, across all entries;
longer strings within one entry. Never a larger dataclass: an Event is told
apart from an equal one (it keeps derived values on itself: model.kept).
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
    decode = _decoder(tp)
    return lambda data: decode(data, {})


def _decoder(tp) -> Callable[[Any, dict], Any]:
    # the decoders within take the strings of the entry decoded so far (_string)
    if tp not in _DECODERS:
        _DECODERS[tp] = lambda data, entry: real(data, entry)     # stands in while a recursive type is built
        real = _build(tp)
        _DECODERS[tp] = real
    return _DECODERS[tp]


# Strings up to this long (names, types, statuses, dates' words) are shared by every
# entry; a longer one only within its entry: an article's address is written in each of
# its events, and a table of every title and quote would cost more than it saves. The
# tables (this one, and each shared type's) only grow: in a session, by what edits bring.
SHORT = 64
_STRINGS: dict[str, str] = {}


def _string(s: str, entry: dict) -> str:
    return (_STRINGS if len(s) <= SHORT else entry).setdefault(s, s)


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
        def plain(data, entry):
            if type(data) not in kinds:
                raise Invalid(f"expected {tp}, found {type(data).__name__}")
            return _string(data, entry) if type(data) is str else data
        return plain
    if tp is float:
        def number(data, entry):
            if type(data) not in (int, float):
                raise Invalid(f"expected a number, found {type(data).__name__}")
            return float(data)
        return number
    if tp is date:
        def as_date(data, entry):
            if type(data) is not str:
                raise Invalid("expected a date")
            try:
                return date.fromisoformat(data)
            except ValueError as exc:
                raise Invalid(str(exc)) from None
        return as_date
    if origin in (typing.Union, types.UnionType):
        if type(None) in args and len(args) == 2:        # Optional: the common case, no trial and error
            inner = _decoder(next(a for a in args if a is not type(None)))
            return lambda data, entry: None if data is None else inner(data, entry)
        choices = [_decoder(a) for a in args]
        def either(data, entry):
            for choice in choices:
                try:
                    return choice(data, entry)
                except Invalid:
                    continue
            raise Invalid(f"expected {tp}")
        return either
    if origin is tuple:
        table = {} if _shared(tp) else None     # equal tuples: one of them
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            def items(data, entry):
                if type(data) is not list:
                    raise Invalid("expected a list")
                value = tuple([item(x, entry) for x in data])
                return value if table is None else table.setdefault(value, value)
            return items
        each = [_decoder(a) for a in args]
        def fixed(data, entry):
            if type(data) is not list or len(data) != len(each):
                raise Invalid(f"expected a list of {len(each)}")
            value = tuple([d(x, entry) for d, x in zip(each, data)])
            return value if table is None else table.setdefault(value, value)
        return fixed
    if dataclasses.is_dataclass(tp):
        fields = [f for f in dataclasses.fields(tp) if f.init]
        # names resolved in the module, not the class: Article's field `date` is not the type
        module = vars(sys.modules[tp.__module__])
        hints = typing.get_type_hints(tp, module, module)
        # a plain field is only type-checked; the others are decoded
        parts = [(_plain(hints[f.name]), None if _plain(hints[f.name]) else _decoder(hints[f.name])) for f in fields]
        count = len(parts)
        names = [f.name for f in fields]
        check = getattr(tp, "__post_init__", None)
        table = {} if _shared(tp) else None     # field values -> the instance made of them

        def instance(data, entry):
            if type(data) is not list or len(data) != count:
                raise Invalid(f"expected {tp.__name__} as a list of {count} fields")
            values = []
            for (kinds, decode), x in zip(parts, data):
                if decode is not None:
                    x = decode(x, entry)
                elif type(x) not in kinds:
                    raise Invalid(f"{tp.__name__}: expected {kinds}, found {type(x).__name__}")
                elif type(x) is str:        # _string, written out: most strings are fields
                    x = (_STRINGS if len(x) <= SHORT else entry).setdefault(x, x)
                values.append(x)
            if table is not None:
                key = tuple(values)
                obj = table.get(key)
                if obj is not None:
                    return obj
            # filled as pickle would (a frozen dataclass's __init__ is slow), then its own checks run
            obj = object.__new__(tp)
            obj.__dict__.update(zip(names, values))
            if check is not None:
                try:
                    check(obj)
                except (TypeError, ValueError) as exc:       # DateSpan: an interval that ends before it starts
                    raise Invalid(f"{tp.__name__}: {exc}") from None
            if table is not None:
                table[key] = obj
            return obj
        return instance
    raise TypeError(f"no decoder for {tp!r}")


def _scalar(tp) -> bool:
    """str, int, float, bool, None, date or a union of them."""
    if tp in (float, date) or _plain(tp) is not None:
        return True
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and all(map(_scalar, typing.get_args(tp)))


def _shared(tp) -> bool:
    """Whether equal decoded values of `tp` are one object: a frozen dataclass whose
    fields are all scalars, or a tuple of scalars and such values."""
    if dataclasses.is_dataclass(tp):
        module = vars(sys.modules[tp.__module__])
        hints = typing.get_type_hints(tp, module, module)
        return tp.__dataclass_params__.frozen and all(_scalar(hints[f.name]) for f in dataclasses.fields(tp))
    if typing.get_origin(tp) is tuple:
        return all(a is Ellipsis or _scalar(a) or _shared(a) for a in typing.get_args(tp))
    return False
