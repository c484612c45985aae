"""Every rule in a table has examples, and does to each what the example says: the examples are the rule's
specification (in the spirit of Duckling's corpus files). A sentence goes in as one body block."""

from __future__ import annotations

import math

import pytest
from spacy.language import Language

from pipeline.article.blocks import Block
from pipeline.extract.figures import figure_decisions
from pipeline.extract.figures.rules import FIGURE_RULES
from pipeline.extract.rules import Example, Rule


def _cases(rules: tuple[Rule, ...]) -> list[tuple[str, Example]]:
    return [(rule.name, example) for rule in rules for example in rule.examples]


def _same(actual: object, expected: object) -> bool:
    if isinstance(expected, float | int) and isinstance(actual, float | int):
        return math.isclose(actual, expected, rel_tol=1e-9)
    return actual == expected


@pytest.mark.parametrize("rules", [FIGURE_RULES], ids=["figures"])
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
    decisions = figure_decisions(nlp(text), [Block(0, "body", 0, len(text), text)], example.published)
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
    figure = decision.figure
    wrong = {
        field: getattr(figure, field)
        for field, value in example.expect.items()
        if not _same(getattr(figure, field), value)
    }
    assert wrong == {}
