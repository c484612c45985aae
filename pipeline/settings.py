"""Where the pipeline reads and writes, from the environment; shared by the CLI, the UI and the tests."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_RAW_DIR = "raw"
DEFAULT_WAREHOUSE = "warehouse/news.duckdb"


def raw_dir() -> Path:
    """`NEWS_RAW_DIR`, default `raw/` (relative paths are relative to the working directory)."""
    return Path(os.environ.get("NEWS_RAW_DIR") or DEFAULT_RAW_DIR)


def warehouse_path() -> Path:
    """`NEWS_WAREHOUSE`, default `warehouse/news.duckdb`."""
    return Path(os.environ.get("NEWS_WAREHOUSE") or DEFAULT_WAREHOUSE)
