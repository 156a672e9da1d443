"""Pick the decision kernels: numba unless ``ATLASMESH_NO_JIT=1``; warm them up at start-up.

Numba compiles on first call (about half a second, less from its on-disk cache); a decision
must never pay that, so the edge node calls :func:`warm_up` while starting, before it accepts
proposals. ``Governor`` also warms the kernels it is given when it is built.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from edge.governor.kernels import _ref, layout

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["NO_JIT_ENV", "Kernels", "jit_enabled", "kernels", "warm_up"]

NO_JIT_ENV = "ATLASMESH_NO_JIT"
"""Set to ``1`` to run the pure-Python reference kernels."""


class _DecideOne(Protocol):
    def __call__(
        self,
        f_arr: npt.NDArray[np.float64],
        i_arr: npt.NDArray[np.int64],
        work: npt.NDArray[np.float64],
        out: npt.NDArray[np.int64],
    ) -> None: ...


class _DecideBatch(Protocol):
    def __call__(
        self,
        f_arr: npt.NDArray[np.float64],
        i_arr: npt.NDArray[np.int64],
        work: npt.NDArray[np.float64],
        rows: npt.NDArray[np.float64],
        grants: npt.NDArray[np.int64],
        codes: npt.NDArray[np.int8],
        caps: npt.NDArray[np.float64],
        out: npt.NDArray[np.int64],
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class Kernels:
    """A matched pair of kernels.

    Attributes
    ----------
    decide_one, decide_batch
        The kernels (see :mod:`edge.governor.kernels._ref` for their contract).
    jit
        Whether these are the numba kernels.
    """

    decide_one: _DecideOne
    decide_batch: _DecideBatch
    jit: bool


_REF = Kernels(decide_one=_ref.decide_one, decide_batch=_ref.decide_batch, jit=False)
_warmed: set[bool] = set()


def jit_enabled() -> bool:
    """Whether the environment asks for the numba kernels (the default)."""
    return os.environ.get(NO_JIT_ENV, "") != "1"


def kernels(jit: bool | None = None) -> Kernels:
    """Return the kernels to use.

    Parameters
    ----------
    jit
        ``True`` or ``False`` to choose; ``None`` to follow ``ATLASMESH_NO_JIT``.

    Returns
    -------
    Kernels
        The numba kernels (importing numba on first use) or the reference ones.
    """
    if jit is None:
        jit = jit_enabled()
    if not jit:
        return _REF
    from edge.governor.kernels import _jit  # numba is imported only when wanted

    fns: Any = _jit
    return Kernels(decide_one=fns.decide_one, decide_batch=fns.decide_batch, jit=True)


def warm_up(jit: bool | None = None) -> Kernels:
    """Compile (or load from cache) the kernels by running them once on a tiny policy.

    Parameters
    ----------
    jit
        As for :func:`kernels`.

    Returns
    -------
    Kernels
        The warmed kernels.
    """
    chosen = kernels(jit)
    if chosen.jit in _warmed:
        return chosen
    from edge.governor.compiler import compile_policy
    from edge.governor.rules import PolicyBundle

    bundle = PolicyBundle.model_validate(
        {
            "schema_version": 1,
            "bundle_id": "warm-up",
            "version": 0,
            "issued_at": "2000-01-01T00:00:00Z",
            "rules": [],
        }
    )
    policy = compile_policy(bundle)
    work = policy.work.copy()
    out = np.zeros(layout.O_FIRED + 1, dtype=np.int64)
    chosen.decide_one(policy.f_arr, policy.i_arr, work, out)
    rows = np.zeros((1, layout.N_INPUTS), dtype=np.float64)
    chosen.decide_batch(
        policy.f_arr,
        policy.i_arr,
        work,
        rows,
        np.zeros(1, dtype=np.int64),
        np.zeros(1, dtype=np.int8),
        np.zeros(1, dtype=np.float64),
        out,
    )
    _warmed.add(chosen.jit)
    return chosen
