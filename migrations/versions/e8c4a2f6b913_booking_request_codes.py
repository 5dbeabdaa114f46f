"""flexible requests get short codes like bookings (8 characters of Crockford base32), which a
citizen can read aloud; every request made before gets one here, and keeps its id for old links

Revision ID: e8c4a2f6b913
Revises: a3c8e1f5b702
Create Date: 2026-12-04 09:00:00.000000
"""
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'e8c4a2f6b913'
down_revision: str | None = 'a3c8e1f5b702'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# booking.codes as it stands at this revision, copied so that a later change there cannot change
# what this migration did.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHUNK = 1000


def _fresh_code(taken: set[str]) -> str:
    while True:
        value = secrets.randbits(40)
        code = ""
        for _ in range(8):
            value, digit = divmod(value, 32)
            code += ALPHABET[digit]
        if code not in taken:
            taken.add(code)
            return code


def upgrade() -> None:
    op.add_column('booking_requests', sa.Column('code', sa.String(length=8), nullable=True))
    bind = op.get_bind()
    requests = sa.table('booking_requests', sa.column('id', sa.String), sa.column('code', sa.String))
    ids = list(bind.execute(sa.select(requests.c.id)).scalars())
    taken: set[str] = set()
    fill = requests.update().where(requests.c.id == sa.bindparam('request')).values(code=sa.bindparam('new'))
    for start in range(0, len(ids), CHUNK):
        rows = [{'request': request, 'new': _fresh_code(taken)} for request in ids[start:start + CHUNK]]
        bind.execute(fill, rows)
    with op.batch_alter_table('booking_requests') as batch:
        batch.alter_column('code', existing_type=sa.String(length=8), nullable=False)
        batch.create_unique_constraint('booking_requests_code_key', ['code'])


def downgrade() -> None:
    with op.batch_alter_table('booking_requests') as batch:
        batch.drop_constraint('booking_requests_code_key', type_='unique')
        batch.drop_column('code')
