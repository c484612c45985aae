"""Where the pipeline reads and writes, from the environment; shared by the CLI, the UI and the tests."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.warehouse.lake import Lake

DEFAULT_RAW_DIR = "raw"
DEFAULT_WAREHOUSE = "warehouse"


def raw_dir() -> Path:
    """`NEWS_RAW_DIR`, default `raw/` (relative paths are relative to the working directory)."""
    return Path(os.environ.get("NEWS_RAW_DIR") or DEFAULT_RAW_DIR)


def warehouse_dir() -> Path:
    """`NEWS_WAREHOUSE`, default `warehouse/`: the folder of the embedded lake (catalog and data)."""
    return Path(os.environ.get("NEWS_WAREHOUSE") or DEFAULT_WAREHOUSE)


def lake(folder: Path | None = None) -> Lake:
    """The lake in `folder` (default `NEWS_WAREHOUSE`), unless `NEWS_LAKE_CATALOG` (`postgres:dbname=news
    host=…`) and `NEWS_LAKE_DATA` (`s3://bucket/news/`) place its catalog and data elsewhere."""
    embedded = Lake.in_folder(folder or warehouse_dir())
    catalog, data = os.environ.get("NEWS_LAKE_CATALOG"), os.environ.get("NEWS_LAKE_DATA")
    if not (catalog or data):
        return embedded
    return Lake(catalog or embedded.catalog, data or embedded.data_path)
