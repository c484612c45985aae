"""Every rule in a table has examples, and does to each what the example says: the examples are the rule's
specification (in the spirit of Duckling's corpus files). An example's paragraphs (separated by blank
lines) go in as body blocks."""

from __future__ import annotations

import math
import re

import pytest
from spacy.language import Language

from pipeline.article.blocks import Block
from pipeline.extract.entities import extract_mentions
from pipeline.extract.figures import figure_decisions
from pipeline.extract.figures.rules import FIGURE_RULES
from pipeline.extract.quotes import extract_quotes
from pipeline.extract.quotes.rules import QUOTE_RULES
from pipeline.extract.rules import Example, Rule

PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


def paragraphs(text: str) -> list[Block]:
    return [Block(n, "body", m.start(), m.end(), m.group()) for n, m in enumerate(PARAGRAPH.finditer(text))]


def _cases(rules: tuple[Rule, ...]) -> list[tuple[str, Example]]:
    return [(rule.name, example) for rule in rules for example in rule.examples]


def _same(actual: object, expected: object) -> bool:
    if isinstance(expected, float | int) and isinstance(actual, float | int):
        return math.isclose(actual, expected, rel_tol=1e-9)
    return actual == expected


@pytest.mark.parametrize("rules", [FIGURE_RULES, QUOTE_RULES], ids=["figures", "quotes"])
def test_every_rule_has_an_example_of_what_it_decides(rules: tuple[Rule, ...]) -> None:
    names = [rule.name for rule in rules]
    assert len(names) == len(set(names)), "rule names are unique"
    without = [rule.name for rule in rules if not any(e.outcome != "leaves" for e in rule.examples)]
    assert without == []


@pytest.mark.parametrize(
    ("rule", "example"), _cases(FIGURE_RULES), ids=lambda v: v if isinstance(v, str) else v.target
)
def test_figure_rule_examples(nlp: Language, rule: str, example: Example) -> None:
    text = example.sentence
    decisions = figure_decisions(nlp(text), paragraphs(text), example.published)
    figures = [d.figure for d in decisions if d.figure is not None]
    for figure in figures:
        assert text[figure.start_char : figure.end_char] == figure.surface
    if example.outcome == "leaves":
        assert example.target not in [f.surface for f in figures]
        return
    if example.outcome == "refuses":
        refused = [
            nlp.tokenizer(text)[d.site].text for d in decisions if d.candidate is None and d.rule == rule
        ]
        assert example.target in refused, [(d.rule, d.site) for d in decisions]
        return
    matching = [d for d in decisions if d.figure is not None and d.figure.surface == example.target]
    assert matching, [(d.rule, d.figure.surface if d.figure else None) for d in decisions]
    decision = matching[0]
    assert rule in (decision.rule, decision.link_rule), (decision.rule, decision.link_rule)
    assert _wrong_fields(decision.figure, example) == {}


@pytest.mark.parametrize(
    ("rule", "example"), _cases(QUOTE_RULES), ids=lambda v: v if isinstance(v, str) else v.target[:40]
)
def test_quote_rule_examples(nlp: Language, rule: str, example: Example) -> None:
    text = example.sentence
    doc = nlp(text)
    blocks = paragraphs(text)
    result = extract_quotes(doc, blocks, extract_mentions(doc, blocks))
    quotes = {q.text: q for q in result.quotes}
    for quote in result.quotes:  # within one paragraph a quote's text is the article's text at its offsets
        if "\n" not in text[quote.start_char : quote.end_char]:
            assert text[quote.start_char : quote.end_char] == quote.text
    if example.outcome == "leaves":
        assert example.target not in quotes
        return
    if example.outcome == "refuses":
        assert (example.target, rule) in [(r.text, r.rule) for r in result.refused], result.refused
        assert example.target not in quotes
        return
    assert example.target in quotes, list(quotes)
    quote = quotes[example.target]
    assert rule in (quote.rule, quote.speaker_rule), (quote.rule, quote.speaker_rule)
    assert _wrong_fields(quote, example) == {}


def _wrong_fields(record: object, example: Example) -> dict[str, object]:
    """The fields the example expects that the record has otherwise, with the record's values."""
    return {
        field: getattr(record, field)
        for field, value in example.expect.items()
        if not _same(getattr(record, field), value)
    }
