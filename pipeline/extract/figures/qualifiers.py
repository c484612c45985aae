"""Words before a figure that bound or soften it (`more than`, `about`, `up to`), or after it (`or more`),
reported under one canonical name per meaning and kept in the figure's surface."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from pipeline.extract.figures.lexicon import CANONICAL_QUALIFIERS, QUALIFIERS, TRAILING_QUALIFIERS
from pipeline.extract.figures.records import Candidate


def _qualifier_before(doc: Doc, start: int, sentence: Span) -> tuple[str | None, int]:
    """The qualifier phrase ending right before token `start`, and where it begins."""
    for phrase in QUALIFIERS:
        first = start - len(phrase)
        if first < sentence.start:
            continue
        if all(doc[first + k].lower_ == word for k, word in enumerate(phrase)):
            written = " ".join(phrase)
            return CANONICAL_QUALIFIERS.get(written, written), first
    return None, start


def attach_qualifier(doc: Doc, candidate: Candidate, sentence: Span, found: Sequence[Candidate]) -> None:
    if candidate.kind in ("year", "date", "score", "ordinal") or candidate.value_max is not None:
        return
    qualifier, start = _qualifier_before(doc, candidate.start, sentence)
    # `£960m over 15 years` spreads an amount across a period: `over` is a preposition there.
    spread = (
        candidate.kind == "duration"
        and qualifier in ("over", "under")
        and bool(found)
        and found[-1].end == start
    )
    if qualifier is not None and not spread:
        candidate.qualifier, candidate.start = qualifier, start
    elif qualifier is None:
        after = _qualifier_after(doc, candidate.end, sentence)  # `$50 or more`, `10% or greater`
        if after is not None:
            candidate.qualifier, candidate.end = after


def _qualifier_after(doc: Doc, end: int, sentence: Span) -> tuple[str, int] | None:
    """A bound written after the figure (`or more`, `or greater`, `and up`), and where it ends."""
    for phrase, canonical in TRAILING_QUALIFIERS.items():
        stop = end + len(phrase)
        if stop <= sentence.end and all(doc[end + k].lower_ == word for k, word in enumerate(phrase)):
            return canonical, stop
    return None
