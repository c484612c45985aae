"""How long story grouping takes and what it finds, on the BBC and PolNeAR corpora (~3,100 articles).

    .venv/bin/python bench/stories.py [--warehouse PATH]

Runs the pipeline over both corpora into a temporary warehouse (or reads an existing one with
`--warehouse`), then times `group_stories` on the articles' features at a quarter, half and all of the
articles, and prints how many stories it found and how large they are.
"""

import argparse
import tempfile
import time
from pathlib import Path

import polars as pl

from evaluation.corpora import copy_corpora
from pipeline.resolve.stories import group_stories
from pipeline.runner import run_pipeline
from pipeline.stages.stories import STORY_FEATURES_SQL
from pipeline.warehouse.store import Warehouse


def build_warehouse(folder: Path) -> Path:
    raw = folder / "raw"
    copy_corpora(raw)
    warehouse = folder / "warehouse"
    started = time.perf_counter()
    assert run_pipeline(raw, warehouse).success
    print(
        f"pipeline over {sum(1 for _ in raw.rglob('*.txt')):,} files: {time.perf_counter() - started:.0f} s"
    )
    return warehouse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--warehouse", type=Path, help="the folder of a built warehouse (lake)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        warehouse = args.warehouse or build_warehouse(Path(folder))
        with Warehouse.at(warehouse).connect(read_only=True) as con:
            features = con.execute(STORY_FEATURES_SQL).pl()
            articles = [
                r[0] for r in con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall()
            ]
    for share in (0.25, 0.5, 1.0):
        subset = articles[: int(len(articles) * share)]
        chosen = features.filter(pl.col("article_id").is_in(subset))
        started = time.perf_counter()
        stories = group_stories(chosen, subset)
        elapsed = time.perf_counter() - started
        sizes = stories.group_by("story_id").len()["len"]
        print(
            f"{len(subset):,} articles, {chosen.height:,} features: {elapsed:.2f} s -> {sizes.len():,} stories, "
            f"{(sizes > 1).sum():,} with several articles, largest {sizes.max()}"
        )


if __name__ == "__main__":
    main()
