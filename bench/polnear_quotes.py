"""Score quote extraction and speaker attribution on PolNeAR (rules in evaluation/polnear.py).

    .venv/bin/python bench/polnear_quotes.py [--split dev|train|both] [--limit N] [--errors K] [--cache DIR]

Tune on train; dev is for measuring only: errors are printed for train alone.
"""

import argparse
import time
from pathlib import Path

from evaluation.polnear_docs import score_split


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["dev", "train", "both"], default="dev")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--errors", type=int, default=0, help="print this many error lines (train only)")
    parser.add_argument("--cache", type=Path, help="keep spaCy parses of PolNeAR here between runs")
    args = parser.parse_args()
    for split in ["train", "dev"] if args.split == "both" else [args.split]:
        started = time.perf_counter()
        scores = score_split(split, args.limit, args.cache)
        print(f"{split}: {scores.summary()} [{time.perf_counter() - started:.0f} s]")
        for line in scores.errors[: args.errors] if split == "train" else []:
            print("   ", line)


if __name__ == "__main__":
    main()
