"""Score entity mentions, types and canonical entities on the web reference (`references/web/entities/`).

The pipeline reads the saved HTML; the annotators read the reader-visible text. Only the blocks of the
pipeline's text that the annotators saw are scored (a block whose words are at least MIN_SEEN_SHARE in the
annotated text), so navigation the pipeline kept is neither gold nor error.

- Mentions: gold mentions are the whole-word occurrences of every form in those blocks (longest first, no
  overlaps). A predicted mention is right when its span (possessive stripped) is a gold occurrence, or that
  occurrence with its title (`titled_forms`: `Lord Ashcroft` for `Ashcroft`), and its type is the gold
  type. Mentions of optional entities are left out of both counts.
- Types: of the predicted spans that are gold occurrences, the share with the gold type.
- Canonical entities: within an article, a gold entity is split when its mentions carry several entity
  ids; across the reference, gold entities with the same canonical name and disambiguation must share an
  entity id, and gold entities with different disambiguations (or types) must not (`Washington` the city
  and the state).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from evaluation.entities import POSSESSIVE, form_occurrences
from evaluation.scoring import f1, ratio
from evaluation.web import page_text

#: A block counts as seen by the annotators when this share of its words is in their text.
MIN_SEEN_SHARE = 0.8
ENTITY_TYPES = ("PERSON", "ORG", "PLACE", "EVENT", "PRODUCT", "WORK")
_WORD = re.compile(r"\w+")

Span = tuple[int, int]


@dataclass
class WebEntityScores:
    gold: int = 0
    predicted: int = 0
    right: int = 0
    span_right: int = 0
    type_right: int = 0
    by_type: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    entities: int = 0
    split: int = 0
    errors: list[str] = field(default_factory=list)
    #: (gold entity key, article) -> entity ids predicted for it, for the cross-article check.
    ids: dict[tuple[str, str, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    @property
    def precision(self) -> float:
        return ratio(self.right, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.right, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def type_accuracy(self) -> float:
        return ratio(self.type_right, self.span_right)

    def type_f1(self, entity_type: str) -> float:
        counts = self.by_type[entity_type]
        return f1(ratio(counts["right"], counts["predicted"]), ratio(counts["right"], counts["gold"]))

    def summary(self) -> str:
        types = ", ".join(f"{t} {self.type_f1(t):.3f}" for t in ENTITY_TYPES if self.by_type[t]["gold"])
        return (
            f"mentions P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} ({self.gold} gold, "
            f"{self.predicted} predicted) | type accuracy {self.type_accuracy:.3f} ({self.span_right} spans "
            f"right) | F1 by type: {types} | entities split within an article {self.split}/{self.entities}"
        )


def seen_blocks(name: str, text: str, blocks: list[tuple[int, int]]) -> list[Span]:
    """The pipeline's blocks whose words the annotators saw."""
    seen = Counter(w.lower() for w in _WORD.findall(page_text(name)))
    kept = []
    for start, end in blocks:
        words = [w.lower() for w in _WORD.findall(text[start:end])]
        if words and sum(1 for w in words if seen[w]) >= MIN_SEEN_SHARE * len(words):
            kept.append((start, end))
    return kept


def score_article(name: str, text: str, blocks: list[Span], rows: list[dict], gold: dict) -> WebEntityScores:
    """`rows`: the article's entity mentions (`start_char`, `end_char`, `type`, `entity_id`)."""
    scores = WebEntityScores()
    entities = gold["entities"]
    seen = seen_blocks(name, text, blocks)

    def inside(start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in seen)

    occurrences = {span: n for span, n in form_occurrences(text, entities).items() if inside(*span)}
    titled = _titled_spans(text, entities, occurrences)
    optional = [span for span, n in occurrences.items() if entities[n].get("optional")]
    required = {span: n for span, n in occurrences.items() if not entities[n].get("optional")}
    predicted: dict[Span, dict] = {}
    for row in rows:
        start, end = _without_possessive(text, row["start_char"], row["end_char"])
        span = titled.get((start, end), (start, end))
        if inside(start, end) and not any(s < end and start < e for s, e in optional):
            predicted[span] = row
    scores.gold, scores.predicted = len(required), len(predicted)
    by_entity: dict[int, set[str]] = defaultdict(set)
    for span, n in required.items():
        gold_type = entities[n]["type"]
        scores.by_type[gold_type]["gold"] += 1
        row = predicted.get(span)
        if row is None:
            scores.errors.append(f"{name}: missed {text[span[0] : span[1]]!r} {gold_type}")
            continue
        scores.span_right += 1
        by_entity[n].add(row["entity_id"])
        if row["type"] == gold_type:
            scores.type_right += 1
            scores.right += 1
            scores.by_type[gold_type]["right"] += 1
        else:
            scores.errors.append(f"{name}: {text[span[0] : span[1]]!r} typed {row['type']}, gold {gold_type}")
    for span, row in predicted.items():
        scores.by_type[row["type"]]["predicted"] += 1
        if span not in required:
            scores.errors.append(f"{name}: spurious {text[span[0] : span[1]]!r} {row['type']}")
    for n, ids in by_entity.items():
        scores.entities += 1
        entity = entities[n]
        key = (entity["name"], entity.get("disambiguation") or "", entity["type"], name)
        scores.ids[key] |= ids
        if len(ids) > 1:
            scores.split += 1
            scores.errors.append(f"{name}: {entity['name']} split over {len(ids)} entities")
    return scores


def _without_possessive(text: str, start: int, end: int) -> Span:
    match = POSSESSIVE.search(text, start, end)
    return start, match.start() if match and match.start() > start else end


def _titled_spans(text: str, entities: list[dict], occurrences: dict[Span, int]) -> dict[Span, Span]:
    """Span of a titled form (`Lord Ashcroft`) -> span of the bare form it holds, for gold occurrences."""
    found = {}
    for n, entity in enumerate(entities):
        for titled in entity.get("titled_forms") or []:
            for match in re.finditer(rf"(?<!\w){re.escape(titled)}(?!\w)", text):
                for (s, e), m in occurrences.items():
                    if m == n and match.start() <= s and e == match.end():
                        found[match.span()] = (s, e)
    return found


def add(total: WebEntityScores, other: WebEntityScores) -> None:
    for name in ("gold", "predicted", "right", "span_right", "type_right", "entities", "split"):
        setattr(total, name, getattr(total, name) + getattr(other, name))
    for entity_type, counts in other.by_type.items():
        total.by_type[entity_type].update(counts)
    total.errors.extend(other.errors)
    for key, ids in other.ids.items():
        total.ids[key] |= ids


def cross_article(scores: WebEntityScores) -> str:
    """Gold entities named in several articles and whether they share one id; different gold entities
    (by name, disambiguation or type) that ended on one id."""
    by_entity: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    articles: Counter[tuple[str, str, str]] = Counter()
    for key, ids in scores.ids.items():
        by_entity[key[:3]] |= ids
        articles[key[:3]] += 1
    several = [k for k, n in articles.items() if n > 1]
    together = sum(1 for k in several if len(by_entity[k]) == 1)
    owners: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for key, ids in by_entity.items():
        for entity_id in ids:
            owners[entity_id].add(key)
    merged = [sorted(keys) for keys in owners.values() if len(keys) > 1]
    lines = [f"gold entities in several articles: {together} of {len(several)} on one entity id"]
    lines += [f"merged on one id: {keys}" for keys in merged]
    return "\n".join(lines)
