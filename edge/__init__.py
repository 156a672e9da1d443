"""The edge node: protocol, vehicle adapters (HAL), link handling; headless, never Qt."""
