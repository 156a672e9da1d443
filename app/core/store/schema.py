"""Tables of the site database (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

metadata = MetaData()

receipts = Table(
    "receipts",
    metadata,
    Column("node_id", String(64), nullable=False),
    Column("chain_seq", Integer, nullable=False),
    Column("receipt_id", String(64), nullable=False),
    Column("vehicle_id", String(64), nullable=False, index=True),
    Column("action", String(64), nullable=False),
    Column("outcome", String(16), nullable=False),
    Column("fired_rules", Text, nullable=False),
    Column("constraints", Text, nullable=False),
    Column("bundle_id", String(64), nullable=False),
    Column("bundle_version", Integer, nullable=False),
    Column("inputs_digest", String(64), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("decided_at", Float, nullable=False),
    Column("decided_mono", Float, nullable=True),
    Column("received_at", Float, nullable=False),
    # One row per (node, position in its chain): resent receipts are stored exactly once.
    PrimaryKeyConstraint("node_id", "chain_seq", name="pk_receipts"),
)
"""Every decision receipt received from the site's edge nodes."""
