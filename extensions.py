"""Flask extensions, created here un-initialised so every module can import them."""

from flask_cors import CORS
from flask_jwt_extended import JWTManager
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_migrate import Migrate

from database.db import db

migrate = Migrate()
jwt = JWTManager()
cors = CORS()
limiter = Limiter(key_func=get_remote_address, default_limits=[])

# flask-smorest's Api is created per application in routes.register_all (it holds one spec per app).
__all__ = ["cors", "db", "jwt", "limiter", "migrate"]
