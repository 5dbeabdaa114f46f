"""feedback after the visit: invitations (single-use links, only the token's digest kept) and
answers (office, service, ISO week, rating, masked comment; no identity)

Revision ID: c9a4e7f2b318
Revises: c9e2f4a6b801
Create Date: 2026-12-05 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import booking.store.tables

revision: str = 'c9a4e7f2b318'
down_revision: str | None = 'c9e2f4a6b801'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('feedback_answers',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('office_id', sa.String(length=64), nullable=False),
    sa.Column('service', sa.String(length=40), nullable=False),
    sa.Column('week', sa.String(length=8), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.Column('answered_at', booking.store.tables.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('rating BETWEEN 1 AND 5', name='feedback_rating_range'),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_feedback_answers_office_week', 'feedback_answers', ['office_id', 'week'], unique=False)
    op.create_table('feedback_invitations',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('office_id', sa.String(length=64), nullable=False),
    sa.Column('service', sa.String(length=40), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('lang', sa.String(length=2), nullable=False),
    sa.Column('ticket_id', sa.String(length=32), nullable=True),
    sa.Column('booking_code', sa.String(length=8), nullable=True),
    sa.Column('created_at', booking.store.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', booking.store.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('answered_at', booking.store.tables.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("lang IN ('ar', 'en')", name='feedback_lang_known'),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ticket_id'),
    sa.UniqueConstraint('token_hash')
    )
    op.create_index(op.f('ix_feedback_invitations_expires_at'), 'feedback_invitations', ['expires_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_feedback_invitations_expires_at'), table_name='feedback_invitations')
    op.drop_table('feedback_invitations')
    op.drop_index('ix_feedback_answers_office_week', table_name='feedback_answers')
    op.drop_table('feedback_answers')
