"""Cross-article assets: canonical entities, mentions linked to them, quotes linked to speakers, stories.

Each run redoes only what new, changed or removed articles reach (`pipeline/cross_article.py`); the daily
refresh, or `full_recompute`, recomputes them over the whole warehouse.
"""

from collections.abc import Generator, Iterator

import dagster as dg

from pipeline.cross_article import StepUpdate, apply_update, update_entities, update_quotes, update_stories
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
from pipeline.schemas import Quotes, Stories
from pipeline.warehouse import Warehouse, read_frame, row_counts

ENTITY_TABLES = ("entities", "entity_mentions")
QUOTES_BY_SPEAKER_AND_OUTLET_SQL = """
SELECT e.name AS speaker, coalesce(a.outlet, 'unknown') AS outlet, count(*) AS quotes
FROM quotes q JOIN entities e ON e.entity_id = q.speaker_entity_id JOIN articles a USING (article_id)
GROUP BY ALL
"""


class CrossArticleConfig(dg.Config):
    #: Recompute over the whole warehouse instead of only what changed articles reach.
    full_recompute: bool = False


def _update_in_one_transaction(
    store: Warehouse, update: StepUpdate, tables: tuple[str, ...]
) -> Generator[dg.AssetCheckResult, None, list[dg.AssetCheckResult]]:
    """Validate the rows a step computed, then write them and its input stamps in one transaction;
    returns the passed checks, for the caller to report after its materialisations."""
    checks = validate_tables({t: update.tables[t].rows for t in tables})
    yield from raise_on_failed_checks(checks)
    with store.transaction() as con:
        apply_update(con, update)
    return checks


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
    with store.connect() as con:
        update = update_entities(con, config.full_recompute)
    checks = yield from _update_in_one_transaction(store, update, ENTITY_TABLES)
    entities = update.tables["entities"].rows
    entity_mentions = update.tables["entity_mentions"].rows
    with store.connect() as con:
        totals = row_counts(con, ENTITY_TABLES)
    context.log.info(
        f"{update.changed_articles} changed articles: {entity_mentions.height} mentions resolved to "
        f"{entities.height} entities ({'full recompute' if update.full else 'names they reach'})"
    )
    top = entities.sort(["article_count", "mention_count"], descending=True)
    yield dg.MaterializeResult(
        asset_key="entities",
        metadata={
            **table_metadata(
                totals["entities"], top, ["name", "type", "mention_count", "article_count", "aliases"]
            ),
            **_update_metadata(update),
        },
    )
    yield dg.MaterializeResult(
        asset_key="entity_mentions",
        metadata={
            **table_metadata(
                totals["entity_mentions"], entity_mentions, ["surface", "type", "role", "entity_id"]
            ),
            **_update_metadata(update),
        },
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
def quotes(
    config: CrossArticleConfig, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Quotes with speakers linked to canonical entities (through the speaker's mention) and every
    outlet's rendering of one quote on one `quote_key`."""
    store = warehouse.warehouse
    with store.connect() as con:
        update = update_quotes(con, config.full_recompute)
    checks = yield from _update_in_one_transaction(store, update, ("quotes",))
    rows = update.tables["quotes"].rows
    with store.connect() as con:
        total = row_counts(con, ["quotes"])["quotes"]
        by_outlet = read_frame(con, QUOTES_BY_SPEAKER_AND_OUTLET_SQL)
        top_speakers = read_frame(
            con,
            "SELECT speaker, quotes, articles, outlets, roles FROM speakers ORDER BY quotes DESC, speaker LIMIT 10",
        )
        by_kind = dict(
            con.execute("SELECT kind, count(*) FROM quotes GROUP BY kind ORDER BY kind").fetchall()
        )
    yield dg.MaterializeResult(
        metadata={
            **table_metadata(total, rows, ["speaker", "speaker_role", "cue", "kind", "text"]),
            **_update_metadata(update),
            "quotes_by_speaker_chart": dg.MetadataValue.md(quotes_by_speaker_and_outlet(by_outlet)),
            "top_speakers": dg.MetadataValue.md(markdown_table(top_speakers)),
            "by_kind": dg.MetadataValue.json(by_kind),
        }
    )
    yield from checks


@dg.asset(
    key="stories",
    group_name="resolution",
    kinds={"duckdb", "polars"},
    deps=["quotes", "entity_mentions", "figures", "articles"],
    check_specs=[schema_check_spec("stories")],
    description=(Stories.__doc__ or "").strip(),
)
def stories(
    config: CrossArticleConfig, warehouse: WarehouseResource
) -> Iterator[dg.MaterializeResult | dg.AssetCheckResult]:
    """Group articles into stories by the entities, quotes and figures they share (rules and threshold in
    `pipeline/extract/stories.py`), for the articles new ones reach."""
    store = warehouse.warehouse
    with store.connect() as con:
        update = update_stories(con, config.full_recompute)
    checks = yield from _update_in_one_transaction(store, update, ("stories",))
    with store.connect() as con:
        counts = con.execute(
            "SELECT count(*), count(DISTINCT story_id), "
            "(SELECT count(*) FROM story_overview WHERE article_count > 1) FROM stories"
        ).fetchone()
        overview = read_frame(
            con,
            "SELECT * FROM story_overview ORDER BY outlet_count DESC, article_count DESC, story_id LIMIT 10",
        )
    yield dg.MaterializeResult(
        metadata={
            **table_metadata(counts[0], update.tables["stories"].rows),
            **_update_metadata(update),
            "largest_stories": dg.MetadataValue.md(
                markdown_table(overview.select("article_count", "outlet_count", "outlets", "titles"))
            ),
            "stories": counts[1],
            "multi_article_stories": counts[2],
        }
    )
    yield from checks
