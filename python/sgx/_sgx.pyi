"""The native module of sgx (crates/sgx-py). Use the functions of ``sgx`` instead."""

from typing import List, Tuple

__version__: str
SCHEMA_VERSION: str
LIST_SEPARATOR: str

class ExtractError(Exception):
    """A document sgx could not extract: ``str(e)`` is ``"FILE: reason"``, the line
    ``sgx extract`` prints without its ``sgx: `` prefix."""

def extract_path(path: str) -> str: ...
def extract_bytes(data: bytes, name: str) -> str: ...
def tables() -> List[Tuple[str, List[Tuple[str, str, bool]]]]: ...
