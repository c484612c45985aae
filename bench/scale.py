"""The cost of one new article at ~3,100 and at ~30,000 articles, memory, and the example queries of docs/querying.md.

    .venv/bin/python bench/scale.py --folder /tmp/scale [--replicas 10] [--workers 2] [--repeats 3]

1. Builds (or reuses) `FOLDER/3k`: the BBC and PolNeAR corpora in `raw/`, materialised into the lake in
   `warehouse/` by the main command (`--workers` extraction steps at once).
2. With `--replicas N`, builds `FOLDER/30k`: the 3k raw folder and warehouse copied, plus N-1 replicas of
   every article (the same text with a line `Replica k.` appended, so a different article; offsets of the
   extracted rows stay valid). The replicas' per-article rows are copied in SQL rather than extracted again
   (hours of spaCy on two cores), then one full cross-article recompute runs over everything.
3. For each warehouse: drops one new article into `raw/` and times the main command
   (`python -m pipeline`, a fresh process: start-up, ingest, extraction, cross-article updates,
   the run's snapshot) beside the same command over that one file into an empty warehouse, `--repeats` times
   each; prints every run, the ratio of the medians, the median run's step times and peak RSS; then
   times the example queries of docs/querying.md on a read-only session, and prints the lake's size; then
   compacts the lake and prints its files and size again.
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path

import duckdb
import polars as pl

from evaluation.corpora import copy_corpora
from evaluation.paths import REPO
from pipeline.warehouse.maintenance import compact
from pipeline.warehouse.store import Warehouse

NEW_ARTICLE = REPO / "tests" / "fixtures" / "storm_page.html"
#: Tables with one or more rows per article, and the id columns that embed the article id.
PER_ARTICLE_IDS = {
    "articles": [],
    "paragraphs": [],
    "figures": ["figure_id"],
    "extraction_anomalies": [],
    "staging.mentions": ["mention_id"],
    "staging.quotes": ["quote_id"],
    "staging.extraction_log": [],
}


def main_command(raw: Path, warehouse: Path, workers: int = 1) -> tuple[float, float, str]:
    """Wall seconds and peak RSS (MB) of `python -m pipeline` in a fresh process, and its output."""
    env = {**os.environ, "NEWS_RAW_DIR": str(raw), "NEWS_WAREHOUSE": str(warehouse)}
    env.pop("DAGSTER_HOME", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "--workers", str(workers)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak, done.stdout


def step_times(log: str) -> dict[str, float]:
    """Per-step durations from the main command's progress lines (`12:00:01  quotes: done in 261ms`)."""
    found = re.findall(r"^\S+\s+(\S+): done in ([\d.]+)(ms|s)$", log, flags=re.MULTILINE)
    return {step: float(value) / (1000 if unit == "ms" else 1) for step, value, unit in found}


def build_3k(folder: Path, workers: int) -> None:
    raw, warehouse = folder / "raw", folder / "warehouse"
    if warehouse.exists():
        return
    copy_corpora(raw)
    seconds, peak, _ = main_command(raw, warehouse, workers)
    print(
        f"built {folder.name}: {article_count(warehouse):,} articles in {seconds:.0f} s, main process peak RSS {peak:.0f} MB"
    )


def article_count(warehouse: Path) -> int:
    with Warehouse.at(warehouse).connect(read_only=True) as con:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]


def disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build_replicated(source: Path, folder: Path, replicas: int) -> None:
    """`source` (raw folder and lake) copied, then every article replicated `replicas - 1` times."""
    warehouse = folder / "warehouse"
    if warehouse.exists():
        return
    shutil.copytree(source / "raw", folder / "raw")
    shutil.copytree(source / "warehouse", warehouse)
    started = time.perf_counter()
    with Warehouse.at(warehouse).connect() as con:
        sources = con.execute(
            "SELECT source_path, article_id FROM staging.source_files WHERE status = 'article'"
        ).pl()
        for k in range(2, replicas + 1):
            files = []
            for source_path, article_id in sources.iter_rows():
                original = folder / "raw" / source_path
                copy = folder / "raw" / f"replica-{k}" / source_path
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(original.read_bytes() + f"\n\nReplica {k}.\n".encode())
                stat = copy.stat()
                files.append((article_id, f"replica-{k}/{source_path}", stat.st_size, stat.st_mtime_ns))
            con.register(
                "replica_files",
                pl.DataFrame(files, schema=["article_id", "path", "size", "mtime"], orient="row"),
            )
            con.execute("BEGIN TRANSACTION")
            _replicate_rows(con, k)
            con.execute("COMMIT")
    print(f"replicated to {replicas}x in {time.perf_counter() - started:.0f} s")
    run = subprocess.run(
        [sys.executable, "-c", REFRESH],
        cwd=REPO,
        env={**os.environ, "NEWS_RAW_DIR": str(folder / "raw"), "NEWS_WAREHOUSE": str(warehouse)},
        capture_output=True,
        text=True,
    )
    if run.returncode:
        raise RuntimeError(run.stderr[-3000:])
    summary = run.stdout.strip().splitlines()[-1]
    print(f"full cross-article recompute over {article_count(warehouse):,} articles: {summary}")


