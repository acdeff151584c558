"""Create the recent orders table

Revision ID: 0fd8e6ca612e
Revises: 1457ac56bb10
Create Date: 2026-11-27 13:38:08.089994

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0fd8e6ca612e'
down_revision = '1457ac56bb10'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('recent_orders',
    sa.Column('order_id', sa.String(length=64), nullable=False),
    sa.Column('store_key', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('locale', sa.String(length=35), nullable=True),
    sa.Column('order_amount', sa.Integer(), nullable=True),
    sa.Column('merchant_reference1', sa.String(length=255), nullable=True),
    sa.Column('last_opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_opened_by', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('order_id', 'store_key', name=op.f('pk_recent_orders'))
    )
    op.create_index('ix_recent_orders_last_opened_at', 'recent_orders', ['last_opened_at'], unique=False)


def downgrade():
    op.drop_index('ix_recent_orders_last_opened_at', table_name='recent_orders')
    op.drop_table('recent_orders')
