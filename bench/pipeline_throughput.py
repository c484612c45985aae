"""Benchmark: the whole pipeline over a corpus vs the bare spaCy pipeline over the same texts.

    .venv/bin/python bench/pipeline_throughput.py [--corpus ../shared/corpus/bbc] [--limit N]

Each phase runs in its own process, so peak memory (max RSS) is that phase's alone. Prints articles/s,
words/s, peak RSS and the pipeline/bare-spaCy throughput ratio.
"""

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "bbc"


def corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*.txt") if p.name != "README.TXT")
    return files[:limit] if limit else files


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_spacy(files: list[Path]) -> dict[str, float]:
    """`nlp.pipe` over the same decoded texts: the floor the pipeline is compared with."""
    from pipeline.extract.nlp import load_nlp
    from pipeline.extract.reading import decode_article_bytes

    texts = [decode_article_bytes(f.read_bytes()).text for f in files]
    nlp = load_nlp()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "words": sum(len(t.split()) for t in texts), "articles": len(texts)}


def whole_pipeline(files: list[Path]) -> dict[str, float]:
    """Ingest, extract, resolve and publish into an empty warehouse in a temporary folder."""
    from pipeline.extract.reading import decode_article_bytes
    from pipeline.runner import run_pipeline

    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        for f in files:
            target = raw / f.parent.name / f.name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, target)
        started = time.perf_counter()
        result = run_pipeline(raw, Path(tmp) / "warehouse" / "news.duckdb")
        seconds = time.perf_counter() - started
        assert result.success
        steps = {
            event.step_key: event.event_specific_data.duration_ms / 1000
            for event in result.all_events
            if event.is_step_success
        }
    words = sum(len(decode_article_bytes(f.read_bytes()).text.split()) for f in files)
    return {"seconds": seconds, "words": words, "articles": len(files), "steps": steps}


def run_phase(phase: str, corpus: Path, limit: int | None) -> dict:
    command = [sys.executable, __file__, "--phase", phase, "--corpus", str(corpus)]
    if limit:
        command += ["--limit", str(limit)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--phase", choices=["spacy", "pipeline"])
    args = parser.parse_args()
    files = corpus_files(args.corpus, args.limit)
    if args.phase:
        measure = bare_spacy if args.phase == "spacy" else whole_pipeline
        print(json.dumps({**measure(files), "peak_rss_mb": peak_rss_mb()}))
        return

    print(f"corpus: {args.corpus} ({len(files)} articles)")
    results = {phase: run_phase(phase, args.corpus, args.limit) for phase in ("spacy", "pipeline")}
    for phase, r in results.items():
        print(
            f"{phase:>9}: {r['seconds']:7.1f} s  {r['articles'] / r['seconds']:7.1f} articles/s  "
            f"{r['words'] / r['seconds']:9.0f} words/s  peak RSS {r['peak_rss_mb']:7.0f} MB"
        )
    for step, seconds in results["pipeline"].get("steps", {}).items():
        print(f"           step {step}: {seconds:.1f} s")
    ratio = (results["pipeline"]["words"] / results["pipeline"]["seconds"]) / (
        results["spacy"]["words"] / results["spacy"]["seconds"]
    )
    print(f"pipeline throughput = {ratio:.2f} x bare spaCy (same model, one process)")


if __name__ == "__main__":
    main()
