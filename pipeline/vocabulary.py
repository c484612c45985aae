"""Every closed set the pipeline uses, defined once: the values a column may hold and what each means.

The warehouse schemas check their columns against these (`isin`), the extractors produce only these
values, and the docs quote them. Each set is a `Literal` type, so a type checker sees a misspelt kind, with
the tuple of its values beside it for runtime checks.
"""

from __future__ import annotations

from typing import Literal, get_args

# --- Articles -------------------------------------------------------------------------------------------

#: What a block of an article is: the reporting (title, standfirst, body), or page furniture around it.
BlockKind = Literal["title", "standfirst", "byline", "body", "caption", "credit", "boilerplate"]
BLOCK_KINDS: tuple[BlockKind, ...] = get_args(BlockKind)
#: Blocks whose words are the article's own reporting (their words are the article's word count).
EDITORIAL_KINDS: frozenset[BlockKind] = frozenset({"title", "standfirst", "body"})
#: Blocks that never yield quotes, figures or mentions (captions are extracted, but marked as such).
SKIPPED_KINDS: frozenset[BlockKind] = frozenset({"credit", "boilerplate"})

#: What became of a file in the raw folder.
SourceStatus = Literal["article", "duplicate", "quarantined"]
SOURCE_STATUSES: tuple[SourceStatus, ...] = get_args(SourceStatus)

#: Where a file stopped on its way to becoming an article.
QuarantineStage = Literal["read", "parse", "sidecar", "extract"]
QUARANTINE_STAGES: tuple[QuarantineStage, ...] = get_args(QuarantineStage)

#: Why a file is not an article: the stable code in `quarantined_articles.reason`.
QuarantineReason = Literal[
    "bad_file_name",
    "unsupported_format",
    "link_outside_raw",
    "unreadable",
    "being_written",
    "too_large",
    "empty",
    "binary",
    "undecodable",
    "malformed_line",
    "html",
    "redirect",
    "front_page",
    "no_body",
    "malformed_sidecar",
    "extraction_failed",
]
#: Each reason's stage and what it means (the row's `detail` says what to do about it).
QUARANTINE_REASONS: dict[QuarantineReason, tuple[QuarantineStage, str]] = {
    "empty": ("read", "empty or whitespace only"),
    "binary": ("read", "an image, archive, PDF or other binary data"),
    "undecodable": (
        "read",
        "not UTF-8, UTF-16 or UTF-32 (with BOM) or Windows-1252 (Latin-1 files are read as Windows-1252)",
    ),
    "unsupported_format": (
        "read",
        "a data file by its extension (`.csv`, `.json`, `.xml`, ...), not article text",
    ),
    "bad_file_name": ("read", "the file name is not valid UTF-8 (shown with `\\x..` escapes); rename it"),
    "too_large": (
        "read",
        "over 5 MB (a web page: 30 MB), or an article text over 1,000,000 characters: not one article",
    ),
    "malformed_line": (
        "read",
        "a line of a JSON Lines batch that is not a JSON object with a string `text` (the other lines land)",
    ),
    "html": (
        "parse",
        "a web page with no article body (under 25 words once navigation and furniture are removed: a "
        "landing, paywall, error or script-only page)",
    ),
    "redirect": ("parse", "a web page that only sends the browser to another address (a meta refresh)"),
    "front_page": ("parse", "a site's front page (its address has no path): a list of stories, not one"),
    "no_body": ("parse", "a single short line"),
    "unreadable": ("read", "the file cannot be read (permissions, a link to nothing)"),
    "being_written": ("read", "the file changed while it was read; it is read again, whole, on the next run"),
    "link_outside_raw": ("read", "a symbolic link leading outside the raw folder (not followed)"),
    "malformed_sidecar": (
        "sidecar",
        "the sidecar is not valid JSON or has wrong fields (the article still lands, without it)",
    ),
    "extraction_failed": (
        "extract",
        "an extractor raised on this article, or its rows broke a table's contract (the detail says which "
        "error or which column check); the others landed, and it is retried on the next run",
    ),
}

# --- Extracted records ----------------------------------------------------------------------------------

#: How a quote is given: a whole quoted utterance, a quoted fragment inside the reporter's sentence, or
#: reported speech without quote marks.
QuoteKind = Literal["direct", "partial", "indirect"]
QUOTE_KINDS: tuple[QuoteKind, ...] = get_args(QuoteKind)
#: Quotes whose words are compared across outlets (`quote_key`): the quoted ones.
QUOTED_KINDS: tuple[QuoteKind, ...] = ("direct", "partial")

