"""The records figure rules read and produce: a number as read, a candidate figure, the site a rule is
tried at, the decision it makes, and the `Figure` the extractor returns."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pipeline.vocabulary import BlockKind, ChangeRole, FigureKind


@dataclass(frozen=True, slots=True)
class Figure:
    """One numeric fact; offsets index the article text the Doc was built from."""

    start_char: int
    end_char: int
    surface: str
    value: float | None
    unit: str | None
    kind: FigureKind
    qualifier: str | None
    block_kind: BlockKind
    value_max: float | None = None
    date: str | None = None
    #: `change`, `new` or `old` when the figure is part of a change; `group` links the parts.
    role: ChangeRole | None = None
    group: int | None = None
    #: A date's month and day as written (`June 24`: 6, 24), its year in `value` when known.
    month: int | None = None
    day: int | None = None
    #: A score's other side (`won 7-6`: `value` 7, `value_other` 6).
    value_other: float | None = None


@dataclass(slots=True)
class Number:
    """A number read from tokens `start:end` (currency symbol included, qualifier not)."""

    start: int
    end: int
    value: float
    currency: str | None = None
    percent: str | None = None
    spelled: bool = False
    plain: str | None = None  # the digits when written as one bare integer token (`2019`, `0800`)
    suffix: str | None = None  # a unit written onto the digits (`10km`) or `s` of a decade
    scale_abbreviation: str | None = None
    ordinal: bool = False
    #: The scale applied to the digits (`bn`, `billion`: 1e9), so a range written once carries it (`$40-50
    #: billion`).
    scale: float = 1.0


@dataclass(slots=True)
class Candidate:
    """A figure before it is placed in its block: token span plus the fields."""

    start: int
    end: int
    kind: FigureKind
    value: float | None
    unit: str | None = None
    qualifier: str | None = None
    value_max: float | None = None
    date: str | None = None
    anchor: int | None = None  # the token that links the figure into the parse, for changes
    bare: bool = False  # a count with no counted noun: kept only when large or part of a change
    value_other: float | None = None  # a score's other side
    month: int | None = None  # a date's month and day, as written
    day: int | None = None


#: What a rule decides at a site: the figure (None: what stands there is not a figure) and the first token
#: the search goes on from.
Outcome = tuple[Candidate | None, int]


def through_end(candidate: Candidate | None) -> Outcome | None:
    """A rule's figure, the search going on after it; or the rule's declining when it found none."""
    return (candidate, candidate.end) if candidate is not None else None


class Site:
    """Where a figure may start: token `i` of `sentence`, with the publication date (to resolve relative
    dates) and the figure found just before in the sentence, if any."""

    __slots__ = ("doc", "i", "previous", "published", "sentence")

    def __init__(
        self,
        doc: Doc,
        i: int,
        sentence: Span,
        published: datetime.date | None,
        previous: Candidate | None,
    ) -> None:
        self.doc = doc
        self.i = i
        self.sentence = sentence
        self.published = published
        self.previous = previous

    @property
    def token(self) -> Token:
        return self.doc[self.i]


class NumberSite(Site):
    """A site where a number was read. What several rules look up about it (the other end of a range, the
    noun it counts) is found once, when a rule first asks, and kept in `memo`."""

    __slots__ = ("memo", "number")

    def __init__(self, site: Site, number: Number) -> None:
        super().__init__(site.doc, site.i, site.sentence, site.published, site.previous)
        self.number = number
        self.memo: dict[str, object] = {}

    def classified(self, candidate: Candidate) -> Outcome:
        """A kind decided for the number: the search goes on after both."""
        return candidate, max(self.number.end, candidate.end)

    def refused(self) -> Outcome:
        """The number is not a figure: the search goes on after it."""
        return None, self.number.end


@dataclass(slots=True)
class Decision:
    """What one rule decided at one site, and the figure it became (None when refused, or dropped
    afterwards: outside the article's editorial blocks, or a small bare count)."""

    rule: str
    site: int
    candidate: Candidate | None
    resume: int
    figure: Figure | None = None
    #: The rule that linked the figure into a change, if one did.
    link_rule: str | None = None
