"""Materialise the whole asset graph: shared by the main command, the tests and the benchmarks."""

from collections.abc import Sequence
from pathlib import Path

import dagster as dg

from pipeline import settings
from pipeline.definitions import build_definitions
from pipeline.defs.jobs import process_new_articles
from pipeline.defs.progress import PROGRESS_LOGGING
from pipeline.defs.resources import RawFolder, WarehouseResource


def run_pipeline(
    raw_dir: Path | None = None,
    warehouse: Path | None = None,
    instance: dg.DagsterInstance | None = None,
    assets: Sequence[dg.AssetKey] | None = None,
    workers: int = 1,
    articles_per_batch: int | None = None,
    progress: bool = False,
) -> dg.ExecuteInProcessResult | dg.JobExecutionResult:
    """Run `process_new_articles` (or only `assets` of it); paths default to NEWS_RAW_DIR and NEWS_WAREHOUSE.

    One worker runs every step in this process (the fastest for a few new files: nothing is started);
    more run the same graph under Dagster's multiprocess executor, each step in its own process, with up
    to `workers` extraction batches at once. That needs a persistent instance: the given one, else a
    temporary one. `articles_per_batch` overrides the size of an extraction step. `progress` prints one line
    per pipeline message and per step instead of Dagster's event log.
    """
    raw_dir = raw_dir or settings.raw_dir()
    warehouse = warehouse or settings.warehouse_dir()
    selection = list(assets) if assets is not None else None
    # Batches are cut for the steps that run at once: `workers` of them, not the machine's cores.
    batches = {
        "parallel_steps": workers,
        **({"articles_per_batch": articles_per_batch} if articles_per_batch else {}),
    }
    ops = {"article_extractions": {"ops": {"plan_extraction_batches": {"config": batches}}}}
    common: dict[str, object] = {"ops": ops, **(PROGRESS_LOGGING if progress else {})}
    if workers == 1:
        definitions = build_definitions(RawFolder(path=str(raw_dir)), WarehouseResource(path=str(warehouse)))
        return definitions.resolve_job_def(process_new_articles.name).execute_in_process(
            run_config=common,
            instance=instance or dg.DagsterInstance.ephemeral(),
            asset_selection=selection,
        )
    run_config = {
        "execution": {"config": {"max_concurrent": workers}},
        **common,
        "resources": {
            "raw_folder": {"config": {"path": str(raw_dir)}},
            "warehouse": {"config": {"path": str(warehouse)}},
        },
    }
    if instance is not None:
        return _execute(instance, run_config, selection)
    with dg.DagsterInstance.local_temp() as temporary:
        return _execute(temporary, run_config, selection)


def _execute(
    instance: dg.DagsterInstance, run_config: dict[str, object], selection: list[dg.AssetKey] | None
) -> dg.JobExecutionResult:
    with dg.execute_job(
        dg.reconstructable(process_new_articles_job),
        instance,
        run_config=run_config,
        asset_selection=selection,
    ) as result:
        return result


def process_new_articles_job() -> dg.JobDefinition:
    """The job as each step process rebuilds it (Dagster imports this function in every process)."""
    return build_definitions().resolve_job_def(process_new_articles.name)
