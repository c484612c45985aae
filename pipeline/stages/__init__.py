"""The stages that read and write the warehouse, as plain functions the Dagster assets call: ingest,
extraction, and the cross-article steps with their change tracking."""
