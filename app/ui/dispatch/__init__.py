"""The console's dispatch panels: task board, route chooser and the glue to the dispatcher."""

from __future__ import annotations
