"""The graph's vocabulary: a closed namespace of the terms of ``ontology/kg.ttl``, and the IRI scheme.

Why one module: the Turtle exporter, the SHACL shapes and the SPARQL queries
must use the same IRIs. ``KG`` is a closed :class:`rdflib.namespace.DefinedNamespace`
(``_fail = True``), so ``KG.locatedAt`` raises instead of minting a wrong IRI;
``tests/test_ontology.py`` checks it holds exactly the terms the ontology declares.
rdflib is imported only when ``KG``, :func:`entity_iri` or :func:`doc_iri` is
used: the text exporters need the names (:data:`KG_TERMS`), not rdflib.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import URIRef

__all__ = [
    "CLASS_OF",
    "DOC",
    "ID",
    "KG",
    "KG_NS",
    "KG_TERMS",
    "ONTOLOGY",
    "PREFIXES",
    "PROPERTY_OF",
    "SHAPES",
    "doc_iri",
    "entity_iri",
    "safe_local",
]

KG_NS = "http://example.org/kg/ontology#"
ID = "http://example.org/kg/id/"
DOC = "http://example.org/kg/doc/"

_ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
#: The OWL ontology and the SHACL shapes the Turtle export satisfies.
ONTOLOGY = _ONTOLOGY_DIR / "kg.ttl"
SHAPES = _ONTOLOGY_DIR / "shapes.ttl"


#: Local names of the terms of ``ontology/kg.ttl`` (keep in step: tests compare the two).
KG_TERMS: tuple[str, ...] = (
    # classes
    "Entity", "Park", "Company", "Person", "Industry", "Project", "Organization", "Location", "Position",
    "Document", "Delegation", "Evidence",
    # the five relation types
    "locatedIn", "leadsDelegation", "belongsToIndustry", "hasIndustry", "holdsPosition",
    # delegation parts
    "leads", "hasMember", "destination", "host", "purpose", "date",
    # mentions and provenance
    "mentionedIn", "mentionCount", "evidence", "sentence", "start", "end", "rule", "confidence", "org",
)


def _closed_namespace() -> type:
    """The rdflib class ``KG``: made on first use, so the text exporters never import rdflib (0.05 s)."""
    from rdflib import URIRef
    from rdflib.namespace import DefinedNamespace, Namespace

    class KG(DefinedNamespace):
        """Terms of ``ontology/kg.ttl``: one per name of :data:`KG_TERMS`."""

        __qualname__ = "KG"
        __annotations__ = dict.fromkeys(KG_TERMS, URIRef)
        _NS = Namespace(KG_NS)
        _fail = True

    return KG


def __getattr__(name: str) -> Any:
    if name == "KG":
        globals()["KG"] = namespace = _closed_namespace()
        return namespace
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Class local name per entity label (TITLE: the titles holds_position points to; DELEGATION: visits).
CLASS_OF: dict[str, str] = {
    "PARK": "Park",
    "COMPANY": "Company",
    "PERSON": "Person",
    "INDUSTRY": "Industry",
    "PROJECT": "Project",
    "ORG": "Organization",
    "LOC": "Location",
    "TITLE": "Position",
    "DELEGATION": "Delegation",
}

#: Property local name per relation type of the annotation guide.
PROPERTY_OF: dict[str, str] = {
    "located_in": "locatedIn",
    "leads_delegation": "leadsDelegation",
    "belongs_to_industry": "belongsToIndustry",
    "has_industry": "hasIndustry",
    "holds_position": "holdsPosition",
}

#: Prefixes bound in the Turtle output and declared for SPARQL queries.
PREFIXES: dict[str, str] = {
    "kg": KG_NS,
    "id": ID,
    "doc": DOC,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
}

_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,79}")
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def safe_local(text: str) -> str:
    """An IRI-safe local name for any text, unique per text.

    ASCII names of letters, digits, ``_`` and ``-`` stay as they are; anything
    else (spaces, slashes, CJK, emoji, 300 characters) becomes an ASCII slug
    plus a hash of the exact text, so two different texts never share a name.

    Examples:
        >>> safe_local("000_0ee3e0a9a7540663")
        '000_0ee3e0a9a7540663'
        >>> safe_local("a b/c")
        'a-b-c-fa4fb713ddea8a2d'
    """
    if _PLAIN.fullmatch(text):
        return text
    slug = _UNSAFE.sub("-", text).strip("-")[:40]
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{slug}-{digest}" if slug else f"h-{digest}"


def entity_iri(entity_id: str) -> URIRef:
    """The IRI of an entity, relation or delegation id."""
    from rdflib import URIRef

    return URIRef(ID + safe_local(entity_id))


def doc_iri(doc_id: str) -> URIRef:
    """The IRI of a document id (a file name without extension: may hold any character)."""
    from rdflib import URIRef

    return URIRef(DOC + safe_local(doc_id))
