"""The question box's counts in the database."""
