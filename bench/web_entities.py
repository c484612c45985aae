"""Score entity mentions, types and canonical entities on the web reference (rules in
evaluation/web_entities.py), tuned half and blind half apart, and the annotators' agreement.

    .venv/bin/python bench/web_entities.py [--errors K] [--blind] [--agreement]

Canonical entities are resolved over all the scored articles at once, as the warehouse would. Errors are
printed for the tuned half only.
"""

import argparse
import time

import polars as pl

from evaluation.entities import form_occurrences
from evaluation.web import annotated, read_page, scored_halves
from evaluation.web_entities import WebEntityScores, add, cross_article, score_article
from pipeline.nlp.model import load_nlp
from pipeline.resolve.entities import resolve_entities
from pipeline.stages.extract_rows import ArticleInput, extract_batches


def resolved_mentions(names: list[str]) -> tuple[dict, pl.DataFrame]:
    articles = {name: read_page(name) for name in names}
    inputs = [ArticleInput(name, a.text, a.blocks, a.published_date) for name, a in articles.items()]
    frames = [batch.mentions for batch in extract_batches(load_nlp(), inputs)]
    _, entity_mentions = resolve_entities(pl.concat(frames))
    return articles, entity_mentions.filter(pl.col("link") == "name")  # the reference annotates names


def agreement() -> None:
    first, second = annotated("entities"), annotated("entities", second=True)
    total = WebEntityScores()
    for name, theirs in second.items():
        article = read_page(name)
        entities = theirs["entities"]
        rows = [
            {"start_char": s, "end_char": e, "type": entities[n]["type"], "entity_id": str(n)}
            for (s, e), n in form_occurrences(article.text, entities).items()
        ]
        blocks = [(b.start_char, b.end_char) for b in article.blocks]
        add(total, score_article(name, article.text, blocks, rows, first[name]))
    print(f"agreement, second annotator against the first on {len(second)} articles: {total.summary()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", type=int, default=0, help="print this many error lines of the tuned half")
    parser.add_argument("--blind", action="store_true", help="also score the blind half (summary only)")
    parser.add_argument("--agreement", action="store_true", help="also score the second annotator")
    args = parser.parse_args()
    started = time.perf_counter()
    halves = scored_halves("entities", args.blind)
    articles, mentions = resolved_mentions(sorted(name for gold in halves.values() for name in gold))
    everything = WebEntityScores()
    for half, gold in halves.items():
        total = WebEntityScores()
        for name, annotation in gold.items():
            article = articles[name]
            rows = mentions.filter(pl.col("article_id") == name).to_dicts()
            blocks = [
                (b.start_char, b.end_char) for b in article.blocks if b.kind not in ("boilerplate", "credit")
            ]
            add(total, score_article(name, article.text, blocks, rows, annotation))
        print(f"{half} ({len(gold)} articles): {total.summary()}")
        if half == "tune":
            for line in total.errors[: args.errors]:
                print("   ", line)
        add(everything, total)
    print(
        cross_article(everything) if args.errors or args.blind else cross_article(everything).splitlines()[0]
    )
    print(f"[{time.perf_counter() - started:.0f} s]")
    if args.agreement:
        agreement()


if __name__ == "__main__":
    main()
