"""An overview for administrators."""
from flask import render_template
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.admin import bp
from app.extensions import db
from app.models import Concept, JobseekerProfile, Match, Opportunity, Organisation, User


@bp.route("/")
def home():
    tables = {_("Accounts"): User, _("Organisations"): Organisation, _("Jobseeker profiles"): JobseekerProfile,
              _("Opportunities"): Opportunity, _("Matches"): Match, _("Taxonomy concepts"): Concept}
    counts = {name: db.session.scalar(select(func.count()).select_from(model)) for name, model in tables.items()}
    return render_template("admin/home.html", counts=counts)
