"""Score figure extraction on the web reference (rules in evaluation/web_figures.py), tuned half and blind
half apart.

    .venv/bin/python bench/web_figures.py [--errors] [--blind]

Errors are printed for the tuned half only.
"""

import argparse

from evaluation.figures import FigureScores
from evaluation.web import extract_pages, scored_halves
from evaluation.web_figures import score_page
from pipeline.vocabulary import SKIPPED_KINDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="print the tuned half's errors")
    parser.add_argument("--blind", action="store_true", help="also score the blind half (summary only)")
    args = parser.parse_args()
    halves = scored_halves("figures", args.blind)
    pages = extract_pages(name for gold in halves.values() for name in gold)
    for half, gold in halves.items():
        total = FigureScores()
        for name, annotation in gold.items():
            article, records = pages[name]
            blocks = [(b.start_char, b.end_char) for b in article.blocks if b.kind not in SKIPPED_KINDS]
            total.add(score_page(name, article.text, blocks, records.figures, annotation))
        print(f"{half} ({len(gold)} articles): {total.summary()}")
        if half == "tune" and args.errors:
            for line in total.errors:
                print("   ", line)


if __name__ == "__main__":
    main()
