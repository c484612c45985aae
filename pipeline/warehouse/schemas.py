"""The warehouse contract: one pandera model per table. DuckDB tables are created from these models.

Offsets (`start_char`, `end_char`) always index `articles.text`, the cleaned article text, as Python
string positions (Unicode code points), end exclusive.
"""

from __future__ import annotations

import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData

from pipeline.vocabulary import (
    ANOMALY_KINDS,
    BLOCK_KINDS,
    CHANGE_ROLES,
    CROSS_ARTICLE_STEPS,
    ENTITY_TYPES,
    FIGURE_KINDS,
    MENTION_LINKS,
    QUARANTINE_REASONS,
    QUARANTINE_STAGES,
    QUOTE_KINDS,
    SOURCE_STATUSES,
)

UTC_TIMESTAMP = pl.Datetime("us", "UTC")


class _Table(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


class SourceFiles(_Table):
    """Every file seen in the raw folder, with the fingerprint that decides whether it changed."""

    source_path: str = pa.Field(unique=True, description="Path relative to the raw folder.")
    size_bytes: int = pa.Field(ge=0)
    modified_ns: int = pa.Field(description="File modification time in nanoseconds since the epoch.")
    content_sha256: str = pa.Field(nullable=True, description="Hash of the raw bytes; null if unreadable.")
    article_id: str = pa.Field(nullable=True, description="The article this file holds; null if quarantined.")
    status: str = pa.Field(
        isin=list(SOURCE_STATUSES),
        description="article, duplicate (same text as another file) or quarantined.",
    )
    seen_at: UTC_TIMESTAMP = pa.Field(description="When this version of the file was read.")  # type: ignore[valid-type]


class Articles(_Table):
    """One row per distinct article text; a file renamed or copied keeps the same `article_id`."""

    article_id: str = pa.Field(
        unique=True, str_length=16, description="Hash of the cleaned text: stable across renames."
    )
    source_path: str = pa.Field(description="First file (relative to the raw folder) holding this text.")
    title: str = pa.Field(nullable=True)
    standfirst: str = pa.Field(nullable=True, description="The summary paragraph under the title.")
    outlet: str = pa.Field(
        nullable=True,
        description="Publisher, from a sidecar or revealed by the text (sign-off, boilerplate).",
    )
    authors: pl.List(pl.Utf8) = pa.Field(description="Byline names, or the sidecar's authors.")  # type: ignore[valid-type]
    published_date: pl.Date = pa.Field(
        nullable=True, description="From a sidecar or a dateline; null when unknown."
    )  # type: ignore[valid-type]
    url: str = pa.Field(nullable=True)
    text: str = pa.Field(description="Cleaned article text: every offset in every table indexes this.")
    word_count: int = pa.Field(
        ge=0, description="Words in title, standfirst and body (not captions or furniture)."
    )
    language: str = pa.Field(
        str_length={"min_value": 2, "max_value": 3},
        description="ISO 639-1 code of the language the article is written in (`en`, `es`, `zh`), or `und` "
        "when too short to tell. The extractors read English; other articles land without extraction.",
    )
    encoding: str = pa.Field(description="Encoding the raw file was decoded with.")
    replaced_bytes: int = pa.Field(
        ge=0, description="Bytes not valid in that encoding, each replaced by U+FFFD (a damaged file)."
    )
    first_replaced_char: int = pa.Field(
        nullable=True, ge=0, description="Offset in the decoded file of the first replaced byte."
    )
    ingested_at: UTC_TIMESTAMP  # type: ignore[valid-type]


class Paragraphs(_Table):
    """Each block of an article with its kind, so page furniture can be told from reporting."""

    article_id: str
    block_no: int = pa.Field(ge=0, description="Position of the block in the article, from 0.")
    kind: str = pa.Field(isin=list(BLOCK_KINDS))
    start_char: int = pa.Field(ge=0)
    end_char: int = pa.Field(ge=0)
    text: str

    @pa.dataframe_check
    def ends_after_start(cls, data: PolarsData) -> pl.LazyFrame:
        return data.lazyframe.select(pl.col("end_char") >= pl.col("start_char"))


class QuarantinedArticles(_Table):
    """Files that could not become articles (or whose extraction failed), with a reason to act on."""

    source_path: str = pa.Field(description="Path relative to the raw folder.")
    stage: str = pa.Field(
        isin=list(QUARANTINE_STAGES), description="Where it failed: read, parse, sidecar or extract."
    )
    reason: str = pa.Field(
        isin=list(QUARANTINE_REASONS),
        description="Stable code: empty, binary, undecodable, too_large, html, redirect, front_page, no_body, …",
    )
    detail: str = pa.Field(description="What went wrong and what to do about it.")
    size_bytes: int = pa.Field(nullable=True)
    quarantined_at: UTC_TIMESTAMP  # type: ignore[valid-type]


class Figures(_Table):
    """Numeric facts with normalised value, what they count or measure, and qualifiers."""

    figure_id: str = pa.Field(unique=True)
    article_id: str
    value: float = pa.Field(
        nullable=True, description="Normalised number: `$1.13bn` -> 1.13e9, `three` -> 3."
    )
    value_max: float = pa.Field(
        nullable=True, description="Upper end of a range (`between 10 and 15`), never below `value`."
    )
    value_other: float = pa.Field(
        nullable=True, description="A score's other side: `won 7-6` is value 7, value_other 6."
    )
    unit: str = pa.Field(
        nullable=True,
        description="What is counted (`people`, `defence chiefs`) or a unit (`USD`, `percent`, `year`).",
    )
    kind: str = pa.Field(
        isin=sorted(FIGURE_KINDS), description="See FIGURE_KIND_MEANINGS in pipeline/vocabulary.py."
    )
    qualifier: str = pa.Field(nullable=True, description="`more than`, `about`, `at least`, … normalised.")
    surface: str = pa.Field(description="The figure as written, qualifier included.")
    date: str = pa.Field(
        nullable=True, description="ISO date (YYYY, YYYY-MM or YYYY-MM-DD) for dates and years."
    )
    month: int = pa.Field(nullable=True, ge=1, le=12, description="A date's month as written (`June 24`: 6).")
    day: int = pa.Field(nullable=True, ge=1, le=31, description="A date's day as written (`June 24`: 24).")
    change_role: str = pa.Field(
        nullable=True,
        isin=sorted(CHANGE_ROLES),
        description="change, new or old in `rose 2% to $11.1bn from $10.9bn`.",
    )
    change_group: int = pa.Field(
        nullable=True, description="Links the figures of one change within an article."
    )
    start_char: int = pa.Field(ge=0)
    end_char: int = pa.Field(ge=0)
    block_kind: str = pa.Field(
        isin=list(BLOCK_KINDS), description="body, caption, title, …: where the figure stands."
    )

    @pa.dataframe_check
    def range_ends_above_its_start(cls, data: PolarsData) -> pl.LazyFrame:
        """`value_max` means one thing everywhere: the upper end of a range."""
        return data.lazyframe.select(pl.col("value_max").is_null() | (pl.col("value_max") >= pl.col("value")))


class Mentions(_Table):
    """Entity mentions as found in one article, before cross-article resolution (staging)."""

    mention_id: str = pa.Field(unique=True)
    article_id: str
    surface: str = pa.Field(description="As written, possessive included.")
    name: str = pa.Field(
        description="Fullest form of the name in its article (`Dragone` -> `Giuseppe Cavo Dragone`)."
    )
    type: str = pa.Field(
        description="PERSON, ORG, PLACE, EVENT, PRODUCT or WORK as judged within the article."
    )
    role: str = pa.Field(nullable=True, description="Title given with the name: `Russian Foreign Minister`.")
    start_char: int = pa.Field(ge=0)
    end_char: int = pa.Field(ge=0)
    block_kind: str = pa.Field(isin=list(BLOCK_KINDS))
    link: str = pa.Field(
        isin=list(MENTION_LINKS),
        description="name, or how the article's discourse model tied a pronoun (`he`) or a description "
        "(`the company`, `a spokesman for Dell`) to the entity.",
    )


class EntityMentions(Mentions):
    """Every mention linked to its canonical entity across all articles."""

    entity_id: str = pa.Field(description="The canonical entity (see `entities`).")
    type: str = pa.Field(isin=list(ENTITY_TYPES), description="The canonical entity's type.")


class Entities(_Table):
    """One row per real-world entity: every spelling across all articles resolved to it."""

    entity_id: str = pa.Field(unique=True, description="Stable hash of the canonical name key.")
    name: str = pa.Field(description="Canonical name: the most used full form.")
    type: str = pa.Field(isin=list(ENTITY_TYPES))
    aliases: pl.List(pl.Utf8) = pa.Field(description="Every distinct surface form, possessives stripped.")  # type: ignore[valid-type]
    mention_count: int = pa.Field(ge=1)
    article_count: int = pa.Field(ge=1)


class _QuoteColumns(_Table):
    """Columns every quote table has, whether or not its speaker is linked to an entity yet."""

    quote_id: str = pa.Field(unique=True)
    article_id: str
    text: str = pa.Field(
        description="The quoted words without the outer quote marks (or the reported content)."
    )
    kind: str = pa.Field(
        isin=list(QUOTE_KINDS),
        description="direct, partial (a fragment in the reporter's sentence) or indirect.",
    )
    cue: str = pa.Field(
        nullable=True, description="Reporting verb or phrase as written: said, added, according to."
    )
    speaker_surface: str = pa.Field(
        nullable=True, description="The speaker as written: `he`, `Lavrov`, `a spokesman`."
    )
    speaker_role: str = pa.Field(
        nullable=True, description="`Russian Foreign Minister` where the text gives one."
    )
    start_char: int = pa.Field(ge=0)
    end_char: int = pa.Field(ge=0)
    block_kind: str = pa.Field(isin=list(BLOCK_KINDS))


class ExtractedQuotes(_QuoteColumns):
    """Quotes as found in one article, before speakers are linked to canonical entities (staging)."""

    speaker_local: str = pa.Field(
        nullable=True, description="Speaker resolved within the article (pronouns followed)."
    )
    speaker_mention_start: int = pa.Field(
        nullable=True, description="start_char of the speaker's named mention."
    )


class Quotes(_QuoteColumns):
    """Who said what: direct, partial and indirect quotes with the speaker's canonical entity."""

    speaker: str = pa.Field(
        nullable=True, description="Canonical entity name, or the nominal as written (`officials`)."
    )
    speaker_entity_id: str = pa.Field(
        nullable=True, description="Link to `entities`; null for unnamed speakers."
    )
    quote_key: str = pa.Field(
        nullable=True,
        description=(
            "The quote's words folded (case, accents, punctuation), taken from the longest rendering that "
            "contains it, so every outlet's version of one quote shares it; null under five words."
        ),
    )


class Stories(_Table):
    """Articles grouped into stories by the entities, quotes and figures they share (one row per article)."""

    article_id: str = pa.Field(unique=True)
    story_id: str = pa.Field(description="Shared by every article of one story; a story of one has its own.")
    similarity: float = pa.Field(
        ge=0, le=1, description="Best weighted-Jaccard score that joined the article to its story (1 alone)."
    )


class ExtractionAnomalies(_Table):
    """Text an extractor could not handle cleanly (an unbalanced quote mark), kept so nothing is silent."""

    article_id: str
    extractor: str
    kind: str = pa.Field(isin=list(ANOMALY_KINDS))
    start_char: int = pa.Field(ge=0)
    detail: str


class ExtractionLog(_Table):
    """Which articles each extractor version has processed, so runs only do new work (staging)."""

    article_id: str = pa.Field(unique=True)
    extractor_version: str
    extracted_at: UTC_TIMESTAMP  # type: ignore[valid-type]
    skipped: str = pa.Field(
        nullable=True, description="Why the extractors did not run on the article (its language), or null."
    )


#: Published tables, by name; staging tables live in the `staging` schema of the same database.
TABLES: dict[str, type[_Table]] = {
    "articles": Articles,
    "paragraphs": Paragraphs,
    "quarantined_articles": QuarantinedArticles,
    "figures": Figures,
    "entities": Entities,
    "entity_mentions": EntityMentions,
    "quotes": Quotes,
    "stories": Stories,
    "extraction_anomalies": ExtractionAnomalies,
    "staging.source_files": SourceFiles,
    "staging.mentions": Mentions,
    "staging.quotes": ExtractedQuotes,
    "staging.extraction_log": ExtractionLog,
}


class CrossArticleInputs(_Table):
    """What each cross-article step last computed from, per article (staging): a run redoes only the
    articles whose inputs changed since."""

    step: str = pa.Field(isin=list(CROSS_ARTICLE_STEPS), description="entities, quotes or stories.")
    article_id: str
    stamp: str = pa.Field(description="Fingerprint of the article's inputs to that step when it last ran.")


class NameFeatures(_Table):
    """For each distinct mention name and type, what its resolution depends on (staging): names that share
    no feature never change each other's entity, so resolution redoes only the names linked to new ones."""

    name: str
    type: str
    feature: str


class QuoteTexts(_Table):
    """Each quote's own folded text (staging): a new quote is matched against these to find the quotes
    whose `quote_key` it can change."""

    quote_id: str = pa.Field(unique=True)
    quote_key: str = pa.Field(description="The quote's own text with case, accents and punctuation folded.")


class RelinkedArticles(_Table):
    """Articles whose mentions the entities step linked to other entities, or whose entities it renamed,
    since the quotes step last ran (staging): their quotes' speakers are linked again."""

    article_id: str


class EntityPairs(_Table):
    """Each pair of entities named in one article (staging), kept for the articles whose mentions change."""

    article_id: str
    entity_a: str
    entity_b: str


class ComentionCounts(_Table):
    """Articles naming both entities of a pair, overall and per outlet (staging): what `entity_comentions`
    shows, kept up to date for the pairs a run touches instead of counted over every article per query."""

    entity_a: str
    entity_b: str
    article_count: int
    by_outlet: pl.List(pl.Struct({"outlet": pl.Utf8, "articles": pl.Int64}))  # type: ignore[valid-type]


class Runs(_Table):
    """Each finished run and the lake snapshot that holds what it wrote: `FROM figures AT (VERSION =>
    snapshot_id)`, or `SNAPSHOT=N bash scripts/sql`, shows the warehouse as that run left it."""

    run_id: str = pa.Field(unique=True, description="The Dagster run id.")
    finished_at: UTC_TIMESTAMP = pa.Field(description="When the run finished writing.")  # type: ignore[valid-type]
    snapshot_id: int = pa.Field(ge=0, description="The lake snapshot the run's last write made.")


#: The pipeline's bookkeeping, and the runs it made: created with the tables but not assets of their own.
STATE_TABLES: dict[str, type[_Table]] = {
    "runs": Runs,
    "staging.cross_article_inputs": CrossArticleInputs,
    "staging.name_features": NameFeatures,
    "staging.quote_texts": QuoteTexts,
    "staging.relinked_articles": RelinkedArticles,
    "staging.entity_pairs": EntityPairs,
    "staging.comention_counts": ComentionCounts,
}
#: Every table the warehouse holds.
ALL_TABLES: dict[str, type[_Table]] = {**TABLES, **STATE_TABLES}


def empty_frame(model: type[_Table]) -> pl.DataFrame:
    """A zero-row frame with the model's columns and dtypes."""
    schema = model.to_schema()
    return pl.DataFrame(schema={name: column.dtype.type for name, column in schema.columns.items()})


def columns_of(model: type[_Table]) -> list[str]:
    """The model's column names, in order."""
    return list(model.to_schema().columns)


def frame_of(model: type[_Table], rows: list[dict[str, object]]) -> pl.DataFrame:
    """Rows as a frame with the model's columns and dtypes (zero rows included)."""
    return pl.DataFrame(rows, schema=empty_frame(model).schema) if rows else empty_frame(model)
