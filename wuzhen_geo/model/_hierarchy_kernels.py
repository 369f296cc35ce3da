"""Compiled kernels of the contraction hierarchy (numba): contraction, and the PHAST one-to-all query.

Contraction (Geisberger et al. 2008) removes the nodes one by one, cheapest first; when a node ``v`` goes, a
shortcut ``u -> x`` replaces each path ``u -> v -> x`` unless a local search finds another path from ``u`` to
``x`` that is no longer (a *witness*). A search stopped early only adds shortcuts, so the hierarchy stays
exact whatever the limits. PHAST (Delling et al. 2011) answers one-to-all with an upward search from the
sources and one linear pass over the downward arcs, in rank order: no priority queue over the whole graph.

Only :mod:`wuzhen_geo.model._hierarchy` calls these; they take and return plain arrays.
"""

from __future__ import annotations

import numpy as np
from numba import njit

INF = np.inf


# ---------------------------------------------------------------------------------------- heaps


@njit(cache=True)
def _heap_push(keys, vals, size, key, val):
    """Push onto a binary min-heap kept in ``keys``/``vals``; the new size, or -1 when it is full."""
    if size >= keys.shape[0]:
        return -1
    i = size
    while i > 0:
        parent = (i - 1) >> 1
        if keys[parent] <= key:
            break
        keys[i] = keys[parent]
        vals[i] = vals[parent]
        i = parent
    keys[i] = key
    vals[i] = val
    return size + 1


@njit(cache=True)
def _heap_pop(keys, vals, size):
    """Drop the root (read ``keys[0]``, ``vals[0]`` first); the new size."""
    size -= 1
    if size == 0:
        return 0
    key = keys[size]
    val = vals[size]
    i = 0
    while True:
        child = 2 * i + 1
        if child >= size:
            break
        if child + 1 < size and keys[child + 1] < keys[child]:
            child += 1
        if keys[child] >= key:
            break
        keys[i] = keys[child]
        vals[i] = vals[child]
        i = child
    keys[i] = key
    vals[i] = val
    return size


# --------------------------------------------------------------------- the graph being contracted
# Each live node has an out-list and an in-list of live neighbours, kept in two pools. A full list moves to
# the end of its pool with twice the room; a pool that runs out is copied into one twice as large.


@njit(cache=True)
def _resized(a, size):
    b = np.empty(size, a.dtype)
    b[: a.shape[0]] = a
    return b


@njit(cache=True)
def _append(start, length, room, to, w, end, node, target, minutes):
    if length[node] == room[node]:
        new_room = 2 * room[node] + 4
        if end + new_room > to.shape[0]:
            size = max(end + new_room, 2 * to.shape[0])
            to = _resized(to, size)
            w = _resized(w, size)
        for k in range(length[node]):
            to[end + k] = to[start[node] + k]
            w[end + k] = w[start[node] + k]
        start[node] = end
        room[node] = new_room
        end += new_room
    p = start[node] + length[node]
    to[p] = target
    w[p] = minutes
    length[node] += 1
    return to, w, end


@njit(cache=True)
def _remove(start, length, to, w, node, target):
    s = start[node]
    for k in range(s, s + length[node]):
        if to[k] == target:
            last = s + length[node] - 1
            to[k] = to[last]
            w[k] = w[last]
            length[node] -= 1
            return


@njit(cache=True)
def _set_minutes(start, length, to, w, node, target, minutes):
    for k in range(start[node], start[node] + length[node]):
        if to[k] == target:
            w[k] = minutes
            return


@njit(cache=True)
def _add_arc(g, u, x, minutes):
    """Add ``u -> x`` to the live graph, or shorten the arc already there."""
    ostart, olen, oroom, oto, ow, oend, istart, ilen, iroom, ito, iw, iend = g
    for k in range(ostart[u], ostart[u] + olen[u]):
        if oto[k] == x:
            if minutes < ow[k]:
                ow[k] = minutes
                _set_minutes(istart, ilen, ito, iw, x, u, minutes)
            return g
    oto, ow, oend = _append(ostart, olen, oroom, oto, ow, oend, u, x, minutes)
    ito, iw, iend = _append(istart, ilen, iroom, ito, iw, iend, x, u, minutes)
    return ostart, olen, oroom, oto, ow, oend, istart, ilen, iroom, ito, iw, iend


