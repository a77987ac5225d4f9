"""The graph's vocabulary: namespaces, class per entity label, property per relation type.

Why one module: the Turtle exporter, the ontology file and the SPARQL queries
must use the same IRIs; they all read them from here.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import quote

__all__ = ["CLASS_OF", "DOC", "ID", "KG", "PROPERTY_OF", "entity_iri", "safe_local"]

KG = "http://example.org/kg/ontology#"
ID = "http://example.org/kg/id/"
DOC = "http://example.org/kg/doc/"

CLASS_OF: dict[str, str] = {
    "PARK": "Park",
    "COMPANY": "Company",
    "PERSON": "Person",
    "INDUSTRY": "Industry",
    "PROJECT": "Project",
    "ORG": "Organization",
    "LOC": "Location",
    "TITLE": "Position",
}

PROPERTY_OF: dict[str, str] = {
    "located_in": "locatedIn",
    "leads_delegation": "leadsDelegation",
    "belongs_to_industry": "belongsToIndustry",
    "has_industry": "hasIndustry",
    "holds_position": "holdsPosition",
}

_SAFE = re.compile(r"[^A-Za-z0-9._-]")


def safe_local(text: str, max_len: int = 80) -> str:
    """An IRI-safe local name for any text: percent-encoded, bounded, with a hash when cut."""
    local = quote(text, safe="")
    if len(local) > max_len or not local:
        local = local[:max_len] + "-" + hashlib.sha1(text.encode()).hexdigest()[:8]
    return _SAFE.sub("_", local)


def entity_iri(entity_id: str) -> str:
    """The IRI of an entity id made by the resolver (already ASCII and stable)."""
    return ID + safe_local(entity_id)
