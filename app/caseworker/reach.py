"""People whom news does not reach, and a person's profile PDF to print for a meeting."""
from flask import Response, abort, render_template
from flask_login import current_user

from app.caseworker import bp
from app.extensions import db
from app.models import JobseekerProfile, Role
from app.services import person_reads
from app.services import notifications, profile_pdf


@bp.route("/unreachable")
def unreachable():
    """People in my municipality whom messages do not reach (failed delivery, or no channel): call them."""
    code = None if current_user.role == Role.ADMIN else current_user.municipality_code
    people = notifications.unreachable(code)
    page = render_template("caseworker/unreachable.html", people=people)
    person_reads.read_many(current_user, [profile for profile, _reason in people], "caseworker_unreachable")
    return page


@bp.route("/people/<int:profile_id>/profile.pdf")
def person_pdf(profile_id: int):
    """The person's profile as a PDF to print (their language and Swedish side by side); the read is audited."""
    profile = db.session.get(JobseekerProfile, profile_id)
    if profile is None or not person_reads.may_see(current_user, profile):
        abort(404)
    pdf = profile_pdf.render(profile, notifications.locale_of(profile))
    person_reads.read(current_user, profile, "caseworker_profile_pdf")
    return Response(pdf, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="profile-{profile.id}.pdf"'})
