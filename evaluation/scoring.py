"""Score warehouse tables against hand-made reference annotation in the shape of `shared/gold/seeds.json`.

Matching rules (documented here so every issue scores the same way):
- Quotes: a predicted direct or partial quote matches a gold quote when it covers at least 80% of the gold
  quote's words; its speaker is right when the name keys agree (spelling variants fold, see
  `pipeline.nlp.names.name_key`) with the gold speaker or any alias of the predicted speaker entity.
- Figures: value equal (to 1e-9 relative) and `unit` equal to gold `counts` (case-insensitive).
  Qualifier accuracy is over matched figures.
- Entities: a gold entity is found when a predicted mention in that article has a surface (possessive
  stripped) among the gold forms and the same type. Precision is over the predicted entities of an
  article: each must match a gold entity (optional ones included) by form and type.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pipeline.nlp.names import name_key, strip_possessive

MIN_QUOTE_COVERAGE = 0.8
_WORD = re.compile(r"\w+")


def ratio(part: int, whole: int) -> float:
    """A share that is perfect when there was nothing to find (no gold, or no predictions)."""
    return part / whole if whole else 1.0


def f1(precision: float, recall: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class Score:
    """`found` of `gold` items were predicted; `right` of `predicted` items are in the gold."""

    found: int = 0
    gold: int = 0
    right: int = 0
    predicted: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return ratio(self.right, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def coverage(predicted: str, gold: str) -> float:
    """Share of the gold text's words that the predicted text contains (as a multiset)."""
    gold_words = words(gold)
    remaining = words(predicted)
    hit = 0
    for w in gold_words:
        if w in remaining:
            remaining.remove(w)
            hit += 1
    return hit / len(gold_words) if gold_words else 0.0


def same_person(predicted: str | None, aliases: Iterable[str], gold: str) -> bool:
    gold_key = name_key(gold)
    return predicted is not None and any(name_key(n) == gold_key for n in [predicted, *aliases])


@dataclass
class QuoteScore:
    quotes: Score
    speakers_right: int
    speakers_scored: int

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.speakers_scored if self.speakers_scored else 1.0


def score_quotes(predicted: Sequence[dict], gold: Sequence[dict]) -> QuoteScore:
    """`predicted`: quote rows with `text`, `kind`, `speaker` and `speaker_aliases`; `gold`: gold quotes."""
    direct = [p for p in predicted if p["kind"] in ("direct", "partial")]
    score = Score(predicted=len(direct), gold=len(gold))
    right = 0
    matched_predictions: set[int] = set()
    for g in gold:
        candidates = [
            (coverage(p["text"], g["text"]), i) for i, p in enumerate(direct) if i not in matched_predictions
        ]
        best = max(candidates, default=(0.0, -1))
        if best[0] < MIN_QUOTE_COVERAGE:
            score.errors.append(f"missed quote: {g['text'][:60]!r}")
            continue
        matched_predictions.add(best[1])
        score.found += 1
        p = direct[best[1]]
        if same_person(p["speaker"], p.get("speaker_aliases") or [], g["speaker"]):
            right += 1
        else:
            score.errors.append(
                f"speaker {p['speaker']!r} instead of {g['speaker']!r} for {g['text'][:40]!r}"
            )
    for i, p in enumerate(direct):
        if i not in matched_predictions:
            score.errors.append(f"false quote: {p['text'][:60]!r}")
    score.right = score.found
    return QuoteScore(score, right, score.found)


def score_figures(predicted: Sequence[dict], gold: Sequence[dict]) -> tuple[Score, float]:
    """(value-with-unit score, qualifier accuracy over matched gold figures)."""
    score = Score(predicted=len(predicted), gold=len(gold))
    used: set[int] = set()
    qualifiers_right = 0
    for g in gold:
        match = next(
            (
                i
                for i, p in enumerate(predicted)
                if i not in used
                and p["value"] is not None
                and math.isclose(p["value"], g["value"], rel_tol=1e-9)
                and (p["unit"] or "").lower() == g["counts"].lower()
            ),
            None,
        )
        if match is None:
            score.errors.append(f"missed figure: {g['value']} {g['counts']}")
            continue
        used.add(match)
        score.found += 1
        if (predicted[match]["qualifier"] or None) == (g.get("qualifier") or None):
            qualifiers_right += 1
        else:
            score.errors.append(f"qualifier {predicted[match]['qualifier']!r} for {g['value']} {g['counts']}")
    score.right = score.found
    return score, qualifiers_right / score.found if score.found else 1.0


def score_entities(predicted: Sequence[dict], gold: Sequence[dict]) -> Score:
    """`predicted`: one row per predicted entity in the article with `type` and `surfaces` (its mentions).

    Optional gold entities count as right when predicted, and are not required for recall.
    """
    required = [g for g in gold if not g.get("optional")]
    score = Score(gold=len(required), predicted=len(predicted))

    def matches(p: dict, g: dict) -> bool:
        forms = {strip_possessive(f) for f in g["forms"]}
        return p["type"] == g["type"] and any(strip_possessive(s) in forms for s in p["surfaces"])

    for g in required:
        if any(matches(p, g) for p in predicted):
            score.found += 1
        else:
            score.errors.append(f"missed entity: {g['name']} ({g['type']})")
    for p in predicted:
        if any(matches(p, g) for g in gold):
            score.right += 1
        else:
            score.errors.append(f"spurious entity: {p['surfaces']} ({p['type']})")
    return score
