"""Lexicon terms as the recognizers need them: sets, longest-first tuples and compiled patterns.

Why here: each lexicon is read once per process (``kg.lexicons`` caches the
files) and turned into the shape a rule matches with; no rule reads a file.
"""

from __future__ import annotations

from functools import lru_cache

from kg.lexicons import column, rows

__all__ = [
    "company_names",
    "company_words",
    "division_full",
    "division_short",
    "industries",
    "industry_set",
    "legal_suffixes",
    "org_names",
    "org_suffixes",
    "person_cues",
    "places",
    "regions",
    "surnames",
    "titles",
    "zone_suffixes",
]


@lru_cache(maxsize=1)
def division_full() -> frozenset[str]:
    """Division names with their suffix (晋中市, 寿阳县)."""
    return frozenset(r["name"] for r in rows("divisions"))


@lru_cache(maxsize=1)
def division_short() -> dict[str, str]:
    """Short division names (晋中, 寿阳) with their level; county-level short names are ambiguous words."""
    out: dict[str, str] = {}
    for r in rows("divisions"):
        short = r.get("short") or ""
        if short and short not in out:
            out[short] = r["level"]
        elif short and r["level"] != "county":
            out[short] = r["level"]
    return out


@lru_cache(maxsize=1)
def regions() -> frozenset[str]:
    return frozenset(column("regions"))


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Every place name: divisions with and without suffix, and named regions."""
    return division_full() | frozenset(division_short()) | regions()


@lru_cache(maxsize=1)
def titles() -> tuple[str, ...]:
    return column("titles")


@lru_cache(maxsize=1)
def person_cues() -> tuple[str, ...]:
    return column("person_cues")


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(column("surnames"))


@lru_cache(maxsize=1)
def industries() -> tuple[str, ...]:
    return column("industries")


@lru_cache(maxsize=1)
def industry_set() -> frozenset[str]:
    """The industry terms as a set, for membership tests."""
    return frozenset(industries())


@lru_cache(maxsize=1)
def legal_suffixes() -> tuple[str, ...]:
    return column("legal_suffixes")


@lru_cache(maxsize=1)
def company_names() -> tuple[str, ...]:
    """Short names of central state-owned enterprises (中电建, 中石化): companies with no suffix to find them by."""
    return column("company_names")


@lru_cache(maxsize=1)
def company_words() -> tuple[str, ...]:
    return column("company_words")


@lru_cache(maxsize=1)
def zone_suffixes() -> dict[str, str]:
    """Zone suffix -> kind (``full`` or ``abbrev``)."""
    return {r["suffix"]: r["kind"] for r in rows("zone_suffixes")}


@lru_cache(maxsize=1)
def org_suffixes() -> tuple[str, ...]:
    return column("org_suffixes")


@lru_cache(maxsize=1)
def org_names() -> tuple[str, ...]:
    return column("org_names")
