"""The two bodies of knowledge: the clause library and the legal-reference registry."""

from .acts import Article, LegalAct
from .clauses import Clause, ClauseLibrary, Signals, Variant, load_clauses
from .registry import Registry, load_registry, registry_for
from .terms import Term, Terms, load_terms

__all__ = [
    "Article",
    "Clause",
    "ClauseLibrary",
    "LegalAct",
    "Registry",
    "Signals",
    "Term",
    "Terms",
    "Variant",
    "load_clauses",
    "load_registry",
    "load_terms",
    "registry_for",
]
