"""Assets, one module per stage: ingest, extraction, resolution (cross-article), publishing."""
