"""Figures against the hand-made BBC reference set (evaluation/references/bbc_figures_gold.json).

A prediction counts when it carries a value (dates without a year have none and are not annotated).
Value-only: the values match; value with unit: `unit` equals the gold `counts` too (case-insensitive).
Matching is one-to-one per article, so a figure repeated in the text must be found each time.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from evaluation.paths import REFERENCES
from evaluation.scoring import ratio
from pipeline.article.decoding import decode_article_bytes
from pipeline.article.parsing import parse_article
from pipeline.extract.figures import extract_figures
from pipeline.nlp.model import load_nlp

REFERENCE = REFERENCES / "bbc_figures_gold.json"


@dataclass
class FigureScores:
    gold: int = 0
    predicted: int = 0
    value_matches: int = 0
    unit_matches: int = 0
    qualifiers_right: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: FigureScores) -> None:
        """Count `other` (one article's scores) into these."""
        for name in ("gold", "predicted", "value_matches", "unit_matches", "qualifiers_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors

    def summary(self) -> str:
        return (
            f"{self.gold} gold figures, {self.predicted} predicted | value: P {ratio(self.value_matches, self.predicted):.3f} "
            f"R {ratio(self.value_matches, self.gold):.3f} | value with unit: "
            f"P {ratio(self.unit_matches, self.predicted):.3f} R {ratio(self.unit_matches, self.gold):.3f} | "
            f"qualifier accuracy {ratio(self.qualifiers_right, self.unit_matches):.3f}"
        )


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6)


def _unit_matches(p: dict, g: dict) -> bool:
    return _same_value(p["value"], g["value"]) and (p["unit"] or "").lower() == g["counts"].lower()


def score_article(predicted: list[dict], gold: list[dict], name: str) -> FigureScores:
    """Match with units first over the whole article, then values alone, so that a value-only match
    never takes a prediction another gold figure matches exactly."""
    scores = FigureScores(gold=len(gold), predicted=len(predicted))
    unused = list(range(len(predicted)))
    with_unit: dict[int, int] = {}
    for gi, g in enumerate(gold):
        match = next((i for i in unused if _unit_matches(predicted[i], g)), None)
        if match is not None:
            with_unit[gi] = match
            unused.remove(match)
    for gi, g in enumerate(gold):
        if gi in with_unit:
            scores.value_matches += 1
            scores.unit_matches += 1
            p = predicted[with_unit[gi]]
            if (p["qualifier"] or None) == (g.get("qualifier") or None):
                scores.qualifiers_right += 1
            else:
                scores.errors.append(
                    f"{name}: qualifier {p['qualifier']!r} for {g['surface']!r}, gold {g.get('qualifier')!r}"
                )
            continue
        value_only = next((i for i in unused if _same_value(predicted[i]["value"], g["value"])), None)
        if value_only is None:
            scores.errors.append(f"{name}: missed {g['surface']!r} ({g['value']} {g['counts']})")
            continue
        unused.remove(value_only)
        scores.value_matches += 1
        scores.errors.append(
            f"{name}: unit {predicted[value_only]['unit']!r} for {g['surface']!r}, gold {g['counts']!r}"
        )
    for i in unused:
        scores.errors.append(
            f"{name}: extra {predicted[i]['surface']!r} ({predicted[i]['value']} {predicted[i]['unit']})"
        )
    return scores


def score_bbc_figures(corpus: Path, reference_file: Path = REFERENCE) -> FigureScores:
    reference = json.loads(reference_file.read_text(encoding="utf-8"))["articles"]
    nlp = load_nlp()
    total = FigureScores()
    for name, annotation in reference.items():
        article = parse_article(decode_article_bytes((corpus / f"{name}.txt").read_bytes()).text)
        figures = extract_figures(nlp(article.text), article.blocks, article.published_date)
        predicted = [
            {"value": f.value, "unit": f.unit, "qualifier": f.qualifier, "surface": f.surface}
            for f in figures
            if f.value is not None
        ]
        total.add(score_article(predicted, annotation["figures"], name))
    return total
