"""Score figures on the web reference (`references/web/figures/`), with the matching rules of
`evaluation/figures.py` (value, then value with unit, one to one per article), over the blocks of the
page the annotators saw (`web_entities.seen_blocks`); a gold figure in text the pipeline did not keep (a
paragraph the page repeats, kept once) is left out, since body extraction is scored apart. A date without a year (`June 24`) has no value: it
matches a predicted date with the same month and day; a score matches on both sides' points.
"""

from __future__ import annotations

from collections import Counter

from evaluation.figures import FigureScores, score_article
from evaluation.web import page_text
from evaluation.web_entities import seen_blocks
from pipeline.extract.figures import Figure


def predicted_rows(figures: list[Figure]) -> list[dict]:
    return [
        {
            "value": f.value if f.value is not None else _date_key(f.month, f.day),
            "unit": f.unit,
            "qualifier": f.qualifier,
            "surface": f.surface,
            "start_char": f.start_char,
            "end_char": f.end_char,
        }
        for f in figures
        if f.value is not None or (f.month is not None and f.day is not None)
    ]


def gold_rows(figures: list[dict]) -> list[dict]:
    """The annotation with a comparable value for every figure: a yearless date keyed by month and day, a
    time of day in hours; a month alone (no value, no day) is left out."""
    rows = []
    for g in figures:
        if g.get("value") is None and g.get("kind") == "date":
            if g.get("month") is None or g.get("day") is None:
                continue
            g = {**g, "value": _date_key(g["month"], g["day"]), "counts": "date"}
        if g.get("value") is None:
            continue
        rows.append(g)
    return rows


def _date_key(month: int | None, day: int | None) -> float | None:
    """A yearless date as a number no real value takes (month and day after the decimal point)."""
    return -(month + day / 100) if month is not None and day is not None else None


def score_page(
    name: str, text: str, blocks: list[tuple[int, int]], figures: list[Figure], gold: dict
) -> FigureScores:
    seen = seen_blocks(name, text, blocks)
    inside = [f for f in figures if any(s <= f.start_char and f.end_char <= e for s, e in seen)]
    kept = "\n".join(text[s:e] for s, e in seen)
    return score_article(predicted_rows(inside), _in_kept_text(gold_rows(gold["figures"]), name, kept), name)


def _in_kept_text(rows: list[dict], name: str, kept: str) -> list[dict]:
    """Drop the gold figures that stand in the page's paragraphs the kept text lacks; a longer surface is
    taken out of those paragraphs before a shorter one inside it (`June 2009` before `2009`)."""
    dropped = "\n".join(line for line in page_text(name).splitlines() if line.strip() and line not in kept)
    lost: Counter[str] = Counter()
    for surface in sorted({r["surface"] for r in rows}, key=len, reverse=True):
        lost[surface] = dropped.count(surface)
        dropped = dropped.replace(surface, " ")
    out = []
    for row in rows:
        if lost[row["surface"]] > 0:
            lost[row["surface"]] -= 1
            continue
        out.append(row)
    return out
