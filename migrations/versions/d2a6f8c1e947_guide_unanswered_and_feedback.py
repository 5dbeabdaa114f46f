"""the question box's counts: unanswered questions (digest of topic words, count, words once
asked three times; no question as typed) and "did this help?" per entry

Revision ID: d2a6f8c1e947
Revises: d2f6a8c4e1b3
Create Date: 2026-12-06 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'd2a6f8c1e947'
down_revision: str | None = 'd2f6a8c4e1b3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('guide_unanswered',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('asked', sa.Integer(), nullable=False),
    sa.Column('words', sa.Text(), nullable=True),
    sa.CheckConstraint("lang IN ('ar', 'en')", name='guide_unanswered_lang_known'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day', 'lang', 'digest', name='guide_unanswered_one_row')
    )
    op.create_index(op.f('ix_guide_unanswered_day'), 'guide_unanswered', ['day'], unique=False)
    op.create_index(op.f('ix_guide_unanswered_digest'), 'guide_unanswered', ['digest'], unique=False)
    op.create_table('guide_feedback',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('entry_id', sa.String(length=64), nullable=False),
    sa.Column('helpful', sa.Boolean(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('day', 'entry_id', 'helpful', name='guide_feedback_one_row')
    )
    op.create_index(op.f('ix_guide_feedback_day'), 'guide_feedback', ['day'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_guide_feedback_day'), table_name='guide_feedback')
    op.drop_table('guide_feedback')
    op.drop_index(op.f('ix_guide_unanswered_digest'), table_name='guide_unanswered')
    op.drop_index(op.f('ix_guide_unanswered_day'), table_name='guide_unanswered')
    op.drop_table('guide_unanswered')
