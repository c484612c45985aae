"""Materialise the whole asset graph in-process: shared by the main command, the tests and the benchmarks."""

from collections.abc import Sequence
from pathlib import Path

import dagster as dg

from pipeline.definitions import build_definitions
from pipeline.defs.resources import RawFolder, WarehouseResource


def run_pipeline(
    raw_dir: Path | None = None,
    warehouse: Path | None = None,
    instance: dg.DagsterInstance | None = None,
    assets: Sequence[dg.AssetKey] | None = None,
) -> dg.ExecuteInProcessResult:
    """Run `process_new_articles` (or only `assets` of it); paths default to NEWS_RAW_DIR and NEWS_WAREHOUSE."""
    definitions = build_definitions(
        RawFolder(path=str(raw_dir) if raw_dir else None),
        WarehouseResource(path=str(warehouse) if warehouse else None),
    )
    job = definitions.resolve_job_def("process_new_articles")
    return job.execute_in_process(
        instance=instance or dg.DagsterInstance.ephemeral(),
        asset_selection=list(assets) if assets is not None else None,
    )
