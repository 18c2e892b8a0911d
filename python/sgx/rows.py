"""One document as one flat row, for dataframe engines (Ray Data, Spark, pandas).

``document_row(content, path)`` calls ``sgx.extract(content, name=path)`` and returns the
columns of ``COLUMNS``: the document's id (as ``sgx batch`` computes it, from the content),
its partnership, kind and period, counts of its facts, the whole model as a JSON string, and
``error``: a document sgx cannot read gives a row with the error's text and no model rather
than an exception, so one bad file never fails a cluster job. Used by examples/ in the repo.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Dict, Optional

from . import ExtractError, extract

# Column -> type (Arrow / Spark SQL names); every column but path may be null.
COLUMNS: Dict[str, str] = {
    "document_id": "string",
    "path": "string",
    "format": "string",
    "pages": "bigint",
    "partnership": "string",
    "partnership_key": "string",
    "kind": "string",
    "genre_score": "double",
    "title": "string",
    "start_year": "bigint",
    "end_year": "bigint",
    "priorities": "bigint",
    "actions": "bigint",
    "governance_bodies": "bigint",
    "glossary_entries": "bigint",
    "warnings": "bigint",
    "model": "string",
    "error": "string",
}

# The schema as a Spark SQL DDL string (``mapInPandas(fn, schema=SPARK_SCHEMA)``).
SPARK_SCHEMA = ", ".join(f"{name} {ty}" for name, ty in COLUMNS.items())


def arrow_schema() -> Any:
    """``COLUMNS`` as a ``pyarrow.Schema`` (pyarrow imported here, not by ``sgx``), so every
    Parquet file of a job has the same types even where a column is null throughout."""
    import pyarrow as pa

    types = {"string": pa.string(), "bigint": pa.int64(), "double": pa.float64()}
    return pa.schema([(name, types[ty]) for name, ty in COLUMNS.items()])


def document_id(content: bytes) -> str:
    """The id ``sgx batch`` gives this content: hex of the first 128 bits of its SHA-256."""
    return hashlib.sha256(content).hexdigest()[:32]


def document_row(content: bytes, path: str) -> Dict[str, Any]:
    """The flat row of the document ``content`` read from ``path`` (its ``source.path``).

    Never raises for a document sgx cannot read (``ExtractError``) or an unexpected failure
    of the extractor (any other ``Exception``): the row then has ``error`` and null facts.
    """
    row: Dict[str, Any] = dict.fromkeys(COLUMNS)
    row["document_id"] = document_id(content)
    row["path"] = path
    try:
        model = extract(content, name=path)
    except ExtractError as e:
        row["error"] = str(e)
        return row
    except Exception as e:  # a bug, not a bad document: still one row, still no crash
        row["error"] = f"{path}: {type(e).__name__}: {e}"
        return row
    document = model.get("document") or {}
    period: Optional[Dict[str, Any]] = document.get("period")
    partnership = model.get("partnership") or {}
    row.update(
        format=model["source"].get("format"),
        pages=model["source"].get("pages"),
        partnership=partnership.get("name"),
        partnership_key=partnership.get("key"),
        kind=document.get("kind"),
        genre_score=(document.get("genre") or {}).get("score"),
        title=document.get("title"),
        start_year=period.get("start_year") if period else None,
        end_year=period.get("end_year") if period else None,
        priorities=len(model.get("priorities") or []),
        actions=len(model.get("actions") or []),
        governance_bodies=len((model.get("governance") or {}).get("bodies") or []),
        glossary_entries=len(model.get("glossary") or []),
        warnings=len(model.get("warnings") or []),
        model=json.dumps(model, ensure_ascii=False),
    )
    return row
