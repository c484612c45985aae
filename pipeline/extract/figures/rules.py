"""The figure rules, in the order they are tried. Each rule's examples stand beside it, in its module's
`EXAMPLES`.

At every token that may start a figure (`extract.py` tests the spelling first), the tables are tried in
order and the first rule that decides wins: it reads a figure, or refuses what stands there (it is not a
figure), and says where the search goes on. A rule that declines passes to the next.

1. TIME_WORD_RULES: figures that start with a word of time (`December`, `Wednesday`, `last`, `a`).
2. NUMBER_WORD_RULES: figures read from the words at the token before it is read as a number.
3. Then the number is read (`numbers.py`); NUMBER_SHAPE_RULES decide from the number's own shape, and a
   range (`10-15`) is merged into one number.
4. NUMBER_KIND_RULES give the number its kind and unit from what surrounds it; the last always decides.

Afterwards CHANGE_LINK_RULES link the figures of one change (`rose 2% to $11.1bn from $10.9bn`).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc

from pipeline.extract.figures import (
    ages,
    changes,
    counts,
    dates,
    durations,
    filters,
    fractions,
    money,
    ordinals,
    quantities,
    readings,
    scores,
    times,
    years,
)
from pipeline.extract.figures.changes import ChangeLink
from pipeline.extract.figures.records import Candidate, NumberSite, Outcome, Site
from pipeline.extract.rules import Rule
from pipeline.extract.rules import named_rule as rule

TIME_WORD_RULES: tuple[Rule[Site, Outcome], ...] = (
    rule(filters.post_timestamp),
    rule(dates.month_date),
    rule(dates.weekday_date),
    rule(dates.relative_date),
    rule(durations.one_time_unit),
)

NUMBER_WORD_RULES: tuple[Rule[Site, Outcome], ...] = (
    rule(fractions.fraction),
    rule(ordinals.chart_position),
    rule(ages.age_group),
    rule(ordinals.ordinal_word),
    rule(years.season_token),
)

NUMBER_SHAPE_RULES: tuple[Rule[NumberSite, Outcome], ...] = (
    rule(ordinals.ordinal_digits),
    rule(times.time_of_day),
    rule(filters.phone_or_id),
    rule(filters.formation),
    rule(years.season),
    rule(filters.clock_range),
    rule(scores.score),
)

NUMBER_KIND_RULES: tuple[Rule[NumberSite, Outcome], ...] = (
    rule(money.money),
    rule(money.percent),
    rule(years.decade),
    rule(durations.time_unit_suffix),
    rule(quantities.measure_suffix),
    rule(filters.day_of_month),
    rule(ages.age_phrase),
    rule(quantities.race_distance),
    rule(years.calendar_year),
    rule(filters.name_noun),
    rule(ordinals.seeding),
    rule(ordinals.rank_cutoff),
    rule(durations.time_unit_noun),
    rule(filters.lone_one),
    rule(filters.anaphoric),
    rule(counts.counted),
    rule(ages.age_apposition),
    rule(ages.after_age_word),
    rule(readings.reading),
    rule(counts.bare_count),
)

CHANGE_LINK_RULES: tuple[Rule[tuple[Doc, Candidate], ChangeLink], ...] = (
    rule(changes.lexical_change_link),
    rule(changes.syntactic_change_link),
)

#: Every rule, in the order they are tried.
FIGURE_RULES: tuple[Rule, ...] = (
    *TIME_WORD_RULES,
    *NUMBER_WORD_RULES,
    *NUMBER_SHAPE_RULES,
    *NUMBER_KIND_RULES,
    *CHANGE_LINK_RULES,
)
#: The change link functions, in order, for `changes.link_changes`.
CHANGE_LINKERS: tuple[Callable[[Doc, Candidate], ChangeLink | None], ...] = tuple(
    r.apply for r in CHANGE_LINK_RULES
)
