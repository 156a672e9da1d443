"""Built-in sector packs (mining, logistics, defense), each an ordinary pluggy plugin."""
