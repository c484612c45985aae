"""Cross-article assets: canonical entities, mentions linked to them, quotes linked to speakers, stories.

Each asset calls one step of `pipeline/stages/` (which redoes only what new, changed or removed articles
reach; the daily refresh, or `full_recompute`, recomputes it over the whole warehouse), validates the rows,
writes them with the step's input stamps in one transaction and reports.
"""

from collections.abc import Callable, Generator, Iterator

import dagster as dg
import duckdb

from pipeline.defs.charts import quotes_by_speaker_and_outlet
from pipeline.defs.checks import raise_on_failed_checks, schema_check_spec, validate_tables
from pipeline.defs.metadata import markdown_table, table_metadata, table_spec
from pipeline.defs.resources import WarehouseResource
from pipeline.stages.changes import StepUpdate, apply_update
from pipeline.stages.entities import update_entities
from pipeline.stages.quotes import update_quotes
from pipeline.stages.stories import update_stories
from pipeline.warehouse.store import Warehouse, read_frame

ENTITY_TABLES = ("entities", "entity_mentions")
ENTITY_PREVIEW = ["name", "type", "mention_count", "article_count", "aliases"]
MENTION_PREVIEW = ["surface", "type", "role", "entity_id"]
QUOTE_PREVIEW = ["speaker", "speaker_role", "cue", "kind", "text"]
TOP_ENTITIES_SQL = "SELECT * FROM entities ORDER BY article_count DESC, mention_count DESC, entity_id LIMIT ?"
QUOTES_BY_SPEAKER_AND_OUTLET_SQL = """
SELECT e.name AS speaker, coalesce(a.outlet, 'unknown') AS outlet, count(*) AS quotes
FROM quotes q JOIN entities e ON e.entity_id = q.speaker_entity_id JOIN articles a USING (article_id)
GROUP BY ALL
"""
TOP_SPEAKERS_SQL = (
    "SELECT speaker, quotes, articles, outlets, roles FROM speakers ORDER BY quotes DESC, speaker LIMIT 10"
)
STORY_COUNTS_SQL = (
    "SELECT count(*), count(DISTINCT story_id), "
    "(SELECT count(*) FROM story_overview WHERE article_count > 1) FROM stories"
)
LARGEST_STORIES_SQL = (
    "SELECT * FROM story_overview ORDER BY outlet_count DESC, article_count DESC, story_id LIMIT 10"
)


class CrossArticleConfig(dg.Config):
    #: Recompute over the whole warehouse instead of only what changed articles reach.
    full_recompute: bool = False


def _run_step(
    context: dg.AssetExecutionContext,
    store: Warehouse,
    step: Callable[[duckdb.DuckDBPyConnection, bool], StepUpdate],
    full: bool,
    tables: tuple[str, ...],
) -> Generator[dg.AssetCheckResult, None, tuple[StepUpdate, list[dg.AssetCheckResult]]]:
    """Compute a step's update, validate its rows, then write them and its input stamps in one transaction;
    returns the update and the passed checks, for the caller to report after its materialisations."""
    with store.connect() as con:
        update = step(con, full)
    checks = validate_tables({t: update.tables[t].rows for t in tables})
    yield from raise_on_failed_checks(checks)
    store.commit(lambda con: apply_update(con, update), f"run {context.run_id}: {', '.join(tables)}")
    return update, checks


def _update_metadata(update: StepUpdate) -> dict[str, object]:
    return {
        "recomputed": "all articles" if update.full else "changed articles",
        "changed_articles": update.changed_articles,
    }


