"""The cost of one new article: into an empty warehouse, and into one already holding the corpora.

    .venv/bin/python bench/incremental.py [--warehouse-folder DIR]

Builds (or reuses, with `--warehouse-folder` holding `raw/` and `warehouse/` from an earlier run) a
warehouse over the BBC and PolNeAR corpora, then times the main command's run after one new file is
dropped into `raw/`, beside the same run over that one file into an empty warehouse. Prints both wall
times, their ratio, and the per-step times of the incremental run.
"""

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import dagster as dg  # noqa: E402

from bench.corpora import copy_corpora  # noqa: E402
from pipeline.runner import run_pipeline  # noqa: E402

NEW_ARTICLE = REPO / "tests" / "fixtures" / "storm_page.html"


def timed_run(raw: Path, warehouse: Path) -> tuple[float, dict[str, float]]:
    instance = dg.DagsterInstance.ephemeral()
    started = time.perf_counter()
    result = run_pipeline(raw, warehouse, instance=instance)
    elapsed = time.perf_counter() - started
    assert result.success
    steps = {
        stats.step_key: (stats.end_time or 0) - (stats.start_time or 0)
        for stats in instance.get_run_step_stats(result.run_id)
    }
    return elapsed, steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warehouse-folder", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.warehouse_folder or Path(scratch)
        raw, warehouse = folder / "raw", folder / "warehouse" / "news.duckdb"
        if not warehouse.exists():
            copy_corpora(raw)
            elapsed, _ = timed_run(raw, warehouse)
            print(
                f"built the corpus warehouse: {sum(1 for _ in raw.rglob('*.*')):,} files in {elapsed:.0f} s"
            )
        (raw / "new").mkdir(exist_ok=True)
        new_file = raw / "new" / f"storm-{time.time_ns()}.html"
        shutil.copy(NEW_ARTICLE, new_file)
        incremental, steps = timed_run(raw, warehouse)
        new_file.unlink()  # leave the corpus warehouse as it was for the next measurement

        alone = Path(scratch) / "alone"
        (alone / "raw").mkdir(parents=True)
        shutil.copy(NEW_ARTICLE, alone / "raw" / "storm.html")
        empty, _ = timed_run(alone / "raw", alone / "warehouse" / "news.duckdb")
    print(f"one new article into the corpus warehouse: {incremental:.1f} s")
    print(f"the same article into an empty warehouse:  {empty:.1f} s")
    print(f"ratio: {incremental / empty:.2f}x")
    for step, seconds in sorted(steps.items(), key=lambda item: -item[1]):
        print(f"    step {step}: {seconds:.1f} s")


if __name__ == "__main__":
    main()
