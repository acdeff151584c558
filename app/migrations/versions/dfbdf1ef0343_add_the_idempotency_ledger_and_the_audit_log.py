"""Add the idempotency ledger and the audit log

Revision ID: dfbdf1ef0343
Revises: 0fd8e6ca612e
Create Date: 2026-11-27 13:38:02.801178

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'dfbdf1ef0343'
down_revision = '0fd8e6ca612e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('client_address', sa.String(length=64), nullable=True),
    sa.Column('store', sa.String(length=40), nullable=False),
    sa.Column('order_id', sa.String(length=64), nullable=False),
    sa.Column('operation', sa.String(length=40), nullable=False),
    sa.Column('capture_id', sa.String(length=64), nullable=True),
    sa.Column('amount', sa.Integer(), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('lines_summary', sa.Text(), nullable=True),
    sa.Column('details', sa.Text(), nullable=True),
    sa.Column('idempotency_key', sa.String(length=36), nullable=True),
    sa.Column(
        'outcome',
        sa.Enum(
            'succeeded', 'refused', 'unknown', 'invalid', 'duplicate', 'in_progress', 'expired', 'mismatch',
            name='auditoutcome', native_enum=False, length=20,
        ),
        nullable=False,
    ),
    sa.Column('error_code', sa.String(length=100), nullable=True),
    sa.Column('messages', sa.JSON(), nullable=True),
    sa.Column('correlation_id', sa.String(length=100), nullable=True),
    sa.Column('result_id', sa.String(length=64), nullable=True),
    sa.Column('duration_ms', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['staff_users.id'], name=op.f('fk_audit_log_user_id_staff_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_idempotency_key'), ['idempotency_key'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_operation'), ['operation'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_order_id'), ['order_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_username'), ['username'], unique=False)

    op.create_table('idempotency_keys',
    sa.Column('key', sa.String(length=36), nullable=False),
    sa.Column('store', sa.String(length=40), nullable=False),
    sa.Column('order_id', sa.String(length=64), nullable=False),
    sa.Column('operation', sa.String(length=40), nullable=False),
    sa.Column('capture_id', sa.String(length=64), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column(
        'state',
        sa.Enum('new', 'in_flight', 'succeeded', 'refused', 'unknown', name='keystate', native_enum=False, length=20),
        nullable=False,
    ),
    sa.Column('fingerprint', sa.String(length=64), nullable=True),
    sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('first_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('settled_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('result_id', sa.String(length=64), nullable=True),
    sa.Column('error_code', sa.String(length=100), nullable=True),
    sa.Column('error_messages', sa.JSON(), nullable=True),
    sa.Column('correlation_id', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['staff_users.id'], name=op.f('fk_idempotency_keys_user_id_staff_users')),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_idempotency_keys'))
    )
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idempotency_keys_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_idempotency_keys_order_id'), ['order_id'], unique=False)


def downgrade():
    with op.batch_alter_table('idempotency_keys', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idempotency_keys_order_id'))
        batch_op.drop_index(batch_op.f('ix_idempotency_keys_created_at'))

    op.drop_table('idempotency_keys')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_username'))
        batch_op.drop_index(batch_op.f('ix_audit_log_outcome'))
        batch_op.drop_index(batch_op.f('ix_audit_log_order_id'))
        batch_op.drop_index(batch_op.f('ix_audit_log_operation'))
        batch_op.drop_index(batch_op.f('ix_audit_log_idempotency_key'))
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))

    op.drop_table('audit_log')
