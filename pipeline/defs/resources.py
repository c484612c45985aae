"""Resources: the raw folder and the warehouse, configured from NEWS_RAW_DIR and NEWS_WAREHOUSE."""

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
    """The DuckDB warehouse (see pipeline/warehouse/store.py and publish.py for the build-then-publish design)."""

    path: str | None = None

    @property
    def warehouse(self) -> Warehouse:
        return Warehouse(Path(self.path) if self.path else settings.warehouse_path())
