#!/usr/bin/env python3
"""Throughput of sgx through Ray Data (examples/ray_extract.py, local cluster) against
``sgx batch --jobs N`` over the same files, in the same run, alternating, on N cores.

    python examples/bench_scaleout.py [--rounds 3] [--num-cpus 2] FILE...

Ray's start-up (``ray.init``) and its first run (worker processes starting, importing sgx)
are reported apart from its steady state (the median of the later runs). Run by
scripts/bench-scaleout.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from typing import Callable, List

import ray_extract  # examples/ray_extract.py: sets Ray's environment before importing it


def timed(fn: Callable[[], None]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main(argv: List[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--num-cpus", type=int, default=2)
    parser.add_argument("--sgx", default="target/release/sgx")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    paths = [os.path.abspath(p) for p in args.paths]
    n = len(paths)
    tmp = tempfile.mkdtemp(prefix="sgx-bench-")

    def batch(i: int) -> None:
        cmd = [args.sgx, "batch", "--quiet", "--force", "--jobs", str(args.num_cpus), "--out", f"{tmp}/batch-{i}", *paths]
        subprocess.run(cmd, check=True)

    startup = ray_extract.start(args.num_cpus)
    try:
        ray_runs, batch_runs = [], []
        for i in range(args.rounds + 1):  # round 0: Ray's first run (cold workers)
            batch_runs.append(timed(lambda: batch(i)))
            ray_runs.append(timed(lambda: ray_extract.extract(paths, f"{tmp}/ray-{i}")))
    finally:
        ray_extract.stop()
    subprocess.run(["rm", "-rf", tmp], check=True)
    b = statistics.median(batch_runs)
    r = statistics.median(ray_runs[1:])
    print(f"{n} documents, {args.num_cpus} CPUs, {args.rounds} rounds (median), load average {os.getloadavg()[0]:.1f}")
    print(f"sgx batch --jobs {args.num_cpus}: {b:.2f} s = {n / b:.1f} documents/s  (runs: {', '.join(f'{x:.2f}' for x in batch_runs)})")
    print(f"ray start-up (ray.init): {startup:.2f} s; first run (cold workers): {ray_runs[0]:.2f} s")
    print(f"ray steady state: {r:.2f} s = {n / r:.1f} documents/s  (runs: {', '.join(f'{x:.2f}' for x in ray_runs[1:])})")
    print(f"ratio ray / sgx batch (steady state, documents/s): {b / r:.2f}")
    print(f"ray including start-up and first run: {n / (startup + ray_runs[0]):.1f} documents/s")


if __name__ == "__main__":
    main()
