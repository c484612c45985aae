"""Cross-article tables kept current by redoing only what new, changed or removed articles affect.

Each step (entities, quotes, stories) records, per article, a stamp of the inputs it last computed from
(`staging.cross_article_inputs`). A run compares the current stamps with those: the articles that differ
are new, re-extracted or gone, and only the rows they can reach are recomputed, so the cost of a run
follows the new work, not the size of the archive.

- **Entities** are exact: resolution decides by look-ups on a name's features (`name_features`), so the
  names linked to a changed article's names through shared features, and nothing else, are resolved again,
  with all their mentions, by the same `resolve_entities`.
- **Quotes** are exact: speakers are linked again for the quotes of changed articles and of the articles
  the entities step relinked, and only rows that differ are rewritten; a new quote can change the
  `quote_key` only of the quotes it contains or is contained in, and of their groups, which are clustered
  again with it.
- **Stories** are recomputed for the changed articles, the articles that share a rare feature with them and
  their stories' members, with the corpus's current feature weights; the rest keep the grouping made with
  the weights of their own run (a pair near the threshold can differ from a full recompute until the next
  one: the daily refresh is a full recompute).

A run recomputes everything when asked to (`full`), when the step has never run, or when more than
FULL_RECOMPUTE_SHARE of the articles changed (a first load or a new extractor version). Quotes also do when
the new quote texts are too many to compare one by one with the stored ones (MAX_CONTAINMENT_PAIRS).
"""

from __future__ import annotations

import string
from dataclasses import dataclass

import duckdb
import polars as pl

from pipeline.extract.resolution import name_features, resolve_entities
from pipeline.extract.stories import (
    MAX_FEATURE_ARTICLES,
    MIN_QUOTE_WORDS,
    group_stories,
    quote_clusters,
    quote_key,
)
from pipeline.schemas import EntityMentions, Quotes, RelinkedArticles, empty_frame
from pipeline.warehouse import insert_rows, read_frame, replace_rows, replace_table

FULL_RECOMPUTE_SHARE = 0.2
#: The incremental quote-key check compares each new quote text with each stored one (about 20 ns a pair):
#: 1,900 new articles in a 30,000-article warehouse took 125 s that way, against about 8 s to cluster every
#: quote again, so past this many pairs the quotes step recomputes in full.
MAX_CONTAINMENT_PAIRS = 200_000_000
CLUSTERED_KINDS = ("direct", "partial")

