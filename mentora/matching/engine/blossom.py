"""Exact maximum-weight matching on a general graph, with its optimality certificate.

Edmonds' primal-dual blossom algorithm on integer weights, written for a warm start: it
accepts any feasible dual solution and any matching of tight edges, so a nearly optimal
start (the fractional optimum of the bipartite double cover, see peers.py) leaves only a
few augmentations to do. It returns the matching together with the dual solution that
proves it optimal, in exact integer arithmetic:

- vertex duals u_v >= 0 and odd-set (blossom) duals z_S >= 0, in units of a quarter
  weight, with u_a + u_b + sum(z_S for S holding a and b) >= 4 w_ab on every edge;
- 4 w(M) = sum(u) + sum(z_S (|S| - 1) / 2).

By weak duality no matching weighs more than (sum(u) + sum(z_S (|S| - 1) / 2)) / 4, so
the equality proves M optimal; `verify` checks it without trusting the algorithm.

Notation. Every vertex belongs to one top-level blossom (itself when it is in none). In
a stage, alternating trees grow from every exposed top-level blossom whose base has a
positive dual (an exposed vertex with dual 0 already meets its optimality condition).
Top-level blossoms are labelled S (even: roots and blossoms reached by a matched edge),
T (odd) or free. A dual step of size d lowers the duals of S vertices and raises those of
T vertices by d, raises z of S blossoms and lowers z of T blossoms by 2d. It stops at the
first of four events: an S vertex's dual reaches 0 (the path from its root is flipped so
that the vertex becomes exposed), an edge from S to a free blossom becomes tight (the
blossom is labelled T, its mate S; an exposed free blossom ends the stage with an
augmentation), an edge between two S blossoms becomes tight (a new blossom if both lie in
the same tree, else an augmentation), or a T blossom's dual reaches 0 (it is expanded).
Events are kept in four heaps keyed by the accumulated dual step at which they happen, so
a step costs a heap look-up, not a pass over the vertices; duals of labelled vertices are
kept lazily as (value, step at which it was valid, direction).

Integrality: weights and the starting duals are doubled internally, so every root has an
even dual at the start; roots all move together, labelled vertices share the parity of
their root (tight edges join vertices of equal parity), hence every S-S slack is even and
every dual step an integer.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np

FREE, S_LABEL, T_LABEL = 0, 1, 2


@dataclass(frozen=True)
class MatchingCertificate:
    """A matching and the dual solution proving it a maximum-weight matching."""

    mate: np.ndarray  # int64 partner per vertex, -1 when exposed
    vertex_dual: np.ndarray  # int64 u_v, in units of a quarter weight
    blossoms: tuple[np.ndarray, ...]  # odd vertex sets with a positive dual
    blossom_dual: np.ndarray  # int64 z_S, same units
    stages: int

    def bound(self) -> int:
        """Four times the dual objective: no matching weighs more than bound() / 4."""
        sizes = np.array([len(s) for s in self.blossoms], dtype=np.int64)
        return int(self.vertex_dual.sum()) + int((self.blossom_dual * ((sizes - 1) // 2)).sum())

    def pair_duals(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """u_a + u_b + the duals of the blossoms holding both a and b, per pair (int64)."""
        rows = np.asarray(rows, dtype=np.int64)
        cols = np.asarray(cols, dtype=np.int64)
        total = self.vertex_dual[rows] + self.vertex_dual[cols]
        n = len(self.vertex_dual)
        for members, z in zip(self.blossoms, self.blossom_dual.tolist(), strict=True):
            inside = np.zeros(n, dtype=bool)
            inside[members] = True
            total = total + z * (inside[rows] & inside[cols])
        return total


def verify(
    n: int, a: np.ndarray, b: np.ndarray, weights: np.ndarray, cert: MatchingCertificate
) -> bool:
    """Whether the certificate proves its matching optimal on this graph (exact integers)."""
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    weights = np.asarray(weights, dtype=np.int64)
    loop = a == b  # a vertex cannot be paired with itself
    a, b, weights = a[~loop], b[~loop], weights[~loop]
    mate = cert.mate
    if len(mate) != n or (mate >= n).any():
        return False
    if (cert.vertex_dual < 0).any() or (cert.blossom_dual < 0).any():
        return False
    if any(len(s) % 2 == 0 for s in cert.blossoms):
        return False
    matched = np.flatnonzero(mate >= 0)
    if (mate[mate[matched]] != matched).any() or (mate[matched] == matched).any():
        return False
    if (cert.pair_duals(a, b) < 4 * weights).any():
        return False
    # The matched pairs must be edges; a repeated edge counts with its best weight.
    keys = np.minimum(a, b) * n + np.maximum(a, b)
    order = np.lexsort((-weights, keys))
    keys, best = keys[order], weights[order]
    first = np.ones(len(keys), dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    keys, best = keys[first], best[first]
    x = matched[matched < mate[matched]]
    wanted = x * n + mate[x]
    pos = np.minimum(np.searchsorted(keys, wanted), max(0, len(keys) - 1))
    if len(wanted) and (len(keys) == 0 or (keys[pos] != wanted).any()):
        return False
    return 4 * int(best[pos].sum()) == cert.bound() if len(wanted) else cert.bound() == 0


class _Solver:
    """State of one run; see the module docstring for the method."""

    def __init__(
        self,
        n: int,
        a: list[int],
        b: list[int],
        w4: list[int],
        dual: list[int],
        mate: list[int],
    ) -> None:
        self.n = n
        self.ea, self.eb, self.w4 = a, b, w4
        self.adj: list[list[int]] = [[] for _ in range(n)]
        for e, (x, y) in enumerate(zip(a, b, strict=True)):
            self.adj[x].append(e)
            self.adj[y].append(e)
        size = 2 * n + 1
        self.mate = mate
        # Lazy vertex duals: u(v) = u_at[v] + sign[v] * (delta - at[v]).
        self.u_at = dual
        self.at = [0] * n
        self.sign = [0] * n
        # Blossoms: ids n..2n; vertices are trivial blossoms with their own id.
        self.top = list(range(n))
        self.parent = [-1] * size
        self.base = list(range(n)) + [-1] * (size - n)
        self.childs: list[list[int]] = [[] for _ in range(size)]
        self.cedges: list[list[tuple[int, int]]] = [[] for _ in range(size)]
        self.leaves: list[list[int]] = [[v] for v in range(n)] + [[] for _ in range(size - n)]
        self.z_at = [0] * size
        self.z_time = [0] * size
        self.z_sign = [0] * size
        self.free_ids = list(range(size - 1, n - 1, -1))
        self.label = [FREE] * size
        self.labeledge: list[tuple[int, int] | None] = [None] * size
        self.stamp = [0] * size
        self.delta = 0
        self.labelled: list[int] = []
        self.h1: list[tuple[int, int]] = []
        self.h2: list[tuple[int, int, int]] = []
        self.h3: list[tuple[int, int]] = []
        self.h4: list[tuple[int, int, int]] = []
        self.stages = 0

    # Duals ---------------------------------------------------------------------------

    def u(self, v: int) -> int:
        return self.u_at[v] + self.sign[v] * (self.delta - self.at[v])

    def set_sign(self, v: int, sign: int) -> None:
        self.u_at[v] = self.u(v)
        self.at[v] = self.delta
        self.sign[v] = sign

    def z(self, x: int) -> int:
        return self.z_at[x] + self.z_sign[x] * (self.delta - self.z_time[x])

    def set_z_sign(self, x: int, sign: int) -> None:
        self.z_at[x] = self.z(x)
        self.z_time[x] = self.delta
        self.z_sign[x] = sign

    def slack(self, e: int) -> int:
        return self.u(self.ea[e]) + self.u(self.eb[e]) - self.w4[e]

    def other(self, e: int, v: int) -> int:
        return self.eb[e] if self.ea[e] == v else self.ea[e]

    # Labels --------------------------------------------------------------------------

    def scan_s(self, v: int) -> None:
        """v has just become an S vertex: queue its events."""
        heapq.heappush(self.h1, (self.u(v) + self.delta, v))
        tv = self.top[v]
        for e in self.adj[v]:
            x = self.other(e, v)
            tx = self.top[x]
            if tx == tv:
                continue
            lab = self.label[tx]
            if lab == S_LABEL:
                heapq.heappush(self.h3, (self.slack(e) + 2 * self.delta, e))
            elif lab == FREE:
                heapq.heappush(self.h2, (self.slack(e) + self.delta, e, v))

    def scan_free(self, v: int) -> None:
        """v has just become free again: queue its edges to S vertices."""
        for e in self.adj[v]:
            x = self.other(e, v)
            if self.label[self.top[x]] == S_LABEL and self.top[x] != self.top[v]:
                heapq.heappush(self.h2, (self.slack(e) + self.delta, e, x))

    def mark(self, x: int, lab: int, edge: tuple[int, int] | None) -> None:
        self.label[x] = lab
        self.labeledge[x] = edge
        self.labelled.append(x)

    def make_s(self, x: int, edge: tuple[int, int] | None) -> None:
        self.mark(x, S_LABEL, edge)
        if x >= self.n:
            self.set_z_sign(x, 2)
        for v in self.leaves[x]:
            self.set_sign(v, -1)
        for v in self.leaves[x]:
            self.scan_s(v)

    def make_t(self, x: int, edge: tuple[int, int]) -> None:
        self.mark(x, T_LABEL, edge)
        if x >= self.n:
            self.set_z_sign(x, -2)
            self.stamp[x] += 1
            heapq.heappush(self.h4, (self.delta + self.z(x) // 2, x, self.stamp[x]))
        for v in self.leaves[x]:
            self.set_sign(v, 1)

    # Blossoms ------------------------------------------------------------------------

    def child_holding(self, b: int, v: int) -> int:
        t = v
        while self.parent[t] != b:
            t = self.parent[t]
        return t

    def rotate_to(self, b: int, v: int) -> None:
        """Make vertex v the base of blossom b, rematching inside b along the even side.

        Nested blossoms are rotated from an explicit stack (nesting may be deep); the
        rotations of different sub-blossoms are independent of each other.
        """
        work = [(b, v)]
        while work:
            b, v = work.pop()
            c = self.child_holding(b, v)
            if c >= self.n:
                work.append((c, v))
            childs, cedges = self.childs[b], self.cedges[b]
            k = len(childs)
            i = childs.index(c)
            if i:
                # Cycle edges e_j join childs[j] and childs[j + 1]; e_1, e_3, ... are
                # matched. Walk the even side from child i to the base child, flipping.
                steps = range(i + 1, k, 2) if i % 2 else range(i - 2, -1, -2)
                for j in steps:
                    p, q = cedges[j]
                    cp, cq = childs[j], childs[(j + 1) % k]
                    if cp >= self.n:
                        work.append((cp, p))
                    if cq >= self.n:
                        work.append((cq, q))
                    self.mate[p] = q
                    self.mate[q] = p
                self.childs[b] = childs[i:] + childs[:i]
                self.cedges[b] = cedges[i:] + cedges[:i]
            self.base[b] = v

    def augment_path(self, s: int, j: int) -> None:
        """Match S vertex s to j (-1: leave s exposed) and flip the path to its root."""
        while True:
            bs = self.top[s]
            if bs >= self.n:
                self.rotate_to(bs, s)
            self.mate[s] = j
            edge = self.labeledge[bs]
            if edge is None:
                return
            bt = self.top[edge[0]]
            edge_t = self.labeledge[bt]
            assert edge_t is not None
            s2, t2 = edge_t
            if bt >= self.n:
                self.rotate_to(bt, t2)
            self.mate[t2] = s2
            s, j = s2, t2

    def shrink(self, v: int, w: int) -> bool:
        """Tight edge between S vertices v and w: a new blossom (True) or other trees."""
        top, labeledge = self.top, self.labeledge
        path_v, path_w = [top[v]], [top[w]]
        seen_v, seen_w = {top[v]: 0}, {top[w]: 0}
        cur_v: int | None = top[v]
        cur_w: int | None = top[w]
        lca = -1
        while lca < 0 and (cur_v is not None or cur_w is not None):
            for side in (0, 1):
                cur = cur_v if side == 0 else cur_w
                if cur is None:
                    continue
                edge = labeledge[cur]
                if edge is None:
                    nxt = None
                else:
                    bt = top[edge[0]]
                    edge_t = labeledge[bt]
                    assert edge_t is not None
                    nxt = top[edge_t[0]]
                    path, seen, other = (
                        (path_v, seen_v, seen_w) if side == 0 else (path_w, seen_w, seen_v)
                    )
                    path.extend((bt, nxt))
                    seen[nxt] = len(path) - 1
                    if nxt in other:
                        lca = nxt
                if side == 0:
                    cur_v = nxt
                else:
                    cur_w = nxt
                if lca >= 0:
                    break
        if lca < 0:
            return False
        path_v = path_v[: seen_v[lca] + 1]
        path_w = path_w[: seen_w[lca] + 1]
        childs = [lca, *reversed(path_v[:-1]), *path_w[:-1]]
        cedges: list[tuple[int, int]] = []
        for j in range(len(path_v) - 2, -1, -1):
            edge = labeledge[path_v[j]]
            assert edge is not None
            cedges.append(edge)
        cedges.append((v, w))
        for j in range(len(path_w) - 1):
            edge = labeledge[path_w[j]]
            assert edge is not None
            cedges.append((edge[1], edge[0]))
        nb = self.free_ids.pop()
        self.childs[nb], self.cedges[nb] = childs, cedges
        self.base[nb] = self.base[lca]
        self.parent[nb] = -1
        self.z_at[nb], self.z_time[nb], self.z_sign[nb] = 0, self.delta, 0
        leaves: list[int] = []
        newly_s: list[int] = []
        for c in childs:
            self.parent[c] = nb
            if c >= self.n:
                self.set_z_sign(c, 0)
            if self.label[c] == T_LABEL:
                newly_s.extend(self.leaves[c])
            leaves.extend(self.leaves[c])
        self.leaves[nb] = leaves
        for x in leaves:
            top[x] = nb
        self.mark(nb, S_LABEL, labeledge[lca])
        self.set_z_sign(nb, 2)
        for x in newly_s:
            self.set_sign(x, -1)
        for x in newly_s:
            self.scan_s(x)
        return True

    def detach_children(self, b: int) -> list[int]:
        childs = self.childs[b]
        for c in childs:
            self.parent[c] = -1
            for x in self.leaves[c]:
                self.top[x] = c
        self.childs[b], self.cedges[b], self.leaves[b] = [], [], []
        self.label[b], self.labeledge[b] = FREE, None
        self.stamp[b] += 1
        self.free_ids.append(b)
        return childs

    def expand_t(self, b: int) -> None:
        """A T blossom whose dual reached 0: its children rejoin the tree or become free."""
        edge = self.labeledge[b]
        assert edge is not None
        for x in self.leaves[b]:
            self.set_sign(x, 0)
        childs, cedges = self.childs[b], self.cedges[b]
        k = len(childs)
        j = childs.index(self.child_holding(b, edge[1]))
        self.detach_children(b)
        # The even side from the entry child to the base child alternates T, S, ..., T.
        path: list[tuple[int, tuple[int, int]]] = [(childs[j], edge)]
        if j % 2:
            for m in range(j, k):
                p, q = cedges[m]
                path.append((childs[(m + 1) % k], (p, q)))
        else:
            for m in range(j, 0, -1):
                p, q = cedges[m - 1]
                path.append((childs[m - 1], (q, p)))
        on_path = set()
        s_children = []
        for pos, (c, via) in enumerate(path):
            on_path.add(c)
            if pos % 2 == 0:
                self.make_t(c, via)
            else:
                self.mark(c, S_LABEL, via)
                s_children.append(c)
        for c in s_children:
            if c >= self.n:
                self.set_z_sign(c, 2)
            for x in self.leaves[c]:
                self.set_sign(x, -1)
        freed = [c for c in childs if c not in on_path]
        for c in freed:
            self.label[c], self.labeledge[c] = FREE, None
            if c >= self.n:
                self.set_z_sign(c, 0)
        for c in s_children:
            for x in self.leaves[c]:
                self.scan_s(x)
        for c in freed:
            for x in self.leaves[c]:
                self.scan_free(x)

    def expand_zero(self, b: int) -> None:
        """End of stage: dissolve a blossom with dual 0 (and its children with dual 0)."""
        work = [b]
        while work:
            for c in self.detach_children(work.pop()):
                if c >= self.n and self.z_at[c] == 0:
                    work.append(c)

    # Stages --------------------------------------------------------------------------

    def end_stage(self) -> None:
        for x in self.labelled:
            if x >= self.n:
                self.set_z_sign(x, 0)
            self.label[x], self.labeledge[x] = FREE, None
        for v in range(self.n):
            if self.sign[v]:
                self.set_sign(v, 0)
        for x in range(self.n, len(self.parent)):
            if self.z_sign[x]:
                self.set_z_sign(x, 0)
        self.labelled = []
        self.h1, self.h2, self.h3, self.h4 = [], [], [], []
        tops = {self.top[v] for v in range(self.n) if self.top[v] >= self.n}
        for x in sorted(tops):
            if self.z_at[x] == 0:
                self.expand_zero(x)

    def stage(self) -> bool:
        """One stage: grow trees until an augmentation or a flip. False when optimal."""
        roots = sorted(
            {
                self.top[v]
                for v in range(self.n)
                if self.mate[v] < 0 and self.u_at[v] > 0 and self.base[self.top[v]] == v
            }
        )
        if not roots:
            return False
        self.stages += 1
        for r in roots:
            self.make_s(r, None)
        top, label = self.top, self.label
        while True:
            best = None
            if self.h1:
                best = (self.h1[0][0] - self.delta, 1)
            while self.h2:
                key, e, s = self.h2[0]
                x = self.other(e, s)
                if label[top[x]] == FREE and top[x] != top[s] and self.slack(e) == key - self.delta:
                    break
                heapq.heappop(self.h2)
            if self.h2 and (best is None or self.h2[0][0] - self.delta < best[0]):
                best = (self.h2[0][0] - self.delta, 2)
            while self.h3:
                key, e = self.h3[0]
                if top[self.ea[e]] != top[self.eb[e]]:
                    break
                heapq.heappop(self.h3)
            if self.h3:
                gap = self.h3[0][0] - 2 * self.delta
                assert gap % 2 == 0, "odd S-S slack: duals lost their parity"
                if best is None or gap // 2 < best[0]:
                    best = (gap // 2, 3)
            while self.h4:
                key, x, st = self.h4[0]
                if self.parent[x] == -1 and label[x] == T_LABEL and self.stamp[x] == st:
                    break
                heapq.heappop(self.h4)
            if self.h4 and (best is None or self.h4[0][0] - self.delta < best[0]):
                best = (self.h4[0][0] - self.delta, 4)
            assert best is not None and best[0] >= 0, "dual step out of range"
            self.delta += best[0]
            kind = best[1]
            if kind == 1:
                _, v = heapq.heappop(self.h1)
                self.augment_path(v, -1)
                break
            if kind == 2:
                _, e, s = heapq.heappop(self.h2)
                x = self.other(e, s)
                bx = top[x]
                if self.mate[self.base[bx]] < 0:
                    self.augment_path(s, x)
                    if bx >= self.n:
                        self.rotate_to(bx, x)
                    self.mate[x] = s
                    break
                self.make_t(bx, (s, x))
                m = self.mate[self.base[bx]]
                self.make_s(top[m], (self.base[bx], m))
                continue
            if kind == 3:
                _, e = heapq.heappop(self.h3)
                v, w = self.ea[e], self.eb[e]
                if not self.shrink(v, w):
                    self.augment_path(v, w)
                    self.augment_path(w, v)
                    break
                continue
            _, x, _ = heapq.heappop(self.h4)
            self.expand_t(x)
        self.end_stage()
        return True


def max_weight_matching(
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    weights: np.ndarray,
    start_dual: np.ndarray | None = None,
    start_mate: np.ndarray | None = None,
) -> MatchingCertificate:
    """Maximum-weight matching of the graph (edges a-b, integer weights), certified.

    start_dual (optional) are doubled vertex duals d >= 0 with d_a + d_b >= 2 w_ab on
    every edge; start_mate a matching of edges tight for them (d_a + d_b = 2 w_ab).
    Without them, every dual starts at the largest weight and nobody is matched.
    Edges with a non-positive weight never improve a matching; they are ignored.
    """
    a = np.asarray(a, dtype=np.int64)
    b = np.asarray(b, dtype=np.int64)
    weights = np.asarray(weights, dtype=np.int64)
    keep = (weights > 0) & (a != b)
    a, b, weights = a[keep], b[keep], weights[keep]
    if start_dual is None:
        top_weight = int(weights.max(initial=0))
        dual = [2 * top_weight] * n
        mate = [-1] * n
    else:
        d = np.asarray(start_dual, dtype=np.int64)
        if (d < 0).any() or (d[a] + d[b] < 2 * weights).any():
            raise ValueError("the starting duals are not feasible")
        dual = (2 * d).tolist()
        mate = [-1] * n if start_mate is None else np.asarray(start_mate).tolist()
        for v, m in enumerate(mate):
            if m >= 0 and mate[m] != v:
                raise ValueError("the starting matching is not symmetric")
    solver = _Solver(n, a.tolist(), b.tolist(), (4 * weights).tolist(), dual, mate)
    if start_mate is not None and start_dual is not None:
        pair_w: dict[tuple[int, int], int] = {}
        for x, y, w in zip(a.tolist(), b.tolist(), weights.tolist(), strict=True):
            key = (min(x, y), max(x, y))
            pair_w[key] = max(w, pair_w.get(key, w))
        for v, m in enumerate(mate):
            if m > v and dual[v] + dual[m] != 4 * pair_w.get((v, m), -(2**62)):
                raise ValueError("a starting pair is not a tight edge")
    while solver.stage():
        pass
    blossoms: list[np.ndarray] = []
    zs: list[int] = []
    for x in range(n, len(solver.parent)):
        if solver.leaves[x] and solver.z_at[x] > 0:
            blossoms.append(np.asarray(sorted(solver.leaves[x]), dtype=np.int64))
            zs.append(solver.z_at[x])
    return MatchingCertificate(
        mate=np.asarray(solver.mate, dtype=np.int64),
        vertex_dual=np.asarray(solver.u_at, dtype=np.int64),
        blossoms=tuple(blossoms),
        blossom_dual=np.asarray(zs, dtype=np.int64),
        stages=solver.stages,
    )
