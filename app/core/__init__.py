"""Site services, headless: edge links, fleet state, the event bus, the site service."""
