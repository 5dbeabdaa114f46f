"""identity key ids beside every digest; a senior-on-visit flag instead of the birth date

Revision ID: f1c7d2e8a903
Revises: e5a9c3d7f214
Create Date: 2026-12-03 09:00:00.000000

Before this revision the identity HMAC key was derived from ``MAWID_SECRET_KEY``; every existing
row is labelled with that key's id, so that the secret, given as a retired identity key
(``MAWID_IDENTITY_OLD_KEYS``, or automatically in demo mode), keeps finding them. The birth date
is replaced by the one answer a feature used it for (60 or over on the visit day), then dropped.
"""
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from booking.identity import SENIOR_AGE, IdentityKey

revision: str = 'f1c7d2e8a903'
down_revision: str | None = 'e5a9c3d7f214'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = (('bookings', 'day'), ('booking_requests', 'first_day'))


def _legacy_key_id() -> str:
    """The id of the key that made the existing digests: derived from MAWID_SECRET_KEY, or in
    demo mode from the demo secret kept in MAWID_DATA_DIR (what the server used until now)."""
    secret = os.environ.get('MAWID_SECRET_KEY', '')
    if not secret:
        kept = Path(os.environ.get('MAWID_DATA_DIR', 'var')) / 'demo-secret.key'
        secret = kept.read_text().strip() if kept.exists() else ''
    if not secret:
        raise RuntimeError(
            'This database holds bookings whose identity digests were keyed with MAWID_SECRET_KEY: '
            'run the migration with MAWID_SECRET_KEY set (or MAWID_DATA_DIR holding the demo '
            'secret) so they can be labelled with that key\'s id.'
        )
    return IdentityKey.from_secret(secret).id


def _senior(born: date, day: date) -> bool:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day)) >= SENIOR_AGE


def upgrade() -> None:
    bind = op.get_bind()
    for table, _ in _TABLES:
        op.add_column(table, sa.Column('identity_key_id', sa.String(length=16), nullable=False, server_default=''))
        op.add_column(
            table, sa.Column('senior_on_visit', sa.Boolean(), nullable=False, server_default=sa.false())
        )
    if any(bind.execute(sa.text(f'SELECT 1 FROM {table} LIMIT 1')).first() for table, _ in _TABLES):
        key_id = _legacy_key_id()
        for table, day_column in _TABLES:
            bind.execute(sa.text(f'UPDATE {table} SET identity_key_id = :key'), {'key': key_id})
            rows = bind.execute(
                sa.text(f'SELECT id, birth_date, {day_column} AS day FROM {table} WHERE birth_date IS NOT NULL')
            ).all()
            seniors = [
                {'id': row.id} for row in rows if _senior(_as_date(row.birth_date), _as_date(row.day))
            ]
            if seniors:
                bind.execute(sa.text(f'UPDATE {table} SET senior_on_visit = TRUE WHERE id = :id'), seniors)
    for table, _ in _TABLES:
        # Plain DROP COLUMN (SQLite ≥ 3.35 has it): no table rebuild, indexes untouched.
        op.execute(f'ALTER TABLE {table} DROP COLUMN birth_date')


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def downgrade() -> None:
    # The birth dates are gone for good; the column comes back empty.
    for table, _ in _TABLES:
        op.add_column(table, sa.Column('birth_date', sa.Date(), nullable=True))
        op.execute(f'ALTER TABLE {table} DROP COLUMN senior_on_visit')
        op.execute(f'ALTER TABLE {table} DROP COLUMN identity_key_id')
