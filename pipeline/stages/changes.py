"""Change tracking for the cross-article steps (`entities.py`, `quotes.py`, `stories.py` beside this one).

Each step records, per article, a stamp of the inputs it last computed from (`staging.cross_article_inputs`).
A run compares the current stamps with those: the articles that differ are new, re-extracted or gone, and
only the rows they can reach are recomputed, so the cost of a run follows the new work, not the size of
the archive. A step recomputes everything when asked to (`full`), when it has never run, or when more than
FULL_RECOMPUTE_SHARE of the articles changed (a first load or a new extractor version).

A step is a plain function that reads the warehouse and returns a `StepUpdate`; `apply_update` writes it
with the new stamps, in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import polars as pl

from pipeline.vocabulary import CrossArticleStep
from pipeline.warehouse.store import insert_rows, read_frame, replace_rows, replace_table

#: Past this share of changed articles a step recomputes everything (a first load, a new extractor).
FULL_RECOMPUTE_SHARE = 0.2
#: Each article's input stamp for the entities and quotes steps: when it was last extracted.
EXTRACTION_STAMPS_SQL = (
    "SELECT article_id, CAST(extracted_at AS VARCHAR) AS stamp FROM staging.extraction_log"
)


@dataclass
class TableUpdate:
    """Rows to insert after deleting the rows whose `key` is in `replaced` (None: the whole table)."""

    rows: pl.DataFrame
    replaced: pl.Series | None = None
    key: str = "article_id"


@dataclass
class StepUpdate:
    step: CrossArticleStep
    tables: dict[str, TableUpdate]
    full: bool
    #: Every article's current input stamp, recorded with the step's rows.
    stamps: pl.DataFrame
    #: Articles whose stamps differ from the step's last run.
    changed: pl.Series
    #: More writes in the same transaction, after the step's tables (the entities step's co-mention counts).
    finish: Callable[[duckdb.DuckDBPyConnection], None] | None = None

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
    if update.finish is not None:
        update.finish(con)
    con.execute("DELETE FROM staging.cross_article_inputs WHERE step = ?", [update.step])
    insert_rows(
        con,
        "staging.cross_article_inputs",
        update.stamps.select(pl.lit(update.step).alias("step"), "article_id", "stamp"),
    )


def find_changes(
    con: duckdb.DuckDBPyConnection, step: CrossArticleStep, stamps: pl.DataFrame, full: bool
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


def register_changed(con: duckdb.DuckDBPyConnection, changed: pl.Series) -> None:
    con.register("changed_articles", pl.DataFrame({"article_id": changed}, schema={"article_id": pl.String}))
