"""Materialise the whole asset graph in-process: shared by the main command, the tests and the benchmarks."""

from pathlib import Path

import dagster as dg

from pipeline.definitions import defs
from pipeline.defs.resources import RawFolder, WarehouseResource


def run_pipeline(
    raw_dir: Path | None = None, warehouse: Path | None = None, instance: dg.DagsterInstance | None = None
) -> dg.ExecuteInProcessResult:
    """Run `process_new_articles`; paths default to NEWS_RAW_DIR and NEWS_WAREHOUSE."""
    job = defs.resolve_job_def("process_new_articles")
    resources = {
        "raw_folder": RawFolder(path=str(raw_dir) if raw_dir else None),
        "warehouse": WarehouseResource(path=str(warehouse) if warehouse else None),
    }
    return job.execute_in_process(resources=resources, instance=instance or dg.DagsterInstance.ephemeral())
