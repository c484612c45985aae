"""The warehouse: table schemas (the contract), the DuckLake and its commits, analysis views, run snapshots
and compaction."""
