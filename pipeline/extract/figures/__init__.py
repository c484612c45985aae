"""Numeric facts in an article: counts, money, percentages, dates, durations, ages, ordinals, scores.

The number itself is read lexically (spaCy's CARDINAL/MONEY entities miss `£600m`'s scale and often mislabel
`76 per cent`), while what is counted comes from the parse: the noun the number modifies (`32 defence chiefs`)
or the noun after `of` (`30 of the countries`). Entities are only hints, to tell `Channel 4` or
`10 Downing Street` (names) from figures. The rules, in the order they are tried, are in `rules.py`; one
module per kind holds each kind's rules; `numbers.py` reads numbers and `filters.py` refuses what is not a
figure. What each kind means is in `pipeline/vocabulary.py` (FIGURE_KIND_MEANINGS).

Conventions an analyst needs to know:

- A range is not a kind: `between 10 and 15 people` is a count with `value=10, value_max=15`.
- A score is one figure: `value` is the first-named side's score, `value_other` the other side's (`2-1`).
- A calendar year is `kind="year", unit="year"`. A date that states its year (`March 2023`, `6 December 2004`)
  is `kind="date"` with `value` = that year, `unit="year"` and `date` the ISO date (`2023-03`, `2004-12-06`).
  Dates without a stated year (`Wednesday`, `last week`, `in March`) have `value=None` and a `date` resolved
  against the published date when one is given (`None` otherwise).
- A duration's unit is always the plural time word (`three-year deal` -> 3 `years`), so that `year`
  singular means only a calendar year.
- Ordinals are kept only where they carry data: a period or a ranking (`third quarter`, `second round`,
  `third-largest`, `finished second`). `the first time` and other discourse ordinals are dropped.
- Changes: `rose 2% to $11.1bn from $10.9bn` gives three figures with `role` `change`, `new` and `old`
  and one shared `group` number.
- Small spelled-out numbers after a definite determiner (`the two leaders`) refer back to things already
  counted and are not figures; nor is a lone `one` (`one of the`, `no one`).
"""

from pipeline.extract.figures.extract import extract_figures, figure_decisions
from pipeline.extract.figures.records import Figure

__all__ = ["Figure", "extract_figures", "figure_decisions"]