@njit(cache=True)
def _live_graph(n, indptr, indices, weights):
    degree_out = np.zeros(n, np.int64)
    degree_in = np.zeros(n, np.int64)
    for u in range(n):
        degree_out[u] = indptr[u + 1] - indptr[u]
        for k in range(indptr[u], indptr[u + 1]):
            degree_in[indices[k]] += 1
    pools = []
    for degree in (degree_out, degree_in):  # room for today's arcs, and as many again for shortcuts
        room = 2 * degree + 2
        start = np.zeros(n, np.int64)
        start[1:] = np.cumsum(room)[:-1]
        size = int(room.sum())
        pools.append((start, np.zeros(n, np.int64), room, np.empty(size, np.int64), np.empty(size, np.float64),
                      size))
    (ostart, olen, oroom, oto, ow, oend), (istart, ilen, iroom, ito, iw, iend) = pools[0], pools[1]
    g = (ostart, olen, oroom, oto, ow, oend, istart, ilen, iroom, ito, iw, iend)
    for u in range(n):
        for k in range(indptr[u], indptr[u + 1]):
            if indices[k] != u:  # a self-loop never shortens a path
                g = _add_arc(g, u, indices[k], weights[k])
    return g


# ------------------------------------------------------------------------------ witness searches


@njit(cache=True)
def _witness_search(source, skip, bound, settle_limit, ostart, olen, oto, ow, dist, touched, hkeys, hvals,
                    via, targets_left):
    """Local Dijkstra from ``source`` in the live graph without ``skip``, to at most ``bound`` minutes and
    ``settle_limit`` settled nodes; it stops once every target (``via[x] >= 0``) has a path no longer than
    ``via[x]``. Every distance it leaves in ``dist`` is the length of a real path; ``touched[:count]`` lists
    them for the reset. Returns ``count``."""
    dist[source] = 0.0
    touched[0] = source
    count = 1
    size = _heap_push(hkeys, hvals, 0, 0.0, source)
    settled = 0
    while size > 0:
        d = hkeys[0]
        u = hvals[0]
        size = _heap_pop(hkeys, hvals, size)
        if d > dist[u]:
            continue
        if d > bound or settled >= settle_limit:
            break
        settled += 1
        for k in range(ostart[u], ostart[u] + olen[u]):
            x = oto[k]
            nd = d + ow[k]
            if x == skip or nd >= dist[x] or nd > bound:
                continue
            if dist[x] == INF:
                touched[count] = x
                count += 1
            if via[x] >= 0.0 and nd <= via[x] < dist[x]:
                targets_left -= 1
            dist[x] = nd
            if targets_left == 0:
                return count
            size = _heap_push(hkeys, hvals, size, nd, x)
            if size < 0:  # the heap is full: stop here (fewer witnesses, more shortcuts; still exact)
                return count
    return count


@njit(cache=True)
def _shortcuts(v, settle_limit, g, work, out_u, out_x, out_w):
    """The shortcuts that removing ``v`` needs, written to ``out_*`` while there is room; returns how many."""
    ostart, olen, oroom, oto, ow, oend, istart, ilen, iroom, ito, iw, iend = g
    dist, touched, hkeys, hvals, via = work
    found = 0
    for a in range(istart[v], istart[v] + ilen[v]):
        u = ito[a]
        bound = -1.0
        targets = 0
        for b in range(ostart[v], ostart[v] + olen[v]):
            if oto[b] != u:
                via[oto[b]] = iw[a] + ow[b]
                bound = max(bound, iw[a] + ow[b])
                targets += 1
        if targets == 0:
            continue
        count = _witness_search(u, v, bound, settle_limit, ostart, olen, oto, ow, dist, touched, hkeys, hvals,
                                via, targets)
        for b in range(ostart[v], ostart[v] + olen[v]):
            x = oto[b]
            if x != u and dist[x] > via[x]:  # no path as short as the one through v
                if found < out_u.shape[0]:
                    out_u[found] = u
                    out_x[found] = x
                    out_w[found] = via[x]
                found += 1
            via[x] = -1.0
        for k in range(count):
            dist[touched[k]] = INF
    return found


