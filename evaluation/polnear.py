"""Score quote extraction and speaker attribution against PolNeAR's gold attributions.

Gold (from brat standoff `.ann` files, one annotator per article, the first in file-name order):
- an attribution is an `E` line linking a `Content` span (possibly discontinuous) to its `Source` and `Cue`;
- a gold direct quote is a quoted segment (text between paired double quote marks, at least
  MIN_QUOTE_WORDS words) inside a `Content` span, and its speaker is the attribution's `Source`.

Predictions come from the pipeline's own parsing and extraction code (`parse_article`, spaCy,
`extract_batches`) on the article text; gold offsets index the raw file, so they are mapped onto the
cleaned text the pipeline indexes.

Matching:
- a predicted direct or partial quote matches a gold quote when its span covers at least 80% of the gold
  quote's words; a prediction may cover several gold segments (a multi-paragraph quote). Recall is over
  gold quotes, precision over predictions.
- speaker accuracy is over matched gold quotes whose source names someone (a capitalised word that is not a
  pronoun): right when the source's words contain the last word of the predicted speaker's name (`John
  Podesta` for `Clinton campaign chairman John Podesta`), or the predicted speaker contains the source text.
- attributions (indirect included): a prediction of any kind matches a gold `Content` span when they share
  at least half of the shorter one's words, one-to-one, in order of overlap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from evaluation.scoring import MIN_QUOTE_COVERAGE, f1, ratio

WORD = re.compile(r"\w+")
PRONOUNS = frozenset("he she they it we i you his her their its our this that these those who".split())
#: Quoted strings shorter than this are left out on both sides: in PolNeAR half of the one-word quoted
#: strings are scare quotes or names outside any attribution, while 96% of those of three words or more
#: lie inside an attributed Content span. With this rule a bare quote-mark regex scores F1 ~0.96.
MIN_QUOTE_WORDS = 3
MIN_ATTRIBUTION_OVERLAP = 0.5
#: Whether a source's sentence-initial capital is discounted when deciding if it names someone (since
#: 2026-12-07; before, `The company` counted as a name, so resolving it to the company counted wrong).
SOURCE_SENTENCE_CASE = True
#: Words that open a description, not a name (`The`, `A`, `Another`, `One`, `Some`, `Several`).
DESCRIPTION_OPENERS = frozenset(
    "the a an another one some several many most all both each every other such no his her their its our "
    "my your this that these those two three four five".split()
)


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One attribution: its Content fragments, its Source as written, and (raw offsets) the fragments of its
    Source and Cue."""

    content: tuple[tuple[int, int], ...]
    source: str | None
    source_spans: tuple[tuple[int, int], ...] = ()
    cue_spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class GoldQuote:
    start: int
    end: int
    source: str | None
    #: Whether the source opens its sentence (so its first word's capital says nothing of a name).
    source_opens_sentence: bool = False


@dataclass
class QuoteScores:
    gold_quotes: int = 0
    gold_quotes_found: int = 0
    predicted_quotes: int = 0
    predicted_quotes_right: int = 0
    speakers_scored: int = 0
    speakers_right: int = 0
    gold_attributions: int = 0
    gold_attributions_found: int = 0
    predicted_attributions: int = 0
    predicted_attributions_right: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, other: QuoteScores) -> None:
        for name in self.__dataclass_fields__:
            if name != "errors":
                setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    @property
    def quote_recall(self) -> float:
        return ratio(self.gold_quotes_found, self.gold_quotes)

    @property
    def quote_precision(self) -> float:
        return ratio(self.predicted_quotes_right, self.predicted_quotes)

    @property
    def quote_f1(self) -> float:
        return f1(self.quote_precision, self.quote_recall)

    @property
    def speaker_accuracy(self) -> float:
        return ratio(self.speakers_right, self.speakers_scored)

    @property
    def attribution_recall(self) -> float:
        return ratio(self.gold_attributions_found, self.gold_attributions)

    @property
    def attribution_precision(self) -> float:
        return ratio(self.predicted_attributions_right, self.predicted_attributions)

    def summary(self) -> str:
        return (
            f"{self.articles} articles | direct quotes: P {self.quote_precision:.3f} R {self.quote_recall:.3f} "
            f"F1 {self.quote_f1:.3f} ({self.gold_quotes} gold) | speaker accuracy {self.speaker_accuracy:.3f} "
            f"({self.speakers_scored} named sources) | attributions: P {self.attribution_precision:.3f} "
            f"R {self.attribution_recall:.3f} ({self.gold_attributions} gold)"
        )


