"""How often each figure or quote rule decides over a corpus, and a short sentence where it did.

    .venv/bin/python bench/rule_usage.py [--extractor figures|quotes] [--corpus DIR] [--limit N] [--rule NAME]

For every rule of `pipeline/extract/figures/rules.py` (or `quotes/rules.py`), in table order: how often it
decided (figures read or quotes attributed, and refusals), and the shortest sentence in which it did: a
place to look for a rule's examples, and for the rules that never decide. `--rule` prints every sentence
where one rule decided. Do not run it on PolNeAR dev, which is kept for measurement.
"""

import argparse
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from spacy.tokens import Doc

from evaluation.paths import CORPUS
from pipeline.article.decoding import UnreadableArticle, decode_article_bytes
from pipeline.article.parsing import ParsedArticle, parse_article
from pipeline.extract.entities import extract_mentions
from pipeline.extract.figures import figure_decisions
from pipeline.extract.figures.rules import FIGURE_RULES
from pipeline.extract.quotes import extract_quotes
from pipeline.extract.quotes.rules import QUOTE_RULES
from pipeline.nlp.model import load_nlp
from pipeline.nlp.parse import parse_articles

#: (rule name, decided something: True, or refused: False, character offset where it decided)
Decided = tuple[str, bool, int]


def figure_rules_decided(doc: Doc, article: ParsedArticle) -> Iterator[Decided]:
    for decision in figure_decisions(doc, article.blocks, article.published_date):
        start = doc[decision.site].idx
        yield decision.rule, decision.candidate is not None, start
        if decision.link_rule:
            yield decision.link_rule, True, start


def quote_rules_decided(doc: Doc, article: ParsedArticle) -> Iterator[Decided]:
    result = extract_quotes(doc, article.blocks, extract_mentions(doc, article.blocks))
    for quote in result.quotes:
        yield quote.rule, True, quote.start_char
        if quote.speaker_rule:
            yield quote.speaker_rule, True, quote.start_char
    for refused in result.refused:
        yield refused.rule, False, refused.start_char


EXTRACTORS = {"figures": (FIGURE_RULES, figure_rules_decided), "quotes": (QUOTE_RULES, quote_rules_decided)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--extractor", choices=sorted(EXTRACTORS), default="figures")
    parser.add_argument("--corpus", type=Path, default=CORPUS / "bbc")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--rule", help="print every sentence where this rule decided")
    args = parser.parse_args()
    rules, decided = EXTRACTORS[args.extractor]
    paths = sorted(p for p in args.corpus.rglob("*.txt") if p.name != "README.TXT")[: args.limit]
    articles = []
    for path in paths:
        try:
            articles.append(parse_article(decode_article_bytes(path.read_bytes()).text))
        except UnreadableArticle:
            continue
    counts: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    shortest: dict[str, str] = {}
    docs = parse_articles(load_nlp(), ((a.text, a.blocks) for a in articles))
    for article, doc in zip(articles, docs, strict=True):
        for name, kept, start in decided(doc, article):
            counts[kept][name] += 1
            span = doc.char_span(start, start + 1, alignment_mode="expand")
            sentence = span.sent.text.strip() if span is not None else ""
            if name == args.rule:
                print(f"{'decided' if kept else 'refused'}: {sentence}")
            if len(sentence) < len(shortest.get(name, sentence + " ")):
                shortest[name] = sentence
    print(f"{len(articles)} articles from {args.corpus}")
    print(f"{'rule':<26} {'decided':>8} {'refused':>8}  shortest sentence")
    for rule in rules:
        print(
            f"{rule.name:<26} {counts[True][rule.name]:>8} {counts[False][rule.name]:>8}  "
            f"{shortest.get(rule.name, '')[:110]}"
        )


if __name__ == "__main__":
    main()
