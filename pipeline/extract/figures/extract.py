"""The figure extractor: the rules of `rules.py` tried at every token that may start a figure, sentence by
sentence, then the changes linked and the candidates placed in their blocks."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import replace

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span

from pipeline.article.blocks import Block, BlockIndex
from pipeline.extract.figures.changes import link_changes
from pipeline.extract.figures.counts import fill_elided_units
from pipeline.extract.figures.lexicon import (
    AGE_GROUP,
    CURRENCY_SYMBOLS,
    MIN_BARE_COUNT,
    MONTHS,
    ORDINAL_WORDS,
    RELATIVE_START_WORDS,
    SCALE_ABBREVIATIONS,
    TENS_WORDS,
    UNIT_WORDS,
)
from pipeline.extract.figures.numbers import is_ascending, is_year_like, merge_range, range_of, read_number
from pipeline.extract.figures.qualifiers import attach_qualifier
from pipeline.extract.figures.records import Candidate, Decision, Figure, NumberSite, Site
from pipeline.extract.figures.rules import (
    CHANGE_LINK_RULES,
    CHANGE_LINKERS,
    NUMBER_KIND_RULES,
    NUMBER_SHAPE_RULES,
    NUMBER_WORD_RULES,
    TIME_WORD_RULES,
)
from pipeline.extract.rules import Rule, first_decision
from pipeline.vocabulary import WEEKDAYS


def extract_figures(
    doc: Doc, blocks: Sequence[Block], published: datetime.date | None = None
) -> list[Figure]:
    """Every numeric fact in the article's editorial blocks and captions, in text order."""
    return [d.figure for d in figure_decisions(doc, blocks, published) if d.figure is not None]


def figure_decisions(
    doc: Doc, blocks: Sequence[Block], published: datetime.date | None = None
) -> list[Decision]:
    """Every decision a rule made in the article, in text order, with the figure each became."""
    index = BlockIndex(blocks)
    gates = _start_gates(doc)
    decisions: list[Decision] = []
    for sentence in doc.sents:
        if not index.is_extractable(sentence.start_char) and not any(
            index.is_extractable(t.idx) for t in sentence
        ):
            continue
        decisions.extend(_sentence_decisions(doc, sentence, published, gates))
    kept = [
        d for d in decisions if d.candidate is not None and index.is_extractable(doc[d.candidate.start].idx)
    ]
    candidates = [d.candidate for d in kept if d.candidate is not None]
    links = link_changes(doc, candidates, CHANGE_LINKERS)
    for n, (decision, candidate) in enumerate(zip(kept, candidates, strict=True)):
        if candidate.bare and n not in links and (candidate.value or 0) < MIN_BARE_COUNT:
            continue
        figure = _to_figure(doc, candidate, index)
        if n in links:
            role, group, linker = links[n]
            figure = replace(figure, role=role, group=group)  # type: ignore[arg-type]
            decision.link_rule = CHANGE_LINK_RULES[linker].name
        decision.figure = figure
    return decisions


def _sentence_decisions(
    doc: Doc, sentence: Span, published: datetime.date | None, gates: list[tuple[bool, bool]]
) -> list[Decision]:
    """Left to right, a decision at each token where a rule decides; the search goes on where the decision
    says (past a date, so `6 December 2004` is not read again as two numbers)."""
    found: list[Candidate] = []
    decisions: list[Decision] = []
    i = sentence.start
    while i < sentence.end:
        may_start_number, may_start_date_or_duration = gates[i]
        if not may_start_number and not may_start_date_or_duration:
            i += 1
            continue
        site = Site(doc, i, sentence, published, found[-1] if found else None)
        try:
            decision = _decide(site, may_start_number)
            if decision is not None and decision.candidate is not None:
                attach_qualifier(doc, decision.candidate, sentence, found)
        except (ValueError, IndexError, OverflowError):  # odd text: skip this token, keep the article
            decision = None
        if decision is None:
            i += 1
            continue
        decisions.append(decision)
        if decision.candidate is not None:
            found.append(decision.candidate)
        i = max(decision.resume, i + 1)
    fill_elided_units(doc, found)
    return decisions


