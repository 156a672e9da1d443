"""The console's dock panels (the map and fleet views live in app.ui.map and app.ui.fleet)."""
