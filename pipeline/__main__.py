"""`python -m pipeline`: materialise the whole asset graph over the raw folder and print a summary.

Runs in-process through Dagster, recorded in the instance at $DAGSTER_HOME when it is set, so the run
also shows in the Dagster UI.
"""

import os
import sys

import dagster as dg
import duckdb

from pipeline import settings
from pipeline.runner import run_pipeline

SUMMARY_SQL = """
SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes), (SELECT count(*) FROM figures),
       (SELECT count(*) FROM entities), (SELECT count(*) FROM entity_mentions),
       (SELECT count(DISTINCT source_path) FROM quarantined_articles)
"""


def main() -> int:
    raw, warehouse = settings.raw_dir(), settings.warehouse_path()
    print(f"raw folder: {raw.resolve()}\nwarehouse:  {warehouse.resolve()}")
    if not raw.is_dir():
        print(f"error: raw folder {raw} does not exist (set NEWS_RAW_DIR)", file=sys.stderr)
        return 2
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else None
    result = run_pipeline(raw, warehouse, instance)
    if not result.success:
        print("error: the run failed; see the log above", file=sys.stderr)
        return 1
    with duckdb.connect(str(warehouse), read_only=True) as con:
        articles, quotes, figures, entities, mentions, quarantined = con.execute(SUMMARY_SQL).fetchone()
    print(
        f"\n{articles} articles, {quotes} quotes, {figures} figures, {entities} entities "
        f"({mentions} mentions), {quarantined} quarantined files\nquery it: duckdb -readonly {warehouse}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
