"""Imported once by the multiprocess executor's fork server, so that every step process it forks starts
with Dagster, the pipeline, the spaCy model and the name lists already loaded (about 3 s per step saved),
and with the modules Dagster's instance storage imports (SQLite, Alembic: about 0.5 s per step more)."""

import tempfile
from pathlib import Path

import dagster as dg

from pipeline.definitions import defs  # noqa: F401
from pipeline.nlp.lexicon import warm_up
from pipeline.nlp.model import load_nlp

load_nlp()
warm_up()
# A throwaway instance, only for the imports it makes; configured, so that it prints no notice.
with tempfile.TemporaryDirectory() as home:
    (Path(home) / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    with dg.DagsterInstance.local_temp(tempdir=home):
        pass
