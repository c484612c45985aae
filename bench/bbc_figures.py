"""Score figure extraction against the hand-made BBC reference set (evaluation/references/bbc_figures_gold.json).

    .venv/bin/python bench/bbc_figures.py [--errors] [--held-out]

Prints value-only and value-with-unit precision and recall, and qualifier accuracy (rules in
evaluation/figures.py). `--held-out` scores evaluation/references/bbc_figures_heldout.json instead: five
articles annotated by a second annotator after the rules were written, never used to tune them.
"""

import argparse

from evaluation.figures import REFERENCE, score_bbc_figures
from evaluation.paths import CORPUS, REFERENCES

HELD_OUT = REFERENCES / "bbc_figures_heldout.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--held-out", action="store_true")
    args = parser.parse_args()
    result = score_bbc_figures(CORPUS / "bbc", HELD_OUT if args.held_out else REFERENCE)
    print(result.summary())
    if args.errors:
        for line in result.errors:
            print("   ", line)


if __name__ == "__main__":
    main()
