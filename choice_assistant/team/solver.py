"""The least-cost booking of as many families as possible, solved with SciPy's sparse bipartite matching.

Only the allowed (family, slot) pairs are given to the solver, as a sparse graph, never a dense
families x slots matrix with a huge price on forbidden pairs. Why this is exact:

1. `maximum_bipartite_matching` (Hopcroft-Karp) finds how many families can be booked at most.
2. From that matching, alternating-path searches split the graph (the Dulmage-Mendelsohn
   decomposition): families that some maximum booking leaves out (`DF`) and the slots next to
   them (`NF`); slots that some maximum booking leaves empty (`DS`) and the families next to them
   (`NS`); and the rest, which every maximum booking matches perfectly. Every maximum booking
   matches all of NF into DF, all of NS into DS and the rest perfectly, and uses no pair that runs
   between two parts; any such choice in each part together is a maximum booking.
3. So the least-cost maximum booking is the least-cost full matching of each part on its own,
   which `min_weight_full_bipartite_matching` (LAPJVsp) solves exactly: in each part the smaller
   side is matched completely and a full matching exists by step 2.
Costs are whole hours well below 2**53, so the float arithmetic is exact. Each pair's cost gets +1
(the solver treats 0 as "no pair"); every full matching of a part has the same number of pairs,
so that constant changes no choice.

Not done, on purpose: a secondary tie-breaking cost (measured: no faster on the bench instance),
and keeping only each family's k cheapest slots (no bound on k short of the number of families
guarantees that an optimal booking survives, because a cheap slot may be needed by a family with
no other slot).
"""

from __future__ import annotations

import numpy as np


def _reach(sources: np.ndarray, a: np.ndarray, b: np.ndarray, mate_of_b: np.ndarray, n: int) -> np.ndarray:
    """Nodes of side A reachable from `sources` by alternating paths: A --pair--> B --matched--> A."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import breadth_first_order

    out = np.zeros(n, dtype=bool)
    if not len(sources):
        return out
    ok = mate_of_b[b] >= 0
    root = n  # one extra node that points at every source
    src = np.concatenate([a[ok], np.full(len(sources), root)])
    dst = np.concatenate([mate_of_b[b[ok]], sources])
    graph = csr_matrix((np.ones(len(src), dtype=np.int8), (src, dst)), shape=(n + 1, n + 1))
    order = breadth_first_order(graph, root, directed=True, return_predecessors=False)
    out[order[order != root]] = True
    return out


def _full_matching(rows: np.ndarray, cols: np.ndarray, cost: np.ndarray, pick_r: np.ndarray, pick_c: np.ndarray,
                   transpose: bool) -> list[tuple[int, int]]:
    """The least-cost full matching of the pairs between two chosen node sets, as (row, col) pairs."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    keep = pick_r[rows] & pick_c[cols]
    if not keep.any():
        return []
    r, c, w = rows[keep], cols[keep], cost[keep]
    r_ids, c_ids = np.flatnonzero(pick_r), np.flatnonzero(pick_c)
    r_at = np.searchsorted(r_ids, r)
    c_at = np.searchsorted(c_ids, c)
    if transpose:  # the solver matches the smaller side fully; give it that side as rows
        graph = csr_matrix((w + 1, (c_at, r_at)), shape=(len(c_ids), len(r_ids)))
        a, b = min_weight_full_bipartite_matching(graph)
        return [(int(r_ids[j]), int(c_ids[i])) for i, j in zip(a, b)]
    graph = csr_matrix((w + 1, (r_at, c_at)), shape=(len(r_ids), len(c_ids)))
    a, b = min_weight_full_bipartite_matching(graph)
    return [(int(r_ids[i]), int(c_ids[j])) for i, j in zip(a, b)]


def least_cost_maximum_matching(n: int, m: int, rows: np.ndarray, cols: np.ndarray, cost: np.ndarray) -> list[tuple[int, int]]:
    """(family, slot) pairs: as many families as can be matched, at the least total cost among such matchings."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import maximum_bipartite_matching

    if not len(rows):
        return []
    pairs = csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, m))
    slot_of = maximum_bipartite_matching(pairs, perm_type="column")  # family -> slot, or -1
    family_of = np.full(m, -1, dtype=np.intp)
    booked = np.flatnonzero(slot_of >= 0)
    family_of[slot_of[booked]] = booked
    left_out = _reach(np.flatnonzero(slot_of < 0), rows, cols, family_of, n)  # DF
    left_empty = _reach(np.flatnonzero(family_of < 0), cols, rows, slot_of, m)  # DS
    next_to_left_out = np.zeros(m, dtype=bool)  # NF
    next_to_left_out[cols[left_out[rows]]] = True
    next_to_left_empty = np.zeros(n, dtype=bool)  # NS
    next_to_left_empty[rows[left_empty[cols]]] = True
    rest_f = ~left_out & ~next_to_left_empty
    rest_s = ~left_empty & ~next_to_left_out
    out = _full_matching(rows, cols, cost, left_out, next_to_left_out, transpose=True)
    out += _full_matching(rows, cols, cost, next_to_left_empty, left_empty, transpose=False)
    out += _full_matching(rows, cols, cost, rest_f, rest_s, transpose=False)
    return out
