"""Unknown field names in what editors write, with the field they probably meant."""
from __future__ import annotations

import difflib


def did_you_mean(word: str, known) -> str:
    """' (did you mean 'title'?)' for a near miss among `known`, else ''."""
    close = difflib.get_close_matches(str(word).lower(), sorted(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def unknown_field(key, known) -> str:
    """The message for a field nobody reads: it is ignored, never silently."""
    return (f"unknown field {str(key)!r} ignored{did_you_mean(key, known)}; "
            f"known fields: {', '.join(sorted(known))}")
