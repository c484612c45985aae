"""Named rules with their examples, the shape every extractor's decisions take.

A rule is a name, a function that either decides at the place it is tried or declines (None), and
examples: sentences from real articles with what the rule makes of them. An extractor tries its rules in
the order of its tables (`pipeline/extract/figures/rules.py`, `pipeline/extract/quotes/rules.py`), the
first rule that decides wins, and every decision records the rule that made it, so a test can hold each
rule to its examples (`tests/test_rule_examples.py`), and a rule without an example fails that test.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

Site = TypeVar("Site")
Outcome = TypeVar("Outcome")

#: What an example says its rule does: reads a record from the sentence, refuses what stands at a word
#: (decides it is not one), or leaves it (declines, so that no record of it comes out).
ExampleOutcome = Literal["reads", "refuses", "leaves"]


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence and what its rule makes of `target` there (a record's surface, or the word refused);
    `expect` holds the record's fields that must have these values (the others are not checked)."""

    sentence: str
    target: str
    outcome: ExampleOutcome = "reads"
    expect: Mapping[str, object] = field(default_factory=dict)
    #: The article's publication date, for examples that resolve a relative date against it.
    published: datetime.date | None = None


@dataclass(frozen=True, slots=True)
class Rule(Generic[Site, Outcome]):
    name: str
    apply: Callable[[Site], Outcome | None]
    examples: tuple[Example, ...] = ()


def named_rule(apply: Callable) -> Rule:
    """A rule named after its function, with the examples its module gives for it (`EXAMPLES`)."""
    examples = getattr(sys.modules[apply.__module__], "EXAMPLES", {})
    return Rule(apply.__name__, apply, examples.get(apply.__name__, ()))


def first_decision(rules: Sequence[Rule[Site, Outcome]], site: Site) -> tuple[Rule, Outcome] | None:
    """The first rule that decides at `site`, in table order, with what it decided."""
    for rule in rules:
        outcome = rule.apply(site)
        if outcome is not None:
            return rule, outcome
    return None


def reads(sentence: str, target: str, published: datetime.date | None = None, **expect: object) -> Example:
    """The rule reads a record whose surface (or text) is `target` from `sentence`, with these fields."""
    return Example(sentence, target, "reads", expect, published)


def refuses(sentence: str, word: str, published: datetime.date | None = None) -> Example:
    """The rule decides that what stands at `word` in `sentence` is not a record."""
    return Example(sentence, word, "refuses", {}, published)


def leaves(sentence: str, target: str, published: datetime.date | None = None) -> Example:
    """The rule declines here, and no record with this surface comes out of `sentence`."""
    return Example(sentence, target, "leaves", {}, published)
