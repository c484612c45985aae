"""Assets, one module per stage: ingest, extraction, resolution (cross-article), the run's snapshot and
compaction."""
