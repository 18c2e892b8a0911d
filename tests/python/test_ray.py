"""examples/ray_extract.py on a local Ray cluster: every corpus file plus a corrupt one gives
one Parquet row; each row's model equals ``sgx.extract`` of the same file, its id and counts
agree with the model and with ``sgx batch``; the corrupt file's row has the error and no
model. Runs the example as a script (as a user does), so nothing of Ray stays in pytest."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pyarrow.parquet as pq
import pytest
import ray  # noqa: F401  (installed by scripts/test-python: a missing Ray fails, never skips)

import sgx
import sgx.rows

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("SGX_BIN", str(ROOT / "target" / "release" / "sgx"))
CORPUS = sorted(p for p in (ROOT / "corpus").iterdir() if p.is_file())
BROKEN = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage with no xref\n"


@pytest.fixture(scope="module")
def job(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    """Run the example once over the corpus and a corrupt PDF; its rows by path."""
    tmp = tmp_path_factory.mktemp("ray")
    broken = tmp / "broken.pdf"
    broken.write_bytes(BROKEN)
    inputs = [str(p) for p in CORPUS] + [str(broken)]
    out = tmp / "out"
    run = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "ray_extract.py"), "--out", str(out), *inputs],
        capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    table = pq.read_table(out)
    rows: List[Dict[str, Any]] = table.to_pylist()
    return {"inputs": inputs, "broken": str(broken), "table": table, "rows": rows, "stdout": run.stdout}


def test_one_row_per_input_with_the_documented_types(job: Dict[str, Any]) -> None:
    assert len(job["rows"]) == len(job["inputs"]) == len(CORPUS) + 1
    assert sorted(r["path"] for r in job["rows"]) == sorted(job["inputs"])
    assert job["table"].schema.remove_metadata() == sgx.rows.arrow_schema()
    assert "ray: started in" in job["stdout"]


def test_each_model_equals_sgx_extract(job: Dict[str, Any]) -> None:
    good = [r for r in job["rows"] if r["path"] != job["broken"]]
    assert len(good) == len(CORPUS)
    for row in good:
        assert row["error"] is None, row["error"]
        model = json.loads(row["model"])
        assert model == sgx.extract(row["path"])
        assert row["document_id"] == sgx.rows.document_id(Path(row["path"]).read_bytes())
        assert row["kind"] == model["document"]["kind"] and row["format"] == model["source"]["format"]
        assert row["genre_score"] == model["document"]["genre"]["score"]
        assert row["priorities"] == len(model["priorities"]) and row["actions"] == len(model["actions"])
        assert row["governance_bodies"] == len(model["governance"]["bodies"])
        period = model["document"]["period"] or {}
        assert (row["start_year"], row["end_year"]) == (period.get("start_year"), period.get("end_year"))


def test_the_corrupt_file_has_its_error_and_no_model(job: Dict[str, Any]) -> None:
    (row,) = [r for r in job["rows"] if r["path"] == job["broken"]]
    with pytest.raises(sgx.ExtractError) as e:
        sgx.extract(BROKEN, name=job["broken"])
    assert row["error"] == str(e.value) and row["error"].startswith(job["broken"] + ": ")
    assert row["model"] is None and row["kind"] is None and row["priorities"] is None
    assert row["document_id"] == sgx.rows.document_id(BROKEN)


def test_ids_are_sgx_batch_ids(job: Dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "batch"
    run = subprocess.run([CLI, "batch", "--quiet", "--format", "csv", "--out", out, *map(str, CORPUS)], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    with open(out / "documents.csv", newline="", encoding="utf-8") as f:
        batch = {os.path.abspath(r["path"]): r["document_id"] for r in csv.DictReader(f)}
    ours = {r["path"]: r["document_id"] for r in job["rows"] if r["path"] != job["broken"]}
    # sgx batch keeps one row per content (format twins with the same bytes are duplicates).
    assert batch and all(ours[path] == doc_id for path, doc_id in batch.items())


def test_document_row_never_raises(tmp_path: Path) -> None:
    row = sgx.rows.document_row(b"", "empty.pdf")
    assert set(row) == set(sgx.rows.COLUMNS) and row["error"] and row["model"] is None
    good = sgx.rows.document_row(CORPUS[0].read_bytes(), str(CORPUS[0]))
    assert good["error"] is None and json.loads(good["model"]) == sgx.extract(CORPUS[0])
