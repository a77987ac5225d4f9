"""Name normalization shared by resolution and evaluation (the annotation guide's rules).

Why one module: the scorer and the resolver must agree on when two names are
the same, or the graph would merge what the evaluation keeps apart.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from kg.lexicons import column

__all__ = [
    "ZONE_ABBREVIATIONS",
    "company_key",
    "industry_key",
    "normalize",
    "park_key",
    "title_matches",
]

_QUOTES = re.compile("[“”‘’「」《》\"']")
_SPACE = re.compile(r"\s+")
_INDUSTRY_TAIL = re.compile(r"(产业链|产业集群|产业|行业|集群)$")
_BRACKETED = re.compile(r"\([^()]*\)")
_ADMIN_LEVEL = re.compile("[省市县]")

#: Distinct names kept per function: a corpus repeats its names many times (10 MB: 250,000 calls, 11,000
#: names), and these functions are pure (the lexicons they read are loaded once per process).
_MEMO = lru_cache(maxsize=1 << 18)

#: Park abbreviations and their full forms (general naming grammar of Chinese zones).
ZONE_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("经开区", "经济技术开发区"),
    ("高新区", "高新技术产业开发区"),
    ("综保区", "综合保税区"),
    ("农高区", "农业高新技术产业示范区"),
    ("综改区", "综合改革示范区"),
    ("综改示范区", "综合改革示范区"),
)


@_MEMO
def normalize(text: str, label: str = "") -> str:
    """NFKC, no white space, ASCII brackets, no quotes; INDUSTRY loses 产业/产业链/… tails."""
    s = unicodedata.normalize("NFKC", text)
    s = _SPACE.sub("", s)
    s = s.replace("【", "[").replace("】", "]")
    s = _QUOTES.sub("", s)
    if label == "INDUSTRY":
        s = _INDUSTRY_TAIL.sub("", s) or s
    return s


@_MEMO
def park_key(name: str) -> str:
    """A park name with abbreviations expanded and 省/市/县 dropped, for matching."""
    s = normalize(name)
    for short, full in ZONE_ABBREVIATIONS:
        if s.endswith(short):
            s = s[: -len(short)] + full
            break
    s = s.replace("国家级", "").replace("国家", "")
    return _ADMIN_LEVEL.sub("", s)


@_MEMO
def company_key(name: str) -> str:
    """A company name without legal suffix and bracketed place."""
    s = normalize(name)
    s = _BRACKETED.sub("", s)
    for suffix in column("legal_suffixes"):
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            s = s[: -len(suffix)]
            break
    return s


@_MEMO
def industry_key(name: str) -> str:
    """An industry name without 产业/产业链/产业集群/行业."""
    return normalize(name, "INDUSTRY")


@_MEMO
def title_matches(a: str, b: str) -> bool:
    """Guide rule: titles match when one ends with the other and the shorter has ≥ 2 characters."""
    a, b = normalize(a), normalize(b)
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 2 and long_.endswith(short)
