"""Commands of this area (registered on import)."""
