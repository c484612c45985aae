"""Per-article extractors over a parsed document: entity mentions, quotes, figures. Text in, records out:
no Dagster and no DuckDB in this package."""
