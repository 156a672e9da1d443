"""Reference decision kernel: readable Python and NumPy, the twin of :mod:`._jit`.

Both kernels read the compiled policy from the packed arrays described in
:mod:`edge.governor.kernels.layout` and must give identical results; the tests compare them on
random proposals. This one is for reading, debugging and ``ATLASMESH_NO_JIT=1``.

One decision, in order:

1. validate every input slot (range, NaN, whole numbers for codes) into a bit mask;
2. locate the point in the site's grid and test the cell's pieces: the spatial feature mask,
   the lowest zone and road limits, and whether a RELEASE zone here lacks a grant;
3. derive the class limit and ``speed_limit_mps``;
4. evaluate every rule (all conditions must hold), combining outcomes by severity and merging
   constraints tightest-wins (lowest cap, largest buffer, OR of flags);
5. built-in checks: invalid inputs and an expired bundle are at least BLOCK.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from edge.governor.kernels import layout

if TYPE_CHECKING:
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]
    IntArray = npt.NDArray[np.int64]

__all__ = ["decide_batch", "decide_one"]


def _ints(i_arr: IntArray, k: int) -> IntArray:
    """Integer segment ``k``."""
    return i_arr[i_arr[2 * k] : i_arr[2 * k + 1]]


def _floats(f_arr: FloatArray, i_arr: IntArray, k: int) -> FloatArray:
    """Float segment ``k``."""
    return f_arr[i_arr[2 * k] : i_arr[2 * k + 1]]


def _invalid_mask(f_arr: FloatArray, i_arr: IntArray, work: FloatArray) -> int:
    """Bit ``i`` set when input slot ``i`` is NaN, out of range or not a whole number."""
    lo = _floats(f_arr, i_arr, layout.G_FIELD_LO)
    hi = _floats(f_arr, i_arr, layout.G_FIELD_HI)
    integral = _ints(i_arr, layout.G_FIELD_INTEGRAL)
    mask = 0
    for i in range(layout.N_INPUTS):
        v = float(work[i])
        ok = lo[i] <= v <= hi[i] and (integral[i] == 0 or v == math.floor(v))
        if not ok:
            mask |= 1 << i
    return mask


def _inside(f_arr: FloatArray, i_arr: IntArray, piece: int, x: float, y: float) -> bool:
    """Even-odd point-in-polygon over every ring of a piece (holes included)."""
    ring_start = _ints(i_arr, layout.G_PIECE_RING_START)
    vert_start = _ints(i_arr, layout.G_RING_VERT_START)
    vx = _floats(f_arr, i_arr, layout.G_VX)
    vy = _floats(f_arr, i_arr, layout.G_VY)
    crossings = 0
    for ring in range(ring_start[piece], ring_start[piece + 1]):
        xs = vx[vert_start[ring] : vert_start[ring + 1]]
        ys = vy[vert_start[ring] : vert_start[ring + 1]]
        x1, y1, x2, y2 = xs[:-1], ys[:-1], xs[1:], ys[1:]
        straddles = (y1 > y) != (y2 > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_cross = (x2 - x1) * (y - y1) / (y2 - y1) + x1
        crossings += int(np.count_nonzero(straddles & (x < x_cross)))
    return crossings % 2 == 1


def _locate(
    f_arr: FloatArray, i_arr: IntArray, x: float, y: float, grants: int
) -> tuple[int, float, float, bool]:
    """Spatial feature mask, zone limit, road limit and release-pending at ``(x, y)``."""
    smask, zone_limit, road_limit, pending = 0, math.inf, math.inf, False
    if not (math.isfinite(x) and math.isfinite(y)):
        return smask, zone_limit, road_limit, pending
    x0, y0, cell = _floats(f_arr, i_arr, layout.G_GRID)
    nx, ny = _ints(i_arr, layout.G_GRID_SHAPE)
    fx, fy = math.floor((x - x0) / cell), math.floor((y - y0) / cell)
    if not (0 <= fx < nx and 0 <= fy < ny):
        return smask, zone_limit, road_limit, pending
    cx, cy = int(fx), int(fy)
    cell_start = _ints(i_arr, layout.G_CELL_START)
    items = _ints(i_arr, layout.G_CELL_ITEMS)
    piece_entry = _ints(i_arr, layout.G_PIECE_ENTRY)
    bits = _ints(i_arr, layout.G_ENTRY_BITS)
    grant_bits = _ints(i_arr, layout.G_ENTRY_GRANT)
    zone_limits = _floats(f_arr, i_arr, layout.G_ENTRY_ZONE_LIMIT)
    road_limits = _floats(f_arr, i_arr, layout.G_ENTRY_ROAD_LIMIT)
    c = cy * nx + cx
    for item in items[cell_start[c] : cell_start[c + 1]]:
        if item < 0:
            entry = ~int(item)  # the whole cell lies inside this entry
        elif _inside(f_arr, i_arr, int(item), x, y):
            entry = int(piece_entry[item])
        else:
            continue
        smask |= int(bits[entry])
        zone_limit = min(zone_limit, float(zone_limits[entry]))
        road_limit = min(road_limit, float(road_limits[entry]))
        if grant_bits[entry] != 0 and (int(grant_bits[entry]) & grants) == 0:
            pending = True
    return smask, zone_limit, road_limit, pending


def _class_limit(f_arr: FloatArray, i_arr: IntArray, code: float) -> float:
    """Return the vehicle class's speed limit, or +inf when the code is not a valid class."""
    limits = _floats(f_arr, i_arr, layout.G_CLASS_LIMIT)
    if 0 <= code < len(limits) and code == math.floor(code):
        return float(limits[int(code)])
    return math.inf


