"""Foresight's adapters: reading the past from the database (the package's only SQL)."""
