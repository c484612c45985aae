"""`python -m pipeline [--workers N]`: materialise the whole asset graph over the raw folder, print a summary.

With one worker every step runs in this process; with more, under the multiprocess executor. The run is
recorded in the instance at $DAGSTER_HOME when it is set (needed for more workers), so it
also shows in the Dagster UI.
"""

import argparse
import os
import sys

import dagster as dg

from pipeline import settings
from pipeline.runner import run_pipeline
from pipeline.warehouse.lake import OFFLINE_SETTINGS
from pipeline.warehouse.store import Warehouse

SUMMARY_SQL = """
SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes), (SELECT count(*) FROM figures),
       (SELECT count(*) FROM entities), (SELECT count(*) FROM entity_mentions),
       (SELECT count(DISTINCT source_path) FROM quarantined_articles)
"""


def main() -> int:
    parser = argparse.ArgumentParser(description="Materialise the whole asset graph over the raw folder.")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="extraction batches run at once, each in its own process (default 1: everything in this "
        "process, the fastest for a few new files; use the number of cores for a large backfill)",
    )
    parser.add_argument(
        "--attach-sql",
        action="store_true",
        help="print the statements that attach the warehouse read-only to a DuckDB session, and exit "
        "(what scripts/sql runs; --snapshot N for an earlier version)",
    )
    parser.add_argument("--snapshot", type=int, help="with --attach-sql: the snapshot to read")
    args = parser.parse_args()
    if args.attach_sql:
        statements = settings.lake().attach_sql(read_only=True, snapshot=args.snapshot)
        print(OFFLINE_SETTINGS + "\n" + ";\n".join(statements) + ";")
        return 0
    raw, warehouse = settings.raw_dir(), settings.warehouse_dir()
    print(f"raw folder: {raw.resolve()}\nwarehouse:  {warehouse.resolve()}")
    if not raw.is_dir():
        print(f"error: raw folder {raw} does not exist (set NEWS_RAW_DIR)", file=sys.stderr)
        return 2
    instance = dg.DagsterInstance.get() if os.environ.get("DAGSTER_HOME") else None
    result = run_pipeline(raw, warehouse, instance, workers=args.workers, progress=True)
    if not result.success:
        print(
            "error: the run failed; see the log above, or the run in the Dagster UI (bash scripts/ui)",
            file=sys.stderr,
        )
        return 1
    with Warehouse.at(warehouse).connect(read_only=True) as con:
        articles, quotes, figures, entities, mentions, quarantined = con.execute(SUMMARY_SQL).fetchone()
    print(
        f"\n{articles} articles, {quotes} quotes, {figures} figures, {entities} entities "
        f"({mentions} mentions), {quarantined} quarantined files\nquery it: bash scripts/sql"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
