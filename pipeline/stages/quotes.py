"""The quotes step: quotes with speakers linked to canonical entities, and every outlet's rendering of one
quote on one `quote_key`.

Exact: speakers are linked again for the quotes of changed articles and of the articles the entities step
relinked, and only rows that differ are rewritten; a new quote can change the `quote_key` only of the
quotes it contains or is contained in, and of their groups, which are clustered again with it. Past
MAX_CONTAINMENT_PAIRS comparisons of new with stored quote texts the step recomputes in full.
"""

from __future__ import annotations

import duckdb
import polars as pl

from pipeline.resolve.quote_keys import MIN_QUOTE_WORDS, quote_clusters, quote_key
from pipeline.stages.changes import EXTRACTION_STAMPS_SQL, StepUpdate, TableUpdate, find_changes
from pipeline.vocabulary import QUOTED_KINDS
from pipeline.warehouse.schemas import Quotes, RelinkedArticles, columns_of, empty_frame
from pipeline.warehouse.store import read_frame

#: The incremental quote-key check compares each new quote text with each stored one (about 20 ns a pair):
#: 1,900 new articles in a 30,000-article warehouse took 125 s that way, against about 8 s to cluster every
#: quote again, so past this many pairs the quotes step recomputes in full.
MAX_CONTAINMENT_PAIRS = 200_000_000

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


def update_quotes(con: duckdb.DuckDBPyConnection, full: bool = False) -> StepUpdate:
    """Quotes with speakers linked to canonical entities and every outlet's rendering on one `quote_key`.

    Speakers are linked again for the articles whose quotes changed and those the entities step relinked
    (`staging.relinked_articles`, consumed here)."""
    stamps = read_frame(con, EXTRACTION_STAMPS_SQL)
    changed, full = find_changes(con, "quotes", stamps, full)
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
        "SELECT l.*, coalesce(r.quote_key, CASE WHEN list_contains(?, l.kind) THEN q.quote_key END) "
        "AS quote_key FROM linked_quotes l LEFT JOIN regrouped r USING (quote_id) "
        "LEFT JOIN quotes q USING (quote_id) "
        "WHERE l.quote_id IN (SELECT quote_id FROM rewritten_quotes) "
        "OR l.quote_id IN (SELECT quote_id FROM regrouped)",
        [list(QUOTED_KINDS)],
    ).select(columns_of(Quotes))
    beyond_scope = read_frame(
        con,
        "SELECT q.* REPLACE (r.quote_key AS quote_key) FROM quotes q JOIN regrouped r USING (quote_id) "
        "WHERE q.quote_id NOT IN (SELECT quote_id FROM linked_quotes) AND q.quote_key IS DISTINCT FROM r.quote_key",
    ).select(columns_of(Quotes))
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
    rows = linked.join(keys, on="quote_id", how="left", maintain_order="left").select(columns_of(Quotes))
    tables = {
        "quotes": TableUpdate(rows),
        "staging.quote_texts": TableUpdate(texts),
        "staging.relinked_articles": TableUpdate(empty_frame(RelinkedArticles)),
    }
    return StepUpdate("quotes", tables, True, stamps, changed)


def _own_keys(quotes: pl.DataFrame) -> pl.DataFrame:
    """(quote_id, quote_key) of each direct or partial quote's own folded text."""
    clustered = quotes.filter(pl.col("kind").is_in(QUOTED_KINDS))
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
