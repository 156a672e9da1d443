"""The Qt console (PySide6 + qasync): the only package, with a pack's ui module, importing Qt."""

import os

# qasync picks its Qt binding from QT_API when first imported; PySide6 is ours.
os.environ.setdefault("QT_API", "pyside6")
