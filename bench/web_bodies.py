"""What the pipeline keeps of each saved web page (its blocks but page furniture: boilerplate and credits),
against the reader-visible body (`text/`), beside bare
trafilatura on the same pages in the same run; and which pages land, in which language, and why the others
do not.

    .venv/bin/python bench/web_bodies.py [--pages] [--shingle 4]

Score: per page, the F1 of the page's word shingles (runs of `--shingle` words, as a multiset) against the
reference body's, averaged over the pages whose reference body has at least MIN_REFERENCE_WORDS words. A
page the pipeline quarantines scores 0 there.
"""

import argparse
import re
import time
from collections import Counter

import trafilatura

from evaluation.paths import CORPUS
from evaluation.scoring import f1
from pipeline.article.raw_folder import RawFile
from pipeline.article.sources import ReadArticle, read_raw_file
from pipeline.vocabulary import SKIPPED_KINDS

PAGES = CORPUS / "web" / "html"
TEXTS = CORPUS / "web" / "text"
#: Pages whose reference body is shorter than this (a redirect, a script-only page) are not scored.
MIN_REFERENCE_WORDS = 20
WORD = re.compile(r"\w+")
#: Reference bodies saved under another name than their page.
REFERENCE_NAMES = {
    "cnn_article": "cnn",
    "arabic_article": "arabic",
    "chinese_article": "chinese",
    "japanese_article": "japanese",
    "japanese_article2": "japanese2",
    "spanish_article": "spanish",
    "thai_article": "thai",
}


def shingles(text: str, n: int) -> Counter[str]:
    words = WORD.findall(text.lower())
    return Counter(" ".join(words[i : i + n]) for i in range(max(len(words) - n + 1, 0)))


def shingle_f1(predicted: str, reference: str, n: int) -> float:
    p, r = shingles(predicted, n), shingles(reference, n)
    common = sum((p & r).values())
    return f1(common / sum(p.values()) if p else 0.0, common / sum(r.values()) if r else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", action="store_true", help="print every page's outcome and scores")
    parser.add_argument("--shingle", type=int, default=4)
    args = parser.parse_args()
    started = time.perf_counter()
    ours, bare, outcomes = [], [], Counter()
    for page in sorted(PAGES.glob("*.html")):
        name = page.stem
        reference_path = TEXTS / f"{REFERENCE_NAMES.get(name, name)}.txt"
        reference = reference_path.read_text(encoding="utf-8") if reference_path.exists() else ""
        stat = page.stat()
        read = read_raw_file(RawFile(PAGES, page.name, stat.st_size, stat.st_mtime_ns))
        if isinstance(read, ReadArticle):
            kept = "\n".join(b.text for b in read.article.blocks if b.kind not in SKIPPED_KINDS)
            outcome = f"lands ({read.article.language})"
            outcomes[
                "lands, English" if read.article.language in ("en", "und") else "lands, other language"
            ] += 1
        else:
            kept, outcome = "", f"quarantined ({read.reason})"
            outcomes[f"quarantined: {read.reason}"] += 1
        baseline = trafilatura.extract(page.read_text(encoding="utf-8", errors="replace")) or ""
        scored = len(WORD.findall(reference)) >= MIN_REFERENCE_WORDS
        if scored:
            ours.append(shingle_f1(kept, reference, args.shingle))
            bare.append(shingle_f1(baseline, reference, args.shingle))
        if args.pages:
            scores = f"pipeline {ours[-1]:.3f} bare {bare[-1]:.3f}" if scored else "not scored"
            print(f"  {name:28s} {outcome:28s} {scores}")
    print(", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(
        f"{len(ours)} pages with a reference body of {MIN_REFERENCE_WORDS}+ words, {args.shingle}-word shingle F1 "
        f"per page averaged: pipeline {sum(ours) / len(ours):.3f}, bare trafilatura {sum(bare) / len(bare):.3f} "
        f"[{time.perf_counter() - started:.0f} s]"
    )


if __name__ == "__main__":
    main()
