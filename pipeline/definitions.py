"""The Dagster code location: `dagster dev -w workspace.yaml` loads this module."""

import dagster as dg

from pipeline.defs.assets import extraction, ingest, maintenance, resolution
from pipeline.defs.jobs import forked_multiprocess_executor, process_new_articles, refresh_cross_article
from pipeline.defs.progress import progress_logger
from pipeline.defs.resources import RawFolder, WarehouseResource
from pipeline.defs.schedules import daily_cross_article_refresh
from pipeline.defs.sensors import new_raw_files


def build_definitions(
    raw_folder: RawFolder | None = None,
    warehouse: WarehouseResource | None = None,
    executor: dg.ExecutorDefinition = forked_multiprocess_executor,
) -> dg.Definitions:
    """The code location, with folders from the environment unless given (the runner and tests give them),
    and the executor for runs the UI, sensor and schedule launch (a deployment may give its own)."""
    modules = [ingest, extraction, resolution, maintenance]
    return dg.Definitions(
        assets=dg.load_assets_from_modules(modules),
        asset_checks=dg.load_asset_checks_from_modules(modules),
        jobs=[process_new_articles, refresh_cross_article],
        schedules=[daily_cross_article_refresh],
        sensors=[new_raw_files],
        executor=executor,
        loggers={"console": dg.colored_console_logger, "progress": progress_logger},
        resources={"raw_folder": raw_folder or RawFolder(), "warehouse": warehouse or WarehouseResource()},
    )


defs = build_definitions()
