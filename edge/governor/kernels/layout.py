"""The memory layout shared by the compiler and both kernels.

A compiled policy is two flat arrays, ``F`` (float64) and ``I`` (int64), so that a kernel call
passes four arrays whatever the bundle (numba's per-argument cost dominates small calls).
``I`` starts with a header of ``2 * N_SEGMENTS`` offsets: segment ``k`` is
``I[I[2k]:I[2k+1]]`` (integer segments) or ``F[I[2k]:I[2k+1]]`` (float segments).

Per call the kernels also take ``work`` (float64: input slots, derived slots, outputs and the
compiled constants) and ``out`` (int64: the grant mask in, the outcome, the masks and the fired
rule indices out).

The constants are literal on purpose: numba bakes globals into its cached machine code, and the
cache is keyed on ``_jit.py`` only. After editing this file, touch ``_jit.py`` (or clear its
``__pycache__``) so the cached kernels are rebuilt.
"""

from __future__ import annotations

# ---- work slots: inputs (edge.governor.context.INPUT_FIELDS order) -------------------------
N_INPUTS = 25
S_VEHICLE_CLASS = 1
S_X = 4
S_Y = 5
S_NOW = 15
S_GAP = 16
"""``gap_m``; the inputs after it (``grade_pct`` .. ``misfire_elapsed_s``, slots 17-24) are
read by rules only, never by the kernels' fixed steps."""
# ---- work slots: derived (edge.governor.context.DERIVED_FIELDS order) ----------------------
S_ZONE_LIMIT = 25
S_ROAD_LIMIT = 26
S_CLASS_LIMIT = 27
S_SPEED_LIMIT = 28
S_RELEASE_PENDING = 29
# ---- work slots: outputs, then constants ---------------------------------------------------
S_OUT_CAP = 30
S_OUT_BUFFER = 31
S_INF = 32
"""The first constant slot always holds +inf (the default cap slot)."""
N_FIXED_SLOTS = 33

# ---- out (int64) ---------------------------------------------------------------------------
O_GRANTS = 0
"""Input: bit mask of the RELEASE zones granted to this proposal."""
O_OUTCOME = 1
O_INVALID = 2
"""Bit ``i`` set: input slot ``i`` is missing, non-numeric or out of range."""
O_FLAGS = 3
O_NFIRED = 4
O_FIRED = 5
"""Fired bundle rule indices start here, in bundle order."""

FLAG_NO_REVERSE = 1
FLAG_NO_NEW_MISSIONS = 2
FLAG_EXPIRED = 4

# ---- outcome severities (edge.governor.outcomes.SEVERITY order) ----------------------------
ALLOW = 0
RESTRICT = 1
ESCALATE = 2
BLOCK = 3
TERMINATE = 4

# ---- condition operators -------------------------------------------------------------------
OP_LT = 0
OP_LE = 1
OP_GT = 2
OP_GE = 3
OP_EQ = 4
OP_NE = 5
OP_ANY = 6
"""``bits(lhs) & mask != 0``: a category code in a set, or a spatial feature present."""
OP_NONE = 7
"""``bits(lhs) & mask == 0``."""
LHS_SPATIAL = -1
"""Condition operand meaning "the spatial feature mask at the point"."""

# ---- segments ------------------------------------------------------------------------------
# integer segments (in I)
G_COND_LHS = 0
G_COND_OP = 1
G_COND_RHS = 2
G_COND_MASK = 3
G_RULE_START = 4
"""``n_rules + 1`` offsets into the condition arrays."""
G_RULE_OUTCOME = 5
G_RULE_CAP_SLOT = 6
G_RULE_FLAGS = 7
G_GRID_SHAPE = 8
"""``[nx, ny]``."""
G_CELL_START = 9
"""``nx * ny + 1`` offsets into ``G_CELL_ITEMS`` (cell ``cy * nx + cx``)."""
G_CELL_ITEMS = 10
"""``p >= 0``: test piece ``p``; ``~e`` (negative): the cell lies inside entry ``e``."""
G_PIECE_ENTRY = 11
G_PIECE_RING_START = 12
"""``n_pieces + 1`` offsets into ``G_RING_VERT_START``."""
G_RING_VERT_START = 13
"""``n_rings + 1`` offsets into the vertex arrays (rings are closed: last == first)."""
G_ENTRY_BITS = 14
G_ENTRY_GRANT = 15
G_FIELD_INTEGRAL = 16
"""Per input slot: 1 when the value must be a whole number (codes, flags)."""
# float segments (in F)
G_FIELD_LO = 17
G_FIELD_HI = 18
G_RULE_CAP = 19
G_RULE_FACTOR = 20
G_RULE_BUFFER = 21
G_GRID = 22
"""``[x0, y0, cell_m]``."""
G_VX = 23
G_VY = 24
G_ENTRY_ZONE_LIMIT = 25
G_ENTRY_ROAD_LIMIT = 26
G_CLASS_LIMIT = 27
G_EXPIRES = 28
"""One value: the bundle's expiry, epoch seconds (+inf when none)."""
N_SEGMENTS = 29
