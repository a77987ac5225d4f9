"""Per-document extraction files on disk: the build's spool and its incremental cache.

Why: extraction is the slow stage and depends only on a document's bytes, its
name and the pipeline's code and lexicons. Writing each extraction to its own
file as soon as it is made keeps a large build's memory flat (nothing piles up
while documents are extracted), lets worker processes hand results over
through the disk, and, when the folder is kept (``.kg-cache/``), lets the next
build skip every document that did not change.

A key is the sha256 of the pipeline version, the document's id, its file
name and its bytes; the pipeline version hashes the ``kg`` package's source files, the
lexicon files and the versions of the libraries that shape extraction, so a
change to any of them invalidates every entry. Entries are pickles written by
this program into a private folder (like ``__pycache__``): do not point the
cache at files from an untrusted source.

An entry holds the extraction as rows of plain values, not pickled records:
relations that cite one sentence share one evidence row, and the reader
fills each record's attributes directly. At 10 MB that is 6 MB of entries
instead of 14 MB, and reading them back (the build's ``load`` stage) takes
a quarter less time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import fields
from functools import lru_cache
from importlib import metadata
from operator import attrgetter
from pathlib import Path
from typing import Any, BinaryIO

from kg.export.atomic import atomic_open
from kg.model import Evidence, Extraction, Mention, Relation, records_from_rows

__all__ = ["CACHE_FORMAT", "DEFAULT_CACHE_DIR", "ExtractionStore", "document_key", "pipeline_version"]

#: Bump when the layout of an entry changes without a source change that would show it.
CACHE_FORMAT = 3

#: Where ``kg build`` keeps extractions between builds (relative to the working folder).
DEFAULT_CACHE_DIR = Path(".kg-cache")

_PACKAGE_DIR = Path(__file__).resolve().parent
_LIBRARIES = ("rjieba",)  # the segmenter; a build makes no spaCy Doc (kg.nlp.mentions)
#: Source files that only run after extraction (resolution, export, tooling): editing them keeps the cache.
#: Anything not listed counts, so a new module is covered until someone lists it here.
_AFTER_EXTRACTION = frozenset({"resolve.py", "graph.py", "query.py", "cli.py", "bench.py", "corpus.py",
                               "evaluate.py", "vocab.py", "__main__.py", "parallel.py", "distributed.py", "pipeline.py"})
_AFTER_EXTRACTION_DIRS = frozenset({"export"})


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """A hash of everything besides the document that decides an extraction.

    That is the ``kg`` source files that extraction runs (all but the ones
    in ``_AFTER_EXTRACTION``), the lexicon TSVs and the installed versions
    of the segmenter and spaCy.
    """
    from kg.lexicons import LEXICON_DIR

    h = hashlib.sha256(f"kg-cache-format {CACHE_FORMAT}\n".encode())
    sources = [p for p in sorted(_PACKAGE_DIR.rglob("*.py"))
               if not (p.parent == _PACKAGE_DIR and p.name in _AFTER_EXTRACTION)
               and not set(p.relative_to(_PACKAGE_DIR).parts[:-1]) & _AFTER_EXTRACTION_DIRS]
    for path in sources + sorted(LEXICON_DIR.glob("*.tsv")):
        h.update(str(path.relative_to(path.parent.parent)).encode() + b"\0" + path.read_bytes() + b"\0")
    for name in _LIBRARIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        h.update(f"{name}=={version}\n".encode())
    return h.hexdigest()[:32]


def document_key(doc_id: str, name: str, data: bytes, version: str | None = None) -> str:
    """The cache key of one document: its id, its file name and its bytes.

    The id is in the records an extraction holds; the name's suffix decides
    how the bytes are read (HTML or text). The folder is left out so a
    corpus found by another path (``./seeds``, an absolute path, a moved
    folder) still hits the cache; the caller puts the current path into
    ``Extraction.source`` when it loads an entry.
    """
    h = hashlib.sha256((version or pipeline_version()).encode() + b"\0")
    h.update(doc_id.encode("utf-8", "surrogatepass") + b"\0")
    h.update(os.fsencode(os.path.basename(name)) + b"\0")
    h.update(data)
    return h.hexdigest()


class ExtractionStore:
    """A folder of extraction files, one per key (``<root>/<key[:2]>/<key>.pkl``).

    Writes are atomic (temporary file, then rename), so a build that is
    killed leaves no half-written entry; an unreadable entry reads as missing.
    """

    def __init__(self, root: str | os.PathLike[str], scratch: bool = False) -> None:
        self.root = Path(root)
        self._root = os.fspath(root)
        #: A build's temporary spool, removed when the build ends: entries are written in place (no
        #: temporary file and rename per entry), since no other build reads them and a torn one reads as missing.
        self.scratch = scratch

    def path(self, key: str) -> Path:
        """Where the entry for ``key`` lives."""
        return self.root / key[:2] / f"{key}.pkl"

    def _file(self, key: str) -> str:
        """``path(key)`` as a string, made without pathlib (a store reads and writes hundreds per second)."""
        return os.path.join(self._root, key[:2], key + ".pkl")

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and os.path.isfile(self._file(key))

    def get(self, key: str) -> Extraction | None:
        """The stored extraction, or None when it is missing or unreadable."""
        try:
            with open(self._file(key), "rb") as fh:
                return _unpack(pickle.load(fh))
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError,
                IndexError, KeyError):
            return None

    def put(self, key: str, extraction: Extraction) -> None:
        """Store ``extraction`` under ``key``."""
        file = self._file(key)
        with atomic_open(file, "wb", durable=False) if not self.scratch else _open_in_place(file) as fh:
            pickle.dump(_pack(extraction), fh, protocol=pickle.HIGHEST_PROTOCOL)


def _open_in_place(file: str) -> BinaryIO:
    """``file`` opened for writing, its folder made on first use."""
    try:
        return open(file, "wb")
    except FileNotFoundError:
        os.makedirs(os.path.dirname(file), exist_ok=True)
        return open(file, "wb")


# --- the layout of an entry -------------------------------------------------------------------------

_TAG = "kg-extraction"
_MENTION_FIELDS = tuple(f.name for f in fields(Mention))
#: A relation's row holds its fields but its evidence, which goes by number in a column of its own.
_RELATION_FIELDS = tuple(f.name for f in fields(Relation) if f.name != "evidence")
_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))
_MENTION_ROW = attrgetter(*_MENTION_FIELDS)
_RELATION_ROW = attrgetter(*_RELATION_FIELDS)
_EVIDENCE_ROW = attrgetter(*_EVIDENCE_FIELDS)
_EVIDENCE = attrgetter("evidence")


def _pack(extraction: Extraction) -> tuple[Any, ...]:
    """The entry of an extraction: a tag, the format, its records as rows, and each relation's evidence by number."""
    numbers: dict[tuple[Any, ...], int] = {}  # an evidence row -> its number (equal rows share one)
    relations = extraction.relations
    evidence_of = [numbers.setdefault(row, len(numbers)) for row in map(_EVIDENCE_ROW, map(_EVIDENCE, relations))]
    return (_TAG, CACHE_FORMAT, extraction.doc_id, extraction.source, list(map(_MENTION_ROW, extraction.mentions)),
            list(numbers), list(map(_RELATION_ROW, relations)), evidence_of, extraction.delegations,
            extraction.warnings)


def _records(cls: type, names: tuple[str, ...], rows: list[tuple[Any, ...]]) -> list[Any]:
    """Records from an entry's rows (:func:`kg.model.records_from_rows`), once every row has all the fields."""
    if not set(map(len, rows)) <= {len(names)}:
        raise ValueError(f"a {cls.__name__} row does not have {len(names)} fields")
    return records_from_rows(cls, names, rows)


def _unpack(entry: Any) -> Extraction | None:
    """The extraction in an entry; None when the entry is of another format."""
    if not (isinstance(entry, tuple) and entry[:2] == (_TAG, CACHE_FORMAT)):
        return None
    _, _, doc_id, source, mentions, evidence, relations, evidence_of, delegations, warnings = entry
    if len(evidence_of) != len(relations):
        raise ValueError("an entry does not give the evidence of every relation")
    evidence = _records(Evidence, _EVIDENCE_FIELDS, evidence)
    rebuilt = _records(Relation, _RELATION_FIELDS, relations)
    for relation, number in zip(rebuilt, evidence_of):
        relation.__dict__["evidence"] = evidence[number]
    return Extraction(doc_id, source, _records(Mention, _MENTION_FIELDS, mentions), rebuilt, delegations, warnings)
