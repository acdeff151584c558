"""Keep sessions on the server and audit staff events

Revision ID: 9ac00db1e11b
Revises: 52841f99571d
Create Date: 2026-12-03 08:15:15.433654

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '9ac00db1e11b'
down_revision = '52841f99571d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('staff_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('signed_in_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('client_address', sa.String(length=64), nullable=True),
    sa.Column('user_agent', sa.String(length=512), nullable=True),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.String(length=60), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['staff_users.id'], name=op.f('fk_staff_sessions_user_id_staff_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_sessions')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_staff_sessions_token_hash'))
    )
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_sessions_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.add_column(sa.Column('staff_member', sa.String(length=64), nullable=True))
        batch_op.alter_column('store',
               existing_type=sa.VARCHAR(length=40),
               nullable=True)
        batch_op.alter_column('order_id',
               existing_type=sa.VARCHAR(length=64),
               nullable=True)

    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_column('session_nonce')



def downgrade():
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        # No session of this revision survives the downgrade (its cookies hold no nonce).
        batch_op.add_column(sa.Column('session_nonce', sa.VARCHAR(length=32), nullable=False,
                                      server_default=sa.text("'ended'")))

    # The old schema has no place for staff and session events (no order): they go with this revision.
    op.execute("DELETE FROM audit_log WHERE order_id IS NULL OR store IS NULL")

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.alter_column('order_id',
               existing_type=sa.VARCHAR(length=64),
               nullable=False)
        batch_op.alter_column('store',
               existing_type=sa.VARCHAR(length=40),
               nullable=False)
        batch_op.drop_column('staff_member')

    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_sessions_user_id'))

    op.drop_table('staff_sessions')
