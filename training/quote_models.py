"""Train a learned quote decision on PolNeAR train, choose its regularisation and threshold on dev, and
write it beside the rules (`pipeline/extract/models/NAME.json`).

    .venv/bin/python -m training.quote_models speech [--cache /tmp/polnear-docs] [--limit N]

The pipeline records every decision a model takes with the features it saw (`QuoteDecision`); training
runs the pipeline over PolNeAR, labels each recorded decision from the gold attributions, and fits a
logistic regression (scikit-learn, seed SEED). Decisions:

- `speech` (`quote_speech`): is a quoted string speech? Yes when at least half of its words lie in a
  gold Content span; no for the quoted strings no attribution covers (titles, names, terms, scare quotes).
  The web reference's tuned half and the labelled articles of `training/data/quoted_strings/` join the
  training data (their conventions: a term the reporter attributes is not speech), weighted; the tuned
  half is cross-validated by article. The reference's blind half is never read.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss

from evaluation.polnear_docs import GoldArticle, gold_articles
from pipeline.extract.learned import MODELS
from pipeline.extract.quotes.lexicon import SOURCE_MODEL, SPEECH_MODEL
from training.speech_data import Example, labelled_speech_examples, speech_examples, web_speech_examples

SEED = 20261207
#: Inverse regularisation strengths tried; the one with the lowest dev log-loss is kept.
C_GRID = (0.1, 0.3, 1.0, 3.0)
#: Weights tried for a web example against a PolNeAR one (the web has fewer, and its own conventions).
WEB_WEIGHTS = (1.0, 4.0, 16.0)
#: Folds of the web reference's tuned half, by article, for cross-validation.
WEB_FOLDS = 5


def _fit(
    c: float, examples: list[Example], weights: list[float]
) -> tuple[DictVectorizer, LogisticRegression]:
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform([f for f, _, _ in examples])
    model = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
    model.fit(x, [y for _, y, _ in examples], sample_weight=weights)
    return vectorizer, model


def _probabilities(fitted: tuple[DictVectorizer, LogisticRegression], examples: list[Example]) -> list[float]:
    vectorizer, model = fitted
    return model.predict_proba(vectorizer.transform([f for f, _, _ in examples]))[:, 1].tolist()


def _web_cross_validated(
    c: float, web_weight: float, fixed: list[Example], fixed_weights: list[float], web: list[Example]
) -> list[float]:
    """Each web example's probability from a model trained without its article's fold."""
    articles = sorted({name for _, _, name in web})
    folds = {name: i % WEB_FOLDS for i, name in enumerate(articles)}
    probabilities = [0.0] * len(web)
    for fold in range(WEB_FOLDS):
        held = [i for i, (_, _, name) in enumerate(web) if folds[name] == fold]
        kept = [e for e in web if folds[e[2]] != fold]
        fitted = _fit(c, fixed + kept, fixed_weights + [web_weight] * len(kept))
        for i, p in zip(held, _probabilities(fitted, [web[i] for i in held]), strict=True):
            probabilities[i] = p
    return probabilities


def fit(
    train: list[Example], dev: list[Example], web: list[Example], labelled: list[Example]
) -> tuple[dict, dict[str, float]]:
    """Choose C and the weight of the web and labelled examples by the sum of the dev and the web
    cross-validated log-loss; the threshold by the web cross-validated accuracy; then fit on everything.
    The labelled training articles are in every fold's training data."""
    y_dev, y_web = [y for _, y, _ in dev], [y for _, y, _ in web]
    best = None
    for c in C_GRID:
        for web_weight in WEB_WEIGHTS:
            fixed = train + labelled
            fixed_weights = [1.0] * len(train) + [web_weight] * len(labelled)
            fitted = _fit(c, fixed + web, fixed_weights + [web_weight] * len(web))
            p_dev = _probabilities(fitted, dev)
            p_web = _web_cross_validated(c, web_weight, fixed, fixed_weights, web)
            loss = log_loss(y_dev, p_dev) + log_loss(y_web, p_web)
            print(
                f"  C={c} web weight {web_weight}: dev log-loss {log_loss(y_dev, p_dev):.4f}, web CV {log_loss(y_web, p_web):.4f}"
            )
            if best is None or loss < best[0]:
                best = (loss, c, web_weight, fitted, p_dev, p_web)
    assert best is not None
    _, c, web_weight, fitted, p_dev, p_web = best

    def accuracy(threshold: float) -> float:
        return accuracy_score(y_web, [p >= threshold for p in p_web])

    # The threshold is the web's: the pipeline reads web news, where non-speech is three times as common
    # as in PolNeAR (29% of the tuned half's quoted strings against 7%).
    threshold = max((t / 100 for t in range(5, 96)), key=accuracy)
    metrics = {
        "C": c,
        "web_weight": web_weight,
        "dev_accuracy": round(accuracy_score(y_dev, [p >= threshold for p in p_dev]), 4),
        "dev_majority_accuracy": round(max(sum(y_dev), len(y_dev) - sum(y_dev)) / len(y_dev), 4),
        "web_cv_accuracy": round(accuracy_score(y_web, [p >= threshold for p in p_web]), 4),
        "web_majority_accuracy": round(max(sum(y_web), len(y_web) - sum(y_web)) / len(y_web), 4),
        "train_examples": len(train),
        "labelled_examples": len(labelled),
        "dev_examples": len(dev),
        "web_examples": len(web),
    }
    return _artefact(fitted, threshold), metrics


