"""esquema inicial

Revision ID: 0001
Revises: 
Create Date: 2026-11-29

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('empresas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nit', sa.String(length=20), nullable=False),
    sa.Column('nit_base', sa.String(length=20), nullable=False),
    sa.Column('nombre', sa.String(length=200), nullable=False),
    sa.Column('contacto', sa.String(length=200), nullable=True),
    sa.Column('plan', sa.String(length=120), nullable=True),
    sa.Column('estado', sa.Enum('activa', 'inactiva', name='empresa_estado', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_empresas')),
    sa.UniqueConstraint('nit', name=op.f('uq_empresas_nit')),
    sa.UniqueConstraint('nit_base', name=op.f('uq_empresas_nit_base'))
    )
    with op.batch_alter_table('empresas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_empresas_estado'), ['estado'], unique=False)
        batch_op.create_index(batch_op.f('ix_empresas_nombre'), ['nombre'], unique=False)

    op.create_table('planes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nombre', sa.String(length=120), nullable=False),
    sa.Column('descripcion', sa.Text(), nullable=True),
    sa.Column('precio_mensual', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('precio_anual', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('seleccionado', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planes')),
    sa.UniqueConstraint('nombre', name=op.f('uq_planes_nombre'))
    )
    op.create_table('servicios',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nombre', sa.String(length=120), nullable=False),
    sa.Column('descripcion', sa.Text(), nullable=True),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('url_api', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_servicios')),
    sa.UniqueConstraint('nombre', name=op.f('uq_servicios_nombre'))
    )
    with op.batch_alter_table('servicios', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_servicios_activo'), ['activo'], unique=False)

    op.create_table('soporte_tipos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nombre', sa.String(length=120), nullable=False),
    sa.Column('descripcion', sa.Text(), nullable=True),
    sa.Column('modalidad', sa.Enum('mensual', 'anual', 'por_tickets', 'por_horas', name='soporte_modalidad', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('precio', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('max_tickets', sa.Integer(), nullable=True),
    sa.Column('max_horas', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('activo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('max_horas IS NULL OR max_horas > 0', name=op.f('ck_soporte_tipos_max_horas_positivo')),
    sa.CheckConstraint('max_tickets IS NULL OR max_tickets > 0', name=op.f('ck_soporte_tipos_max_tickets_positivo')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_soporte_tipos')),
    sa.UniqueConstraint('nombre', name=op.f('uq_soporte_tipos_nombre'))
    )
    op.create_table('plan_servicios',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('servicio_id', sa.Integer(), nullable=False),
    sa.Column('cantidad', sa.Integer(), nullable=True),
    sa.CheckConstraint('cantidad IS NULL OR cantidad > 0', name=op.f('ck_plan_servicios_cantidad_positiva')),
    sa.ForeignKeyConstraint(['plan_id'], ['planes.id'], name=op.f('fk_plan_servicios_plan_id_planes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['servicio_id'], ['servicios.id'], name=op.f('fk_plan_servicios_servicio_id_servicios'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_servicios')),
    sa.UniqueConstraint('plan_id', 'servicio_id', name='uq_plan_servicios_plan_servicio')
    )
    with op.batch_alter_table('plan_servicios', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_servicios_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_servicios_servicio_id'), ['servicio_id'], unique=False)

    op.create_table('usuarios',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('nombre', sa.String(length=120), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('rol', sa.Enum('admin', 'cliente', name='usuario_rol', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('empresa_id', sa.Integer(), nullable=True),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('otp_secret', sa.String(length=64), nullable=True),
    sa.Column('otp_enabled', sa.Boolean(), nullable=False),
    sa.Column('otp_backup_codes', sa.JSON(), nullable=True),
    sa.Column('otp_last_verified_at', sa.DateTime(), nullable=True),
    sa.Column('otp_last_timestep', sa.BigInteger(), nullable=True),
    sa.Column('telefono', sa.String(length=30), nullable=True),
    sa.Column('direccion', sa.String(length=200), nullable=True),
    sa.Column('ciudad', sa.String(length=100), nullable=True),
    sa.Column('pais', sa.String(length=100), nullable=True),
    sa.Column('fecha_nacimiento', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['empresa_id'], ['empresas.id'], name=op.f('fk_usuarios_empresa_id_empresas')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_usuarios')),
    sa.UniqueConstraint('email', name=op.f('uq_usuarios_email'))
    )
    with op.batch_alter_table('usuarios', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_usuarios_empresa_id'), ['empresa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_usuarios_is_active'), ['is_active'], unique=False)
        batch_op.create_index(batch_op.f('ix_usuarios_rol'), ['rol'], unique=False)

    op.create_table('auditoria',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('usuario_id', sa.Integer(), nullable=True),
    sa.Column('usuario_email', sa.String(length=254), nullable=True),
    sa.Column('accion', sa.String(length=50), nullable=False),
    sa.Column('entidad', sa.String(length=50), nullable=False),
    sa.Column('entidad_id', sa.Integer(), nullable=True),
    sa.Column('empresa_id', sa.Integer(), nullable=True),
    sa.Column('antes', sa.JSON(), nullable=True),
    sa.Column('despues', sa.JSON(), nullable=True),
    sa.Column('ip', sa.String(length=45), nullable=True),
    sa.Column('request_id', sa.String(length=64), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['usuario_id'], ['usuarios.id'], name=op.f('fk_auditoria_usuario_id_usuarios'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auditoria'))
    )
    with op.batch_alter_table('auditoria', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auditoria_accion'), ['accion'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditoria_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditoria_empresa_id'), ['empresa_id'], unique=False)
        batch_op.create_index('ix_auditoria_entidad_entidad_id', ['entidad', 'entidad_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditoria_usuario_id'), ['usuario_id'], unique=False)

    op.create_table('log_accesos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tipo', sa.String(length=50), nullable=False),
    sa.Column('fecha', sa.DateTime(), nullable=False),
    sa.Column('empresa_id', sa.Integer(), nullable=True),
    sa.Column('usuario_id', sa.Integer(), nullable=True),
    sa.Column('ip', sa.String(length=45), nullable=True),
    sa.Column('detalle', sa.String(length=255), nullable=True),
    sa.ForeignKeyConstraint(['empresa_id'], ['empresas.id'], name=op.f('fk_log_accesos_empresa_id_empresas'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['usuario_id'], ['usuarios.id'], name=op.f('fk_log_accesos_usuario_id_usuarios'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_log_accesos'))
    )
    with op.batch_alter_table('log_accesos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_log_accesos_empresa_id'), ['empresa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_log_accesos_fecha'), ['fecha'], unique=False)
        batch_op.create_index(batch_op.f('ix_log_accesos_tipo'), ['tipo'], unique=False)
        batch_op.create_index(batch_op.f('ix_log_accesos_usuario_id'), ['usuario_id'], unique=False)

    op.create_table('suscripciones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('empresa_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('periodo', sa.Enum('mensual', 'anual', name='suscripcion_periodo', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('fecha_inicio', sa.Date(), nullable=False),
    sa.Column('fecha_fin', sa.Date(), nullable=False),
    sa.Column('estado', sa.Enum('activa', 'inactiva', 'suspendida', 'cancelada', name='suscripcion_estado', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('precio_pagado', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('porcentaje_descuento', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('renovacion_automatica', sa.Boolean(), nullable=False),
    sa.Column('motivo_cancelacion', sa.String(length=500), nullable=True),
    sa.Column('cancelar_al_final', sa.Boolean(), nullable=False),
    sa.Column('fecha_cancelacion', sa.DateTime(), nullable=True),
    sa.Column('notas', sa.Text(), nullable=True),
    sa.Column('creado_por', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('porcentaje_descuento >= 0 AND porcentaje_descuento <= 100', name=op.f('ck_suscripciones_descuento_rango')),
    sa.ForeignKeyConstraint(['creado_por'], ['usuarios.id'], name=op.f('fk_suscripciones_creado_por_usuarios'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['empresa_id'], ['empresas.id'], name=op.f('fk_suscripciones_empresa_id_empresas')),
    sa.ForeignKeyConstraint(['plan_id'], ['planes.id'], name=op.f('fk_suscripciones_plan_id_planes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suscripciones'))
    )
    with op.batch_alter_table('suscripciones', schema=None) as batch_op:
        batch_op.create_index('ix_suscripciones_empresa_estado', ['empresa_id', 'estado'], unique=False)
        batch_op.create_index(batch_op.f('ix_suscripciones_empresa_id'), ['empresa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_suscripciones_estado'), ['estado'], unique=False)
        batch_op.create_index(batch_op.f('ix_suscripciones_fecha_fin'), ['fecha_fin'], unique=False)
        batch_op.create_index(batch_op.f('ix_suscripciones_plan_id'), ['plan_id'], unique=False)

    op.create_table('soporte_suscripciones',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('suscripcion_id', sa.Integer(), nullable=False),
    sa.Column('empresa_id', sa.Integer(), nullable=False),
    sa.Column('soporte_tipo_id', sa.Integer(), nullable=False),
    sa.Column('fecha_inicio', sa.Date(), nullable=False),
    sa.Column('fecha_fin', sa.Date(), nullable=False),
    sa.Column('estado', sa.Enum('activo', 'vencido', 'cancelado', 'pendiente_pago', name='soporte_suscripcion_estado', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('precio_actual', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('tickets_consumidos', sa.Integer(), nullable=False),
    sa.Column('horas_consumidas', sa.Numeric(precision=10, scale=2), nullable=False),
    sa.Column('notas', sa.Text(), nullable=True),
    sa.Column('creado_por', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('horas_consumidas >= 0', name=op.f('ck_soporte_suscripciones_horas_no_negativas')),
    sa.CheckConstraint('tickets_consumidos >= 0', name=op.f('ck_soporte_suscripciones_tickets_no_negativos')),
    sa.ForeignKeyConstraint(['creado_por'], ['usuarios.id'], name=op.f('fk_soporte_suscripciones_creado_por_usuarios'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['empresa_id'], ['empresas.id'], name=op.f('fk_soporte_suscripciones_empresa_id_empresas')),
    sa.ForeignKeyConstraint(['soporte_tipo_id'], ['soporte_tipos.id'], name=op.f('fk_soporte_suscripciones_soporte_tipo_id_soporte_tipos')),
    sa.ForeignKeyConstraint(['suscripcion_id'], ['suscripciones.id'], name=op.f('fk_soporte_suscripciones_suscripcion_id_suscripciones')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_soporte_suscripciones'))
    )
    with op.batch_alter_table('soporte_suscripciones', schema=None) as batch_op:
        batch_op.create_index('ix_soporte_suscripciones_empresa_estado', ['empresa_id', 'estado'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_suscripciones_empresa_id'), ['empresa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_suscripciones_estado'), ['estado'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_suscripciones_fecha_fin'), ['fecha_fin'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_suscripciones_soporte_tipo_id'), ['soporte_tipo_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_suscripciones_suscripcion_id'), ['suscripcion_id'], unique=False)

    op.create_table('soporte_pagos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('soporte_suscripcion_id', sa.Integer(), nullable=False),
    sa.Column('empresa_id', sa.Integer(), nullable=False),
    sa.Column('monto', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('estado', sa.Enum('exitoso', 'fallido', 'pendiente', name='soporte_pago_estado', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('detalle', sa.JSON(), nullable=True),
    sa.Column('fecha_pago', sa.DateTime(), nullable=False),
    sa.Column('creado_por', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('monto > 0', name=op.f('ck_soporte_pagos_monto_positivo')),
    sa.ForeignKeyConstraint(['creado_por'], ['usuarios.id'], name=op.f('fk_soporte_pagos_creado_por_usuarios'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['empresa_id'], ['empresas.id'], name=op.f('fk_soporte_pagos_empresa_id_empresas')),
    sa.ForeignKeyConstraint(['soporte_suscripcion_id'], ['soporte_suscripciones.id'], name=op.f('fk_soporte_pagos_soporte_suscripcion_id_soporte_suscripciones')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_soporte_pagos'))
    )
    with op.batch_alter_table('soporte_pagos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_soporte_pagos_empresa_id'), ['empresa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_pagos_estado'), ['estado'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_pagos_fecha_pago'), ['fecha_pago'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_pagos_soporte_suscripcion_id'), ['soporte_suscripcion_id'], unique=False)

    op.create_table('soporte_tickets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('empresa_id', sa.Integer(), nullable=False),
    sa.Column('soporte_suscripcion_id', sa.Integer(), nullable=True),
    sa.Column('usuario_id', sa.Integer(), nullable=True),
    sa.Column('asignado_a', sa.Integer(), nullable=True),
    sa.Column('titulo', sa.String(length=200), nullable=False),
    sa.Column('descripcion', sa.Text(), nullable=False),
    sa.Column('prioridad', sa.Enum('baja', 'media', 'alta', 'urgente', name='ticket_prioridad', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('estado', sa.Enum('abierto', 'en_proceso', 'pendiente_respuesta', 'cerrado', 'cancelado', name='ticket_estado', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('metadata', sa.JSON(), nullable=True),
    sa.Column('horas_dedicadas', sa.Numeric(precision=8, scale=2), nullable=True),
    sa.Column('consumio_cupo', sa.Boolean(), nullable=False),
    sa.Column('first_response_at', sa.DateTime(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['asignado_a'], ['usuarios.id'], name=op.f('fk_soporte_tickets_asignado_a_usuarios'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['empresa_id'], ['empresas.id'], name=op.f('fk_soporte_tickets_empresa_id_empresas')),
    sa.ForeignKeyConstraint(['soporte_suscripcion_id'], ['soporte_suscripciones.id'], name=op.f('fk_soporte_tickets_soporte_suscripcion_id_soporte_suscripciones')),
    sa.ForeignKeyConstraint(['usuario_id'], ['usuarios.id'], name=op.f('fk_soporte_tickets_usuario_id_usuarios'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_soporte_tickets'))
    )
    with op.batch_alter_table('soporte_tickets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_soporte_tickets_asignado_a'), ['asignado_a'], unique=False)
        batch_op.create_index('ix_soporte_tickets_empresa_estado_id', ['empresa_id', 'estado', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_tickets_empresa_id'), ['empresa_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_tickets_estado'), ['estado'], unique=False)
        batch_op.create_index('ix_soporte_tickets_estado_id', ['estado', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_tickets_prioridad'), ['prioridad'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_tickets_soporte_suscripcion_id'), ['soporte_suscripcion_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_soporte_tickets_usuario_id'), ['usuario_id'], unique=False)

    op.create_table('soporte_ticket_comentarios',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('usuario_id', sa.Integer(), nullable=True),
    sa.Column('contenido', sa.Text(), nullable=False),
    sa.Column('es_admin', sa.Boolean(), nullable=False),
    sa.Column('interno', sa.Boolean(), nullable=False),
    sa.Column('autor', sa.String(length=120), nullable=True),
    sa.Column('adjuntos', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['soporte_tickets.id'], name=op.f('fk_soporte_ticket_comentarios_ticket_id_soporte_tickets'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['usuario_id'], ['usuarios.id'], name=op.f('fk_soporte_ticket_comentarios_usuario_id_usuarios'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_soporte_ticket_comentarios'))
    )
    with op.batch_alter_table('soporte_ticket_comentarios', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_soporte_ticket_comentarios_ticket_id'), ['ticket_id'], unique=False)

    op.create_table('soporte_ticket_archivos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('comentario_id', sa.Integer(), nullable=True),
    sa.Column('nombre', sa.String(length=100), nullable=False),
    sa.Column('nombre_original', sa.String(length=255), nullable=False),
    sa.Column('tamano', sa.BigInteger(), nullable=False),
    sa.Column('tipo', sa.String(length=120), nullable=False),
    sa.Column('subido_por', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['comentario_id'], ['soporte_ticket_comentarios.id'], name=op.f('fk_soporte_ticket_archivos_comentario_id_soporte_ticket_comentarios'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['subido_por'], ['usuarios.id'], name=op.f('fk_soporte_ticket_archivos_subido_por_usuarios'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['ticket_id'], ['soporte_tickets.id'], name=op.f('fk_soporte_ticket_archivos_ticket_id_soporte_tickets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_soporte_ticket_archivos')),
    sa.UniqueConstraint('nombre', name=op.f('uq_soporte_ticket_archivos_nombre'))
    )
    with op.batch_alter_table('soporte_ticket_archivos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_soporte_ticket_archivos_ticket_id'), ['ticket_id'], unique=False)



def downgrade():
    # Dropping a table drops its indexes (MariaDB refuses to drop an index a FK uses).
    op.drop_table('soporte_ticket_archivos')
    op.drop_table('soporte_ticket_comentarios')
    op.drop_table('soporte_tickets')
    op.drop_table('soporte_pagos')
    op.drop_table('soporte_suscripciones')
    op.drop_table('suscripciones')
    op.drop_table('log_accesos')
    op.drop_table('auditoria')
    op.drop_table('usuarios')
    op.drop_table('plan_servicios')
    op.drop_table('soporte_tipos')
    op.drop_table('servicios')
    op.drop_table('planes')
    op.drop_table('empresas')
