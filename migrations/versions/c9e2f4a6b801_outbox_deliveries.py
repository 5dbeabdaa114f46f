"""the outbox becomes one row per delivery: channel, address, status, attempts, backoff, lease,
delivery id (the gateway's idempotency key) and office; the rows there were become SMS rows

Revision ID: c9e2f4a6b801
Revises: c5e2a8d41f07
Create Date: 2026-12-01 12:00:00.000000
"""
import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import booking.store.tables

revision: str = 'c9e2f4a6b801'
down_revision: str | None = 'c5e2a8d41f07'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC = booking.store.tables.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('delivery_id', sa.String(length=32), nullable=True))
        batch.add_column(sa.Column('channel', sa.String(length=8), nullable=True))
        batch.add_column(sa.Column('address', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('subject', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('text', sa.Text(), nullable=True))
        batch.add_column(sa.Column('office_id', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('status', sa.String(length=8), nullable=True))
        batch.add_column(sa.Column('attempts', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('next_attempt_at', _UTC, nullable=True))
        batch.add_column(sa.Column('claimed_until', _UTC, nullable=True))
        batch.add_column(sa.Column('claim_token', sa.String(length=32), nullable=True))
        batch.add_column(sa.Column('last_error', sa.String(length=300), nullable=True))
        batch.add_column(sa.Column('sent_via', sa.String(length=16), nullable=True))

    bind = op.get_bind()
    # The rows there were are the messages' SMS (their e-mail addresses were never used).
    bind.execute(sa.text(
        "UPDATE outbox SET channel = 'sms', address = phone, text = message, attempts = 0, "
        "next_attempt_at = created_at, "
        "status = CASE WHEN sent_at IS NULL THEN 'pending' ELSE 'sent' END"
    ))
    bind.execute(sa.text(
        "UPDATE outbox SET office_id = (SELECT b.office_id FROM bookings b WHERE b.code = outbox.booking_code) "
        "WHERE booking_code IS NOT NULL"
    ))
    ids = [row[0] for row in bind.execute(sa.text("SELECT id FROM outbox"))]
    if ids:
        bind.execute(
            sa.text("UPDATE outbox SET delivery_id = :delivery_id WHERE id = :id"),
            [{"id": row_id, "delivery_id": uuid.uuid4().hex} for row_id in ids],
        )

    with op.batch_alter_table('outbox') as batch:
        batch.drop_index('ix_outbox_unsent')
        batch.drop_column('email')
        batch.drop_column('message')
        for name in ('delivery_id', 'channel', 'address', 'text', 'status', 'attempts'):
            batch.alter_column(name, nullable=False)
        batch.alter_column('next_attempt_at', existing_type=_UTC, nullable=False)
        batch.create_index('ix_outbox_delivery_id', ['delivery_id'], unique=True)
        batch.create_index('ix_outbox_due', ['status', 'next_attempt_at'], unique=False)
        batch.create_index('ix_outbox_office_status', ['office_id', 'status'], unique=False)
        batch.create_check_constraint('outbox_channel_known', "channel IN ('sms', 'email')")
        batch.create_check_constraint('outbox_status_known', "status IN ('pending', 'sent', 'dead')")


def downgrade() -> None:
    """Back to one row per message: e-mail rows go (their SMS row stays), and what was not sent
    is unsent again."""
    op.execute("DELETE FROM outbox WHERE channel <> 'sms'")
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('email', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('message', sa.Text(), nullable=True))
    op.execute("UPDATE outbox SET message = text, sent_at = CASE WHEN status = 'sent' THEN sent_at END")
    with op.batch_alter_table('outbox') as batch:
        batch.drop_constraint('outbox_status_known', type_='check')
        batch.drop_constraint('outbox_channel_known', type_='check')
        batch.drop_index('ix_outbox_office_status')
        batch.drop_index('ix_outbox_due')
        batch.drop_index('ix_outbox_delivery_id')
        batch.alter_column('message', nullable=False)
        for name in (
            'delivery_id', 'channel', 'address', 'subject', 'text', 'office_id', 'status', 'attempts',
            'next_attempt_at', 'claimed_until', 'claim_token', 'last_error', 'sent_via',
        ):
            batch.drop_column(name)
        batch.create_index('ix_outbox_unsent', ['sent_at'], unique=False)
