"""Temporal tagging: find date expressions and resolve them to intervals."""
from .engine import Settings, Tagger, Timex, tag, tagger, timex3

__all__ = ["Settings", "Tagger", "Timex", "tag", "tagger", "timex3"]
