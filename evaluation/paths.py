"""Where the reference material is: this repository, and `../shared` beside it (or `NEWS_SHARED_DIR`)."""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWS_SHARED_DIR") or REPO.parent / "shared")
CORPUS = SHARED / "corpus"
#: The reference sets annotated by hand for this project (which are tuned on and which kept blind: docs/quality.md).
REFERENCES = Path(__file__).resolve().parent / "references"
