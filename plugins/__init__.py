"""The sector-pack host: pluggy hookspecs, the pack manager and the pack contract kit."""
