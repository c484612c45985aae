"""Score entity mentions and their canonical entities against reference annotation.

Two references:
- the hand-made set in evaluation/references/entities_gold.json (BBC and PolNeAR train articles, annotated in the
  shape of `shared/gold/seeds.json`: per article, entities with a type and the surface forms used);
- Stanford CoreNLP's automatic PERSON/ORGANIZATION/LOCATION spans for PolNeAR (`corpus/polnear/corenlp`):
  silver labels in CoNLL-2003 style, reported as agreement, not accuracy.

Mention matching is CoNLL-style: a predicted mention is right when its span (possessive stripped) and
type equal a gold mention's. Gold mentions of the hand-made set are every occurrence of a gold form in the
article (case-sensitive, whole words, longest form first, no overlaps); predictions overlapping a form of
an optional entity are left out of both counts. Canonicalisation: a gold entity is resolved when all its
found mentions carry one entity id; two gold entities sharing an entity id are a false merge.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from evaluation.paths import REFERENCES
from evaluation.polnear import raw_to_clean_offsets
from evaluation.scoring import Score, f1, ratio
from pipeline.article.blocks import BlockIndex
from pipeline.article.decoding import decode_article_bytes
from pipeline.article.parsing import ParsedArticle, parse_article
from pipeline.nlp.model import load_nlp
from pipeline.resolve.entities import resolve_entities
from pipeline.stages.extract_rows import ArticleInput, extract_batches

REFERENCE = REFERENCES / "entities_gold.json"
SCORED_TYPES = ("PERSON", "ORG", "PLACE")
#: CoreNLP's labels in our types (MISC has no counterpart and is not scored).
CORENLP_TYPES = {"PERSON": "PERSON", "ORGANIZATION": "ORG", "LOCATION": "PLACE"}
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")

Span = tuple[int, int, str]  # start, end, type


@dataclass
class MentionScores(Score):
    """Mention counts (a mention is found and right at once: `found` == `right`), by type too, and how
    the found mentions of each gold entity resolved."""

    by_type: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    entities: int = 0
    entities_resolved: int = 0
    false_merges: int = 0

    def type_f1(self, entity_type: str) -> float:
        counts = self.by_type[entity_type]
        return f1(ratio(counts["right"], counts["predicted"]), ratio(counts["right"], counts["gold"]))

    def summary(self) -> str:
        types = ", ".join(f"{t} {self.type_f1(t):.3f}" for t in SCORED_TYPES)
        text = (
            f"{self.gold} gold mentions, {self.predicted} predicted | P {self.precision:.3f} "
            f"R {self.recall:.3f} F1 {self.f1:.3f} | F1 by type: {types}"
        )
        if self.entities:
            text += f" | entities resolved {self.entities_resolved}/{self.entities}, false merges {self.false_merges}"
        return text

    def add_spans(self, name: str, text: str, gold: Iterable[Span], predicted: Iterable[Span]) -> None:
        gold_set, predicted_set = set(gold), set(predicted)
        self.gold += len(gold_set)
        self.predicted += len(predicted_set)
        self.right += len(gold_set & predicted_set)
        self.found = self.right
        for start, end, entity_type in gold_set:
            self.by_type[entity_type]["gold"] += 1
            if (start, end, entity_type) in predicted_set:
                self.by_type[entity_type]["right"] += 1
            else:
                self.errors.append(f"{name}: missed {text[start:end]!r} {entity_type}")
        for start, end, entity_type in predicted_set:
            self.by_type[entity_type]["predicted"] += 1
            if (start, end, entity_type) not in gold_set:
                self.errors.append(f"{name}: spurious {text[start:end]!r} {entity_type}")


def predicted_span(text: str, start: int, end: int) -> tuple[int, int]:
    """CoNLL spans leave the possessive out (`NATO` in `NATO's`)."""
    match = POSSESSIVE.search(text, start, end)
    return start, match.start() if match and match.start() > start else end


def form_occurrences(text: str, entities: Sequence[dict]) -> dict[tuple[int, int], int]:
    """Span -> index of the gold entity, for every whole-word occurrence of every form, longest first."""
    forms = sorted(
        ((form, n) for n, entity in enumerate(entities) for form in entity["forms"]),
        key=lambda item: -len(item[0]),
    )
    taken = [False] * len(text)
    spans: dict[tuple[int, int], int] = {}
    for form, n in forms:
        for match in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
            if not any(taken[match.start() : match.end()]):
                spans[match.span()] = n
                for i in range(match.start(), match.end()):
                    taken[i] = True
    return spans


def extract_and_resolve(articles: dict[str, ParsedArticle]) -> pl.DataFrame:
    """Entity mentions with their resolved entity ids, as the pipeline would land them."""
    inputs = [ArticleInput(name, a.text, a.blocks, a.published_date) for name, a in articles.items()]
    frames = [batch.mentions for batch in extract_batches(load_nlp(), inputs)]
    _, entity_mentions = resolve_entities(pl.concat(frames))
    # The references are names: a pronoun or description the discourse model linked is not one.
    return entity_mentions.filter(pl.col("link") == "name")


Extractor = Callable[[dict[str, ParsedArticle]], pl.DataFrame]


def score_reference(
    corpus: Path, reference_file: Path = REFERENCE, extract: Extractor = extract_and_resolve
) -> MentionScores:
    """The hand-made reference set; article keys are `bbc/<topic>/<n>` or `polnear/<file stem>`.
    `extract` gives mention rows (`article_id`, `start_char`, `end_char`, `type`, `entity_id`)."""
    reference = json.loads(reference_file.read_text(encoding="utf-8"))["articles"]
    articles = {
        name: parse_article(decode_article_bytes(article_path(corpus, name).read_bytes()).text)
        for name in reference
    }
    mentions = extract(articles)
    scores = MentionScores()
    for name, annotation in reference.items():
        text = articles[name].text
        entities = annotation["entities"]
        occurrences = form_occurrences(text, entities)
        optional = [span for span, n in occurrences.items() if entities[n].get("optional")]
        rows = mentions.filter(pl.col("article_id") == name).to_dicts()
        predicted: dict[Span, str] = {}
        for row in rows:
            start, end = predicted_span(text, row["start_char"], row["end_char"])
            if row["type"] in SCORED_TYPES and not any(s < end and start < e for s, e in optional):
                predicted[(start, end, row["type"])] = row["entity_id"]
        gold = {
            (s, e, entities[n]["type"]): n
            for (s, e), n in occurrences.items()
            if entities[n]["type"] in SCORED_TYPES and not entities[n].get("optional")
        }
        scores.add_spans(name, text, gold, predicted)
        _score_canonicalisation(scores, name, entities, gold, predicted)
    return scores


def _score_canonicalisation(
    scores: MentionScores,
    name: str,
    entities: Sequence[dict],
    gold: dict[Span, int],
    predicted: dict[Span, str],
) -> None:
    ids_of_entity: dict[int, set[str]] = defaultdict(set)
    for span, n in gold.items():
        if span in predicted:
            ids_of_entity[n].add(predicted[span])
    entities_of_id: dict[str, set[int]] = defaultdict(set)
    for n, ids in ids_of_entity.items():
        scores.entities += 1
        if len(ids) == 1:
            scores.entities_resolved += 1
        elif len(entities[n]["forms"]) > 1:
            scores.errors.append(f"{name}: {entities[n]['name']} split over {len(ids)} entities")
        for entity_id in ids:
            entities_of_id[entity_id].add(n)
    for members in entities_of_id.values():
        if len(members) > 1:
            scores.false_merges += 1
            scores.errors.append(f"{name}: merged {sorted(entities[n]['name'] for n in members)}")


def article_path(corpus: Path, name: str) -> Path:
    source, rest = name.split("/", 1)
    if source == "bbc":
        return corpus / "bbc" / f"{rest}.txt"
    return corpus / "polnear" / "train" / "text" / f"{rest}.txt"


def score_corenlp_agreement(
    split_dir: Path, corenlp_dir: Path, limit: int | None = None, extract: Extractor = extract_and_resolve
) -> MentionScores:
    """Agreement with CoreNLP's PERSON/ORGANIZATION/LOCATION spans over the article text we extract from."""
    names = sorted(
        p.stem for p in (split_dir / "text").glob("*.txt") if (corenlp_dir / f"{p.stem}.tsv").exists()
    )
    names = names[:limit]
    raws = {name: (split_dir / "text" / f"{name}.txt").read_text(encoding="utf-8") for name in names}
    articles = {name: parse_article(raw) for name, raw in raws.items()}
    mentions = extract(articles)
    by_article: dict[str, list[dict]] = defaultdict(list)
    for row in mentions.iter_rows(named=True):
        by_article[row["article_id"]].append(row)
    scores = MentionScores()
    for name in names:
        article = articles[name]
        mapping = raw_to_clean_offsets(raws[name], article.text)
        index = BlockIndex(article.blocks)
        gold = set()
        for row in _corenlp_rows(corenlp_dir / f"{name}.tsv"):
            entity_type = CORENLP_TYPES.get(row["type"])
            start, end = mapping[int(row["start"])], mapping[int(row["end"]) - 1] + 1
            if entity_type is not None and index.is_extractable(start):
                gold.add((start, end, entity_type))
        predicted = {
            (*predicted_span(article.text, r["start_char"], r["end_char"]), r["type"])
            for r in by_article.get(name, [])
            if r["type"] in SCORED_TYPES
        }
        scores.add_spans(name, article.text, gold, predicted)
    return scores


def _corenlp_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))