def _holds(i_arr: IntArray, work: FloatArray, smask: int, c: int) -> bool:
    """Whether condition ``c`` holds."""
    op = int(_ints(i_arr, layout.G_COND_OP)[c])
    lhs = int(_ints(i_arr, layout.G_COND_LHS)[c])
    if op >= layout.OP_ANY:
        if lhs == layout.LHS_SPATIAL:
            bits = smask
        else:
            code = float(work[lhs])
            bits = 1 << int(code) if 0 <= code < 63 else 0
        hit = (bits & int(_ints(i_arr, layout.G_COND_MASK)[c])) != 0
        return hit if op == layout.OP_ANY else not hit
    a = float(work[lhs])
    b = float(work[int(_ints(i_arr, layout.G_COND_RHS)[c])])
    compare = {
        layout.OP_LT: a < b,
        layout.OP_LE: a <= b,
        layout.OP_GT: a > b,
        layout.OP_GE: a >= b,
        layout.OP_EQ: a == b,
        layout.OP_NE: a != b,
    }
    return compare[op]


def decide_one(f_arr: FloatArray, i_arr: IntArray, work: FloatArray, out: IntArray) -> None:
    """Decide the proposal in ``work[:N_INPUTS]`` with the grant mask in ``out[O_GRANTS]``.

    Writes the outcome, the invalid-input mask, the flags and the fired rule indices into
    ``out``, the merged speed cap (+inf when none) and buffer (0 when none) into ``work``.
    """
    invalid = _invalid_mask(f_arr, i_arr, work)
    x, y = float(work[layout.S_X]), float(work[layout.S_Y])
    smask, zone_limit, road_limit, pending = _locate(f_arr, i_arr, x, y, int(out[layout.O_GRANTS]))
    class_limit = _class_limit(f_arr, i_arr, float(work[layout.S_VEHICLE_CLASS]))
    speed_limit = min(zone_limit, road_limit, class_limit)
    work[layout.S_ZONE_LIMIT] = zone_limit
    work[layout.S_ROAD_LIMIT] = road_limit
    work[layout.S_CLASS_LIMIT] = class_limit
    work[layout.S_SPEED_LIMIT] = speed_limit
    work[layout.S_RELEASE_PENDING] = 1.0 if pending else 0.0

    rule_start = _ints(i_arr, layout.G_RULE_START)
    outcomes = _ints(i_arr, layout.G_RULE_OUTCOME)
    cap_slots = _ints(i_arr, layout.G_RULE_CAP_SLOT)
    rule_flags = _ints(i_arr, layout.G_RULE_FLAGS)
    caps = _floats(f_arr, i_arr, layout.G_RULE_CAP)
    factors = _floats(f_arr, i_arr, layout.G_RULE_FACTOR)
    buffers = _floats(f_arr, i_arr, layout.G_RULE_BUFFER)
    outcome, flags, cap, buffer, nfired = layout.ALLOW, 0, math.inf, 0.0, 0
    for r in range(len(rule_start) - 1):
        conditions = range(rule_start[r], rule_start[r + 1])
        if all(_holds(i_arr, work, smask, c) for c in conditions):
            out[layout.O_FIRED + nfired] = r
            nfired += 1
            outcome = max(outcome, int(outcomes[r]))
            flags |= int(rule_flags[r])
            cap = min(cap, caps[r], factors[r] * speed_limit, work[cap_slots[r]])
            buffer = max(buffer, buffers[r])

    if invalid:
        outcome = max(outcome, layout.BLOCK)
    if work[layout.S_NOW] > _floats(f_arr, i_arr, layout.G_EXPIRES)[0]:
        flags |= layout.FLAG_EXPIRED
        outcome = max(outcome, layout.BLOCK)
    out[layout.O_FIRED + nfired :] = -1  # so the head of ``out`` identifies the decision
    out[layout.O_OUTCOME] = outcome
    out[layout.O_INVALID] = invalid
    out[layout.O_FLAGS] = flags
    out[layout.O_NFIRED] = nfired
    work[layout.S_OUT_CAP] = cap
    work[layout.S_OUT_BUFFER] = buffer


def decide_batch(
    f_arr: FloatArray,
    i_arr: IntArray,
    work: FloatArray,
    rows: FloatArray,
    grants: IntArray,
    codes: npt.NDArray[np.int8],
    caps: FloatArray,
    out: IntArray,
) -> None:
    """Decide ``rows`` (``(n, N_INPUTS)``): outcome codes into ``codes``, speed caps into ``caps``.

    ``work`` and ``out`` are scratch arrays of the single-decision sizes.
    """
    for j in range(rows.shape[0]):
        work[: layout.N_INPUTS] = rows[j]
        out[layout.O_GRANTS] = grants[j]
        decide_one(f_arr, i_arr, work, out)
        codes[j] = out[layout.O_OUTCOME]
        caps[j] = work[layout.S_OUT_CAP]
