"""Word and word-pair counts: the bundled clean corpus, the clause library and the document itself.

pymorphy3 has no frequencies, so the counts come from clean official text of the same genre: the
clause library (rendered for every organisation kind) and ``data/corpus/*.txt`` (clean acts and
common phrases). They rank corrections and give the context evidence for real-word errors.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ...nlp import lemma
from .lexicon import DATA
from .tokens import plain_words

if TYPE_CHECKING:
    from ...library import ClauseLibrary


@dataclass(slots=True)
class Counts:
    """Unigram, bigram and lemma-bigram counts of some text."""

    uni: Counter = field(default_factory=Counter)
    bi: Counter = field(default_factory=Counter)
    lbi: Counter = field(default_factory=Counter)

    def add(self, text: str) -> None:
        for run in plain_words(text):
            self.add_run(run)

    def add_run(self, run: list[str]) -> None:
        """Count one run of linked folded words."""
        if run:
            self.uni.update(run)
            lem = [lemma(w) for w in run]
            self.bi.update(itertools.pairwise(run))
            self.lbi.update(itertools.pairwise(lem))

    def add_runs(self, runs: list[list[str]]) -> None:
        """Count several runs (as :meth:`add_run` on each, with one update per table)."""
        self.uni.update(w for run in runs for w in run)
        self.bi.update(pair for run in runs for pair in itertools.pairwise(run))
        self.lbi.update(pair for run in runs for pair in itertools.pairwise([lemma(w) for w in run]))


class Model:
    """Counts summed over several sources (looked up, never merged)."""

    def __init__(self, parts: list[Counts]) -> None:
        self.parts = parts
        # the tables themselves: ``dict.get`` skips ``Counter.__missing__`` on the many absent keys
        self._uni = [p.uni for p in parts]
        self._bi = [p.bi for p in parts]
        self._lbi = [p.lbi for p in parts]

    def uni(self, w: str) -> int:
        return sum([t.get(w, 0) for t in self._uni])

    def bi(self, a: str, b: str) -> int:
        key = (a, b)
        return sum([t.get(key, 0) for t in self._bi])

    def lbi(self, a: str, b: str) -> int:
        key = (a, b)
        return sum([t.get(key, 0) for t in self._lbi])

    def with_part(self, part: Counts) -> Model:
        return Model([*self.parts, part])


def corpus_sources() -> list[str]:
    """Names of the bundled corpus files (``sample_000`` …, ``phrases``)."""
    return sorted(p.stem for p in (DATA / "corpus").glob("*.txt"))


@lru_cache(maxsize=16)
def bundled(exclude: frozenset[str] = frozenset()) -> Counts:
    """Counts of ``data/corpus/*.txt`` without the sources named in ``exclude`` (cached on disk)."""
    from ...cache import cached, digest_files

    paths = [p for p in sorted((DATA / "corpus").glob("*.txt")) if p.stem not in exclude]

    def build() -> Counts:
        counts = Counts()
        for path in paths:
            counts.add(path.read_text(encoding="utf-8"))
        return counts

    return cached("typo-bundled-counts", digest_files(paths), build)


_LIBRARY_CACHE: dict[tuple[int, int], Counts] = {}


def library_counts(library: ClauseLibrary | None) -> Counts:
    """Counts of the clause library rendered for every organisation kind (cached per library)."""
    if library is None:
        return Counts()
    key = (id(library), len(library))
    if key not in _LIBRARY_CACHE:
        from ...cache import cached

        _LIBRARY_CACHE.clear()
        _LIBRARY_CACHE[key] = cached("typo-library-counts", library.digest, lambda: _render_library(library))
    return _LIBRARY_CACHE[key]


def _render_library(library: ClauseLibrary) -> Counts:
    from ...library.templating import rendered_library
    from ...vocab import OrgKind

    counts = Counts()
    seen: set[str] = set()
    for kind in OrgKind:
        for text, items in rendered_library(library, kind).values():
            for piece in (text, *items):
                if piece not in seen:
                    seen.add(piece)
                    counts.add(piece)
    return counts


def model(library: ClauseLibrary | None = None, exclude: frozenset[str] = frozenset()) -> Model:
    """The corpus model: bundled texts (less ``exclude``) plus the clause library."""
    return Model([bundled(exclude), library_counts(library)])
