"""Pure extraction logic: text in, records out. No Dagster and no DuckDB in this package."""
