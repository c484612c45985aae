"""Quoted strings labelled speech or not, with the features the pipeline computed for them: PolNeAR's
(from its gold Content spans), the web reference's tuned half (its quotes and not_quotes) and the labelled
training articles of `training/data/quoted_strings/` (web pages outside the reference's blind outlets, BBC
articles)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from evaluation.paths import CORPUS
from evaluation.polnear_docs import GoldArticle
from evaluation.scoring import MIN_QUOTE_COVERAGE, coverage
from evaluation.web import annotated, extract_pages, read_page
from pipeline.article.raw_folder import RawFile
from pipeline.article.sources import ReadArticle, read_raw_file
from pipeline.extract.extractors import extract_article
from pipeline.extract.quotes.lexicon import SPEECH_MODEL
from pipeline.nlp.model import load_nlp
from pipeline.nlp.parse import parse_articles

LABELLED = Path(__file__).resolve().parent / "data" / "quoted_strings"
#: Share of a quoted string's words that must lie in gold Content (or a labelled string) for it to match.
MIN_CONTENT_SHARE = 0.5
_WORD = re.compile(r"\w+")

#: Features, label, and the article it comes from (web cross-validation keeps an article's strings together).
Example = tuple[dict[str, float], int, str]


def speech_examples(articles: Iterable[GoldArticle]) -> list[Example]:
    """Every quoted string the pipeline weighed in PolNeAR, labelled speech or not from gold Content."""
    examples = []
    for article in articles:
        content = article.content
        text = article.article.text
        for decision in article.records.quotes.decisions:
            if decision.model != SPEECH_MODEL:
                continue
            words = [m.span() for m in _WORD.finditer(text, decision.start_char, decision.end_char)]
            if not words:
                continue
            inside = sum(content.overlaps(s, e) for s, e in words)
            examples.append((decision.features, int(inside >= MIN_CONTENT_SHARE * len(words)), article.name))
    return examples


def web_speech_examples() -> list[Example]:
    """The quoted strings of the web reference's tuned half, labelled from its `quotes` and `not_quotes`
    (strings the annotators did not list either way are left out)."""
    gold = annotated("quotes", "tune")
    examples = []
    for name, (article, records) in extract_pages(gold).items():
        for decision in records.quotes.decisions:
            if decision.model != SPEECH_MODEL:
                continue
            text = article.text[decision.start_char + 1 : decision.end_char]
            label = _web_label(text, gold[name])
            if label is not None:
                examples.append((decision.features, label, name))
    return examples


def _web_label(text: str, gold: dict) -> int | None:
    if any(_same(text, q["text"]) for q in gold["quotes"]):
        return 1
    if any(_same(text, q["text"]) for q in gold.get("not_quotes", [])):
        return 0
    return None


def _same(text: str, listed: str) -> bool:
    return coverage(text, listed) >= MIN_QUOTE_COVERAGE and coverage(listed, text) >= MIN_CONTENT_SHARE


def labelled_speech_examples() -> list[Example]:
    """The quoted strings of the labelled training articles (`training/data/quoted_strings/`)."""
    labelled = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(LABELLED.glob("*.json"))}
    articles = {name: _read(data["article"]) for name, data in labelled.items()}
    articles = {name: a for name, a in articles.items() if a is not None}
    docs = parse_articles(load_nlp(), ((a.text, a.blocks) for a in articles.values()))
    examples = []
    for (name, article), doc in zip(articles.items(), docs, strict=True):
        strings = labelled[name]["strings"]
        records = extract_article(doc, article.blocks, article.published_date)
        for decision in records.quotes.decisions:
            if decision.model != SPEECH_MODEL:
                continue
            text = article.text[decision.start_char + 1 : decision.end_char]
            label = next((int(s["label"] == "speech") for s in strings if _same(text, s["text"])), None)
            if label is not None:
                examples.append((decision.features, label, name))
    return examples


def _read(article: str):
    """A labelled article as the pipeline reads it: a web page from its saved HTML, a BBC file as text."""
    corpus, _, name = article.partition("/")
    if corpus == "web":
        return read_page(name)
    path = CORPUS / corpus / f"{name}.txt"
    stat = path.stat()
    read = read_raw_file(RawFile(path.parent, path.name, stat.st_size, stat.st_mtime_ns))
    return read.article if isinstance(read, ReadArticle) else None
