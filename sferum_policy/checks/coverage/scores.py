"""The match score of every (unit, clause) pair of one document at once, with numpy.

The formula is the one described in :mod:`.matcher` and written out for one pair in
:func:`.matcher.score_pair` (the reference the tests compare against). Here every part is counted
for all pairs together: the document's (unit, token) pairs are expanded through token → keyword
alternative / phrase / clause tables and summed with ``bincount``. Left to the matcher is the
word-order test of a phrase whose words all occur in a unit, for the few units it looks at.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .weights import SIM_FULL, W_KW, W_PHRASE, W_SIM

if TYPE_CHECKING:
    from .matcher import CompiledClause
    from .units import Unit


@dataclass(slots=True)
class _Csr:
    """token id → items (with an optional weight per token) in compressed rows."""

    ptr: Any
    items: Any

    @classmethod
    def build(cls, np: Any, n_tokens: int, pairs: list[tuple[int, int]]) -> _Csr:
        pairs = sorted(set(pairs))
        toks = np.fromiter((t for t, _ in pairs), dtype=np.int64, count=len(pairs))
        items = np.fromiter((x for _, x in pairs), dtype=np.int64, count=len(pairs))
        ptr = np.zeros(n_tokens + 1, dtype=np.int64)
        np.add.at(ptr, toks + 1, 1)
        return cls(np.cumsum(ptr), items)

    def expand(self, np: Any, units: Any, toks: Any) -> tuple[Any, Any, Any]:
        """For (unit, token) pairs: (unit, item, token) for every item of each token."""
        starts = self.ptr[toks]
        counts = self.ptr[toks + 1] - starts
        total = int(counts.sum())
        # positions starts[i] … starts[i] + counts[i] - 1, for all i, in one vector
        offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts) + np.arange(total)
        return np.repeat(units, counts), self.items[offsets], np.repeat(toks, counts)


@dataclass(slots=True)
class LibraryTables:
    """The compiled clauses as token tables (built once per compiled library)."""

    vocab: dict[str, int]
    n_clauses: int
    alt_len: Any  # per keyword alternative: its number of tokens
    alt_group: Any  # per keyword alternative: its keyword group
    group_clause: Any  # per keyword group: its clause
    alts: _Csr  # token → keyword alternatives holding it
    phrase_len: Any
    phrase_clause: Any
    phrases: _Csr  # token → phrases holding it
    signal: _Csr  # token → clauses whose signal (or bag, without a signal) holds it
    bag: _Csr  # token → clauses whose bag holds it
    bag_tok: Any  # (clause, token) pairs of the bags, for the bag weights
    bag_clause: Any
    need: Any  # keyword groups needed for the full keyword part (0: the clause has none)
    has_groups: Any
    total: Any
    long_unit: Any
    vocab_tokens: list[str]


def tables(np: Any, clauses: list[CompiledClause]) -> LibraryTables:
    vocab: dict[str, int] = {}

    def tid(t: str) -> int:
        return vocab.setdefault(t, len(vocab))

    alt_len, alt_group, group_clause, alt_pairs = [], [], [], []
    phrase_len, phrase_clause, phrase_pairs = [], [], []
    signal_pairs, bag_pairs = [], []
    for ci, cc in enumerate(clauses):
        for single, multi in cc.groups:
            g = len(group_clause)
            group_clause.append(ci)
            for alt in [frozenset([t]) for t in sorted(single)] + sorted(multi, key=sorted):
                a = len(alt_len)
                alt_len.append(len(alt))
                alt_group.append(g)
                alt_pairs += [(tid(t), a) for t in alt]
        for p in cc.phrases:
            k = len(phrase_len)
            phrase_len.append(len(p))
            phrase_clause.append(ci)
            phrase_pairs += [(tid(t), k) for t in p]
        signal_pairs += [(tid(t), ci) for t in (cc.signal or cc.bag)]
        bag_pairs += [(tid(t), ci) for t in cc.bag]
    n = len(vocab)
    bag_sorted = sorted(bag_pairs)
    return LibraryTables(
        vocab=vocab,
        n_clauses=len(clauses),
        alt_len=np.array(alt_len, dtype=np.int64),
        alt_group=np.array(alt_group, dtype=np.int64),
        group_clause=np.array(group_clause, dtype=np.int64),
        alts=_Csr.build(np, n, alt_pairs),
        phrase_len=np.array(phrase_len, dtype=np.int64),
        phrase_clause=np.array(phrase_clause, dtype=np.int64),
        phrases=_Csr.build(np, n, phrase_pairs),
        signal=_Csr.build(np, n, signal_pairs),
        bag=_Csr.build(np, n, bag_pairs),
        bag_tok=np.array([t for t, _ in bag_sorted], dtype=np.int64),
        bag_clause=np.array([c for _, c in bag_sorted], dtype=np.int64),
        need=np.array([cc.need if cc.singles else 0 for cc in clauses], dtype=np.float64),
        has_groups=np.array([bool(cc.singles) for cc in clauses]),
        total=np.array([cc.total for cc in clauses], dtype=np.float64),
        long_unit=np.array([cc.long_unit for cc in clauses], dtype=np.float64),
        vocab_tokens=list(vocab),
    )


@dataclass(slots=True)
class ScoreMatrix:
    """Scores of unit ``u`` for clause ``c``: ``lower[u, c]`` without a phrase, ``upper[u, c]`` with one
    when ``maybe_phrase[u, c]`` (all words of a phrase occur in the unit); ``candidate[u, c]``: the unit
    holds a signal word of the clause (other units are not considered)."""

    lower: Any
    upper: Any
    maybe_phrase: Any
    candidate: Any


BLOCK = 1024  # units scored together: the dense tables stay a few MB even for a document of 100,000 paragraphs


@dataclass(slots=True)
class DocWeights:
    """Per act: the IDF of every library token and the weight of every clause's bag of words."""

    idf: Any
    bag_weight: Any


