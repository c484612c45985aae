"""Score quote extraction and speaker attribution on PolNeAR (rules in evaluation/polnear.py).

    .venv/bin/python bench/polnear_quotes.py [--split dev|train|both] [--limit N] [--errors K]

Tune on train; dev is for measuring only.
"""

import argparse
import time

from evaluation.paths import CORPUS
from evaluation.polnear import score_split

POLNEAR = CORPUS / "polnear"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--split", choices=["dev", "train", "both"], default="dev")
    parser.add_argument("--limit", type=int)
    parser.add_argument("--errors", type=int, default=0, help="print this many error lines")
    args = parser.parse_args()
    for split in ["train", "dev"] if args.split == "both" else [args.split]:
        started = time.perf_counter()
        scores = score_split(POLNEAR / split, args.limit)
        print(f"{split}: {scores.summary()} [{time.perf_counter() - started:.0f} s]")
        for line in scores.errors[: args.errors]:
            print("   ", line)


if __name__ == "__main__":
    main()
