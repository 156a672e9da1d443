"""The Qt console (PySide6 + qasync): the only package, with a pack's ui module, importing Qt."""
