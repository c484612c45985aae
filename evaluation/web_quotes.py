"""Score quote extraction on the web reference (`references/web/quotes/`).

Matching, on the words of the texts (the pipeline reads the saved HTML, the annotators the reader-visible
text, so offsets differ and words are compared):
- a predicted direct or partial quote **finds** a gold quote when it covers at least MIN_QUOTE_COVERAGE of
  the gold quote's words; it is **right** when it finds a gold quote, or when that share of its own words
  lies in the article's gold quotes (a quote run over several paragraphs is one prediction, several gold
  entries). A gold `not_quote` the pipeline keeps as a quote is counted apart (`not_quotes_kept`).
- the speaker of a found gold quote with a named speaker is right when the predicted speaker names the
  same person or body (`same_name`); errors are told apart by what was predicted: nothing, a pronoun or
  description left as written, or another name.
- indirect quotes: a predicted indirect quote matches a gold one when they share at least half of the
  shorter one's words, one to one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from evaluation.scoring import MIN_QUOTE_COVERAGE, coverage, f1, ratio, words
from pipeline.extract.quotes import Quote
from pipeline.nlp.names import name_key

MIN_INDIRECT_OVERLAP = 0.5
_NOT_NAME_WORDS = frozenset({"the", "a", "an", "of", "and", "mr", "mrs", "ms", "dr", "sir", "lord", "dame"})


@dataclass
class WebQuoteScores:
    gold_quotes: int = 0
    found: int = 0
    predicted: int = 0
    right: int = 0
    not_quotes: int = 0
    not_quotes_kept: int = 0
    speakers_scored: int = 0
    speakers_right: int = 0
    #: Named-speaker errors by what was predicted: `none`, `as_written` (a pronoun or description left
    #: unresolved), `other_name`.
    speaker_errors: dict[str, int] = field(
        default_factory=lambda: {"none": 0, "as_written": 0, "other_name": 0}
    )
    unnamed_scored: int = 0
    unnamed_given_a_name: int = 0
    gold_indirect: int = 0
    indirect_found: int = 0
    predicted_indirect: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: WebQuoteScores) -> None:
        for name in self.__dataclass_fields__:
            if name == "errors":
                self.errors.extend(other.errors)
            elif name == "speaker_errors":
                for kind, n in other.speaker_errors.items():
                    self.speaker_errors[kind] += n
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def precision(self) -> float:
        return ratio(self.right, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold_quotes)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    @property
    def speaker_accuracy(self) -> float:
        return ratio(self.speakers_right, self.speakers_scored)

    @property
    def indirect_precision(self) -> float:
        return ratio(self.indirect_found, self.predicted_indirect)

    @property
    def indirect_recall(self) -> float:
        return ratio(self.indirect_found, self.gold_indirect)

    def summary(self) -> str:
        errors = ", ".join(f"{kind} {n}" for kind, n in self.speaker_errors.items())
        return (
            f"direct and partial quotes P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} "
            f"({self.gold_quotes} gold, {self.predicted} predicted); named speakers {self.speaker_accuracy:.3f} "
            f"({self.speakers_right}/{self.speakers_scored}; errors: {errors}); unnamed speakers given a name "
            f"{self.unnamed_given_a_name}/{self.unnamed_scored}; not-quotes kept as quotes "
            f"{self.not_quotes_kept}/{self.not_quotes}; indirect P {self.indirect_precision:.3f} "
            f"R {self.indirect_recall:.3f} ({self.gold_indirect} gold, {self.predicted_indirect} predicted)"
        )


def _name_words(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", name_key(name)).encode("ascii", "ignore").decode()
    return [w for w in re.findall(r"[a-z0-9]+", folded) if w not in _NOT_NAME_WORDS]


def same_name(predicted: str | None, gold: str) -> bool:
    """Whether a predicted speaker names the gold speaker: the same name key, or one name's words a run of
    the other's (`Christie` for `Chris Christie`, `New York Times` for `The New York Times`)."""
    if not predicted:
        return False
    p, g = _name_words(predicted), _name_words(gold)
    if not p or not g:
        return False
    shorter, longer = (p, g) if len(p) <= len(g) else (g, p)
    return any(longer[i : i + len(shorter)] == shorter for i in range(len(longer) - len(shorter) + 1))


