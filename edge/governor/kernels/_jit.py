"""Numba decision kernel, the twin of :mod:`._ref` (read that one first).

Same packed layout, same arithmetic, same results; written as flat loops numba compiles well:
no Python objects, no allocation per call, conditions evaluated without early exits so the
branch pattern does not depend on the data. Compiled with ``cache=True``: the machine code is
reused across processes and bundles (a bundle is data, not code).
"""

from __future__ import annotations

import math

from numba import njit

from edge.governor.kernels import layout

__all__ = ["decide_batch", "decide_one"]

# Pulled into module globals so numba sees compile-time constants. Layout revision 3 (grade,
# road kinds, intersection and misfire input slots); edit this line when layout.py changes so
# numba's cache is rebuilt.
N_INPUTS = layout.N_INPUTS
S_VEHICLE_CLASS, S_X, S_Y, S_NOW = layout.S_VEHICLE_CLASS, layout.S_X, layout.S_Y, layout.S_NOW
S_ZONE_LIMIT, S_ROAD_LIMIT, S_CLASS_LIMIT = (
    layout.S_ZONE_LIMIT,
    layout.S_ROAD_LIMIT,
    layout.S_CLASS_LIMIT,
)
S_SPEED_LIMIT, S_RELEASE_PENDING = layout.S_SPEED_LIMIT, layout.S_RELEASE_PENDING
S_OUT_CAP, S_OUT_BUFFER = layout.S_OUT_CAP, layout.S_OUT_BUFFER
O_GRANTS, O_OUTCOME, O_INVALID, O_FLAGS = (
    layout.O_GRANTS,
    layout.O_OUTCOME,
    layout.O_INVALID,
    layout.O_FLAGS,
)
O_NFIRED, O_FIRED = layout.O_NFIRED, layout.O_FIRED
FLAG_EXPIRED, BLOCK = layout.FLAG_EXPIRED, layout.BLOCK
OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ = (
    layout.OP_LT,
    layout.OP_LE,
    layout.OP_GT,
    layout.OP_GE,
    layout.OP_EQ,
)
OP_ANY, LHS_SPATIAL = layout.OP_ANY, layout.LHS_SPATIAL


@njit(cache=True, inline="always")
def _seg(arr, i_arr, k):  # type: ignore[no-untyped-def]
    return arr[i_arr[2 * k] : i_arr[2 * k + 1]]


@njit(cache=True)
def _inside(vx, vy, ring_start, vert_start, piece, x, y):  # type: ignore[no-untyped-def]
    inside = False
    for ring in range(ring_start[piece], ring_start[piece + 1]):
        for k in range(vert_start[ring], vert_start[ring + 1] - 1):
            x1, y1, x2, y2 = vx[k], vy[k], vx[k + 1], vy[k + 1]
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


