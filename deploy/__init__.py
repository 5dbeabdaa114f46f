"""Running Mawid as several nodes: the many-nodes rehearsal (``nodes``), example configuration."""
