"""The one door to the search engines. Every contact with Whoosh's internals and with SQLite
FTS5 is in this package: the schema and opening an index (schema.py), the build's writers
(writer.py), reading columns, postings, lengths and a field's terms as arrays (raw.py), the
exact-match bigram table (exact.py), and the check that refuses a Whoosh whose layout these were
not checked against (check.py). The rest of the archive uses Whoosh's public API only.
"""

from .check import SUPPORTED, EngineError, check_engine

__all__ = ["SUPPORTED", "EngineError", "check_engine"]