def annotated_articles(split_dir: Path) -> Iterator[tuple[str, str, Path]]:
    """(name, raw text, .ann path) for every article with an annotation, one annotator each."""
    annotations: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        annotations.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        if text_path.stem in annotations:
            yield text_path.stem, text_path.read_text(encoding="utf-8"), annotations[text_path.stem]


def read_attributions(ann: Path, raw: str) -> list[GoldAttribution]:
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    attributions = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            fragments = tuple(tuple(int(x) for x in f.split()) for f in offsets.split(";"))
            spans[parts[0]] = (label, fragments)  # type: ignore[assignment]
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(arg.split(":", 1) for arg in parts[1].split()[1:] if ":" in arg)
            content = spans.get(roles.get("Content", ""))
            if content is None:
                continue
            source = spans.get(roles.get("Source", ""))
            cue = spans.get(roles.get("Cue", ""))
            source_text = " ".join(raw[s:e] for s, e in source[1]) if source else None
            attributions.append(
                GoldAttribution(content[1], source_text, source[1] if source else (), cue[1] if cue else ())
            )
    return attributions


def quoted_segments(raw: str) -> list[tuple[int, int]]:
    """Inner spans of quoted segments, paragraph by paragraph: curly marks pair by direction, straight
    marks (and the `''` of the New York Times' text) alternate, and a quote still open at the end of a paragraph ends there (the news convention
    for quotes running over several paragraphs)."""
    segments = []
    for paragraph in re.finditer(r"[^\n]+", raw):
        opened: int | None = None
        for mark in re.finditer(r"[“”\"]|''", paragraph.group()):
            position = paragraph.start() + mark.start()
            closes = mark.group() == "”" or (mark.group() in ('"', "''") and opened is not None)
            if closes and opened is not None:
                segments.append((opened, position))
                opened = None
            elif not closes:
                opened = position + len(mark.group())
        if opened is not None:
            segments.append((opened, paragraph.end()))
    return segments


def gold_quotes(raw: str, attributions: Sequence[GoldAttribution]) -> list[GoldQuote]:
    """Quoted segments inside a Content span (annotators often leave the quote marks outside it)."""
    quotes = []
    for start, end in quoted_segments(raw):
        if len(WORD.findall(raw, start, end)) < MIN_QUOTE_WORDS:
            continue
        inner_start = start + len(raw[start:end]) - len(raw[start:end].lstrip())
        inner_end = start + len(raw[start:end].rstrip(" ,.;:!?"))
        for attribution in attributions:
            if any(s <= inner_start and inner_end <= e + 1 for s, e in attribution.content):
                opens = bool(attribution.source_spans) and _opens_sentence(
                    raw, attribution.source_spans[0][0]
                )
                quotes.append(GoldQuote(start, end, attribution.source, opens))
                break
    return quotes


def raw_to_clean_offsets(raw: str, clean: str) -> list[int]:
    """For each raw offset, the cleaned-text offset of the same character (cleaning only drops characters
    and rewrites white space, so the cleaned visible characters are a subsequence of the raw ones)."""
    mapping = [0] * (len(raw) + 1)
    j = 0
    for i, ch in enumerate(raw):
        if not ch.isspace():
            k = j
            while k < len(clean) and clean[k] != ch:
                k += 1
            if k < len(clean) and k - j < 200:
                j = k
        mapping[i] = j
        if not ch.isspace() and j < len(clean) and clean[j] == ch:
            j += 1
    mapping[len(raw)] = len(clean)
    return mapping


def _word_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text, start, end)]


def _covered(words: Sequence[tuple[int, int]], start: int, end: int) -> int:
    return sum(1 for s, e in words if s >= start and e <= end)