@njit(cache=True)
def _priority(v, settle_limit, g, work, out_u, out_x, out_w, deleted, level):
    """Edge difference (shortcuts added less arcs removed), plus the removed neighbours and the depth, which
    spread the contraction evenly over the graph."""
    olen, ilen = g[1], g[7]
    added = _shortcuts(v, settle_limit, g, work, out_u, out_x, out_w)
    return 2 * (added - olen[v] - ilen[v]) + deleted[v] + level[v]


@njit(cache=True)
def _append_arc(t, h, w, count, tail, head, minutes):
    if count == t.shape[0]:
        t = _resized(t, 2 * count + 16)
        h = _resized(h, 2 * count + 16)
        w = _resized(w, 2 * count + 16)
    t[count] = tail
    h[count] = head
    w[count] = minutes
    return t, h, w, count + 1


@njit(cache=True)
def contract(n, indptr, indices, weights, settle_limit, priority_settle_limit):
    """Contract every node of a CSR graph (non-negative weights) in a lazily updated priority order.

    Returns ``rank`` (the contraction order of each node), then the upward arcs (tail ranked below head) and
    the downward arcs (head ranked below tail), each as ``tail, head, minutes`` arrays. Between them they are
    the original arcs (parallel arcs merged, self-loops dropped) and the shortcuts.
    """
    g = _live_graph(n, indptr, indices, weights)
    work = (np.full(n, INF), np.empty(n + 1, np.int64), np.empty(max(64 * settle_limit, 4096), np.float64),
            np.empty(max(64 * settle_limit, 4096), np.int64), np.full(n, -1.0))
    out_u = np.empty(4096, np.int64)
    out_x = np.empty(4096, np.int64)
    out_w = np.empty(4096, np.float64)
    deleted = np.zeros(n, np.int64)
    level = np.zeros(n, np.int64)
    prio = np.zeros(n, np.int64)
    done = np.zeros(n, np.bool_)
    rank = np.empty(n, np.int64)
    qkeys = np.empty(4 * n + 16, np.float64)
    qvals = np.empty(4 * n + 16, np.int64)
    qsize = 0
    for v in range(n):
        prio[v] = _priority(v, priority_settle_limit, g, work, out_u, out_x, out_w, deleted, level)
        qsize = _heap_push(qkeys, qvals, qsize, float(prio[v]), v)
    up_t, up_h, up_w = np.empty(indptr[n] + 16, np.int64), np.empty(indptr[n] + 16, np.int64), np.empty(
        indptr[n] + 16, np.float64)
    dn_t, dn_h, dn_w = up_t.copy(), up_h.copy(), up_w.copy()
    n_up = 0
    n_dn = 0
    next_rank = 0
    seen = np.full(n, -1, np.int64)
    while qsize > 0:
        v = qvals[0]
        stale = done[v] or qkeys[0] != float(prio[v])
        qsize = _heap_pop(qkeys, qvals, qsize)
        if stale:
            continue
        # lazy update: the removal of other nodes may have made v dearer; if so, put it back
        p = _priority(v, priority_settle_limit, g, work, out_u, out_x, out_w, deleted, level)
        if qsize > 0 and p > qkeys[0]:
            prio[v] = p
            if qsize == qkeys.shape[0]:  # full of stale entries: start again from the live nodes
                qsize = 0
                for y in range(n):
                    if not done[y]:
                        qsize = _heap_push(qkeys, qvals, qsize, float(prio[y]), y)
            else:
                qsize = _heap_push(qkeys, qvals, qsize, float(p), v)
            continue
        k = _shortcuts(v, settle_limit, g, work, out_u, out_x, out_w)
        if k > out_u.shape[0]:
            out_u = np.empty(2 * k, np.int64)
            out_x = np.empty(2 * k, np.int64)
            out_w = np.empty(2 * k, np.float64)
            k = _shortcuts(v, settle_limit, g, work, out_u, out_x, out_w)
        rank[v] = next_rank
        next_rank += 1
        done[v] = True
        ostart, olen, oroom, oto, ow, oend, istart, ilen, iroom, ito, iw, iend = g
        # v's arcs to live nodes are final: they join the hierarchy, and leave the live graph
        for b in range(ostart[v], ostart[v] + olen[v]):
            up_t, up_h, up_w, n_up = _append_arc(up_t, up_h, up_w, n_up, v, oto[b], ow[b])
            _remove(istart, ilen, ito, iw, oto[b], v)
        for a in range(istart[v], istart[v] + ilen[v]):
            dn_t, dn_h, dn_w, n_dn = _append_arc(dn_t, dn_h, dn_w, n_dn, ito[a], v, iw[a])
            _remove(ostart, olen, oto, ow, ito[a], v)
        for s in range(k):
            g = _add_arc(g, out_u[s], out_x[s], out_w[s])
        ostart, olen, oroom, oto, ow, oend, istart, ilen, iroom, ito, iw, iend = g
        for side in range(2):  # each neighbour once: one more removed neighbour, and one level deeper
            first = ostart[v] if side == 0 else istart[v]
            for a in range(first, first + (olen[v] if side == 0 else ilen[v])):
                y = oto[a] if side == 0 else ito[a]
                if seen[y] != v:
                    seen[y] = v
                    deleted[y] += 1
                    level[y] = max(level[y], level[v] + 1)
    return rank, up_t[:n_up], up_h[:n_up], up_w[:n_up], dn_t[:n_dn], dn_h[:n_dn], dn_w[:n_dn]