def source_groups(articles: Iterable[GoldArticle]) -> list[list[Example]]:
    """For every cue the pipeline found that lies in a gold Cue span, its source candidates, each labelled
    by whether it lies in that attribution's gold Source span (cues whose candidates miss it are left out:
    there is nothing to choose)."""
    groups = []
    for article in articles:
        cues = [(article.clean(a.cue_spans), article.clean(a.source_spans)) for a in article.attributions]
        by_cue: dict[int, list] = {}
        for decision in article.records.quotes.decisions:
            if decision.model == SOURCE_MODEL:
                by_cue.setdefault(decision.group, []).append(decision)
        for cue_char, decisions in by_cue.items():
            source = next((src for cue, src in cues if cue.overlaps(cue_char, cue_char + 1)), None)
            if source is None:
                continue
            labelled = [
                (d.features, int(source.overlaps(d.start_char, d.end_char)), article.name) for d in decisions
            ]
            if any(y for _, y, _ in labelled):
                groups.append(labelled)
    return groups


def _top1(fitted: tuple[DictVectorizer, LogisticRegression], groups: list[list[Example]]) -> float:
    right = 0
    for group in groups:
        probabilities = _probabilities(fitted, group)
        right += group[max(range(len(group)), key=probabilities.__getitem__)][1]
    return right / len(groups)


def fit_source(train: list[list[Example]], dev: list[list[Example]]) -> tuple[dict, dict[str, float]]:
    """The candidate model with the best dev top-1 accuracy over C_GRID (the decision is an argmax)."""
    flat = [e for group in train for e in group]
    ruled = sum(next((y for f, y, _ in g if f.get("ruled")), 0) for g in dev) / len(dev)
    best = None
    for c in C_GRID:
        fitted = _fit(c, flat, [1.0] * len(flat))
        accuracy = _top1(fitted, dev)
        print(f"  C={c}: dev top-1 {accuracy:.4f}")
        if best is None or accuracy > best[0]:
            best = (accuracy, c, fitted)
    assert best is not None
    accuracy, c, fitted = best
    metrics = {
        "C": c,
        "dev_top1": round(accuracy, 4),
        "dev_rules_choice_top1": round(ruled, 4),
        "train_top1": round(_top1(fitted, train), 4),
        "train_cues": len(train),
        "dev_cues": len(dev),
    }
    return _artefact(fitted, 0.5), metrics


def _artefact(fitted: tuple[DictVectorizer, LogisticRegression], threshold: float) -> dict:
    vectorizer, model = fitted
    names = vectorizer.get_feature_names_out().tolist()
    weights = [round(float(w), 5) for w in model.coef_[0]]
    kept = [(n, w) for n, w in zip(names, weights, strict=True) if w != 0.0]
    return {
        "features": [n for n, _ in kept],
        "weights": [w for _, w in kept],
        "bias": round(float(model.intercept_[0]), 5),
        "threshold": threshold,
    }


ABOUT = {
    "speech": (
        "Is a quoted string speech? Logistic regression over pipeline/extract/quotes/features.py "
        "speech_features, trained on the quoted strings of PolNeAR train (speech: at least half of the words "
        "inside a gold Content span), of the web reference's tuned half (its quotes and not_quotes) and of the "
        "labelled training articles (training/data/quoted_strings: web pages outside the blind outlets, BBC); "
        "regularisation and the web examples' weight chosen on PolNeAR dev and by cross-validation over the "
        "web tuned half, the threshold by that cross-validation (training/quote_models.py). The web blind "
        "half is not used."
    ),
    "source": (
        "Which candidate is a cue's source? Logistic regression over pipeline/extract/quotes/source_choice.py "
        "source_features, trained on the candidates of the cues of PolNeAR train that lie in a gold Cue span "
        "(a candidate is right when it lies in that attribution's gold Source span); regularisation chosen "
        "by top-1 accuracy on PolNeAR dev (training/quote_models.py). The pipeline takes the best candidate."
    ),
}
MODEL_NAMES = {"speech": SPEECH_MODEL, "source": SOURCE_MODEL}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("decision", choices=sorted(MODEL_NAMES))
    parser.add_argument("--cache", type=Path, help="keep spaCy parses of PolNeAR here between runs")
    parser.add_argument("--limit", type=int, help="articles per split (for a quick look)")
    args = parser.parse_args()
    train_articles = gold_articles("train", args.cache, args.limit)
    dev_articles = gold_articles("dev", args.cache, args.limit)
    if args.decision == "speech":
        train, dev = speech_examples(train_articles), speech_examples(dev_articles)
        web, labelled = web_speech_examples(), labelled_speech_examples()
        print(
            f"speech: {len(train)} train, {len(dev)} dev, {len(web)} web (tuned half), {len(labelled)} labelled"
        )
        artefact, metrics = fit(train, dev, web, labelled)
    else:
        train_groups, dev_groups = source_groups(train_articles), source_groups(dev_articles)
        print(f"source: {len(train_groups)} train and {len(dev_groups)} dev cues with their candidates")
        artefact, metrics = fit_source(train_groups, dev_groups)
    print("  " + ", ".join(f"{k} {v}" for k, v in metrics.items()))
    document = {
        "about": ABOUT[args.decision],
        "trained": date.today().isoformat(),
        "seed": SEED,
        "metrics": metrics,
        **artefact,
    }
    path = MODELS / f"{MODEL_NAMES[args.decision]}.json"
    path.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path} ({len(artefact['features'])} features)")


if __name__ == "__main__":
    main()
