"""Benchmark: the whole pipeline over a corpus vs the bare spaCy pipeline over the same texts.

    .venv/bin/python bench/pipeline_throughput.py [--corpus ../shared/corpus/bbc] [--limit N] [--workers 2]
    .venv/bin/python bench/pipeline_throughput.py --limit 300 --profile 25

Phases, each in its own process so peak memory is that phase's alone: bare `nlp.pipe` (one process),
the whole pipeline in one process, and the whole pipeline under Dagster's multiprocess executor with
`--workers` extraction steps at once. Prints articles/s, words/s, peak memory (the phase's own peak RSS,
and for the pipeline the peak summed PSS of its whole process tree, sampled every 0.2 s), the step times
and the ratios. `--profile N` instead profiles one in-process
run with cProfile and prints its N most expensive functions (own time and cumulative time).
"""

import argparse
import cProfile
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from evaluation.paths import CORPUS, REPO

DEFAULT_CORPUS = CORPUS / "bbc"


def corpus_files(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(p for p in corpus.rglob("*.txt") if p.name != "README.TXT")
    return files[:limit] if limit else files


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare_spacy(files: list[Path]) -> dict[str, float]:
    """`nlp.pipe` over the same decoded texts: the floor the pipeline is compared with."""
    from pipeline.article.decoding import decode_article_bytes
    from pipeline.nlp.model import load_nlp

    texts = [decode_article_bytes(f.read_bytes()).text for f in files]
    nlp = load_nlp()
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "words": sum(len(t.split()) for t in texts), "articles": len(texts)}


def whole_pipeline(corpus: Path, files: list[Path], workers: int = 1) -> dict[str, object]:
    """Ingest, extract, resolve and publish into an empty warehouse in a temporary folder."""
    import dagster as dg

    from pipeline.article.decoding import decode_article_bytes
    from pipeline.runner import run_pipeline

    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw"
        for f in files:
            target = raw / f.relative_to(corpus)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(f, target)
        with dg.DagsterInstance.local_temp(overrides={"telemetry": {"enabled": False}}) as instance:
            with TreeMemory() as memory:
                started = time.perf_counter()
                result = run_pipeline(raw, Path(tmp) / "warehouse", instance, workers=workers)
                seconds = time.perf_counter() - started
            assert result.success
            steps = {
                s.step_key: round((s.end_time or 0) - (s.start_time or 0), 1)
                for s in instance.get_run_step_stats(result.run_id)
            }
            step_of_pid = {
                e.dagster_event.pid: e.step_key
                for e in instance.all_logs(result.run_id)
                if e.dagster_event and e.step_key
            }
    step_of_pid[os.getpid()] = "run"
    words = sum(len(decode_article_bytes(f.read_bytes()).text.split()) for f in files)
    return {
        "seconds": seconds,
        "words": words,
        "articles": len(files),
        "steps": steps,
        "tree_rss_mb": memory.peak_mb,
        "tree_peak_by_process_mb": {
            step_of_pid.get(pid, f"other pid {pid}"): round(mb) for pid, mb in memory.peak_by_pid.items()
        },
    }


class TreeMemory:
    """Samples the summed proportional set size (PSS) of this process and all its descendants (step
    processes, fork server): pages the forked processes share (the spaCy model) count once in all."""

    def __init__(self) -> None:
        self.peak_mb = 0.0
        #: PSS (MB) of each process at the peak, by pid: which step, or the fork server, made it.
        self.peak_by_pid: dict[int, float] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._done.wait(0.2):
            by_pid = {}
            for process in [me, *me.children(recursive=True)]:
                try:
                    by_pid[process.pid] = process.memory_full_info().pss / 2**20
                except psutil.Error:
                    continue
            if sum(by_pid.values()) > self.peak_mb:
                self.peak_mb, self.peak_by_pid = sum(by_pid.values()), by_pid

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()


def profile(corpus: Path, files: list[Path], top: int) -> None:
    """One in-process run under cProfile: where the time goes."""
    profiler = cProfile.Profile()
    profiler.enable()
    result = whole_pipeline(corpus, files)
    profiler.disable()
    print(
        f"{len(files)} articles in {result['seconds']:.1f} s (under the profiler); steps: {result['steps']}"
    )
    for order in ("tottime", "cumulative"):
        print(f"\n--- top {top} functions by {order} ---")
        pstats.Stats(profiler).strip_dirs().sort_stats(order).print_stats(top)


def run_phase(phase: str, corpus: Path, limit: int | None, workers: int) -> dict:
    command = [sys.executable, __file__, "--phase", phase, "--corpus", str(corpus), "--workers", str(workers)]
    if limit:
        command += ["--limit", str(limit)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--profile", type=int, metavar="N")
    parser.add_argument("--phase", choices=["spacy", "pipeline", "pipeline-workers"])
    args = parser.parse_args()
    files = corpus_files(args.corpus, args.limit)
    if args.profile:
        profile(args.corpus, files, args.profile)
        return
    if args.phase:
        if args.phase == "spacy":
            measured = bare_spacy(files)
        else:
            measured = whole_pipeline(
                args.corpus, files, args.workers if args.phase == "pipeline-workers" else 1
            )
        print(json.dumps({**measured, "peak_rss_mb": peak_rss_mb()}))
        return

    print(f"corpus: {args.corpus} ({len(files)} articles)")
    phases = ("spacy", "pipeline", "pipeline-workers")
    results = {phase: run_phase(phase, args.corpus, args.limit, args.workers) for phase in phases}
    names = {
        "spacy": "bare spaCy",
        "pipeline": "pipeline, 1 process",
        "pipeline-workers": f"pipeline, {args.workers} workers",
    }
    for phase, r in results.items():
        memory = f"peak RSS {r['peak_rss_mb']:6.0f} MB"
        if "tree_rss_mb" in r:
            memory += f", process tree {r['tree_rss_mb']:6.0f} MB (PSS: {r['tree_peak_by_process_mb']})"
        print(
            f"{names[phase]:>22}: {r['seconds']:7.1f} s  {r['articles'] / r['seconds']:6.1f} articles/s  "
            f"{r['words'] / r['seconds']:7.0f} words/s  {memory}"
        )
    for phase in phases[1:]:
        print(f"steps, {names[phase]}:")
        for step, seconds in results[phase]["steps"].items():
            print(f"    {step}: {seconds:.1f} s")
    rate = {phase: r["words"] / r["seconds"] for phase, r in results.items()}
    print(
        f"pipeline, 1 process = {rate['pipeline'] / rate['spacy']:.2f} x bare spaCy (same model, one process)"
    )
    print(
        f"pipeline, {args.workers} workers = {rate['pipeline-workers'] / rate['pipeline']:.2f} x the one-process "
        f"pipeline = {rate['pipeline-workers'] / rate['spacy']:.2f} x bare spaCy"
    )


if __name__ == "__main__":
    main()
