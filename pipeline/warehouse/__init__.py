"""The warehouse: table schemas (the contract), the DuckDB store, analysis views, publishing, Parquet."""