#: The daily refresh job (a full cross-article recompute), timed, with its peak RSS.
REFRESH = """
import resource, time
import dagster as dg
from pipeline.definitions import defs
started = time.perf_counter()
result = defs.resolve_job_def("refresh_cross_article").execute_in_process(instance=dg.DagsterInstance.ephemeral())
assert result.success
print(f"\\n{time.perf_counter() - started:.1f} s, peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
"""


def _replicate_rows(con: duckdb.DuckDBPyConnection, k: int) -> None:
    new_id = f"left(md5(article_id || ':replica-{k}'), 16)"
    for table, id_columns in PER_ARTICLE_IDS.items():
        replaced = [f"{new_id} AS article_id"]
        replaced += [f"replace({c}, article_id, {new_id}) AS {c}" for c in id_columns]
        if table == "articles":
            replaced += [
                f"text || '\n\nReplica {k}.' AS text",
                f"'replica-{k}/' || source_path AS source_path",
            ]
        con.execute(
            f"INSERT INTO {table} SELECT * REPLACE ({', '.join(replaced)}) FROM {table} "
            "WHERE article_id IN (SELECT article_id FROM replica_files)"
        )
    con.execute(
        f"INSERT INTO staging.source_files SELECT f.path, f.size, f.mtime, NULL, "
        f"left(md5(f.article_id || ':replica-{k}'), 16), 'article', now() FROM replica_files f"
    )


def measure(folder: Path, repeats: int) -> None:
    raw, warehouse = folder / "raw", folder / "warehouse"
    articles = article_count(warehouse)
    incremental, empty = [], []
    for _ in range(repeats):  # a few seconds each, so single runs swing by 10%: the medians are compared
        new_file = raw / "new" / f"storm-{time.time_ns()}.html"
        new_file.parent.mkdir(exist_ok=True)
        shutil.copy(NEW_ARTICLE, new_file)
        seconds, peak, log = main_command(raw, warehouse)
        incremental.append((seconds, peak, log))
        new_file.unlink()
        main_command(raw, warehouse)  # leave the warehouse as it was for the next measurement

        alone = folder / "alone"
        shutil.rmtree(alone, ignore_errors=True)
        (alone / "raw").mkdir(parents=True)
        shutil.copy(NEW_ARTICLE, alone / "raw" / "storm.html")
        empty.append(main_command(alone / "raw", alone / "warehouse")[0])
        shutil.rmtree(alone)
    # The middle run of each (the upper middle for an even count), so the step times shown are a real run's.
    seconds, peak, log = sorted(incremental)[repeats // 2]
    alone_seconds = sorted(empty)[repeats // 2]
    print(f"\n== {articles:,} articles in the warehouse ({disk_bytes(warehouse) / 2**20:.0f} MB on disk)")
    print(
        f"one new article, main command: {seconds:.1f} s median of {_samples(r[0] for r in incremental)} "
        f"(peak RSS {peak:.0f} MB)"
    )
    print(f"the same article into an empty warehouse: {alone_seconds:.1f} s median of {_samples(empty)}")
    print(f"ratio of the medians: {seconds / alone_seconds:.2f}x")
    print("steps of the median run:")
    for step, step_seconds in sorted(step_times(log).items(), key=lambda item: -item[1]):
        print(f"    step {step}: {step_seconds:.2f} s")
    time_queries(warehouse)
    before, after = compact(Warehouse.at(warehouse))
    print(
        f"compaction: {before.files:,} files ({before.bytes / 2**20:.0f} MB) -> {after.files:,} "
        f"({after.bytes / 2**20:.0f} MB); lake folder {disk_bytes(warehouse) / 2**20:.0f} MB on disk"
    )
    time_queries(warehouse)


def _samples(seconds: Iterable[float]) -> str:
    return ", ".join(f"{s:.1f}" for s in seconds)


def time_queries(warehouse: Path) -> None:
    """The example queries of docs/querying.md (between ```sql fences), each on a fresh read-only connection."""
    readme = (REPO / "docs" / "querying.md").read_text(encoding="utf-8")
    queries = re.findall(r"```sql\n(.*?)```", readme, flags=re.DOTALL)
    for number, sql in enumerate(queries, 1):
        with Warehouse.at(warehouse).connect(read_only=True) as con:
            started = time.perf_counter()
            rows = len(con.execute(sql).fetchall())
            seconds = time.perf_counter() - started
        first_line = " ".join(sql.split())[:70]
        print(f"    query {number}: {seconds * 1000:6.0f} ms, {rows} rows  {first_line}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--replicas", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement (median reported)")
    args = parser.parse_args()
    build_3k(args.folder / "3k", args.workers)
    measure(args.folder / "3k", args.repeats)
    if args.replicas > 1:
        build_replicated(args.folder / "3k", args.folder / "30k", args.replicas)
        measure(args.folder / "30k", args.repeats)
    print(json.dumps({"done": True}))


if __name__ == "__main__":
    main()
