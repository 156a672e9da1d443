"""The governor: decide proposals against a compiled policy, one at a time or in batches.

A decision is deterministic (same bundle, site and proposal, same decision) and fails closed:
any missing, non-numeric, unknown or out-of-range input makes it at least BLOCK, with the
built-in rule ``core.input_invalid`` naming the fields; an expired bundle makes it at least
BLOCK with ``core.bundle_expired``. Nothing on the decision path raises for bad data.

A ``Governor`` keeps per-instance scratch buffers: use one per thread (the edge node decides on
its event loop thread).
"""

from __future__ import annotations

import hashlib
import math
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from edge.governor.compiler import compile_policy
from edge.governor.context import INPUT_DEFAULTS, INPUT_FIELDS
from edge.governor.errors import BatchError
from edge.governor.inputs import Encoder
from edge.governor.kernels import layout
from edge.governor.kernels.dispatch import warm_up
from edge.governor.outcomes import SEVERITY, Decision, Escalation
from edge.protocol.messages import Constraint, Outcome

if TYPE_CHECKING:
    from collections.abc import Mapping

    import numpy.typing as npt

    from edge.governor.compiler import CompiledPolicy
    from edge.governor.context import Proposal
    from edge.governor.kernels.dispatch import Kernels
    from edge.governor.rules import PolicyBundle
    from maps.site import Site

__all__ = ["BATCH_CHUNK", "BUNDLE_EXPIRED", "INPUT_INVALID", "Governor"]

INPUT_INVALID = "core.input_invalid"
"""Built-in rule: an input is missing, of the wrong type, unknown or out of range (BLOCK)."""
BUNDLE_EXPIRED = "core.bundle_expired"
"""Built-in rule: the bundle's ``expires_at`` has passed (BLOCK)."""
BATCH_CHUNK = 65_536
"""Rows per kernel call in :meth:`Governor.decide_batch` (bounds the scratch memory)."""

_INVALID_TEXT = "An input is missing, of the wrong type, unknown or out of range"
_EXPIRED_TEXT = "The policy bundle has expired; only a current bundle may allow actions."
_CRITICALITY = ("low", "medium", "high", "critical")
_HOLD = ("slow", "hold", "safe_stop")
_CACHE_MAX = 4096
_FIELD_NAMES = tuple(f.name for f in INPUT_FIELDS)