FigureKind = Literal[
    "count",
    "money",
    "percent",
    "fraction",
    "year",
    "date",
    "time",
    "duration",
    "age",
    "quantity",
    "ordinal",
    "score",
]
#: Every figure kind, with its meaning (the `figures.kind` column).
FIGURE_KIND_MEANINGS: dict[FigureKind, str] = {
    "count": "how many of something: `unit` is the counted noun phrase (`defence chiefs`), or None if unstated",
    "money": "an amount of money: `unit` is the ISO 4217 code (`USD`, `GBP`, `EUR`)",
    "percent": "a percentage or a change in one: `unit` is `percent` or `percentage points`",
    "fraction": "a share given as a fraction word (`half of the staff`): `value` in 0..1, `unit` the whole",
    "year": "a calendar year (`in 2019`); a decade (`1990s`) or a season (`2004-05`) also has value_max",
    "date": "a calendar date or period: `month` and `day` as written, `value` the stated year if any, `date` "
    "the ISO form when the year is stated or resolved against the article's own date",
    "time": "a time of day (`8am`, `2.15pm`): `value` the hour on a 24-hour clock, minutes as its fraction",
    "duration": "a length of time: `unit` is the plural time word (`years`, `months`, `days`)",
    "age": "a person's age (`25-year-old`, `aged 32`): `unit` is `years`",
    "quantity": "a measurement: `unit` is the measure as written (`km`, `barrels`, `metres`)",
    "ordinal": "a rank or period that carries data (`third quarter`): `unit` is the ranked noun, `position` for "
    "places in a ranking (`second place`, `number one`) and `positions` for a cut-off (`top 10`)",
    "score": "a sports score: `value` for the first-named side, `value_other` for the other; `unit` is `score`",
}
FIGURE_KINDS: frozenset[FigureKind] = frozenset(get_args(FigureKind))
#: Roles of the figures linked by one change (`rose 2% to $11.1bn from $10.9bn`: change, new, old).
ChangeRole = Literal["change", "new", "old"]
CHANGE_ROLES: frozenset[ChangeRole] = frozenset(get_args(ChangeRole))

#: What an entity is (`entities.type`, `entity_mentions.type`): a person, an organisation, a place, a named
#: event, a product or service (`MacBook Pro`, `Spotify` the service), a work (a book, film, show, song).
EntityType = Literal["PERSON", "ORG", "PLACE", "EVENT", "PRODUCT", "WORK"]
ENTITY_TYPES: tuple[EntityType, ...] = get_args(EntityType)

#: How a mention refers to its entity: by a name, or through the article's discourse model by a pronoun
#: (`he said`) or a description (`the company said`, `a spokesman for Dell`).
MentionLink = Literal["name", "pronoun", "description"]
MENTION_LINKS: tuple[MentionLink, ...] = get_args(MentionLink)

#: Text an extractor could not handle cleanly (`extraction_anomalies.kind`).
AnomalyKind = Literal["unbalanced_quote_mark", "unusual_quote_mark"]
ANOMALY_KINDS: tuple[AnomalyKind, ...] = get_args(AnomalyKind)

#: The cross-article steps, each keeping its own input stamps (`staging.cross_article_inputs.step`).
CrossArticleStep = Literal["entities", "quotes", "stories"]
CROSS_ARTICLE_STEPS: tuple[CrossArticleStep, ...] = get_args(CrossArticleStep)

# --- Words of the calendar and of reference --------------------------------------------------------------

MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: Abbreviations of the month names as news writes them (`Sept` beside `Sep`), with their month.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "Jan": 1,
    "Feb": 2,
    "Mar": 3,
    "Apr": 4,
    "Jun": 6,
    "Jul": 7,
    "Aug": 8,
    "Sep": 9,
    "Sept": 9,
    "Oct": 10,
    "Nov": 11,
    "Dec": 12,
}
#: Month name -> number, 1 for January.
MONTHS: dict[str, int] = {name: number for number, name in enumerate(MONTH_NAMES, start=1)}
WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
#: Weekday name -> number, 0 for Monday (as `datetime.date.weekday`).
WEEKDAYS: dict[str, int] = {name: number for number, name in enumerate(WEEKDAY_NAMES)}

#: Pronouns that stand for one person named in the article (a speaker's `he said`).
PERSON_PRONOUNS: frozenset[str] = frozenset({"he", "she", "his", "her"})
#: Plural pronouns that stand for a group, an organisation or a place.
GROUP_PRONOUNS: frozenset[str] = frozenset({"they"})
#: Subject pronouns that stand for people (`they are 21` gives an age).
PEOPLE_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "i", "we", "you"})
