"""Entity quality and resolution cost, side by side with the bare tagger.

    .venv/bin/python bench/entities.py [--errors N] [--skip-resolution]

Prints, for the pipeline and for spaCy's own entities (PERSON, ORG, GPE/LOC/FAC as places):
- mention precision, recall and F1 on the hand-made reference set (evaluation/references/entities_gold.json);
- agreement with Stanford CoreNLP's automatic spans on the PolNeAR dev split (CoNLL-style silver labels);
then the time cross-article resolution takes over the BBC and PolNeAR corpora (~3,100 articles), at a
quarter, half and all of them, and with the corpus's mentions repeated ten times, to show how it grows.
"""

import argparse
import time

import polars as pl

from evaluation.corpora import corpus_files
from evaluation.entities import score_corenlp_agreement, score_reference
from evaluation.paths import CORPUS
from pipeline.article.blocks import BlockIndex
from pipeline.article.decoding import UnreadableArticle, decode_article_bytes
from pipeline.article.parsing import ParsedArticle, parse_article
from pipeline.nlp.model import load_nlp
from pipeline.resolve.entities import resolve_entities
from pipeline.stages.extract_rows import ArticleInput, extract_batches

SPACY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}


def bare_spacy(articles: dict[str, ParsedArticle]) -> pl.DataFrame:
    """spaCy's own entity spans as mention rows, each span its own entity."""
    nlp = load_nlp()
    rows = []
    for (name, article), doc in zip(
        articles.items(), nlp.pipe(a.text for a in articles.values()), strict=True
    ):
        index = BlockIndex(article.blocks)
        for ent in doc.ents:
            if ent.label_ in SPACY_TYPES and index.is_extractable(ent.start_char):
                rows.append(
                    {
                        "article_id": name,
                        "start_char": ent.start_char,
                        "end_char": ent.end_char,
                        "type": SPACY_TYPES[ent.label_],
                        "entity_id": f"{name}:{ent.text}",
                    }
                )
    return pl.DataFrame(rows)


def corpus_articles() -> dict[str, ParsedArticle]:
    articles = {}
    for path, _ in corpus_files():
        try:
            articles[str(path)] = parse_article(decode_article_bytes(path.read_bytes()).text)
        except UnreadableArticle:
            continue
    return articles


def resolution_timings() -> None:
    articles = corpus_articles()
    started = time.perf_counter()
    inputs = [ArticleInput(n, a.text, a.blocks, a.published_date) for n, a in articles.items()]
    mentions = pl.concat([batch.mentions for batch in extract_batches(load_nlp(), inputs)])
    print(
        f"extracted {mentions.height:,} mentions from {len(articles):,} articles in {time.perf_counter() - started:.0f} s"
    )
    ids = mentions["article_id"].unique().sort()
    for share in (0.25, 0.5, 1.0):
        subset = mentions.filter(pl.col("article_id").is_in(ids[: int(len(ids) * share)].implode()))
        _time_resolution(f"{share:.0%} of the articles", subset)
    copies = pl.concat(
        mentions.with_columns(
            (pl.col("article_id") + f"#{n}").alias("article_id"),
            (pl.col("mention_id") + f"#{n}").alias("mention_id"),
        )
        for n in range(10)
    )
    _time_resolution("the articles ten times over", copies)


def _time_resolution(label: str, mentions: pl.DataFrame) -> None:
    started = time.perf_counter()
    entities, _ = resolve_entities(mentions)
    elapsed = time.perf_counter() - started
    print(
        f"resolution, {label}: {mentions.height:,} mentions -> {entities.height:,} entities in {elapsed:.2f} s "
        f"({mentions.height / elapsed:,.0f} mentions/s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", type=int, default=0, help="print this many reference-set errors")
    parser.add_argument("--skip-resolution", action="store_true")
    args = parser.parse_args()
    corpus = CORPUS
    dev, silver = corpus / "polnear" / "dev", corpus / "polnear" / "corenlp" / "dev"
    for label, extract in (("bare spaCy", bare_spacy), ("pipeline", None)):
        options = {"extract": extract} if extract else {}
        reference = score_reference(corpus, **options)
        print(f"{label:>10} | reference set: {reference.summary()}")
        agreement = score_corenlp_agreement(dev, silver, **options)
        print(f"{label:>10} | CoreNLP agreement, PolNeAR dev: {agreement.summary()}")
        if extract is None:
            for line in reference.errors[: args.errors]:
                print("   ", line)
    if not args.skip_resolution:
        resolution_timings()


if __name__ == "__main__":
    main()