EXTRACTION_STAMPS_SQL = (
    "SELECT article_id, CAST(extracted_at AS VARCHAR) AS stamp FROM staging.extraction_log"
)
_LINKED_QUOTES_SQL = """
SELECT q.quote_id, q.article_id, q.text,
       coalesce(e.name, q.speaker_local) AS speaker,
       e.entity_id AS speaker_entity_id,
       q.speaker_surface,
       coalesce(q.speaker_role, m.role) AS speaker_role,
       q.cue, q.kind, q.start_char, q.end_char, q.block_kind
FROM {quotes} q
LEFT JOIN {mentions} m ON m.article_id = q.article_id AND m.start_char = q.speaker_mention_start
LEFT JOIN entities e ON e.entity_id = m.entity_id
"""
#: Every quote with its speaker linked to a canonical entity.
QUOTES_SQL = _LINKED_QUOTES_SQL.format(quotes="staging.quotes", mentions="entity_mentions")
#: The same for the articles in `quote_scope`, both sides filtered before the join: filtered after it, DuckDB
#: joined all 1.1 million mentions first (0.3-0.5 s at 30,000 articles instead of 0.06 s).
SCOPED_QUOTES_SQL = _LINKED_QUOTES_SQL.format(
    quotes="(SELECT * FROM staging.quotes WHERE article_id IN (SELECT article_id FROM quote_scope))",
    mentions="(SELECT * FROM entity_mentions WHERE article_id IN (SELECT article_id FROM quote_scope))",
)
#: Quotes (every column but `quote_key`) that are new or differ from the published row.
CHANGED_QUOTES_SQL = """
SELECT quote_id FROM (
    SELECT quote_id, article_id, text, speaker, speaker_entity_id, speaker_surface, speaker_role, cue, kind,
           start_char, end_char, block_kind FROM linked_quotes
    EXCEPT
    SELECT quote_id, article_id, text, speaker, speaker_entity_id, speaker_surface, speaker_role, cue, kind,
           start_char, end_char, block_kind FROM scoped_quotes
)
"""
#: Each article's story features; UNION ALL, as the three prefixes never collide (a UNION deduplicates the
#: whole set again: 0.5 s instead of 0.35 s at 30,000 articles).
STORY_FEATURES_SQL = """
SELECT DISTINCT article_id, 'entity:' || entity_id AS feature
FROM entity_mentions WHERE block_kind NOT IN ('byline', 'caption')
UNION ALL
SELECT DISTINCT article_id, 'quote:' || quote_key FROM quotes WHERE quote_key IS NOT NULL
UNION ALL
SELECT DISTINCT article_id, 'figure:' || kind || ':' || value || ':' || unit
FROM figures WHERE value IS NOT NULL AND unit IS NOT NULL AND kind NOT IN ('year', 'date')
"""
#: An order-free fingerprint of each article's feature set (an XOR of feature hashes and their count).
STORY_STAMPS_SQL = """
SELECT a.article_id, count(f.feature) || ':' || coalesce(bit_xor(hash(f.feature)), 0) AS stamp
FROM articles a LEFT JOIN story_features f USING (article_id)
GROUP BY a.article_id
"""


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


@dataclass
class TableUpdate:
    """Rows to insert after deleting the rows whose `key` is in `replaced` (None: the whole table)."""

    rows: pl.DataFrame
    replaced: pl.Series | None = None
    key: str = "article_id"


@dataclass
class StepUpdate:
    step: str
    tables: dict[str, TableUpdate]
    full: bool
    #: Every article's current input stamp, recorded with the step's rows.
    stamps: pl.DataFrame
    #: Articles whose stamps differ from the step's last run.
    changed: pl.Series
    #: Articles whose mentions' entities changed (None: all), for `entity_comentions`.
    relinked: pl.Series | None = None

    @property
    def changed_articles(self) -> int:
        """Articles the step recomputed for: all of them for a full recompute."""
        return self.stamps.height if self.full else self.changed.len()


def apply_update(con: duckdb.DuckDBPyConnection, update: StepUpdate) -> None:
    """Write a step's rows and its new input stamps; the caller holds the transaction."""
    for table, change in update.tables.items():
        if change.replaced is None:
            replace_table(con, table, change.rows)
        else:
            replace_rows(con, table, change.rows, change.replaced, change.key)
    if update.step == "entities":
        _update_comentions(con, update.relinked)
    con.execute("DELETE FROM staging.cross_article_inputs WHERE step = ?", [update.step])
    insert_rows(
        con,
        "staging.cross_article_inputs",
        update.stamps.select(pl.lit(update.step).alias("step"), "article_id", "stamp"),
    )


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


def _changes(
    con: duckdb.DuckDBPyConnection, step: str, stamps: pl.DataFrame, full: bool
) -> tuple[pl.Series, bool]:
    """The articles whose stamps differ from the step's last run, and whether to recompute everything."""
    previous = read_frame(
        con, "SELECT article_id, stamp FROM staging.cross_article_inputs WHERE step = ?", [step]
    )
    changed = pl.concat(
        [
            stamps.join(previous, on=["article_id", "stamp"], how="anti")["article_id"],
            previous.join(stamps, on=["article_id", "stamp"], how="anti")["article_id"],
        ]
    ).unique(maintain_order=True)
    full = full or previous.is_empty() or changed.len() > FULL_RECOMPUTE_SHARE * max(stamps.height, 1)
    return changed, full