def score_article(name: str, quotes: Sequence[Quote], gold: dict) -> WebQuoteScores:
    scores = WebQuoteScores()
    quoted = [q for q in quotes if q.kind in ("direct", "partial")]
    gold_quotes = gold["quotes"]
    scores.gold_quotes, scores.predicted = len(gold_quotes), len(quoted)
    all_gold_words = " ".join(g["text"] for g in gold_quotes)
    found_by: dict[int, Quote] = {}
    for gi, g in enumerate(gold_quotes):
        best = max(quoted, key=lambda q: coverage(q.text, g["text"]), default=None)
        if best is None or coverage(best.text, g["text"]) < MIN_QUOTE_COVERAGE:
            scores.errors.append(f"{name}: missed quote {g['text'][:70]!r}")
            continue
        scores.found += 1
        found_by[gi] = best
    for q in quoted:
        finds = any(found is q for found in found_by.values())
        if finds or (words(q.text) and coverage(all_gold_words, q.text) >= MIN_QUOTE_COVERAGE):
            scores.right += 1
        else:
            scores.errors.append(f"{name}: false quote {q.text[:70]!r}")
    for nq in gold.get("not_quotes", []):
        scores.not_quotes += 1
        if words(nq["text"]) and any(coverage(q.text, nq["text"]) >= MIN_QUOTE_COVERAGE for q in quoted):
            scores.not_quotes_kept += 1
            scores.errors.append(f"{name}: kept not-quote ({nq['why']}) {nq['text'][:60]!r}")
    for gi, q in found_by.items():
        _score_speaker(scores, name, q, gold_quotes[gi])
    _score_indirect(
        scores, name, [q for q in quotes if q.kind == "indirect"], gold.get("indirect_quotes", [])
    )
    return scores


def _score_speaker(scores: WebQuoteScores, name: str, q: Quote, g: dict) -> None:
    if g["speaker"] is None:
        scores.unnamed_scored += 1
        if q.speaker_rule not in (None, "as_written"):
            scores.unnamed_given_a_name += 1
            scores.errors.append(f"{name}: unnamed speaker given {q.speaker!r} for {g['text'][:40]!r}")
        return
    scores.speakers_scored += 1
    if same_name(q.speaker, g["speaker"]):
        scores.speakers_right += 1
        return
    kind = "none" if q.speaker is None else "as_written" if q.speaker_rule == "as_written" else "other_name"
    scores.speaker_errors[kind] += 1
    scores.errors.append(
        f"{name}: speaker {q.speaker!r} ({q.speaker_surface!r}, {kind}) instead of {g['speaker']!r} "
        f"for {g['text'][:40]!r}"
    )


def _score_indirect(
    scores: WebQuoteScores, name: str, predicted: Sequence[Quote], gold: Sequence[dict]
) -> None:
    gold_words = [set(words(g["content"])) for g in gold]
    predicted_words = [set(words(q.text)) for q in predicted]
    pairs = sorted(
        (
            (len(g & p) / min(len(g), len(p)), gi, pi)
            for gi, g in enumerate(gold_words)
            for pi, p in enumerate(predicted_words)
            if g and p and g & p
        ),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for overlap, gi, pi in pairs:
        if overlap >= MIN_INDIRECT_OVERLAP and gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
    scores.gold_indirect += len(gold_words)
    scores.predicted_indirect += len(predicted_words)
    scores.indirect_found += len(used_gold)
    for gi, g in enumerate(gold):
        if gi not in used_gold:
            scores.errors.append(f"{name}: missed indirect {g.get('cue')!r} {g['content'][:60]!r}")
    for pi, q in enumerate(predicted):
        if pi not in used_predicted:
            scores.errors.append(f"{name}: false indirect {q.cue!r} {q.text[:60]!r}")