def names_someone(source: str | None, opens_sentence: bool = False) -> bool:
    """Whether a gold source names someone: a capitalised word that is not a pronoun, and not a determiner
    capitalised because it opens the sentence (`The company said`, `Another added`: descriptions, whose
    referent PolNeAR does not give, so a speaker resolved through them cannot be scored)."""
    if source is None:
        return False
    words = WORD.findall(source)
    if opens_sentence and words and words[0].lower() in DESCRIPTION_OPENERS:
        words = words[1:]
    return any(w[:1].isupper() and w.lower() not in PRONOUNS for w in words)


def _opens_sentence(raw: str, start: int) -> bool:
    before = raw[:start].rstrip(" \t“\"‘'(")
    return not before or before.endswith(("\n", ".", "!", "?", ":", "”", '"'))


def speaker_matches(predicted: str | None, source: str) -> bool:
    if not predicted:
        return False
    source_words = {w.lower() for w in WORD.findall(source)}
    predicted_words = [w.lower() for w in WORD.findall(predicted)]
    return bool(predicted_words) and (
        predicted_words[-1] in source_words or source.lower() in predicted.lower()
    )


def score_article(
    name: str, clean: str, mapping: list[int], quotes: Sequence[dict], gold: list[GoldAttribution], raw: str
) -> QuoteScores:
    scores = QuoteScores(articles=1)
    direct = [
        q
        for q in quotes
        if q["kind"] in ("direct", "partial") and len(WORD.findall(q["text"])) >= MIN_QUOTE_WORDS
    ]
    right_predictions: set[int] = set()
    for g in gold_quotes(raw, gold):
        start, end = mapping[g.start], mapping[g.end]
        words = _word_spans(clean, start, end)
        if not words:
            continue
        scores.gold_quotes += 1
        hit = next(
            (
                i
                for i, q in enumerate(direct)
                if _covered(words, q["start_char"], q["end_char"]) >= MIN_QUOTE_COVERAGE * len(words)
            ),
            None,
        )
        if hit is None:
            scores.errors.append(f"{name}: missed quote {clean[start:end][:70]!r}")
            continue
        scores.gold_quotes_found += 1
        right_predictions.add(hit)
        if names_someone(g.source, g.source_opens_sentence if SOURCE_SENTENCE_CASE else False):
            scores.speakers_scored += 1
            if speaker_matches(direct[hit]["speaker_local"], g.source):  # type: ignore[arg-type]
                scores.speakers_right += 1
            else:
                scores.errors.append(f"{name}: speaker {direct[hit]['speaker_local']!r}, gold {g.source!r}")
    scores.predicted_quotes = len(direct)
    scores.predicted_quotes_right = len(right_predictions)
    for i, q in enumerate(direct):
        if i not in right_predictions:
            scores.errors.append(f"{name}: false quote {q['text'][:70]!r}")
    _score_attributions(scores, clean, mapping, quotes, gold)
    return scores


def _score_attributions(
    scores: QuoteScores, clean: str, mapping: list[int], quotes: Sequence[dict], gold: list[GoldAttribution]
) -> None:
    gold_words = [{w for s, e in g.content for w in _word_spans(clean, mapping[s], mapping[e])} for g in gold]
    gold_words = [w for w in gold_words if w]
    # The quotes of one cue (`“…,” he said. “…”`) are one attribution, as a gold Content span covers them.
    by_cue: dict[object, set[tuple[int, int]]] = {}
    for i, q in enumerate(quotes):
        key = q.get("cue_start") if q.get("cue_start") is not None else ("quote", i)
        by_cue.setdefault(key, set()).update(_word_spans(clean, q["start_char"], q["end_char"]))
    predicted_words = list(by_cue.values())
    pairs = sorted(
        (
            (len(g & p) / min(len(g), len(p)), gi, pi)
            for gi, g in enumerate(gold_words)
            for pi, p in enumerate(predicted_words)
            if p and g & p
        ),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for overlap, gi, pi in pairs:
        if overlap < MIN_ATTRIBUTION_OVERLAP:
            break
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
    scores.gold_attributions = len(gold_words)
    scores.gold_attributions_found = len(used_gold)
    scores.predicted_attributions = len(predicted_words)
    scores.predicted_attributions_right = len(used_predicted)
