"""The lookups that go through Whoosh's searcher (a document's paragraphs in order, the
paragraphs around one, a field's terms): everything else finds paragraphs through the exact
table and the columns, and reads them by docnum or id."""

from __future__ import annotations

from typing import Any

from whoosh import query as wq


def document_fields(searcher: Any, doc_id: str) -> list[dict[str, Any]]:
    """Stored fields of every paragraph of a document, in paragraph order."""
    r = searcher.search(wq.Term("doc_id", doc_id), limit=None, sortedby="n")
    return [h.fields() for h in r]


def document_docnums(searcher: Any, doc_id: str) -> list[int]:
    """Docnums of a document's live paragraphs (one term's postings: no range over ``n``,
    whose matcher walked every paragraph numbered in the range, in every document)."""
    return sorted(searcher.docs_for_query(wq.Term("doc_id", doc_id)))


def stored_fields(searcher: Any, docnums: list[int]) -> list[dict[str, Any]]:
    """Stored fields of these docnums, in the order given."""
    return [searcher.stored_fields(d) for d in docnums]


def terms_by_length(searcher: Any, field: str) -> dict[int, list[tuple[str, int]]]:
    """Every term indexed in a field with the number of paragraphs it occurs in, grouped by the
    term's length in characters (near-spelling lookups compare words of about one length)."""
    out: dict[int, list[tuple[str, int]]] = {}
    for term, info in searcher.reader().iter_field(field):
        word = term.decode("utf-8") if isinstance(term, bytes) else term
        out.setdefault(len(word), []).append((word, info.doc_frequency()))
    return out


def stored_values(searcher: Any, docnums: list[int], name: str) -> list[Any]:
    """One stored field of these docnums, in the order given (the concordance reads only the
    texts of the paragraphs it scans)."""
    return [searcher.stored_fields(d).get(name) for d in docnums]
