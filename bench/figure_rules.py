"""How often each figure rule decides over a corpus, and a short sentence where it did.

    .venv/bin/python bench/figure_rules.py [--corpus ../shared/corpus/bbc] [--limit N] [--rule NAME]

For every rule of `pipeline/extract/figures/rules.py`, in table order: the figures it read, the numbers it
refused, and the shortest sentence in which it decided (a place to look for a rule's examples, and for the
rules that never decide). `--rule` prints every sentence where one rule decided.
"""

import argparse
from collections import Counter
from pathlib import Path

from evaluation.paths import CORPUS
from pipeline.article.decoding import UnreadableArticle, decode_article_bytes
from pipeline.article.parsing import parse_article
from pipeline.extract.figures import figure_decisions
from pipeline.extract.figures.rules import FIGURE_RULES
from pipeline.nlp.parse import parse_articles
from pipeline.nlp.model import load_nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS / "bbc")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--rule", help="print every sentence where this rule decided")
    args = parser.parse_args()
    paths = sorted(p for p in args.corpus.rglob("*.txt") if p.name != "README.TXT")[: args.limit]
    articles = []
    for path in paths:
        try:
            articles.append(parse_article(decode_article_bytes(path.read_bytes()).text))
        except UnreadableArticle:
            continue
    read: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    shortest: dict[str, str] = {}
    docs = parse_articles(load_nlp(), ((a.text, a.blocks) for a in articles))
    for article, doc in zip(articles, docs, strict=True):
        for decision in figure_decisions(doc, article.blocks, article.published_date):
            names = [decision.rule] + ([decision.link_rule] if decision.link_rule else [])
            for name in names:
                (read if decision.candidate is not None else refused)[name] += 1
                sentence = doc[decision.site].sent.text.strip()
                if name == args.rule:
                    print(f"{'read' if decision.figure else 'refused'}: {sentence}")
                if len(sentence) < len(shortest.get(name, sentence + " ")):
                    shortest[name] = sentence
    print(f"{len(articles)} articles from {args.corpus}")
    print(f"{'rule':<24} {'read':>7} {'refused':>8}  shortest sentence")
    for rule in FIGURE_RULES:
        example = shortest.get(rule.name, "")
        print(f"{rule.name:<24} {read[rule.name]:>7} {refused[rule.name]:>8}  {example[:120]}")


if __name__ == "__main__":
    main()
