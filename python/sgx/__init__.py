"""Structured facts from England's safeguarding children partnership plans and reports.

``extract`` gives one document's model (the JSON ``sgx extract`` prints, as a dict),
``extract_many`` many documents in parallel and in order, with each failure as a value, and
``load`` the tables of an ``sgx batch`` output as DataFrames. The model's fields are
described by its JSON Schema (``sgx schema`` on the command line, schema/sgx.schema.json).
"""

from __future__ import annotations

import collections
import json
import os
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Dict, Iterable, Iterator, Optional, Union

from . import _sgx
from ._sgx import LIST_SEPARATOR, SCHEMA_VERSION, ExtractError, __version__

__all__ = [
    "ExtractError",
    "LIST_SEPARATOR",
    "SCHEMA_VERSION",
    "__version__",
    "extract",
    "extract_many",
    "load",
]

PathLike = Union[str, "os.PathLike[str]"]

# Where a document given as bytes without a name says it came from (`source.path`).
BYTES_NAME = "<bytes>"


def extract(path_or_bytes: Union[PathLike, bytes, bytearray, memoryview], name: Optional[str] = None) -> Dict[str, Any]:
    """The model of one document: exactly what ``sgx extract FILE`` prints, as a dict.

    ``path_or_bytes`` is a path (``str`` or ``os.PathLike``) or the document's content
    (``bytes``, ``bytearray``, ``memoryview``). For content, ``name`` is recorded as
    ``source.path`` (default ``"<bytes>"``) and its extension, if any, helps tell the
    format; give the file's path as ``name`` and the model equals the path's. A path takes no
    ``name``.

    Runs in this process with the GIL released (threads extract in parallel); unlike the
    CLI, without a time or memory limit per document.

    Raises ``ExtractError`` (``str(e)`` is the CLI's line without its ``sgx: `` prefix:
    ``"FILE: reason"``) when the document cannot be read, and ``TypeError`` for another type.
    """
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return json.loads(_sgx.extract_bytes(bytes(path_or_bytes), name if name is not None else BYTES_NAME))
    if isinstance(path_or_bytes, (str, os.PathLike)):
        if name is not None:
            raise TypeError("name is for a document given as bytes; a path is its own name")
        return json.loads(_sgx.extract_path(os.fspath(path_or_bytes)))
    raise TypeError(f"expected a path or bytes, not {type(path_or_bytes).__name__}")


def _extract_or_error(item: Union[PathLike, bytes]) -> Union[Dict[str, Any], ExtractError]:
    try:
        return extract(item)
    except ExtractError as e:
        return e


def extract_many(
    paths: Iterable[Union[PathLike, bytes]], jobs: Optional[int] = None
) -> Iterator[Union[Dict[str, Any], ExtractError]]:
    """Extract every document of ``paths``, ``jobs`` at a time (default: the CPU count),
    yielding results in the order of ``paths``.

    A document that fails is yielded as its ``ExtractError`` (never raised), so one bad file
    never ends the iteration. At most ``2 * jobs`` documents are in flight: ``paths`` may be a
    long generator. Leaving the loop early cancels what has not started.
    """
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    jobs = jobs or os.cpu_count() or 1
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="sgx")
    pending: "collections.deque" = collections.deque()
    try:
        for item in paths:
            pending.append(pool.submit(_extract_or_error, item))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def tables() -> Dict[str, Dict[str, str]]:
    """The export tables and their columns' types ("text", "int", "float", "bool", "list"), as
    ``sgx batch`` writes them."""
    return {name: {col: ty for col, ty, _nullable in cols} for name, cols in _sgx.tables()}


def _rows(db: sqlite3.Connection, table: str, columns: Dict[str, str]) -> Dict[str, list]:
    """The table's columns as lists, typed: SQLite keeps lists as JSON arrays, booleans as 0/1."""
    names = list(columns)
    quoted = ", ".join(f'"{c}"' for c in names)
    data: Dict[str, list] = {c: [] for c in names}
    for row in db.execute(f'SELECT {quoted} FROM "{table}"'):
        for c, v in zip(names, row):
            ty = columns[c]
            if ty == "list":
                v = json.loads(v) if v is not None else []
            elif ty == "bool" and v is not None:
                v = bool(v)
            data[c].append(v)
    return data


def load(batch_dir: PathLike, engine: Optional[str] = None) -> Dict[str, Any]:
    """The tables of an ``sgx batch`` output folder as DataFrames, by table name
    (``documents``, ``priorities``, ``actions``, ``governance``, ``glossary``, ``themes``,
    ``areas``...), read from its ``sgx.sqlite`` export.

    ``engine`` is ``"pandas"`` or ``"polars"``; by default pandas where installed, else
    polars. Columns are typed as the exports declare them: integers (pandas ``Int64``, null
    where absent), booleans, text, and lists as Python lists (not joined strings).
    """
    engine = engine or _default_engine()
    path = os.path.join(os.fspath(batch_dir), "sgx.sqlite")
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{path}: no such file (is {os.fspath(batch_dir)} an `sgx batch --out` folder with the sqlite export?)")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        out: Dict[str, Any] = {}
        for table, columns in tables().items():
            out[table] = _frame(engine, _rows(db, table, columns), columns)
        return out
    finally:
        db.close()


def _default_engine() -> str:
    for engine in ("pandas", "polars"):
        try:
            __import__(engine)
            return engine
        except ImportError:
            pass
    raise ImportError("sgx.load needs pandas or polars: pip install pandas")


def _frame(engine: str, data: Dict[str, list], columns: Dict[str, str]) -> Any:
    if engine == "pandas":
        import pandas as pd

        dtypes = {"int": "Int64", "float": "Float64", "bool": "boolean", "text": "object", "list": "object"}
        return pd.DataFrame({c: pd.Series(v, dtype=dtypes[columns[c]]) for c, v in data.items()})
    if engine == "polars":
        import polars as pl

        types = {"int": pl.Int64, "float": pl.Float64, "bool": pl.Boolean, "text": pl.Utf8, "list": pl.List(pl.Utf8)}
        return pl.DataFrame(data, schema={c: types[ty] for c, ty in columns.items()})
    raise ValueError(f"engine must be 'pandas' or 'polars', not {engine!r}")