def _register_changed(con: duckdb.DuckDBPyConnection, changed: pl.Series) -> None:
    con.register("changed_articles", pl.DataFrame({"article_id": changed}, schema={"article_id": pl.String}))


def update_entities(con: duckdb.DuckDBPyConnection, full: bool = False) -> StepUpdate:
    """Canonical entities and mentions linked to them, for the names the changed articles reach."""
    stamps = read_frame(con, EXTRACTION_STAMPS_SQL)
    changed, full = _changes(con, "entities", stamps, full)
    _register_changed(con, changed)
    name_rows = _name_feature_rows(con, full)
    if full:
        mentions = read_frame(con, "SELECT * FROM staging.mentions")
        entities, entity_mentions = resolve_entities(mentions)
        every_article = stamps.select("article_id")
        tables = {
            "entities": TableUpdate(entities),
            "entity_mentions": TableUpdate(entity_mentions.select(_columns(EntityMentions))),
            "staging.name_features": TableUpdate(name_rows),
            "staging.relinked_articles": TableUpdate(every_article),
        }
        return StepUpdate("entities", tables, True, stamps, changed)
    con.register("new_name_features", name_rows)
    linked = _linked_names(con)
    con.register("linked_names", linked)
    mentions = read_frame(con, "SELECT m.* FROM staging.mentions m JOIN linked_names USING (name, type)")
    entities, entity_mentions = resolve_entities(mentions)
    entity_mentions = entity_mentions.select(_columns(EntityMentions))
    old_mentions = read_frame(
        con,
        "SELECT * FROM entity_mentions WHERE name IN (SELECT name FROM linked_names) "
        "OR article_id IN (SELECT article_id FROM changed_articles)",
    ).select(_columns(EntityMentions))
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
    return StepUpdate("entities", tables, False, stamps, changed, relinked)


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