# -------------------------------------------------------------------------------------------- query


@njit(cache=True)
def phast(up_ptr, up_to, up_w, down_ptr, down_from, down_w, sources, offsets, position, out):
    """Minutes from ``sources`` (sweep ids, with start ``offsets``) to every node, written to ``out`` in the
    caller's node order (``position[i]`` is the sweep id of node ``i``).

    Sweep ids number the nodes from the highest ranked down, so the pass runs forward through memory.
    """
    n = position.shape[0]
    dist = np.full(n, INF)
    hkeys = np.empty(up_to.shape[0] + sources.shape[0] + 1, np.float64)
    hvals = np.empty(hkeys.shape[0], np.int64)
    size = 0
    for s in range(sources.shape[0]):
        if offsets[s] < dist[sources[s]]:
            dist[sources[s]] = offsets[s]
            size = _heap_push(hkeys, hvals, size, offsets[s], sources[s])
    while size > 0:  # each node settles once, so the heap never holds more than the upward arcs
        d = hkeys[0]
        u = hvals[0]
        size = _heap_pop(hkeys, hvals, size)
        if d > dist[u]:
            continue
        for k in range(up_ptr[u], up_ptr[u + 1]):
            nd = d + up_w[k]
            if nd < dist[up_to[k]]:
                dist[up_to[k]] = nd
                size = _heap_push(hkeys, hvals, size, nd, up_to[k])
    for v in range(n):
        best = dist[v]
        for k in range(down_ptr[v], down_ptr[v + 1]):
            t = dist[down_from[k]] + down_w[k]
            if t < best:
                best = t
        dist[v] = best
    for i in range(n):
        out[i] = dist[position[i]]


@njit(cache=True)
def phast_each(up_ptr, up_to, up_w, down_ptr, down_from, down_w, sources, position, out):
    """One-to-all from each source on its own: row ``r`` of ``out`` holds the minutes from ``sources[r]``."""
    offset = np.zeros(1)
    for r in range(sources.shape[0]):
        phast(up_ptr, up_to, up_w, down_ptr, down_from, down_w, sources[r : r + 1], offset, position, out[r])
