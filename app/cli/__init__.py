"""The ``atlasmesh`` command line (headless; the console is imported only when asked for)."""

from app.cli.main import main

__all__ = ["main"]