def update_quotes(con: duckdb.DuckDBPyConnection, full: bool = False) -> StepUpdate:
    """Quotes with speakers linked to canonical entities and every outlet's rendering on one `quote_key`.

    Speakers are linked again for the articles whose quotes changed and those the entities step relinked
    (`staging.relinked_articles`, consumed here)."""
    stamps = read_frame(con, EXTRACTION_STAMPS_SQL)
    changed, full = _changes(con, "quotes", stamps, full)
    if full:
        return _all_quotes(con, stamps, changed)

    scope = pl.concat(
        [changed, read_frame(con, "SELECT DISTINCT article_id FROM staging.relinked_articles")["article_id"]]
    ).unique()
    con.register("quote_scope", pl.DataFrame({"article_id": scope}, schema={"article_id": pl.String}))
    con.execute("CREATE OR REPLACE TEMP TABLE linked_quotes AS " + SCOPED_QUOTES_SQL)
    con.execute(
        "CREATE OR REPLACE TEMP VIEW scoped_quotes AS SELECT * FROM quotes "
        "WHERE article_id IN (SELECT article_id FROM quote_scope)"
    )
    rewritten = read_frame(con, CHANGED_QUOTES_SQL)
    con.register("rewritten_quotes", rewritten)
    # Quotes whose text is new (or gone): only they can change a quote_key.
    new = read_frame(
        con,
        "SELECT l.quote_id, l.text, l.kind FROM linked_quotes l LEFT JOIN scoped_quotes q USING (quote_id) "
        "WHERE q.quote_id IS NULL OR q.text <> l.text OR q.kind <> l.kind",
    )
    gone = read_frame(
        con,
        "SELECT q.quote_id, q.quote_key FROM scoped_quotes q LEFT JOIN linked_quotes l USING (quote_id) "
        "WHERE l.quote_id IS NULL OR q.text <> l.text OR q.kind <> l.kind",
    )
    new_texts = _own_keys(new)
    stored_texts = con.execute("SELECT count(*) FROM staging.quote_texts").fetchone()[0]
    if new_texts.height * stored_texts > MAX_CONTAINMENT_PAIRS:
        return _all_quotes(con, stamps, changed)
    con.register("new_quote_texts", new_texts)
    touched_keys = read_frame(
        con,
        "SELECT DISTINCT q.quote_key FROM staging.quote_texts t JOIN quotes q USING (quote_id) "
        "JOIN new_quote_texts n ON contains(' ' || t.quote_key || ' ', ' ' || n.quote_key || ' ') "
        "OR contains(' ' || n.quote_key || ' ', ' ' || t.quote_key || ' ') "
        "WHERE q.quote_key IS NOT NULL AND len(string_split(n.quote_key, ' ')) >= ?",
        [MIN_QUOTE_WORDS],
    )["quote_key"]
    con.register(
        "touched_keys",
        pl.DataFrame({"quote_key": pl.concat([touched_keys, gone["quote_key"].drop_nulls()])}),
    )
    con.register("gone_quotes", gone.select("quote_id"))
    # The groups a new or gone quote belongs to are clustered again, with all their members, wherever
    # they are.
    members = read_frame(
        con,
        "SELECT q.quote_id, q.article_id, q.start_char, t.quote_key AS own_key FROM quotes q "
        "JOIN staging.quote_texts t USING (quote_id) "
        "WHERE q.quote_key IN (SELECT quote_key FROM touched_keys) "
        "AND quote_id NOT IN (SELECT quote_id FROM gone_quotes)",
    )
    joined_new = read_frame(
        con,
        "SELECT l.quote_id, l.article_id, l.start_char, n.quote_key AS own_key "
        "FROM linked_quotes l JOIN new_quote_texts n USING (quote_id)",
    )
    regrouped = _cluster_keys(
        pl.concat([members, joined_new])
        .unique("quote_id")
        .sort("article_id", "start_char", "quote_id")
        .rename({"own_key": "quote_key"})
    )
    con.register("regrouped", regrouped)
    in_scope = read_frame(
        con,
        "SELECT l.*, coalesce(r.quote_key, CASE WHEN l.kind IN ('direct', 'partial') THEN q.quote_key END) "
        "AS quote_key FROM linked_quotes l LEFT JOIN regrouped r USING (quote_id) "
        "LEFT JOIN quotes q USING (quote_id) "
        "WHERE l.quote_id IN (SELECT quote_id FROM rewritten_quotes) "
        "OR l.quote_id IN (SELECT quote_id FROM regrouped)",
    ).select(_columns(Quotes))
    beyond_scope = read_frame(
        con,
        "SELECT q.* REPLACE (r.quote_key AS quote_key) FROM quotes q JOIN regrouped r USING (quote_id) "
        "WHERE q.quote_id NOT IN (SELECT quote_id FROM linked_quotes) AND q.quote_key IS DISTINCT FROM r.quote_key",
    ).select(_columns(Quotes))
    rows = pl.concat([in_scope, beyond_scope])
    tables = {
        "quotes": TableUpdate(rows, pl.concat([rows["quote_id"], gone["quote_id"]]), "quote_id"),
        "staging.quote_texts": TableUpdate(
            new_texts, pl.concat([new_texts["quote_id"], gone["quote_id"]]), "quote_id"
        ),
        "staging.relinked_articles": TableUpdate(empty_frame(RelinkedArticles), scope),
    }
    return StepUpdate("quotes", tables, False, stamps, changed)


