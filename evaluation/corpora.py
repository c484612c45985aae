"""The BBC and PolNeAR corpora (~3,100 articles) as one set of files, for the benchmarks that need them."""

import shutil
from pathlib import Path

from evaluation.paths import CORPUS


def corpus_files() -> list[tuple[Path, Path]]:
    """(file, path to give it inside a raw folder) for every BBC and PolNeAR article text."""
    bbc = [(p, Path("bbc") / p.parent.name / p.name) for p in sorted((CORPUS / "bbc").glob("*/*.txt"))]
    polnear = [(p, Path("polnear") / p.name) for p in sorted(CORPUS.glob("polnear/*/text/*.txt"))]
    return bbc + polnear


def copy_corpora(raw: Path) -> None:
    """Copy both corpora into `raw` (copies, not links: the pipeline does not follow links out of it)."""
    for source, relative in corpus_files():
        target = raw / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
