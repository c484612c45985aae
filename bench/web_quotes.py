"""Score quote extraction on the web reference (rules in evaluation/web_quotes.py), tuned half and blind
half apart, and the agreement of the two annotators where both annotated.

    .venv/bin/python bench/web_quotes.py [--errors K] [--blind] [--agreement]

The tuned half is scored by default; `--blind` scores the blind half too (its summary only: the blind half
is measured for the record, never read or tuned on). The learned speech decision was trained on the tuned
half, so its scores there are optimistic: training/quote_models.py prints the cross-validated figures.
"""

import argparse
import time

from evaluation.web import annotated, extract_pages, scored_halves
from evaluation.web_quotes import WebQuoteScores, score_article
from pipeline.extract.quotes import Quote


def as_quotes(annotation: dict) -> list[Quote]:
    """An annotation's quotes as if predicted (to score one annotator against the other)."""
    quoted = [
        Quote(
            0,
            0,
            q["text"],
            q["kind"],
            q.get("cue"),
            q.get("speaker_surface"),
            q["speaker"],
            None,
            None,
            "body",
            speaker_rule="named" if q["speaker"] else "as_written",
        )
        for q in annotation["quotes"]
    ]
    indirect = [
        Quote(
            0,
            0,
            q["content"],
            "indirect",
            q.get("cue"),
            q.get("speaker_surface"),
            q["speaker"],
            None,
            None,
            "body",
            speaker_rule="named" if q["speaker"] else "as_written",
        )
        for q in annotation.get("indirect_quotes", [])
    ]
    return quoted + indirect


def agreement() -> WebQuoteScores:
    first, second = annotated("quotes"), annotated("quotes", second=True)
    total = WebQuoteScores()
    for name, theirs in second.items():
        total.add(score_article(name, as_quotes(theirs), first[name]))
    print(
        f"agreement, second annotator scored against the first on {len(second)} articles: {total.summary()}"
    )
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", type=int, default=0, help="print this many error lines of the tuned half")
    parser.add_argument("--blind", action="store_true", help="also score the blind half (summary only)")
    parser.add_argument("--agreement", action="store_true", help="also score the second annotator")
    args = parser.parse_args()
    started = time.perf_counter()
    halves = scored_halves("quotes", args.blind)
    extracted = extract_pages(name for gold in halves.values() for name in gold)
    for half, gold in halves.items():
        total = WebQuoteScores()
        for name, annotation in gold.items():
            total.add(score_article(name, extracted[name][1].quotes.quotes, annotation))
        print(f"{half} ({len(gold)} articles): {total.summary()}")
        if half == "tune":
            for line in total.errors[: args.errors]:
                print("   ", line)
    print(f"[{time.perf_counter() - started:.0f} s]")
    if args.agreement:
        agreement()


if __name__ == "__main__":
    main()
