"""Score figure extraction on the web reference (rules in evaluation/web_figures.py), tuned half and blind
half apart.

    .venv/bin/python bench/web_figures.py [--errors] [--blind]

Errors are printed for the tuned half only.
"""

import argparse

from evaluation.figures import FigureScores
from evaluation.web import annotated, extract_pages, split
from evaluation.web_figures import score_page
from pipeline.vocabulary import SKIPPED_KINDS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="print the tuned half's errors")
    parser.add_argument("--blind", action="store_true", help="also score the blind half (summary only)")
    args = parser.parse_args()
    halves = split()
    gold = {n: g for n, g in annotated("figures").items() if args.blind or halves[n] == "tune"}
    pages = extract_pages(gold)
    for half in ("tune", "blind") if args.blind else ("tune",):
        total = FigureScores()
        names = [n for n in gold if halves[n] == half]
        for name in names:
            article, records = pages[name]
            blocks = [(b.start_char, b.end_char) for b in article.blocks if b.kind not in SKIPPED_KINDS]
            result = score_page(name, article.text, blocks, records.figures, gold[name])
            for field in ("gold", "predicted", "value_matches", "unit_matches", "qualifiers_right"):
                setattr(total, field, getattr(total, field) + getattr(result, field))
            total.errors += result.errors
        print(f"{half} ({len(names)} articles): {total.summary()}")
        if half == "tune" and args.errors:
            for line in total.errors:
                print("   ", line)


if __name__ == "__main__":
    main()
