import sqlalchemy as sa

from database.db import db
from models import Empresa, Plan, PlanServicio, Servicio, SoporteTipo, Suscripcion, Usuario
from utils.passwords import verify_password

MODELS = (Empresa, Plan, PlanServicio, Servicio, SoporteTipo, Suscripcion, Usuario)


def counts():
    return {m.__name__: db.session.execute(sa.select(sa.func.count()).select_from(m)).scalar_one() for m in MODELS}


def test_seed_creates_catalogue_admin_and_demo_company(runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    admin = db.session.execute(sa.select(Usuario).filter_by(rol="admin")).scalar_one()
    assert admin.email == "admin@tratios.local"
    # No fixed default password: a generated one is printed once and works.
    line = next(line for line in result.output.splitlines() if "Contraseña generada" in line)
    password = line.split(": ", 1)[1].strip()
    assert len(password) >= 16
    assert verify_password(admin.password_hash, password)
    modalidades = set(db.session.execute(sa.select(SoporteTipo.modalidad)).scalars())
    assert modalidades == {"mensual", "anual", "por_tickets", "por_horas"}
    empresa = db.session.execute(sa.select(Empresa)).scalar_one()
    assert empresa.nit == "900123456-8"
    suscripcion = db.session.execute(sa.select(Suscripcion)).scalar_one()
    assert suscripcion.estado == "activa" and empresa.plan == suscripcion.plan.nombre
    assert counts()["Plan"] >= 3 and counts()["PlanServicio"] >= 10


def test_seed_twice_changes_nothing(runner):
    assert runner.invoke(args=["seed"]).exit_code == 0
    before = counts()
    admin_hash = db.session.execute(sa.select(Usuario.password_hash)).scalar_one()
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0
    assert "nada que crear" in result.output
    assert "Contraseña" not in result.output
    db.session.expire_all()
    assert counts() == before
    assert db.session.execute(sa.select(Usuario.password_hash)).scalar_one() == admin_hash


def test_seed_uses_admin_password_from_config(app, runner):
    app.config["ADMIN_PASSWORD"] = "Otra-Clave-Fuerte-9"
    app.config["ADMIN_EMAIL"] = "jefe@tratios.co"
    try:
        result = runner.invoke(args=["seed"])
    finally:
        app.config["ADMIN_PASSWORD"] = None
        app.config["ADMIN_EMAIL"] = "admin@tratios.local"
    assert "Contraseña generada" not in result.output
    admin = db.session.execute(sa.select(Usuario).filter_by(email="jefe@tratios.co")).scalar_one()
    assert verify_password(admin.password_hash, "Otra-Clave-Fuerte-9")
