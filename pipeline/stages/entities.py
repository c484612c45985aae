"""The entities step: canonical entities and mentions linked to them, for the names changed articles reach.

Exact: resolution decides by look-ups on a name's features (`staging.name_features`), so the names linked
to a changed article's names through shared features, and nothing else, are resolved again, with all
their mentions, by the same `resolve_entities`. The entity pairs behind `entity_comentions` are counted
again for the articles whose mentions were relinked.
"""

from __future__ import annotations

import string
from functools import partial

import duckdb
import polars as pl

from pipeline.resolve.entities import name_features, resolve_entities
from pipeline.stages.changes import (
    EXTRACTION_STAMPS_SQL,
    StepUpdate,
    TableUpdate,
    find_changes,
    register_changed,
)
from pipeline.warehouse.schemas import EntityMentions, columns_of
from pipeline.warehouse.store import read_frame

_ENTITY_PAIRS_SQL = """
WITH present AS (SELECT DISTINCT article_id, entity_id FROM entity_mentions {articles})
SELECT x.article_id, x.entity_id AS entity_a, y.entity_id AS entity_b
FROM present x JOIN present y ON x.article_id = y.article_id AND x.entity_id < y.entity_id
"""
#: Distinct entity pairs per article, for every article or for the articles in `comention_articles`.
ALL_ENTITY_PAIRS_SQL = _ENTITY_PAIRS_SQL.format(articles="")
ENTITY_PAIRS_SQL = _ENTITY_PAIRS_SQL.format(
    articles="WHERE article_id IN (SELECT article_id FROM comention_articles)"
)
#: Articles naming both entities of each pair, overall and per outlet. `list_sort` orders the per-outlet
#: list as `ORDER BY outlet` inside `list()` would (structs sort by their first field, the outlet, which is
#: unique within a pair's list), at a fifth of the cost: 0.7 s instead of 3.4 s for 3,048 articles.
_COMENTIONS_SQL = """
SELECT entity_a, entity_b, sum(articles) AS article_count,
       list_sort(list(struct_pack(outlet := outlet, articles := articles))) AS by_outlet
FROM (
    SELECT p.entity_a, p.entity_b, coalesce(a.outlet, 'unknown') AS outlet, count(*) AS articles
    FROM staging.entity_pairs p JOIN articles a USING (article_id) {pairs}
    GROUP BY ALL
)
GROUP BY ALL
"""
#: For every pair whose `entity_a` starts with the given hex digit (counting all pairs at once held 750 MB
#: at 30,000 articles, a sixteenth at a time under 50 MB), or for the pairs in `comention_pairs`.
ALL_COMENTIONS_SQL = _COMENTIONS_SQL.format(pairs="WHERE starts_with(p.entity_a, ?)")
COMENTIONS_SQL = _COMENTIONS_SQL.format(pairs="JOIN comention_pairs USING (entity_a, entity_b)")


def update_entities(con: duckdb.DuckDBPyConnection, full: bool = False) -> StepUpdate:
    """Canonical entities and mentions linked to them, for the names the changed articles reach."""
    stamps = read_frame(con, EXTRACTION_STAMPS_SQL)
    changed, full = find_changes(con, "entities", stamps, full)
    register_changed(con, changed)
    name_rows = _name_feature_rows(con, full)
    if full:
        mentions = read_frame(con, "SELECT * FROM staging.mentions")
        entities, entity_mentions = resolve_entities(mentions)
        every_article = stamps.select("article_id")
        tables = {
            "entities": TableUpdate(entities),
            "entity_mentions": TableUpdate(entity_mentions.select(columns_of(EntityMentions))),
            "staging.name_features": TableUpdate(name_rows),
            "staging.relinked_articles": TableUpdate(every_article),
        }
        return StepUpdate(
            "entities", tables, True, stamps, changed, partial(_update_comentions, articles=None)
        )
    con.register("new_name_features", name_rows)
    linked = _linked_names(con)
    con.register("linked_names", linked)
    mentions = read_frame(con, "SELECT m.* FROM staging.mentions m JOIN linked_names USING (name, type)")
    entities, entity_mentions = resolve_entities(mentions)
    entity_mentions = entity_mentions.select(columns_of(EntityMentions))
    old_mentions = read_frame(
        con,
        "SELECT * FROM entity_mentions WHERE name IN (SELECT name FROM linked_names) "
        "OR article_id IN (SELECT article_id FROM changed_articles)",
    ).select(columns_of(EntityMentions))
    con.register("old_mention_entities", old_mentions.select("entity_id").unique())
    old_entities = read_frame(
        con, "SELECT * FROM entities WHERE entity_id IN (SELECT entity_id FROM old_mention_entities)"
    ).select(entities.columns)
    # Only rows that differ are written: most of the names a new article reaches keep their entity.
    mentions_written, mentions_replaced = _differing_rows(entity_mentions, old_mentions, "mention_id")
    entities_written, entities_replaced = _differing_rows(entities, old_entities, "entity_id")
    # Articles whose mentions point elsewhere now, or name an entity whose name or type changed (or that
    # is gone; counts and aliases do not matter): their quotes' speakers and entity pairs are redone.
    renamed = old_entities.join(entities, on=["entity_id", "name", "type"], how="anti")["entity_id"]
    con.register("renamed_entities", pl.DataFrame({"entity_id": renamed}, schema={"entity_id": pl.String}))
    relinked = pl.concat(
        [
            changed,
            old_mentions.filter(pl.col("mention_id").is_in(mentions_replaced.implode()))["article_id"],
            mentions_written["article_id"],
            read_frame(
                con,
                "SELECT DISTINCT article_id FROM entity_mentions "
                "WHERE entity_id IN (SELECT entity_id FROM renamed_entities)",
            )["article_id"],
        ]
    ).unique()
    tables = {
        "entities": TableUpdate(entities_written, entities_replaced, "entity_id"),
        "entity_mentions": TableUpdate(mentions_written, mentions_replaced, "mention_id"),
        "staging.name_features": TableUpdate(name_rows, pl.Series(dtype=pl.String), "name"),
        "staging.relinked_articles": TableUpdate(pl.DataFrame({"article_id": relinked}), relinked),
    }
    return StepUpdate(
        "entities", tables, False, stamps, changed, partial(_update_comentions, articles=relinked)
    )


