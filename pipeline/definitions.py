"""The Dagster code location: `dagster dev -w workspace.yaml` loads this module."""

import dagster as dg

from pipeline.defs.assets import extraction, ingest, publish, resolution
from pipeline.defs.jobs import process_new_articles, refresh_cross_article
from pipeline.defs.resources import RawFolder, WarehouseResource
from pipeline.defs.schedules import daily_cross_article_refresh
from pipeline.defs.sensors import new_raw_files

defs = dg.Definitions(
    assets=dg.load_assets_from_modules([ingest, extraction, resolution, publish]),
    asset_checks=dg.load_asset_checks_from_modules([ingest, extraction, resolution, publish]),
    jobs=[process_new_articles, refresh_cross_article],
    schedules=[daily_cross_article_refresh],
    sensors=[new_raw_files],
    resources={"raw_folder": RawFolder(), "warehouse": WarehouseResource()},
)
