"""Resources: the raw folder and the warehouse, configured from NEWS_RAW_DIR, NEWS_WAREHOUSE and NEWS_LAKE_*."""

from pathlib import Path

import dagster as dg

from pipeline import settings
from pipeline.warehouse.store import Warehouse


class RawFolder(dg.ConfigurableResource):
    """The folder new article files are dropped into."""

    path: str | None = None

    @property
    def root(self) -> Path:
        return Path(self.path) if self.path else settings.raw_dir()


class WarehouseResource(dg.ConfigurableResource):
    """The warehouse, a DuckLake (pipeline/warehouse/lake.py): `path` is the folder of the embedded lake;
    NEWS_LAKE_CATALOG and NEWS_LAKE_DATA (and the store's keys) in the environment of the processes that
    run the steps place it elsewhere."""

    path: str | None = None

    @property
    def warehouse(self) -> Warehouse:
        return Warehouse.at(self.path)
