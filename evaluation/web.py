"""The web reference (`references/web/`): hand annotation of articles from `../shared/corpus/web`, and the
pipeline's own reading of the same pages (the saved HTML through ingest's reader, spaCy and the extractors).

Which articles are tuned on and which are blind is fixed in `references/web/split.json`; the annotation
guidelines are `references/web/GUIDELINES.md`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from evaluation.paths import CORPUS, REFERENCES
from pipeline.article.parsing import ParsedArticle
from pipeline.article.raw_folder import RawFile
from pipeline.article.sources import ReadArticle, read_raw_file
from pipeline.extract.extractors import ArticleRecords, extract_article
from pipeline.nlp.model import load_nlp
from pipeline.nlp.parse import parse_articles

WEB_REFERENCE = REFERENCES / "web"
PAGES = CORPUS / "web" / "html"
TEXTS = CORPUS / "web" / "text"
Layer = str  # "quotes", "entities" or "figures"
#: Pages whose HTML file is named apart from their text file.
HTML_NAMES = {"cnn": "cnn_article"}


def split() -> dict[str, str]:
    """Article name -> `tune` or `blind`."""
    halves = json.loads((WEB_REFERENCE / "split.json").read_text(encoding="utf-8"))
    return {name: half for half in ("tune", "blind") for name in halves[half]}


def annotated(layer: Layer, half: str | None = None, second: bool = False) -> dict[str, dict]:
    """Article name -> its annotation of `layer` (the second annotator's with `second`), for one half or
    both."""
    folder = WEB_REFERENCE / ("second" if second else "") / layer
    halves = split()
    found = {}
    for path in sorted(folder.glob("*.json")):
        if half is None or halves.get(path.stem) == half:
            found[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    return found


def scored_halves(layer: Layer, blind: bool) -> dict[str, dict[str, dict]]:
    """Half -> article name -> its annotation of `layer`, in the order the benchmarks score them: the tuned
    half, then the blind half only when asked (`--blind`)."""
    return {half: annotated(layer, half) for half in (("tune", "blind") if blind else ("tune",))}


def read_page(name: str) -> ParsedArticle:
    """One saved page as ingest reads it (HTML to the article body and its blocks); an article saved as
    text only (`reuters.com5`) is read from its text file, as a plain-text article."""
    path = PAGES / f"{HTML_NAMES.get(name, name)}.html"
    if not path.exists():
        path = TEXTS / f"{name}.txt"
    stat = path.stat()
    read = read_raw_file(RawFile(path.parent, path.name, stat.st_size, stat.st_mtime_ns))
    if not isinstance(read, ReadArticle):
        raise ValueError(f"{name}: the pipeline quarantines this page ({read.reason}: {read.detail})")
    return read.article


def extract_pages(names: Iterable[str]) -> dict[str, tuple[ParsedArticle, ArticleRecords]]:
    """Each page read, parsed by spaCy and run through the three extractors."""
    articles = {name: read_page(name) for name in names}
    nlp = load_nlp()
    docs = parse_articles(nlp, ((a.text, a.blocks) for a in articles.values()))
    return {
        name: (article, extract_article(doc, article.blocks, article.published_date))
        for (name, article), doc in zip(articles.items(), docs, strict=True)
    }


def page_text(name: str) -> str:
    """The reader-visible body the annotators read (`text/NAME.txt`)."""
    return (TEXTS / f"{name}.txt").read_text(encoding="utf-8")