def doc_weights(np: Any, lt: LibraryTables, df_doc: dict[str, int], df_lib: dict[str, int], n_docs: int) -> DocWeights:
    """IDF over the rendered library and the act's paragraphs (``df_*``: in how many of them a token occurs)."""
    idf = np.log1p(n_docs / (1.0 + np.array([df_lib.get(t, 0) + df_doc.get(t, 0) for t in lt.vocab_tokens],
                                            dtype=np.float64)))
    return DocWeights(idf, np.bincount(lt.bag_clause, weights=idf[lt.bag_tok], minlength=lt.n_clauses))


def score_block(np: Any, lt: LibraryTables, units: list[Unit], weights: DocWeights) -> ScoreMatrix:
    """Scores of ``units`` (row ``i`` is ``units[i]``) for all clauses of ``lt``."""
    n_units, n_clauses = len(units), lt.n_clauses
    vocab = lt.vocab
    own_u, own_t, full_u, full_t = [], [], [], []
    for ui, u in enumerate(units):
        ids = [vocab[t] for t in u.toks if t in vocab]
        own_u += [ui] * len(ids)
        own_t += ids
        ids = [vocab[t] for t in u.full if t in vocab]
        full_u += [ui] * len(ids)
        full_t += ids
    own_u, own_t = np.array(own_u, dtype=np.int64), np.array(own_t, dtype=np.int64)
    full_u, full_t = np.array(full_u, dtype=np.int64), np.array(full_t, dtype=np.int64)
    cells = n_units * n_clauses

    def per_clause(units_idx: Any, clauses_idx: Any, values: Any = None) -> Any:
        return np.bincount(units_idx * n_clauses + clauses_idx, weights=values, minlength=cells).reshape(
            n_units, n_clauses)

    # keyword groups: an alternative is found when all its tokens are; a group when one alternative is
    def groups_found(u_idx: Any, t_idx: Any) -> Any:
        u, a, _ = lt.alts.expand(np, u_idx, t_idx)
        n_alts = len(lt.alt_len)
        counts = np.bincount(u * n_alts + a, minlength=n_units * n_alts).reshape(n_units, n_alts)
        hit_u, hit_a = np.nonzero(counts == lt.alt_len)
        n_groups = len(lt.group_clause)
        found = np.bincount(hit_u * n_groups + lt.alt_group[hit_a], minlength=n_units * n_groups)
        gu, gg = np.divmod(np.flatnonzero(found), n_groups)  # (unit, group), once each
        return per_clause(gu, lt.group_clause[gg])

    own_groups = groups_found(own_u, own_t)
    all_groups = groups_found(full_u, full_t)  # own ∪ context
    need = np.where(lt.need > 0, lt.need, 1.0)
    kw = np.where((own_groups >= 1) & lt.has_groups, W_KW * np.minimum(1.0, all_groups / need), 0.0)

    # phrases: here only whether all words of one occur in the unit; whether they stand within a few
    # tokens of each other is checked by the matcher for the few units it looks at
    maybe_phrase = np.zeros((n_units, n_clauses), dtype=bool)
    if len(lt.phrase_len):
        u, k, _ = lt.phrases.expand(np, own_u, own_t)
        n_ph = len(lt.phrase_len)
        counts = np.bincount(u * n_ph + k, minlength=n_units * n_ph).reshape(n_units, n_ph)
        hit_u, hit_k = np.nonzero(counts == lt.phrase_len)
        maybe_phrase[hit_u, lt.phrase_clause[hit_k]] = True

    # similarity: IDF-weighted share of the clause's words in the unit, damped for long units
    idf, bag_weight = weights.idf, weights.bag_weight
    u, c, t = lt.bag.expand(np, own_u, own_t)
    sim = per_clause(u, c, idf[t]) / np.where(bag_weight > 0, bag_weight, 1.0)
    size = np.array([len(x.seq) for x in units], dtype=np.float64)[:, None]
    sim = np.where(size > lt.long_unit, sim * np.sqrt(lt.long_unit / np.maximum(size, 1.0)), sim)
    sim_part = np.where(bag_weight > 0, W_SIM * np.minimum(1.0, sim / SIM_FULL), 0.0)

    lower = (kw + sim_part) / lt.total
    upper = np.where(maybe_phrase, (kw + W_PHRASE + sim_part) / lt.total, lower)
    u, c, _ = lt.signal.expand(np, own_u, own_t)
    candidate = per_clause(u, c) > 0
    return ScoreMatrix(lower, upper, maybe_phrase, candidate)
