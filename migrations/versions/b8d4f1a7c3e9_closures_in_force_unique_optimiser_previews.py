"""one closure in force per office, day, counter and hours; optimiser previews applied once

Revision ID: b8d4f1a7c3e9
Revises: e8c4a2f6b913
Create Date: 2026-12-06 09:00:00.000000
"""
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = 'b8d4f1a7c3e9'
down_revision: str | None = 'e8c4a2f6b913'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

IN_FORCE = "reopened_at IS NULL"
ENDED_BY = "migration:duplicate"

_closures = sa.table(
    'closures',
    sa.column('id', sa.Integer),
    sa.column('office_id', sa.String),
    sa.column('day', sa.Date),
    sa.column('counter_id', sa.Integer),
    sa.column('starts', sa.Time),
    sa.column('ends', sa.Time),
    sa.column('reason_en', sa.String),
    sa.column('reason_ar', sa.String),
    sa.column('reopened_at', sa.DateTime),
    sa.column('reopened_by', sa.String),
)


def _end_duplicates() -> None:
    """Two clicks made two closures of the same thing before this index existed: of each such
    group the one with a reason (else the first) stays in force; the others end, on record, as
    ended by this migration. Capacity is unchanged: a duplicate took nothing the first did not."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(_closures).where(_closures.c.reopened_at.is_(None)).order_by(_closures.c.id)
    ).all()
    groups: dict[tuple[object, ...], list[sa.Row[object]]] = {}
    for row in rows:
        key = (row.office_id, row.day, row.counter_id, row.starts, row.ends)
        groups.setdefault(key, []).append(row)
    ended = [
        row.id
        for group in groups.values()
        if len(group) > 1
        for row in sorted(group, key=lambda r: (not (r.reason_ar or r.reason_en), r.id))[1:]
    ]
    if ended:
        conn.execute(
            _closures.update()
            .where(_closures.c.id.in_(ended))
            .values(reopened_at=datetime.now(UTC).replace(tzinfo=None), reopened_by=ENDED_BY)
        )


def upgrade() -> None:
    _end_duplicates()
    with op.batch_alter_table('closures', schema=None) as batch_op:
        batch_op.create_index(
            'uq_closures_in_force',
            [
                'office_id',
                'day',
                sa.text('coalesce(counter_id, 0)'),
                sa.text("coalesce(starts, '00:00:00')"),
                sa.text("coalesce(ends, '00:00:00')"),
            ],
            unique=True,
            sqlite_where=sa.text(IN_FORCE),
            postgresql_where=sa.text(IN_FORCE),
        )
    with op.batch_alter_table('optimiser_jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mode', sa.String(length=16), server_default='run', nullable=False))
        batch_op.add_column(sa.Column('plan', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('applies', sa.String(length=32), nullable=True))
        batch_op.create_unique_constraint('uq_optimiser_jobs_applies', ['applies'])
        batch_op.create_check_constraint('job_mode_known', "mode IN ('run', 'preview', 'apply')")


def downgrade() -> None:
    with op.batch_alter_table('optimiser_jobs', schema=None) as batch_op:
        batch_op.drop_constraint('job_mode_known', type_='check')
        batch_op.drop_constraint('uq_optimiser_jobs_applies', type_='unique')
        batch_op.drop_column('applies')
        batch_op.drop_column('plan')
        batch_op.drop_column('mode')
    with op.batch_alter_table('closures', schema=None) as batch_op:
        batch_op.drop_index('uq_closures_in_force')
