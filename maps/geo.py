"""Coordinate frames: WGS84 longitude/latitude to a site's local metric frame and back.

A site spans a few kilometres, so a local equirectangular projection about the site origin is
enough: with the WGS84 radii of curvature taken at the origin, the distortion over 5 km is a few
centimetres, well inside the accuracy of survey-grade site maps and vehicle positioning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, overload

import numpy as np

if TYPE_CHECKING:
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float64]

WGS84_A = 6_378_137.0
"""WGS84 semi-major axis, metres."""
WGS84_F = 1.0 / 298.257223563
"""WGS84 flattening."""
_E2 = WGS84_F * (2.0 - WGS84_F)


@dataclass(frozen=True, slots=True)
class LocalFrame:
    """East-North (ENU, flat) frame in metres centred on a site origin.

    ``x`` points east and ``y`` north, both in metres from the origin. The projection is
    equirectangular with the meridional and prime-vertical radii of curvature of the WGS84
    ellipsoid at the origin's latitude.

    Parameters
    ----------
    origin_lon, origin_lat
        The origin in WGS84 degrees.

    Raises
    ------
    ValueError
        If the origin is outside the valid ranges or within 1 degree of a pole.
    """

    origin_lon: float
    origin_lat: float
    metres_per_deg_lon: float = field(init=False, repr=False)
    """Metres per degree of longitude at the origin."""
    metres_per_deg_lat: float = field(init=False, repr=False)
    """Metres per degree of latitude at the origin."""

    def __post_init__(self) -> None:
        if not (math.isfinite(self.origin_lon) and -180.0 <= self.origin_lon <= 180.0):
            raise ValueError(f"origin longitude {self.origin_lon} is outside [-180, 180]")
        if not (math.isfinite(self.origin_lat) and -89.0 <= self.origin_lat <= 89.0):
            raise ValueError(f"origin latitude {self.origin_lat} is outside [-89, 89]")
        phi = math.radians(self.origin_lat)
        w2 = 1.0 - _E2 * math.sin(phi) ** 2
        prime_vertical = WGS84_A / math.sqrt(w2)
        meridional = WGS84_A * (1.0 - _E2) / w2**1.5
        object.__setattr__(
            self, "metres_per_deg_lon", math.radians(1.0) * prime_vertical * math.cos(phi)
        )
        object.__setattr__(self, "metres_per_deg_lat", math.radians(1.0) * meridional)

    @overload
    def to_local(self, lon: float, lat: float) -> tuple[float, float]: ...

    @overload
    def to_local(self, lon: FloatArray, lat: FloatArray) -> tuple[FloatArray, FloatArray]: ...

    def to_local(
        self, lon: float | FloatArray, lat: float | FloatArray
    ) -> tuple[float, float] | tuple[FloatArray, FloatArray]:
        """Project longitude/latitude (degrees) to local ``(x, y)`` metres.

        Parameters
        ----------
        lon, lat
            Scalars or equally shaped arrays, in WGS84 degrees.

        Returns
        -------
        tuple
            ``(x, y)``: floats for scalar input, arrays otherwise.
        """
        if isinstance(lon, float | int) and isinstance(lat, float | int):
            return (
                (float(lon) - self.origin_lon) * self.metres_per_deg_lon,
                (float(lat) - self.origin_lat) * self.metres_per_deg_lat,
            )
        lon_a = np.asarray(lon, dtype=np.float64)
        lat_a = np.asarray(lat, dtype=np.float64)
        return (
            (lon_a - self.origin_lon) * self.metres_per_deg_lon,
            (lat_a - self.origin_lat) * self.metres_per_deg_lat,
        )

    @overload
    def to_lonlat(self, x: float, y: float) -> tuple[float, float]: ...

    @overload
    def to_lonlat(self, x: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray]: ...

    def to_lonlat(
        self, x: float | FloatArray, y: float | FloatArray
    ) -> tuple[float, float] | tuple[FloatArray, FloatArray]:
        """Unproject local ``(x, y)`` metres to longitude/latitude (degrees).

        Parameters
        ----------
        x, y
            Scalars or equally shaped arrays, metres east and north of the origin.

        Returns
        -------
        tuple
            ``(lon, lat)``: floats for scalar input, arrays otherwise.
        """
        if isinstance(x, float | int) and isinstance(y, float | int):
            return (
                self.origin_lon + float(x) / self.metres_per_deg_lon,
                self.origin_lat + float(y) / self.metres_per_deg_lat,
            )
        x_a = np.asarray(x, dtype=np.float64)
        y_a = np.asarray(y, dtype=np.float64)
        return (
            self.origin_lon + x_a / self.metres_per_deg_lon,
            self.origin_lat + y_a / self.metres_per_deg_lat,
        )

    def points_to_local(self, lonlat: FloatArray) -> FloatArray:
        """Project an ``(N, 2)`` array of ``[lon, lat]`` rows to ``(N, 2)`` metres.

        Parameters
        ----------
        lonlat
            Rows of ``[lon, lat]`` in degrees.

        Returns
        -------
        numpy.ndarray
            Rows of ``[x, y]`` in metres, float64.
        """
        pts = np.asarray(lonlat, dtype=np.float64).reshape(-1, 2)
        x, y = self.to_local(pts[:, 0], pts[:, 1])
        return np.column_stack((x, y))

    def points_to_lonlat(self, xy: FloatArray) -> FloatArray:
        """Unproject an ``(N, 2)`` array of ``[x, y]`` metres to ``[lon, lat]`` rows.

        Parameters
        ----------
        xy
            Rows of ``[x, y]`` in metres.

        Returns
        -------
        numpy.ndarray
            Rows of ``[lon, lat]`` in degrees, float64.
        """
        pts = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        lon, lat = self.to_lonlat(pts[:, 0], pts[:, 1])
        return np.column_stack((lon, lat))
