"""One exception family, so the CLI can turn any user error into one clear line.

The library raises; only the CLI prints and exits.
"""

from __future__ import annotations

__all__ = ["ExportError", "ExtractionError", "IngestError", "KGError", "QueryError"]


class KGError(Exception):
    """Base of every error ``kg`` raises on purpose."""


class IngestError(KGError):
    """A document could not be read; the message names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ExtractionError(KGError):
    """The NLP or relation stage failed on a document."""


class ExportError(KGError):
    """An exporter could not write its output."""


class QueryError(KGError):
    """A SPARQL query is malformed or its graph cannot be loaded."""
