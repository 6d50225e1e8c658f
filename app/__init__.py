"""Jobbrygga: the application factory."""
import secrets
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.guards import admission, input_rules, sessions
from app.operations import logs
from app.presentation import i18n
from app.config import DEV_SECRET_KEY, PROJECT_DIR, from_environment
from app.extensions import babel, csrf, db, limiter, login, migrate


def create_app(config: dict | None = None) -> Flask:
    """Build the app: configuration → extensions → blueprints → error pages → CLI."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(from_environment(app.instance_path))
    if config:
        app.config.update(config)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"].setdefault(
            "connect_args", {"connect_timeout": app.config["DATABASE_CONNECT_TIMEOUT"]})
    _load_secret_key(app)
    logs.init_app(app)  # first: the request clock and id start before any other before_request
    admission.init_app(app)  # second: a shed request has done no work at all
    if app.config["TRUSTED_PROXIES"]:
        # Behind reverse proxies the client's address (login throttling) and scheme come from their headers;
        # only as many hops as configured are believed, so a client cannot forge its own address.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_DIR / "migrations"), render_as_batch=True)
    login.init_app(app)
    login.login_view = "auth.login"
    login.login_message = None  # the login page itself explains why
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    input_rules.init_app(app)
    sessions.init_app(app)

    from app import models  # noqa: F401  (register the tables with the metadata)
    from app.admin import bp as admin_bp
    from app.auth import bp as auth_bp
    from app.caseworker import bp as caseworker_bp
    from app.employer import bp as employer_bp
    from app.errors import register_error_handlers
    from app.jobseeker import bp as jobseeker_bp
    from app.main import bp as main_bp

    for blueprint in (main_bp, auth_bp, jobseeker_bp, employer_bp, caseworker_bp, admin_bp):
        app.register_blueprint(blueprint)
    from app.operations.health import bp as health_bp

    app.register_blueprint(health_bp)
    from app.planning import bp as planning_bp  # the region's competence needs (issue 18)

    app.register_blueprint(planning_bp)
    from app import api

    api.init_app(app)
    register_error_handlers(app)

    from app.commands import register_commands

    register_commands(app)
    return app


def _load_secret_key(app: Flask) -> None:
    """SECRET_KEY from the environment; locally a random key kept in instance/; production must set it."""
    if app.config["SECRET_KEY"] != DEV_SECRET_KEY or app.testing:
        return
    if app.config["JOBBRYGGA_ENV"] == "production":
        raise RuntimeError("Set SECRET_KEY in the environment: production never uses a generated key.")
    key_file = Path(app.instance_path) / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    app.config["SECRET_KEY"] = key_file.read_text().strip()
