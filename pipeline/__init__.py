"""News analytics pipeline: raw article files to quotes, figures and entities in DuckDB."""
