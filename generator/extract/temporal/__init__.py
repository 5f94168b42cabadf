"""Temporal tagging: find date expressions and resolve them to intervals."""
from .engine import Settings, Tagger, Timex, tag, tagger

__all__ = ["Settings", "Tagger", "Timex", "tag", "tagger"]