def _differing_rows(new: pl.DataFrame, old: pl.DataFrame, key: str) -> tuple[pl.DataFrame, pl.Series]:
    """Rows of `new` that are not in `old` as they are, and the keys to delete first: theirs and those of
    old rows that are gone."""
    new_hashes = new.select(pl.struct(pl.all()).hash().alias("row"))["row"]
    old_hashes = old.select(pl.struct(pl.all()).hash().alias("row"))["row"]
    written = new.filter(~new_hashes.is_in(old_hashes.implode()))
    gone = old.filter(~old[key].is_in(new[key].implode()))[key]
    return written, pl.concat([written[key], gone]).unique()


def _name_feature_rows(con: duckdb.DuckDBPyConnection, full: bool) -> pl.DataFrame:
    """Feature rows for every distinct mention name and type (full), or for the names of changed articles
    not yet recorded (only they can bring a new name: no need to scan every mention)."""
    every_name = "SELECT DISTINCT name, type FROM staging.mentions"
    names = read_frame(
        con,
        every_name
        if full
        else every_name + " m WHERE article_id IN (SELECT article_id FROM changed_articles) AND NOT EXISTS "
        "(SELECT 1 FROM staging.name_features f WHERE f.name = m.name AND f.type = m.type)",
    )
    rows = [(n, t, f) for n, t in names.iter_rows() for f in name_features(n, t)]
    return pl.DataFrame(
        rows, schema={"name": pl.String, "type": pl.String, "feature": pl.String}, orient="row"
    )


def _linked_names(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """(name, type) of every name linked, through shared features, to a name of a changed article
    (as extracted now, or as published before, for an article that is gone or was re-extracted)."""
    con.execute(
        "CREATE OR REPLACE TEMP VIEW all_name_features AS SELECT name, type, feature "
        "FROM staging.name_features UNION ALL SELECT name, type, feature FROM new_name_features"
    )
    features = read_frame(
        con,
        "SELECT DISTINCT feature FROM all_name_features WHERE name IN ("
        "SELECT name FROM staging.mentions WHERE article_id IN (SELECT article_id FROM changed_articles) "
        "UNION SELECT name FROM entity_mentions WHERE article_id IN (SELECT article_id FROM changed_articles))",
    )
    while True:
        con.register("component_features", features)
        names = read_frame(
            con,
            "SELECT DISTINCT name, type FROM all_name_features "
            "WHERE feature IN (SELECT feature FROM component_features)",
        )
        con.register("component_names", names)
        reached = read_frame(
            con, "SELECT DISTINCT feature FROM all_name_features JOIN component_names USING (name, type)"
        )
        if reached.height == features.height:
            return names
        features = reached


def _update_comentions(con: duckdb.DuckDBPyConnection, articles: pl.Series | None) -> None:
    """Entity pairs of the given articles (None: every article), then the per-outlet counts of every pair
    they had or have, so `entity_comentions` sums a table instead of pairing all mentions at query time."""
    if articles is None:
        # Every pair is counted again: no need to collect the pairs that changed (at 30,000 articles,
        # 514,000 of them, and the join on them held 700 MB).
        con.execute("DELETE FROM staging.entity_pairs")
        con.execute("DELETE FROM staging.comention_counts")
        con.execute("INSERT INTO staging.entity_pairs " + ALL_ENTITY_PAIRS_SQL)
        for digit in string.hexdigits[:16]:  # entity ids are hex digests
            con.execute("INSERT INTO staging.comention_counts " + ALL_COMENTIONS_SQL, [digit])
        return
    con.register(
        "comention_articles", pl.DataFrame({"article_id": articles}, schema={"article_id": pl.String})
    )
    pairs_of_articles = (
        "SELECT DISTINCT entity_a, entity_b FROM staging.entity_pairs "
        "WHERE article_id IN (SELECT article_id FROM comention_articles)"
    )
    con.execute("CREATE OR REPLACE TEMP TABLE comention_pairs AS " + pairs_of_articles)
    con.execute(
        "DELETE FROM staging.entity_pairs WHERE article_id IN (SELECT article_id FROM comention_articles)"
    )
    con.execute("INSERT INTO staging.entity_pairs " + ENTITY_PAIRS_SQL)
    con.execute("INSERT INTO comention_pairs " + pairs_of_articles)
    con.execute(
        "DELETE FROM staging.comention_counts c WHERE EXISTS (SELECT 1 FROM comention_pairs p "
        "WHERE p.entity_a = c.entity_a AND p.entity_b = c.entity_b)"
    )
    con.execute("INSERT INTO staging.comention_counts " + COMENTIONS_SQL)
