"""The Python package against the CLI: every corpus document's dict equals `sgx extract`'s
JSON, bytes and paths agree, errors carry the CLI's line, extract_many keeps order and
survives bad files, load types the exported tables. Run by scripts/test-python."""

import json
import os
import subprocess
from pathlib import Path

import pytest

import sgx

ROOT = Path(__file__).resolve().parents[2]
CLI = os.environ.get("SGX_BIN", str(ROOT / "target" / "release" / "sgx"))
CORPUS = sorted(p for p in (ROOT / "corpus").iterdir() if p.is_file())
FIXTURES = sorted(p for p in (ROOT / "fixtures" / "genre").iterdir() if p.is_file())


def cli(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def corrupt(tmp_path_factory):
    path = tmp_path_factory.mktemp("bad") / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage with no xref\n")
    return path


def test_the_corpus_is_here():
    assert len(CORPUS) >= 20 and all(p.suffix in {".txt", ".md", ".html", ".pdf", ".docx"} for p in CORPUS)


@pytest.mark.parametrize("path", CORPUS + FIXTURES, ids=lambda p: p.name)
def test_the_dict_equals_the_cli_json(path):
    out = cli("extract", path)
    assert out.returncode == 0, out.stderr
    assert sgx.extract(str(path)) == json.loads(out.stdout)


@pytest.mark.parametrize("path", [p for p in CORPUS if p.suffix in {".pdf", ".docx", ".html", ".md"}], ids=lambda p: p.name)
def test_bytes_and_paths_agree(path):
    by_path = sgx.extract(path)  # a pathlib.Path
    by_bytes = sgx.extract(path.read_bytes(), name=str(path))
    assert by_bytes == by_path
    unnamed = sgx.extract(bytearray(path.read_bytes()))
    assert unnamed["source"]["path"] == "<bytes>"
    assert unnamed["priorities"] == by_path["priorities"]


def test_a_corrupt_file_raises_the_cli_reason(corrupt):
    out = cli("extract", corrupt)
    assert out.returncode != 0 and out.stdout == ""
    with pytest.raises(sgx.ExtractError) as e:
        sgx.extract(str(corrupt))
    assert "sgx: " + str(e.value) == out.stderr.strip()
    assert str(e.value).startswith(str(corrupt) + ": ")


def test_a_missing_file_raises_naming_it(tmp_path):
    missing = tmp_path / "nope.pdf"
    with pytest.raises(sgx.ExtractError, match="nope.pdf: .*no such file"):
        sgx.extract(missing)


def test_wrong_arguments_are_type_errors(tmp_path):
    with pytest.raises(TypeError):
        sgx.extract(42)
    with pytest.raises(TypeError):
        sgx.extract(str(CORPUS[0]), name="other.txt")


def test_extract_many_keeps_order_and_survives_bad_files(corrupt, tmp_path):
    missing = tmp_path / "missing.txt"
    items = [CORPUS[0], corrupt, CORPUS[1], missing, CORPUS[2]] * 3
    results = list(sgx.extract_many(items, jobs=2))
    assert len(results) == len(items)
    for item, result in zip(items, results):
        if item in (corrupt, missing):
            assert isinstance(result, sgx.ExtractError) and str(item) in str(result)
        else:
            assert result["source"]["path"] == str(item)
    # A generator of paths, consumed lazily, and the default number of jobs.
    assert [r["source"]["path"] for r in sgx.extract_many(str(p) for p in CORPUS[:4])] == [str(p) for p in CORPUS[:4]]
    with pytest.raises(ValueError):
        list(sgx.extract_many(CORPUS[:1], jobs=0))


def test_load_types_the_batch_tables(tmp_path):
    pd = pytest.importorskip("pandas")
    out = tmp_path / "out"
    run = cli("batch", "--quiet", "--out", out, *CORPUS)
    assert run.returncode == 0, run.stderr
    frames = sgx.load(out)
    assert set(frames) == set(sgx.tables())
    docs = frames["documents"]
    assert len(docs) == len(pd.read_csv(out / "documents.csv"))
    assert str(docs["priority_count"].dtype) == "Int64"
    assert str(docs["joint"].dtype) == "boolean"
    actions = frames["actions"]
    leads = actions["leads"].dropna()
    assert len(actions) > 0 and all(isinstance(v, list) for v in leads)
    # Lists round-trip: the CSV's joined cell is the list joined.
    csv = pd.read_csv(out / "actions.csv", keep_default_na=False)
    assert sgx.LIST_SEPARATOR.join(actions["leads"].iloc[0]) == csv["leads"].iloc[0].lstrip("'")


def test_load_names_a_folder_that_is_no_batch(tmp_path):
    with pytest.raises(FileNotFoundError, match="sgx.sqlite"):
        sgx.load(tmp_path)


def test_parquet_export_loads_in_pandas_with_the_documented_types(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "out"
    run = cli("batch", "--quiet", "--format", "csv,parquet", "--out", out, *CORPUS)
    assert run.returncode == 0, run.stderr
    docs = pd.read_parquet(out / "documents.parquet")
    assert len(docs) == len(pd.read_csv(out / "documents.csv"))
    assert str(docs["priority_count"].dtype) == "int64"
    assert str(docs["genre_score"].dtype) == "float64"
    assert str(docs["joint"].dtype) in {"bool", "object"}  # nullable booleans come back as object
    starts = docs["period_start"].dropna()
    assert len(starts) > 0 and all(hasattr(d, "year") for d in starts), "dates are dates"
    actions = pd.read_parquet(out / "actions.parquet")
    tasks = actions["tasks"].iloc[0]
    assert len(actions) > 0 and not isinstance(tasks, str) and all(isinstance(t, str) for t in tasks)
    for table in sgx.tables():
        assert (out / f"{table}.parquet").is_file(), table
