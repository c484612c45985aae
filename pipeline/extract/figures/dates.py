"""Dates: `6 December 2004`, `December 6, 2004`, `March 2023`, `in March`, weekdays and relative dates
(`last week`, `yesterday`), resolved against the publication date when there is one.

A date that states its year is valued by it (`value` = the year, `unit` = `year`); a date without one has
no value, and its `date` is resolved: weekdays to the latest such day on or before publication unless the
verb is future (`will meet on Friday`), weeks to their Monday, months to `YYYY-MM`, years to `YYYY`.
"""

from __future__ import annotations

import datetime

from spacy.tokens import Doc, Span, Token

from pipeline.extract.figures.lexicon import (
    AMBIGUOUS_MONTHS,
    ANAPHORIC_DETERMINERS,
    FUTURE_AUXILIARIES,
    FUTURE_VERB_HOPS,
    HYPHENS,
    MONTHS,
    RELATIVE_DAYS,
    RELATIVE_MODIFIERS,
    RELATIVE_PERIODS,
    WEEKDAY_LEADS,
)
from pipeline.extract.figures.numbers import day_number, year_number
from pipeline.extract.figures.records import Candidate, Outcome, Site
from pipeline.extract.rules import Example, reads
from pipeline.vocabulary import WEEKDAYS


def month_date(site: Site) -> Outcome | None:
    """A date read at its month name, with the day and year around it."""
    return _not_overlapping(site, _month_date(site.doc, site.i, site.published, site.sentence))


def weekday_date(site: Site) -> Outcome | None:
    """A weekday, maybe after `last` or `next`."""
    return _not_overlapping(site, _weekday_date(site.doc, site.i, site.published, site.sentence))


def relative_date(site: Site) -> Outcome | None:
    """`yesterday`, `today`, `last week`, `this year`."""
    return _not_overlapping(site, _relative_date(site.doc, site.i, site.published, site.sentence))


def _not_overlapping(site: Site, candidate: Candidate | None) -> Outcome | None:
    """A date reaches back over a day number or a weekday (`5-6 March`, `Monday, 6 December`), but never
    into the figure before it."""
    if candidate is None or (site.previous is not None and candidate.start < site.previous.end):
        return None
    return candidate, candidate.end


def _nearest_year(published: datetime.date, month: int) -> int:
    """The year that puts `month` closest to publication (`in December`, read in January, is last year)."""
    offset = month - published.month
    if offset > 6:
        return published.year - 1
    if offset < -6:
        return published.year + 1
    return published.year


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if year is None:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_date(doc: Doc, m: int, published: datetime.date | None, sentence: Span) -> Candidate | None:
    """`6 December 2004`, `December 6, 2004`, `March 2023`, `in March`."""
    token = doc[m]
    month = MONTHS.get(token.text) or MONTHS.get(token.text.rstrip(".")) if len(token.text) > 2 else None
    if month is None or token.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART"):
        return None
    start, end = m, m + 1
    day = day_number(doc[m - 1]) if m - 1 >= sentence.start else None
    if day is not None:
        start = m - 1
        if (
            start - 2 >= sentence.start
            and (doc[start - 1].text in HYPHENS or doc[start - 1].lower_ in ("to", "and"))
            and day_number(doc[start - 2])
        ):
            start -= 2  # `5-6 March`: the span covers both days, the date is the first
            day = day_number(doc[start])
    elif m - 2 >= sentence.start and doc[m - 1].lower_ == "of" and day_number(doc[m - 2]) is not None:
        day, start = day_number(doc[m - 2]), m - 2
    if (
        day is None
        and end < sentence.end
        and day_number(doc[end]) is not None
        and year_number(doc[end]) is None
    ):
        day, end = day_number(doc[end]), end + 1
    year_at = end + 1 if end + 1 < sentence.end and doc[end].text == "," and day is not None else end
    year = year_number(doc[year_at]) if year_at < sentence.end else None
    if year is not None:
        end = year_at + 1
    if day is None and year is None:
        if token.text in AMBIGUOUS_MONTHS or (token.pos_ != "PROPN" and token.ent_type_ != "DATE"):
            return None
        if m > sentence.start and doc[m - 1].pos_ == "PROPN" and not doc[m - 1].is_sent_start:
            return None
    if start - 1 >= sentence.start and doc[start - 1].text in WEEKDAYS:
        start -= 1
    elif start - 2 >= sentence.start and doc[start - 1].text == "," and doc[start - 2].text in WEEKDAYS:
        start -= 2
    resolved_year = year if year is not None else _resolved_year(doc, start, published, month)
    return Candidate(
        start,
        end,
        "date",
        float(year) if year is not None else None,
        "year" if year is not None else None,
        date=_iso(resolved_year, month, day),
        month=month,
        day=day,
    )


def _resolved_year(doc: Doc, start: int, published: datetime.date | None, month: int) -> int | None:
    """The year of a yearless date, against the article's own date only: `last February` in a November
    article is that year's, `last December` the year before's; otherwise the year that puts the month
    nearest publication. Without a publication date it stays unknown."""
    if published is None:
        return None
    before = doc[start - 1].lower_ if start > 0 else ""
    if before == "last":
        return published.year if month < published.month else published.year - 1
    if before == "next":
        return published.year if month > published.month else published.year + 1
    return _nearest_year(published, month)


