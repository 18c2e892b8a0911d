#!/usr/bin/env python3
"""Extract documents with sgx on Ray Data and write one flat row per document to Parquet.

    python examples/ray_extract.py --out OUT_DIR FILE_OR_FOLDER...

Each input file becomes one row (``sgx.rows.COLUMNS``: id, path, partnership, kind, period
years, fact counts, the model as JSON, and ``error``); a document sgx cannot read gives a
row with its error text and no model, never a failed job. Runs a local Ray cluster on
loopback (no dashboard, no usage stats); on a real cluster, install the sgx wheel on every
node and pass ``address=`` to ``ray.init``.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any, Dict, List, Sequence

# Before Ray is imported: no usage stats; and a single-machine cluster whose node address is
# the loopback one (Ray's default off Linux), so its servers listen on 127.0.0.1 only.
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")

import ray  # noqa: E402

import sgx  # noqa: E402
import sgx.rows  # noqa: E402


def to_row(row: Dict[str, Any]) -> Dict[str, Any]:
    """Ray's row (``bytes``, ``path``) -> sgx's flat row: ``sgx.extract(row["bytes"],
    name=row["path"])`` summarised, with failures in ``error``."""
    return sgx.rows.document_row(row["bytes"], row["path"])


def start(num_cpus: int = 2) -> float:
    """Start a local Ray cluster bound to loopback; return the seconds it took."""
    t0 = time.perf_counter()
    ray.init(
        address="local",
        num_cpus=num_cpus,
        include_dashboard=False,
        log_to_driver=False,
    )
    ray.data.DataContext.get_current().enable_progress_bars = False
    return time.perf_counter() - t0


def stop() -> None:
    """Stop the local cluster (every Ray process this started)."""
    ray.shutdown()


def extract(paths: Sequence[str], out: str) -> None:
    """Read ``paths`` (files, or folders read recursively), extract each, write Parquet to ``out``."""
    ray.data.read_binary_files(list(paths), include_paths=True).map(to_row).write_parquet(
        out, schema=sgx.rows.arrow_schema()
    )


def main(argv: List[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder for the Parquet files")
    parser.add_argument("--num-cpus", type=int, default=2)
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    startup = start(args.num_cpus)
    try:
        t0 = time.perf_counter()
        extract([os.path.abspath(p) for p in args.paths], args.out)
        print(f"ray: started in {startup:.1f} s, extracted and wrote {args.out} in {time.perf_counter() - t0:.1f} s")
    finally:
        stop()


if __name__ == "__main__":
    main()