def _all_quotes(con: duckdb.DuckDBPyConnection, stamps: pl.DataFrame, changed: pl.Series) -> StepUpdate:
    """Every quote linked and clustered again (the full recompute)."""
    linked = read_frame(con, QUOTES_SQL + " ORDER BY q.article_id, q.start_char, q.quote_id")
    texts = _own_keys(linked)
    keys = _cluster_keys(linked.join(texts, on="quote_id", how="left", maintain_order="left"))
    rows = linked.join(keys, on="quote_id", how="left", maintain_order="left").select(_columns(Quotes))
    tables = {
        "quotes": TableUpdate(rows),
        "staging.quote_texts": TableUpdate(texts),
        "staging.relinked_articles": TableUpdate(empty_frame(RelinkedArticles)),
    }
    return StepUpdate("quotes", tables, True, stamps, changed)


def _own_keys(quotes: pl.DataFrame) -> pl.DataFrame:
    """(quote_id, quote_key) of each direct or partial quote's own folded text."""
    clustered = quotes.filter(pl.col("kind").is_in(CLUSTERED_KINDS))
    return pl.DataFrame(
        {"quote_id": clustered["quote_id"], "quote_key": [quote_key(t) for t in clustered["text"]]},
        schema={"quote_id": pl.String, "quote_key": pl.String},
    )


def _cluster_keys(quotes: pl.DataFrame) -> pl.DataFrame:
    """(quote_id, quote_key) of the group each quote falls in, for quotes with a folded text (in order)."""
    quotes = quotes.filter(pl.col("quote_key").is_not_null())
    keys = quote_clusters(quotes["quote_key"].to_list())
    return pl.DataFrame(
        {"quote_id": quotes["quote_id"], "quote_key": keys},
        schema={"quote_id": pl.String, "quote_key": pl.String},
    )


def update_stories(con: duckdb.DuckDBPyConnection, full: bool = False) -> StepUpdate:
    """Stories for the articles whose features changed and the articles within reach of them."""
    con.execute("CREATE OR REPLACE TEMP TABLE story_features AS " + STORY_FEATURES_SQL)
    stamps = read_frame(con, STORY_STAMPS_SQL)
    changed, full = _changes(con, "stories", stamps, full)
    if full:
        features = read_frame(con, "SELECT article_id, feature FROM story_features")
        rows = group_stories(features, stamps["article_id"].to_list())
        return StepUpdate("stories", {"stories": TableUpdate(rows)}, True, stamps, changed)
    _register_changed(con, changed)
    # Articles sharing a rare feature with a changed one, then every member of their stories.
    reach = read_frame(
        con,
        "WITH rare AS (SELECT feature FROM story_features GROUP BY feature HAVING count(*) <= ?), "
        "near AS (SELECT article_id FROM changed_articles UNION "
        "SELECT o.article_id FROM story_features c JOIN rare USING (feature) "
        "JOIN story_features o USING (feature) WHERE c.article_id IN (SELECT article_id FROM changed_articles)) "
        "SELECT article_id FROM near UNION SELECT s.article_id FROM stories s "
        "WHERE s.story_id IN (SELECT story_id FROM stories WHERE article_id IN (SELECT article_id FROM near))",
        [MAX_FEATURE_ARTICLES],
    )
    con.register("story_reach", reach)
    features = read_frame(
        con,
        "SELECT article_id, feature FROM story_features WHERE article_id IN (SELECT article_id FROM story_reach)",
    )
    # Weights are the whole corpus's, as in a full recompute.
    frequency = read_frame(
        con,
        "SELECT feature, count(*) AS articles FROM story_features "
        "WHERE feature IN (SELECT feature FROM story_features WHERE article_id IN (SELECT article_id FROM story_reach)) "
        "GROUP BY feature",
    )
    present = reach.join(stamps.select("article_id"), on="article_id", how="semi")["article_id"].to_list()
    rows = group_stories(features, present, dict(frequency.iter_rows()), stamps.height)
    table = TableUpdate(rows, pl.concat([reach["article_id"], changed]))
    return StepUpdate("stories", {"stories": table}, False, stamps, changed)


def _columns(model: type) -> list[str]:
    return list(empty_frame(model).columns)
