#!/usr/bin/env python3
"""sgx on Spark (local mode), two ways, over the same files:

(a) with the sgx wheel on the workers: the ``binaryFile`` source and ``mapInPandas`` calling
    ``sgx.extract`` on each file's content with its path as name (``sgx.rows.document_row``),
    written to Parquet;
(b) without it, only the ``sgx`` binary on the workers: ``RDD.pipe`` feeding each partition's
    paths to ``sgx batch --out FOLDER -``, each partition writing its own folder (created by
    ``mktemp -d``) and printing ``sgx batch``'s summary, which the driver collects.

    python examples/spark_extract.py --out DIR --sgx target/release/sgx FILE...

Run by scripts/spark-example, which installs pyspark and a JRE. Binds to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import time
from pathlib import Path
from typing import Iterator, List
from urllib.parse import unquote, urlparse

import pandas as pd
from pyspark.sql import SparkSession

import sgx.rows

INT_COLUMNS = {name: "Int64" for name, ty in sgx.rows.COLUMNS.items() if ty == "bigint"}

# Each partition: its own output folder under $1, `sgx batch -` on the paths from stdin, its
# summary and exit code on stdout; exit 0 (all read) and 3 (some documents failed) are fine.
PIPE_SCRIPT = (
    'd=$(mktemp -d "$1/part-XXXXXX") || exit 1; echo "folder: $d"; '
    '"$2" batch --jobs 1 --out "$d" -; rc=$?; echo "exit: $rc"; [ "$rc" = 0 ] || [ "$rc" = 3 ]'
)


def extract_batches(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    """``mapInPandas``: binaryFile rows (path URI, content) -> sgx's flat rows."""
    for batch in batches:
        rows = [
            sgx.rows.document_row(bytes(content), unquote(urlparse(uri).path))
            for uri, content in zip(batch["path"], batch["content"])
        ]
        yield pd.DataFrame(rows, columns=list(sgx.rows.COLUMNS)).astype(INT_COLUMNS)


def with_wheel(spark: SparkSession, paths: List[str], out: str) -> str:
    """(a) binaryFile + mapInPandas -> Parquet at ``out``; returns documents and failures."""
    files = spark.read.format("binaryFile").load(paths)
    files.mapInPandas(extract_batches, schema=sgx.rows.SPARK_SCHEMA).write.mode("overwrite").parquet(out)
    table = spark.read.parquet(out)
    failed = table.filter("error IS NOT NULL").count()
    return f"(a) binaryFile + mapInPandas: {table.count()} documents, {failed} failures -> {out}"


def without_wheel(spark: SparkSession, paths: List[str], sgx_bin: str, out: str) -> str:
    """(b) RDD.pipe through ``sgx batch -``; prints the partitions' summaries, returns the totals."""
    os.makedirs(out, exist_ok=True)
    command = shlex.join(["sh", "-c", PIPE_SCRIPT, "sh", os.path.abspath(out), os.path.abspath(sgx_bin)])
    rdd = spark.sparkContext.parallelize(paths, numSlices=min(2, len(paths)))
    lines = rdd.pipe(command, checkCode=True).collect()
    folders = [line.split(": ", 1)[1] for line in lines if line.startswith("folder: ")]
    summaries = [json.loads(Path(folder, "summary.json").read_text()) for folder in folders]
    for line in lines:
        print("    " + line)
    documents = sum(s["documents"] for s in summaries)
    failed = sum(s["failed"] for s in summaries)
    return f"(b) RDD.pipe(sgx batch -): {len(folders)} partitions, {documents} documents, {failed} failures -> {out}/part-*"


def main(argv: List[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="sgx on Spark in local mode: mapInPandas and RDD.pipe")
    parser.add_argument("--out", required=True)
    parser.add_argument("--sgx", default="target/release/sgx", help="the sgx binary for RDD.pipe")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args(argv)
    paths = [os.path.abspath(p) for p in args.paths]
    t0 = time.perf_counter()
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("sgx")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        t1 = time.perf_counter()
        print(f"spark {spark.version} local[2]: started in {t1 - t0:.1f} s; {len(paths)} input files")
        done = with_wheel(spark, paths, os.path.join(args.out, "parquet"))
        t2 = time.perf_counter()
        print(f"{done}, {t2 - t1:.1f} s")
        done = without_wheel(spark, paths, args.sgx, os.path.join(args.out, "pipe"))
        print(f"{done}, {time.perf_counter() - t2:.1f} s")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