def _decide(site: Site, may_start_number: bool) -> Decision | None:
    """The first rule that decides at the site, table by table (see `rules.py`)."""
    decision = _first_decision(TIME_WORD_RULES, site)
    if decision is not None or not may_start_number:
        return decision
    decision = _first_decision(NUMBER_WORD_RULES, site)
    if decision is not None:
        return decision
    number = read_number(site.doc, site.i, site.sentence.end)
    if number is None:
        return None
    number_site = NumberSite(site, number)
    decision = _first_decision(NUMBER_SHAPE_RULES, number_site)
    if decision is not None:
        return decision
    ranged = range_of(number_site)
    if ranged is not None and not is_ascending(number, ranged[0]):
        ranged = None  # `80%-10%`: each number is read alone
    if ranged is not None:  # `10-15`, `between 10 and 15`, `£3-4bn`: one figure with a `value_max`
        second = ranged[0]
        merge_range(number, second)
        number.end = second.end
        if not is_year_like(site.doc, number):
            number.plain = None
    decision = _first_decision(NUMBER_KIND_RULES, number_site)
    if decision is not None and decision.candidate is not None and ranged is not None:
        decision.candidate.value_max = ranged[0].value
    return decision


def _first_decision(rules: Sequence[Rule], site: Site) -> Decision | None:
    found = first_decision(rules, site)
    if found is None:
        return None
    rule, (candidate, resume) = found
    return Decision(rule.name, site.i, candidate, resume)


#: Spelling (ORTH id) -> `_start_gates` of a token written so: (may start a number, a date or duration).
_GATES_BY_SPELLING: dict[int, tuple[bool, bool]] = {}


def _start_gates(doc: Doc) -> list[tuple[bool, bool]]:
    """For each token, whether a number, and whether a date or duration, may start at it: the cheap test
    that lets most tokens skip every reader of `_sentence_decisions` (it took a third off the figure
    extractor's time). Both depend on the spelling alone, so each spelling is tested once per process, and
    no Token object is made for the tokens that fail."""
    strings = doc.vocab.strings
    gates = []
    for orth in doc.to_array(ORTH).tolist():
        gate = _GATES_BY_SPELLING.get(orth)
        if gate is None:
            text = strings[orth]
            gate = _GATES_BY_SPELLING[orth] = (_may_start_number(text), _may_start_date_or_duration(text))
        gates.append(gate)
    return gates


def _may_start_date_or_duration(text: str) -> bool:
    return (
        text in MONTHS
        or text.rstrip(".") in MONTHS
        or text in WEEKDAYS
        or text.lower() in RELATIVE_START_WORDS
    )


def _may_start_number(text: str) -> bool:
    first = text[:1]
    lower = text.lower()
    return (
        first.isdigit()
        or AGE_GROUP.match(text) is not None
        or text in CURRENCY_SYMBOLS
        or (first in CURRENCY_SYMBOLS and text[1:2].isdigit())
        or lower in UNIT_WORDS
        or lower in TENS_WORDS
        or lower in ("a", "an", "half")
        or lower in ORDINAL_WORDS
    )


def _to_figure(doc: Doc, candidate: Candidate, index: BlockIndex) -> Figure:
    start_char = doc[candidate.start].idx
    last = doc[candidate.end - 1]
    end_char = (
        last.idx + len(last.text.rstrip("."))
        if last.lower_.rstrip(".") in SCALE_ABBREVIATIONS
        else last.idx + len(last.text)
    )
    return Figure(
        start_char=start_char,
        end_char=end_char,
        # From the span, not `doc.text`: spaCy rebuilds the whole text on every access.
        surface=doc[candidate.start : candidate.end].text[: end_char - start_char],
        value=tidy(candidate.value),
        unit=candidate.unit,
        kind=candidate.kind,
        qualifier=candidate.qualifier,
        block_kind=index.kind_at(start_char) or "body",
        value_max=tidy(candidate.value_max),
        date=candidate.date,
        month=candidate.month,
        day=candidate.day,
        value_other=tidy(candidate.value_other),
    )


def tidy(value: float | None) -> float | None:
    """Drop float noise from scaling (`8.2bn` is 8200000000.0, not 8199999999.999999)."""
    return None if value is None else float(f"{value:.12g}")
