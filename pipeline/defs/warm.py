"""Imported once by the multiprocess executor's fork server, so that every step process it forks starts
with Dagster, the pipeline, the spaCy model and the name lists already loaded (about 3 s per step saved)."""

from pipeline.definitions import defs  # noqa: F401
from pipeline.extract.lexicon import warm_up
from pipeline.extract.nlp import load_nlp

load_nlp()
warm_up()
