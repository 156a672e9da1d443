"""AtlasMesh Control Center.  Importing ``app`` never pulls in Qt."""

__version__ = "0.1.0"