class Governor:
    """Decides proposals against one bundle compiled for one site.

    Parameters
    ----------
    bundle
        A validated policy bundle.
    site
        The site its zone conditions refer to (``None``: no geometry).
    jit
        ``True``/``False`` to choose the kernels; ``None`` follows ``ATLASMESH_NO_JIT``.
    max_cells
        Spatial grid cells along the site's longer side.
    """

    def __init__(
        self,
        bundle: PolicyBundle,
        site: Site | None = None,
        *,
        jit: bool | None = None,
        max_cells: int = 128,
    ) -> None:
        self._bundle = bundle
        self._site = site
        self._policy: CompiledPolicy = compile_policy(bundle, site, max_cells=max_cells)
        self._kernels: Kernels = warm_up(jit)
        self._work = self._policy.work.copy()
        self._decide_one = self._kernels.decide_one
        self._encoder = Encoder(
            self._work, self._policy.codes, self._policy.profile_other, self._policy.release_bits
        )
        self._out = np.zeros(layout.O_FIRED + max(1, self._policy.n_rules), dtype=np.int64)
        self._outputs = self._work[layout.S_OUT_CAP : layout.S_OUT_BUFFER + 1]
        self._templates: dict[bytes, _Template] = {}

    # ----------------------------------------------------------------------- properties

    @property
    def policy(self) -> CompiledPolicy:
        """The compiled policy."""
        return self._policy

    @property
    def bundle(self) -> PolicyBundle:
        """The bundle compiled (rule strengths, for what an operator may override)."""
        return self._bundle

    @property
    def site(self) -> Site | None:
        """The site the zone conditions refer to."""
        return self._site

    @property
    def bundle_id(self) -> str:
        """The bundle decided under."""
        return self._policy.bundle_id

    @property
    def bundle_version(self) -> int:
        """The bundle's version."""
        return self._policy.bundle_version

    @property
    def jit(self) -> bool:
        """Whether the numba kernels are in use."""
        return self._kernels.jit

    def codes(self, field: str) -> Mapping[str, int]:
        """Return the vocabulary of a category field (value to the code batch columns use)."""
        return self._policy.codes[field]

    # ----------------------------------------------------------------------- one decision

    def decide(self, p: Proposal) -> Decision:
        """Decide one proposal.

        Parameters
        ----------
        p
            The proposal; bad values make the decision fail closed, they never raise.

        Returns
        -------
        Decision
            The outcome with its fired rules, reasons, constraints, escalation and digest.
        """
        policy = self._policy
        out = self._out
        out[layout.O_GRANTS], packed = self._encoder.into(p)
        self._decide_one(policy.f_arr, policy.i_arr, self._work, out)
        # The kernel's outputs identify everything but the digest and the deadline: decisions
        # repeat, so their immutable parts are built once and reused.
        key = out.tobytes() + self._outputs.tobytes()
        t = self._templates.get(key)
        if t is None:
            t = self._template(key)
        escalation = t.escalation
        if escalation is not None:
            escalation = escalation._replace(deadline_at=_now(p) + t.deadline_s)
        return Decision(
            t.outcome,
            t.fired,
            t.fired_outcomes,
            t.reasons,
            t.constraints,
            t.no_new_missions,
            escalation,
            policy.bundle_id,
            policy.bundle_version,
            hashlib.sha256(packed).hexdigest(),
            t.invalid_fields,
        )

    def _template(self, key: bytes) -> _Template:
        """Build (and remember) the reusable part of the decision the kernel just made."""
        policy = self._policy
        head = self._out.tolist()
        cap, buffer = self._outputs.tolist()
        invalid, flags = head[layout.O_INVALID], head[layout.O_FLAGS]
        indices = head[layout.O_FIRED : layout.O_FIRED + head[layout.O_NFIRED]]
        outcome = SEVERITY[head[layout.O_OUTCOME]]
        invalid_fields = _invalid_names(invalid)
        ids: list[str] = []
        outcomes: list[Outcome] = []
        reasons: list[str] = []
        if invalid:
            ids.append(INPUT_INVALID)
            outcomes.append(Outcome.BLOCK)
            reasons.append(f"{_INVALID_TEXT} ({', '.join(invalid_fields)}).")
        if flags & layout.FLAG_EXPIRED:
            ids.append(BUNDLE_EXPIRED)
            outcomes.append(Outcome.BLOCK)
            reasons.append(_EXPIRED_TEXT)
        for r in indices:
            ids.append(policy.rule_ids[r])
            outcomes.append(policy.outcomes[r])
            reasons.append(policy.explanations[r])
        constraints: list[Constraint] = []
        if cap != math.inf:
            constraints.append(_constraint("speed_cap_mps", cap))
        if buffer > 0.0:
            constraints.append(_constraint("buffer_m", buffer))
        if flags & layout.FLAG_NO_REVERSE:
            constraints.append(_constraint("no_reverse", 1.0))
        escalation, deadline_s = None, 0.0
        if outcome is Outcome.ESCALATE:
            escalation, deadline_s = self._escalation(indices)
            if escalation.hold_behaviour == "hold":
                constraints.append(_constraint("hold_s", deadline_s))
        t = _Template(
            outcome=outcome,
            fired=tuple(ids),
            fired_outcomes=tuple(outcomes),
            reasons=tuple(reasons),
            constraints=tuple(constraints),
            no_new_missions=bool(flags & layout.FLAG_NO_NEW_MISSIONS),
            escalation=escalation,
            deadline_s=deadline_s,
            invalid_fields=invalid_fields,
        )
        if len(self._templates) >= _CACHE_MAX:
            self._templates.clear()
        self._templates[key] = t
        return t

    def _escalation(self, indices: list[int]) -> tuple[Escalation, float]:
        """Merge the fired ESCALATE rules' specs (most urgent and conservative wins).

        Returns the escalation, its ``deadline_at`` still relative, and its shortest deadline.
        """
        specs = [
            (self._policy.rule_ids[r], spec)
            for r in indices
            if (spec := self._policy.escalations[r]) is not None
        ]
        deadline_s = min(s.deadline_s for _, s in specs)
        escalation = Escalation(
            reason_rules=tuple(rid for rid, _ in specs),
            priority=min(s.priority for _, s in specs),
            criticality=max((s.criticality for _, s in specs), key=_CRITICALITY.index),
            deadline_at=deadline_s,
            hold_behaviour=max((s.hold_behaviour for _, s in specs), key=_HOLD.index),
            fallback="safe_stop" if any(s.fallback == "safe_stop" for _, s in specs) else "hold",
        )
        return escalation, deadline_s

    # ----------------------------------------------------------------------- batches

    def decide_batch(
        self, columns: Mapping[str, npt.ArrayLike]
    ) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float64]]:
        """Decide many proposals at once (no receipts; shadow evaluation and replay).

        Parameters
        ----------
        columns
            One 1-D column per proposal field (names as in
            :data:`~edge.governor.context.INPUT_FIELDS`), plus an optional ``grant_mask``
            (int64, bits from ``policy.release_bits``). Category columns hold strings or the
            codes of :meth:`codes`; flags hold booleans or 0/1. A missing column is invalid for
            every row (fail closed), except ``vehicle_id``, which decisions never depend on,
            and the inputs added after the first release (``gap_m`` ..
            ``misfire_elapsed_s``), which default to their
            :data:`~edge.governor.context.INPUT_DEFAULTS` (nothing known).

        Returns
        -------
        tuple
            Outcome codes (``int8``, index into
            :data:`~edge.governor.outcomes.SEVERITY`) and speed caps (``float64``, +inf where
            none), one per row.

        Raises
        ------
        BatchError
            When columns differ in length, are not 1-D, or a name is unknown.
        """
        n, encoded, grants = self._encode_columns(columns)
        codes = np.empty(n, dtype=np.int8)
        caps = np.empty(n, dtype=np.float64)
        rows = np.empty((min(n, BATCH_CHUNK), layout.N_INPUTS), dtype=np.float64)
        work = self._policy.work.copy()
        out = np.zeros_like(self._out)
        policy = self._policy
        for start in range(0, n, BATCH_CHUNK):
            stop = min(n, start + BATCH_CHUNK)
            chunk = rows[: stop - start]
            for i, column in enumerate(encoded):
                chunk[:, i] = column[start:stop]
            self._kernels.decide_batch(
                policy.f_arr,
                policy.i_arr,
                work,
                chunk,
                grants[start:stop],
                codes[start:stop],
                caps[start:stop],
                out,
            )
        return codes, caps

    def _encode_columns(
        self, columns: Mapping[str, npt.ArrayLike]
    ) -> tuple[int, list[npt.NDArray[np.float64]], npt.NDArray[np.int64]]:
        """Check and encode batch columns into one float64 array per input slot."""
        known = {*_FIELD_NAMES, "grant_mask"}
        unknown = sorted(set(columns) - known)
        if unknown:
            raise BatchError(f"unknown columns: {', '.join(unknown)}")
        arrays = {name: np.asarray(col) for name, col in columns.items()}
        lengths = {name: a.shape for name, a in arrays.items()}
        if any(len(shape) != 1 for shape in lengths.values()):
            raise BatchError(f"columns must be 1-D, got shapes {lengths}")
        sizes = {shape[0] for shape in lengths.values()}
        if len(sizes) > 1:
            raise BatchError(f"columns differ in length: {lengths}")
        n = sizes.pop() if sizes else 0
        encoded = [
            self._encode_column(spec.name, arrays.get(spec.name), n) for spec in INPUT_FIELDS
        ]
        mask = arrays.get("grant_mask")
        grants = np.zeros(n, dtype=np.int64) if mask is None else mask.astype(np.int64)
        return n, encoded, np.ascontiguousarray(grants)

    def _encode_column(
        self, name: str, column: npt.NDArray[np.generic] | None, n: int
    ) -> npt.NDArray[np.float64]:
        """Encode one batch column as kernel slot values (NaN where invalid)."""
        if column is None:
            default = INPUT_DEFAULTS.get(name)
            if default is not None:  # added after the first release: absent means none known
                if isinstance(default, str):
                    return np.full(n, float(self._policy.codes[name][default]))
                return np.full(n, default)
            return np.full(n, 0.0 if name == "vehicle_id" else math.nan)
        kind = column.dtype.kind
        if name == "vehicle_id":
            ids = column.tolist()
            return np.array([0.0 if isinstance(v, str) and v else math.nan for v in ids])
        if name in self._policy.codes and kind in "USO":
            vocabulary = self._policy.codes[name]
            default = float(self._policy.profile_other) if name == "profile" else math.nan
            values = [
                vocabulary.get(v, default) if isinstance(v, str) else math.nan
                for v in column.tolist()
            ]
            return np.array(values, dtype=np.float64)
        if kind in "biuf":
            return column.astype(np.float64)
        return np.full(n, math.nan)


class _Template(NamedTuple):
    """The parts of a decision determined by the kernel's outputs."""

    outcome: Outcome
    fired: tuple[str, ...]
    fired_outcomes: tuple[Outcome, ...]
    reasons: tuple[str, ...]
    constraints: tuple[Constraint, ...]
    no_new_missions: bool
    escalation: Escalation | None
    deadline_s: float
    invalid_fields: tuple[str, ...]


def _constraint(kind: str, value: float) -> Constraint:
    """Return a protocol constraint (values are finite by construction)."""
    return Constraint.model_validate({"kind": kind, "value": value})


def _now(p: Proposal) -> float:
    """Return the proposal's time, or 0 when not a finite number (the decision is BLOCK then)."""
    now = p.now
    if isinstance(now, int | float) and not isinstance(now, bool) and math.isfinite(now):
        return float(now)
    return 0.0


def _invalid_names(mask: int) -> tuple[str, ...]:
    """Names of the input fields whose bits are set."""
    if not mask:
        return ()
    return tuple(name for i, name in enumerate(_FIELD_NAMES) if mask >> i & 1)
