"""Cross-article assets: canonical entities, mentions linked to them, quotes linked to speakers.

These are recomputed over the whole warehouse (they are cheap: grouping by name keys, then joins), so that
a new article can change an entity's canonical name or merge two spellings.
"""

from collections.abc import Iterator

import dagster as dg
import polars as pl

from pipeline.defs.charts import quotes_by_speaker_and_outlet
from pipeline.defs.metadata import (
    markdown_table,
    raise_on_failed_checks,
    schema_check_spec,
    table_metadata,
    table_spec,
    validate_tables,
)
from pipeline.defs.resources import WarehouseResource
from pipeline.extract.resolution import resolve_entities
from pipeline.extract.stories import group_stories, quote_clusters
from pipeline.schemas import EntityMentions, Quotes, Stories
from pipeline.warehouse import read_frame, replace_table

ENTITY_TABLES = ("entities", "entity_mentions")
QUOTES_SQL = """
SELECT q.quote_id, q.article_id, q.text,
       coalesce(e.name, q.speaker_local) AS speaker,
       e.entity_id AS speaker_entity_id,
       q.speaker_surface,
       coalesce(q.speaker_role, m.role) AS speaker_role,
       q.cue, q.kind, q.start_char, q.end_char, q.block_kind
FROM staging.quotes q
LEFT JOIN entity_mentions m ON m.article_id = q.article_id AND m.start_char = q.speaker_mention_start
LEFT JOIN entities e ON e.entity_id = m.entity_id
ORDER BY q.article_id, q.start_char
"""
QUOTES_BY_SPEAKER_AND_OUTLET_SQL = """
SELECT e.name AS speaker, coalesce(a.outlet, 'unknown') AS outlet, count(*) AS quotes
FROM quotes q JOIN entities e ON e.entity_id = q.speaker_entity_id JOIN articles a USING (article_id)
GROUP BY ALL
"""


@dg.multi_asset(
    specs=[table_spec(t, "resolution", deps=["staging.mentions"]) for t in ENTITY_TABLES],
    check_specs=[schema_check_spec(t) for t in ENTITY_TABLES],
)
def canonical_entities(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Resolve every mention in the warehouse to one canonical entity per real-world entity."""
    with warehouse.warehouse.connect() as con:
        mentions = read_frame(con, "SELECT * FROM staging.mentions ORDER BY article_id, start_char")
    entities, entity_mentions = resolve_entities(mentions)
    entity_mentions = entity_mentions.select(list(EntityMentions.to_schema().columns))
    frames = {"entities": entities, "entity_mentions": entity_mentions}
    checks = validate_tables(frames)
    yield from raise_on_failed_checks(checks)
    with warehouse.warehouse.transaction() as con:
        for table, frame in frames.items():
            replace_table(con, table, frame)
    context.log.info(f"{mentions.height} mentions resolved to {entities.height} entities")
    top = entities.sort(["article_count", "mention_count"], descending=True)
    yield dg.MaterializeResult(
        asset_key="entities",
        metadata={
            **table_metadata(
                entities.height, top, ["name", "type", "mention_count", "article_count", "aliases"]
            ),
            "multi_article_entities": entities.filter(entities["article_count"] > 1).height,
        },
    )
    yield dg.MaterializeResult(
        asset_key="entity_mentions",
        metadata=table_metadata(
            entity_mentions.height, entity_mentions, ["surface", "type", "role", "entity_id"]
        ),
    )
    yield from checks


@dg.asset(
    key="quotes",
    group_name="resolution",
    kinds={"duckdb", "polars"},
    deps=[dg.AssetKey(["staging", "quotes"]), "entity_mentions", "entities"],
    check_specs=[schema_check_spec("quotes")],
    description=(Quotes.__doc__ or "").strip(),
)
def quotes(warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Quotes with speakers linked to canonical entities (through the speaker's mention)."""
    with warehouse.warehouse.connect() as con:
        rows = read_frame(con, QUOTES_SQL)
    keys = quote_clusters(rows["text"].to_list())
    rows = rows.with_columns(
        pl.Series(
            "quote_key",
            [k if kind != "indirect" else None for k, kind in zip(keys, rows["kind"], strict=True)],
            dtype=pl.String,
        )
    ).select(list(Quotes.to_schema().columns))
    checks = validate_tables({"quotes": rows})
    yield from raise_on_failed_checks(checks)
    with warehouse.warehouse.transaction() as con:
        replace_table(con, "quotes", rows)
        by_outlet = read_frame(con, QUOTES_BY_SPEAKER_AND_OUTLET_SQL)
        top_speakers = read_frame(
            con,
            "SELECT speaker, quotes, articles, outlets, roles FROM speakers ORDER BY quotes DESC, speaker LIMIT 10",
        )
    yield dg.MaterializeResult(
        metadata={
            **table_metadata(rows.height, rows, ["speaker", "speaker_role", "cue", "kind", "text"]),
            "quotes_by_speaker_chart": dg.MetadataValue.md(quotes_by_speaker_and_outlet(by_outlet)),
            "top_speakers": dg.MetadataValue.md(markdown_table(top_speakers)),
            "by_kind": dg.MetadataValue.json(dict(rows["kind"].value_counts().iter_rows())),
        }
    )
    yield from checks


STORY_FEATURES_SQL = """
SELECT DISTINCT article_id, 'entity:' || entity_id AS feature
FROM entity_mentions WHERE block_kind NOT IN ('byline', 'caption')
UNION
SELECT DISTINCT article_id, 'quote:' || quote_key FROM quotes WHERE quote_key IS NOT NULL
UNION
SELECT DISTINCT article_id, 'figure:' || kind || ':' || value || ':' || unit
FROM figures WHERE value IS NOT NULL AND unit IS NOT NULL AND kind NOT IN ('year', 'date')
"""


@dg.asset(
    key="stories",
    group_name="resolution",
    kinds={"duckdb", "polars"},
    deps=["quotes", "entity_mentions", "figures", "articles"],
    check_specs=[schema_check_spec("stories")],
    description=(Stories.__doc__ or "").strip(),
)
def stories(warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Group every article into a story by the entities, quotes and figures it shares with others
    (rules and threshold in `pipeline/extract/stories.py`)."""
    with warehouse.warehouse.connect() as con:
        features = read_frame(con, STORY_FEATURES_SQL)
        article_ids = [r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()]
    rows = group_stories(features, article_ids)
    checks = validate_tables({"stories": rows})
    yield from raise_on_failed_checks(checks)
    with warehouse.warehouse.transaction() as con:
        replace_table(con, "stories", rows)
        overview = read_frame(
            con,
            "SELECT * FROM story_overview ORDER BY outlet_count DESC, article_count DESC, story_id LIMIT 10",
        )
    yield dg.MaterializeResult(
        metadata={
            **table_metadata(rows.height, rows),
            "largest_stories": dg.MetadataValue.md(
                markdown_table(overview.select("article_count", "outlet_count", "outlets", "titles"))
            ),
            "stories": rows["story_id"].n_unique(),
            "multi_article_stories": rows.group_by("story_id").len().filter(pl.col("len") > 1).height,
        }
    )
    yield from checks
