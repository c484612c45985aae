"""The discourse model of one article: its people and organisations (referents), what the article states
about each (roles, ages, sex, what kind of organisation), and references to them resolved with their
evidence (`resolve.py`). Quote speakers use it; every word list is in `lexicon.py`."""

from pipeline.extract.discourse.model import Discourse, Referent, Role
from pipeline.extract.discourse.resolve import Link, Reference, compatible

__all__ = ["Discourse", "Link", "Reference", "Referent", "Role", "compatible"]
