"""The Dagster layer: assets, checks, resources, jobs, schedules and sensors that wire the plain modules."""
