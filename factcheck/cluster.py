"""Stage 5, cluster: sentences of every source grouped into shared claims, and the candidate pairs.

Claims come from agglomerative clustering (average linkage on cosine distance: SciPy's linkage, cut
where scikit-learn's ``AgglomerativeClustering(distance_threshold=...)`` cuts, without importing
scikit-learn, which cost about 1.5 s of CPU at every cold start).
Candidate pairs for NLI are the cross-source pairs inside a claim plus each sentence's nearest
neighbours in every other source above a similarity floor; never all pairs.

Example:
    >>> import numpy as np
    >>> v = np.array([[1.0, 0.0], [0.99, 0.14], [0.0, 1.0]], dtype=np.float32)
    >>> cluster_claims(v, threshold=0.8)
    [0, 0, 1]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Candidate:
    """A cross-source sentence pair to judge (indices into the sentence list, i < j)."""

    i: int
    j: int
    similarity: float
    same_claim: bool
    rank: int = 0  # 0: one of the two is the other's nearest neighbour in its source


def cluster_claims(vecs: np.ndarray, threshold: float) -> list[int]:
    """Claim label per sentence, numbered by first appearance (deterministic).

    Args:
        vecs: unit-length sentence embeddings, one row per sentence.
        threshold: cosine similarity at which sentences are merged (average linkage).
    """
    n = len(vecs)
    if n == 0:
        return []
    if n == 1:
        return [0]
    from scipy.cluster.hierarchy import linkage

    x = vecs.astype(np.float64)
    if not np.all(np.isfinite(x)) or np.any(~np.any(x, axis=1)):
        raise ValueError("cosine clustering needs finite, non-zero vectors")
    merges = linkage(x, method="average", metric="cosine")
    # scikit-learn keeps the merges below the threshold: they come first (average linkage is monotone)
    n_merges = int(np.count_nonzero(merges[:, 2] < 1.0 - threshold))
    parent = list(range(2 * n - 1))

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for step in range(n_merges):
        a, b = int(merges[step, 0]), int(merges[step, 1])
        parent[root(a)] = parent[root(b)] = n + step
    raw = [root(i) for i in range(n)]
    remap: dict[int, int] = {}
    return [remap.setdefault(int(r), len(remap)) for r in raw]


def candidate_pairs(vecs: np.ndarray, sources: list[int], labels: list[int], *, floor: float,
                    neighbours: int = 1, sims: np.ndarray | None = None) -> list[Candidate]:
    """Cross-source pairs to judge: same-claim pairs above ``floor``, plus nearest neighbours.

    Args:
        vecs: unit-length sentence embeddings.
        sources: source index of each sentence.
        labels: claim label of each sentence.
        floor: least cosine similarity for any pair.
        neighbours: nearest neighbours per sentence in every other source.
        sims: ``vecs @ vecs.T`` when the caller has it already.
    """
    n = len(vecs)
    if n < 2:
        return []
    sims = vecs @ vecs.T if sims is None else sims
    src = np.asarray(sources)
    chosen: dict[tuple[int, int], float] = {}
    rank: dict[tuple[int, int], int] = {}
    for i in range(n):
        for s in sorted(set(sources)):
            if s == src[i]:
                continue
            idx = np.flatnonzero(src == s)
            order = idx[np.argsort(-sims[i, idx], kind="stable")][:neighbours]
            for r, j in enumerate(order):
                if sims[i, j] >= floor:
                    key = (min(i, int(j)), max(i, int(j)))
                    chosen[key] = float(sims[i, j])
                    rank[key] = min(rank.get(key, r), r)
    by_label: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        by_label.setdefault(lab, []).append(i)
    for members in by_label.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if src[i] != src[j] and sims[i, j] >= floor:
                    chosen[(i, j)] = float(sims[i, j])
    return [Candidate(i, j, sim, labels[i] == labels[j], rank.get((i, j), 0))
            for (i, j), sim in sorted(chosen.items())]


def with_pairs(cands: list[Candidate], extra: list[tuple[int, int]], vecs: np.ndarray,
               labels: list[int]) -> list[Candidate]:
    """``cands`` plus the pairs ``extra`` (i < j) they lack, at their own similarity, in index order: pairs a rule
    links whatever their wording (one person given two offices, :func:`factcheck.mismatch.people.two_offices`).

    Example:
        >>> v = np.eye(3, dtype=np.float32)
        >>> [(c.i, c.j, c.rank) for c in with_pairs([Candidate(0, 1, 0.9, True)], [(0, 2)], v, [0, 0, 1])]
        [(0, 1, 0), (0, 2, 1)]
    """
    have = {(c.i, c.j) for c in cands}
    new = [Candidate(i, j, float(vecs[i] @ vecs[j]), labels[i] == labels[j], 1) for i, j in extra if (i, j) not in have]
    return sorted([*cands, *new], key=lambda c: (c.i, c.j)) if new else cands