@njit(cache=True)
def decide_one(f_arr, i_arr, work, out):  # type: ignore[no-untyped-def]
    """Decide the proposal in ``work[:N_INPUTS]`` (see :func:`._ref.decide_one`)."""
    # 1. inputs
    lo = _seg(f_arr, i_arr, layout.G_FIELD_LO)
    hi = _seg(f_arr, i_arr, layout.G_FIELD_HI)
    integral = _seg(i_arr, i_arr, layout.G_FIELD_INTEGRAL)
    invalid = 0
    for i in range(N_INPUTS):
        v = work[i]
        ok = (v >= lo[i]) and (v <= hi[i]) and (integral[i] == 0 or v == math.floor(v))
        if not ok:
            invalid |= 1 << i

    # 2. where
    smask = 0
    zone_limit = math.inf
    road_limit = math.inf
    pending = 0.0
    x = work[S_X]
    y = work[S_Y]
    grid = _seg(f_arr, i_arr, layout.G_GRID)
    shape = _seg(i_arr, i_arr, layout.G_GRID_SHAPE)
    if math.isfinite(x) and math.isfinite(y):
        fx = math.floor((x - grid[0]) / grid[2])
        fy = math.floor((y - grid[1]) / grid[2])
        if fx >= 0 and fx < shape[0] and fy >= 0 and fy < shape[1]:
            c = int(fy) * shape[0] + int(fx)
            cell_start = _seg(i_arr, i_arr, layout.G_CELL_START)
            items = _seg(i_arr, i_arr, layout.G_CELL_ITEMS)
            piece_entry = _seg(i_arr, i_arr, layout.G_PIECE_ENTRY)
            ring_start = _seg(i_arr, i_arr, layout.G_PIECE_RING_START)
            vert_start = _seg(i_arr, i_arr, layout.G_RING_VERT_START)
            bits = _seg(i_arr, i_arr, layout.G_ENTRY_BITS)
            grant_bits = _seg(i_arr, i_arr, layout.G_ENTRY_GRANT)
            zone_limits = _seg(f_arr, i_arr, layout.G_ENTRY_ZONE_LIMIT)
            road_limits = _seg(f_arr, i_arr, layout.G_ENTRY_ROAD_LIMIT)
            vx = _seg(f_arr, i_arr, layout.G_VX)
            vy = _seg(f_arr, i_arr, layout.G_VY)
            grants = out[O_GRANTS]
            for k in range(cell_start[c], cell_start[c + 1]):
                item = items[k]
                entry = -1
                if item < 0:
                    entry = ~item
                elif _inside(vx, vy, ring_start, vert_start, item, x, y):
                    entry = piece_entry[item]
                if entry >= 0:
                    smask |= bits[entry]
                    zone_limit = min(zone_limit, zone_limits[entry])
                    road_limit = min(road_limit, road_limits[entry])
                    if grant_bits[entry] != 0 and (grant_bits[entry] & grants) == 0:
                        pending = 1.0

    # 3. limits
    class_limits = _seg(f_arr, i_arr, layout.G_CLASS_LIMIT)
    code = work[S_VEHICLE_CLASS]
    class_limit = math.inf
    if code >= 0 and code < class_limits.shape[0] and code == math.floor(code):
        class_limit = class_limits[int(code)]
    speed_limit = min(zone_limit, min(road_limit, class_limit))
    work[S_ZONE_LIMIT] = zone_limit
    work[S_ROAD_LIMIT] = road_limit
    work[S_CLASS_LIMIT] = class_limit
    work[S_SPEED_LIMIT] = speed_limit
    work[S_RELEASE_PENDING] = pending

    # 4. rules
    cond_lhs = _seg(i_arr, i_arr, layout.G_COND_LHS)
    cond_op = _seg(i_arr, i_arr, layout.G_COND_OP)
    cond_rhs = _seg(i_arr, i_arr, layout.G_COND_RHS)
    cond_mask = _seg(i_arr, i_arr, layout.G_COND_MASK)
    rule_start = _seg(i_arr, i_arr, layout.G_RULE_START)
    outcomes = _seg(i_arr, i_arr, layout.G_RULE_OUTCOME)
    cap_slots = _seg(i_arr, i_arr, layout.G_RULE_CAP_SLOT)
    rule_flags = _seg(i_arr, i_arr, layout.G_RULE_FLAGS)
    caps = _seg(f_arr, i_arr, layout.G_RULE_CAP)
    factors = _seg(f_arr, i_arr, layout.G_RULE_FACTOR)
    buffers = _seg(f_arr, i_arr, layout.G_RULE_BUFFER)
    outcome = 0
    flags = 0
    cap = math.inf
    buffer = 0.0
    nfired = 0
    for r in range(rule_start.shape[0] - 1):
        fire = True
        for c in range(rule_start[r], rule_start[r + 1]):
            op = cond_op[c]
            lhs = cond_lhs[c]
            if op >= OP_ANY:
                if lhs == LHS_SPATIAL:
                    b = smask
                else:
                    v = work[lhs]
                    b = (1 << int(v)) if (v >= 0 and v < 63) else 0
                hit = (b & cond_mask[c]) != 0
                t = hit if op == OP_ANY else not hit
            else:
                a = work[lhs]
                w = work[cond_rhs[c]]
                if op == OP_LT:
                    t = a < w
                elif op == OP_LE:
                    t = a <= w
                elif op == OP_GT:
                    t = a > w
                elif op == OP_GE:
                    t = a >= w
                elif op == OP_EQ:
                    t = a == w
                else:
                    t = a != w
            fire = fire and t
        if fire:
            out[O_FIRED + nfired] = r
            nfired += 1
            outcome = max(outcome, outcomes[r])
            flags |= rule_flags[r]
            cap = min(cap, min(caps[r], min(factors[r] * speed_limit, work[cap_slots[r]])))
            buffer = max(buffer, buffers[r])

    # 5. built-in checks
    if invalid != 0:
        outcome = max(outcome, BLOCK)
    if work[S_NOW] > _seg(f_arr, i_arr, layout.G_EXPIRES)[0]:
        flags |= FLAG_EXPIRED
        outcome = max(outcome, BLOCK)
    for k in range(O_FIRED + nfired, out.shape[0]):
        out[k] = -1  # so the head of ``out`` identifies the decision exactly
    out[O_OUTCOME] = outcome
    out[O_INVALID] = invalid
    out[O_FLAGS] = flags
    out[O_NFIRED] = nfired
    work[S_OUT_CAP] = cap
    work[S_OUT_BUFFER] = buffer


@njit(cache=True)
def decide_batch(f_arr, i_arr, work, rows, grants, codes, caps, out):  # type: ignore[no-untyped-def]
    """Decide ``rows`` (``(n, N_INPUTS)``) into ``codes`` and ``caps`` (see :mod:`._ref`)."""
    for j in range(rows.shape[0]):
        for i in range(N_INPUTS):
            work[i] = rows[j, i]
        out[O_GRANTS] = grants[j]
        decide_one(f_arr, i_arr, work, out)
        codes[j] = out[O_OUTCOME]
        caps[j] = work[S_OUT_CAP]