def _is_future(token: Token) -> bool:
    """Whether the verb governing a date word is in the future tense (`will meet on Friday`)."""
    verb = token
    for _ in range(FUTURE_VERB_HOPS):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return any(child.dep_ == "aux" and child.lower_ in FUTURE_AUXILIARIES for child in verb.children)


def _weekday_date(doc: Doc, i: int, published: datetime.date | None, sentence: Span) -> Candidate | None:
    """`Wednesday`, `last Friday`, `next Monday`: resolved to the nearest such day around publication."""
    token = doc[i]
    weekday = WEEKDAYS.get(token.text)
    if weekday is None:
        return None
    start = i
    previous = doc[i - 1] if i > sentence.start else None
    modifier = previous.lower_ if previous is not None and previous.lower_ in RELATIVE_MODIFIERS else None
    if modifier is not None:
        start = i - 1
    elif (
        previous is not None
        and previous.is_title
        and previous.lower_ not in WEEKDAY_LEADS
        and not previous.is_sent_start
        and previous.text not in WEEKDAYS
    ):
        return None  # a name: `Black Friday`, `Super Tuesday`
    resolved = None
    if published is not None:
        back = (published.weekday() - weekday) % 7
        forward = (weekday - published.weekday()) % 7
        if modifier == "next" or (modifier is None and _is_future(token)):
            resolved = published + datetime.timedelta(days=forward or (7 if modifier == "next" else 0))
        elif modifier == "last":
            resolved = published - datetime.timedelta(days=back or 7)
        else:
            resolved = published - datetime.timedelta(days=back)
    return Candidate(start, i + 1, "date", None, date=resolved.isoformat() if resolved else None)


def _relative_date(doc: Doc, i: int, published: datetime.date | None, sentence: Span) -> Candidate | None:
    """`yesterday`, `last week`, `this year`: resolved against the published date."""
    token = doc[i]
    if token.lower_ in RELATIVE_DAYS and token.pos_ != "PROPN":
        resolved = published + datetime.timedelta(days=RELATIVE_DAYS[token.lower_]) if published else None
        return Candidate(i, i + 1, "date", None, date=resolved.isoformat() if resolved else None)
    if token.lower_ not in RELATIVE_MODIFIERS or i + 1 >= sentence.end:
        return None
    period = doc[i + 1].lower_
    if period not in RELATIVE_PERIODS:
        return None
    if i > sentence.start and doc[i - 1].lower_ in ANAPHORIC_DETERMINERS:
        return None  # `the last year` is a duration, not a calendar period
    return Candidate(
        i, i + 2, "date", None, date=_resolve_period(published, period, RELATIVE_MODIFIERS[token.lower_])
    )


def _resolve_period(published: datetime.date | None, period: str, step: int) -> str | None:
    if published is None:
        return None
    if period in ("week", "weekend"):
        monday = published - datetime.timedelta(days=published.weekday()) + datetime.timedelta(weeks=step)
        return (monday + datetime.timedelta(days=5 if period == "weekend" else 0)).isoformat()
    if period == "month":
        months = published.year * 12 + published.month - 1 + step
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{published.year + step:04d}"


SEED_STRIKES = "The strikes follow a summit between Putin and US President Donald Trump in Alaska last week, and Nato defence chiefs met virtually on Wednesday."

#: Sentences from real articles and what each rule above makes of them (`rules.py` orders the rules).
EXAMPLES: dict[str, tuple[Example, ...]] = {
    "month_date": (
        reads(
            "He is wanted by the International Criminal Court on a warrant dating back to March 2023.",
            "March 2023",
            kind="date",
            value=2023,
            unit="year",
            date="2023-03",
        ),
        reads(
            "Customers must have been members for at least two years on 31 December 2004.",
            "31 December 2004",
            kind="date",
            date="2004-12-31",
        ),
        reads(
            "The bill takes effect June 24, the governor's office said.",
            "June 24",
            kind="date",
            value=None,
            month=6,
            day=24,
            date=None,
        ),
        reads(
            "Oil prices have fallen by half since last February.",
            "February",
            published=datetime.date(2014, 11, 20),
            kind="date",
            month=2,
            date="2014-02",
        ),
        reads(
            "Shareholders will vote on Dec. 15, the company said.",
            "Dec. 15",
            published=datetime.date(2014, 11, 20),
            kind="date",
            month=12,
            day=15,
            date="2014-12-15",
        ),
        reads(
            "The winners will be announced sometime between 13 and 15 March.",
            "13 and 15 March",
            published=datetime.date(2005, 2, 10),
            kind="date",
            value=None,
            date="2005-03-13",
        ),
    ),
    "weekday_date": (
        reads(
            SEED_STRIKES,
            "Wednesday",
            published=datetime.date(2025, 8, 20),
            kind="date",
            value=None,
            date="2025-08-20",
        ),
        reads(
            SEED_STRIKES,
            "Wednesday",
            kind="date",
            date=None,
        ),
        reads(
            "The White House will announce its budget on Monday.",
            "Monday",
            published=datetime.date(2025, 8, 20),
            date="2025-08-25",
        ),
    ),
    "relative_date": (
        reads(
            SEED_STRIKES,
            "last week",
            published=datetime.date(2025, 8, 20),
            kind="date",
            date="2025-08-11",
        ),
    ),
}
