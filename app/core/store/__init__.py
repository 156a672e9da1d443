"""Site storage: SQLAlchemy Core behind repositories, one writer thread, explicit durability."""

from app.core.store.database import open_engine
from app.core.store.receipts import ReceiptStore

__all__ = ["ReceiptStore", "open_engine"]