@dg.multi_asset(
    specs=[table_spec(t, "resolution", deps=["staging.mentions"]) for t in ENTITY_TABLES],
    check_specs=[schema_check_spec(t) for t in ENTITY_TABLES],
)
def canonical_entities(
    context: dg.AssetExecutionContext, config: CrossArticleConfig, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Resolve every mention to one canonical entity per real-world entity (the names new articles reach)."""
    store = warehouse.warehouse
    update, checks = yield from _run_step(
        context, store, update_entities, config.full_recompute, ENTITY_TABLES
    )
    entities = update.tables["entities"].rows
    entity_mentions = update.tables["entity_mentions"].rows
    context.log.info(
        f"{update.changed_articles} changed articles: {entity_mentions.height} mentions resolved to "
        f"{entities.height} entities ({'full recompute' if update.full else 'names they reach'})"
    )
    top = entities.sort(["article_count", "mention_count"], descending=True)
    with store.connect() as con:
        entity_metadata = table_metadata(con, "entities", top, ENTITY_PREVIEW, preview_sql=TOP_ENTITIES_SQL)
        mention_metadata = table_metadata(con, "entity_mentions", entity_mentions, MENTION_PREVIEW)
    yield dg.MaterializeResult(asset_key="entities", metadata={**entity_metadata, **_update_metadata(update)})
    yield dg.MaterializeResult(
        asset_key="entity_mentions", metadata={**mention_metadata, **_update_metadata(update)}
    )
    yield from checks


@dg.multi_asset(
    specs=[table_spec("quotes", "resolution", deps=["staging.quotes", "entity_mentions", "entities"])],
    check_specs=[schema_check_spec("quotes")],
)
def quotes(
    context: dg.AssetExecutionContext, config: CrossArticleConfig, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Quotes with speakers linked to canonical entities (through the speaker's mention) and every
    outlet's rendering of one quote on one `quote_key`."""
    store = warehouse.warehouse
    update, checks = yield from _run_step(context, store, update_quotes, config.full_recompute, ("quotes",))
    rows = update.tables["quotes"].rows
    with store.connect() as con:
        metadata = table_metadata(con, "quotes", rows, QUOTE_PREVIEW)
        by_outlet = read_frame(con, QUOTES_BY_SPEAKER_AND_OUTLET_SQL)
        top_speakers = read_frame(con, TOP_SPEAKERS_SQL)
        by_kind = dict(
            con.execute("SELECT kind, count(*) FROM quotes GROUP BY kind ORDER BY kind").fetchall()
        )
    context.log.info(
        f"{update.changed_articles} changed articles: {rows.height} quotes written, "
        f"{metadata['dagster/row_count']} in all"
    )
    yield dg.MaterializeResult(
        asset_key="quotes",
        metadata={
            **metadata,
            **_update_metadata(update),
            "quotes_by_speaker_chart": dg.MetadataValue.md(quotes_by_speaker_and_outlet(by_outlet)),
            "top_speakers": dg.MetadataValue.md(markdown_table(top_speakers)),
            "by_kind": dg.MetadataValue.json(by_kind),
        },
    )
    yield from checks


@dg.multi_asset(
    specs=[table_spec("stories", "resolution", deps=["quotes", "entity_mentions", "figures", "articles"])],
    check_specs=[schema_check_spec("stories")],
)
def stories(
    context: dg.AssetExecutionContext, config: CrossArticleConfig, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Group articles into stories by the entities, quotes and figures they share (rules and threshold in
    `pipeline/resolve/stories.py`), for the articles new ones reach."""
    store = warehouse.warehouse
    update, checks = yield from _run_step(context, store, update_stories, config.full_recompute, ("stories",))
    with store.connect() as con:
        metadata = table_metadata(con, "stories", update.tables["stories"].rows)
        rows, story_count, multi_article = con.execute(STORY_COUNTS_SQL).fetchone()
        overview = read_frame(con, LARGEST_STORIES_SQL)
    context.log.info(
        f"{update.changed_articles} changed articles: {rows} articles in {story_count} stories, "
        f"{multi_article} of several articles"
    )
    yield dg.MaterializeResult(
        asset_key="stories",
        metadata={
            **metadata,
            **_update_metadata(update),
            "largest_stories": dg.MetadataValue.md(
                markdown_table(overview.select("article_count", "outlet_count", "outlets", "titles"))
            ),
            "stories": story_count,
            "multi_article_stories": multi_article,
        },
    )
    yield from checks
