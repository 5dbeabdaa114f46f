"""Messaging's persistence: the outbox table (``tables``) and what is done to it (``outbox``):
posting inside the caller's transaction, claiming due deliveries under a lease, recording what
came of them, the demo inbox, each office's delivery state, and erasing old addresses and texts.
The table is on booking's ``Base`` so Alembic sees one schema."""
