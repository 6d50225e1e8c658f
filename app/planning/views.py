"""Pages of the competence analysis (app/services/competence.py): charts as SVG with tables, XLSX export,
programmes to open (a school opens a cohort in one POST), goals (an administrator sets them)."""
from __future__ import annotations

from datetime import date

from flask import Response, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _, lazy_gettext as _l
from flask_login import current_user
from wtforms import HiddenField, IntegerField, SelectField, SubmitField
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange

from app.presentation.charts import bar_chart
from app.caseworker.forms import ExportForm
from app.extensions import db
from app.forms import ActionForm, Form, options
from app.presentation.i18n import text_direction
from app.models import Concept, Role
from app.models.need import RegionalGoal
from app.models.opportunity import ProgrammeKind
from app.planning import bp
from app.services import competence
from app.services.concepts import choices as concept_choices, labels_for
from app.services.exports import XLSX_MIMETYPE, xlsx_bytes

STAFF_AND_PLANNERS = (Role.CASEWORKER, Role.ADMIN, Role.PLANNER)


def _county_of(code: str | None) -> str | None:
    if not code:
        return None
    if len(code) == 2:
        return code
    concept = db.session.get(Concept, code)
    return concept.parent_id if concept is not None else None


def _home_area() -> str | None:
    """The area a viewer works for: None (every municipality) for an administrator."""
    role = current_user.role
    if role == Role.ADMIN:
        return None
    if role == Role.EDUCATION_PROVIDER:
        organisation = current_user.organisation
        return _county_of(organisation.municipality_code if organisation else None) or "-"
    return current_user.municipality_code or "-"


def _areas() -> list[tuple[str, str]]:
    """(value, name) of the areas the viewer may choose; the first is their default."""
    home = _home_area()
    if home is None:
        return [("", _("All municipalities"))] + concept_choices("county") + concept_choices("municipality")
    if home == "-":
        return []
    names = labels_for([home])
    if len(home) == 2:
        return [(home, names.get(home, home))] + concept_choices("municipality", keep=lambda c: c.parent_id == home)
    return [(home, names.get(home, home))]


def _area(args) -> tuple[str, str]:
    """The area asked for (value, name), within what the viewer may see; 404 for a viewer without one."""
    allowed = areas()
    if not allowed:
        abort(404)
    wanted = str(args.get("area", ""))[:4]
    return next(((v, n) for v, n in allowed if v == wanted), allowed[0])


def areas():
    """_areas, once per request."""
    if "planning_areas" not in g:
        g.planning_areas = _areas()
    return g.planning_areas


def _quarters(args) -> int:
    text = str(args.get("quarters", ""))
    return int(text) if text.isascii() and text.isdigit() and int(text) in competence.PERIODS else competence.QUARTERS


def _staff_only():
    if current_user.role not in STAFF_AND_PLANNERS:
        abort(403)


@bp.route("/")
def overview():
    _staff_only()
    area, area_name = _area(request.args)
    quarters = _quarters(request.args)
    rtl = text_direction() == "rtl"
    tables = competence.tables(competence.municipalities(area), quarters)
    return render_template("planning/overview.html", tables=[(t, bar_chart(t, rtl)) for t in tables],
                           export_form=ExportForm(), areas=areas(), area=area, area_name=area_name,
                           quarters=quarters, periods=competence.PERIODS)


@bp.route("/<figure>.xlsx", methods=["POST"])
def export(figure: str):
    """One figure as XLSX: names, numbers as numbers, suppressed cells empty (a POST with the CSRF token). Schools
    may export the programmes to open, nothing else."""
    key = figure
    if key != "programmes":
        _staff_only()
    if not ExportForm().validate_on_submit():
        abort(400)
    area, _name = _area(request.form)
    codes = competence.municipalities(area)
    if key.startswith("goal-") and current_user.role in STAFF_AND_PLANNERS:
        table = next((g.table for g in competence.goals(area or None) if g.table.key == key), None)
    elif key == "programmes":
        table = programmes_table(competence.programmes(codes))
    elif current_user.role in STAFF_AND_PLANNERS:
        table = next((t for t in competence.tables(codes, _quarters(request.form)) if t.key == key), None)
    else:
        table = None
    if table is None:
        abort(404)
    return Response(xlsx_bytes(table.title, *competence.export_rows(table)), mimetype=XLSX_MIMETYPE,
                    headers={"Content-Disposition": f'attachment; filename="{key}.xlsx"'})


def programmes_table(proposals):
    from app.services.dashboard import Table
    from app.services.statistics import suppress_small

    rows = [(f"{competence.PROGRAMME_LABELS[ProgrammeKind(p.kind)]}: {p.occupation_label}",
             [suppress_small(p.eligible), suppress_small(p.needs)]) for p in proposals]
    return Table("programmes", _("Programmes to open"),
                 _("For each kind of programme and occupation: the people a new cohort would make eligible and the "
                   "people employers said they need who would take someone from a programme."),
                 _("Programme"), [_("Would become eligible"), _("Needed by employers")], rows, charted=(0, 1),
                 short=(_("Eligible"), _("Needed")))


class OpenCohortForm(Form):
    kind = HiddenField(validators=[DataRequired(), AnyOf([str(k) for k in ProgrammeKind])])
    occupation = HiddenField(validators=[DataRequired(), Length(max=32)])


@bp.route("/programmes")
def programmes():
    area, area_name = _area(request.args)
    proposals = competence.programmes(competence.municipalities(area))
    rtl = text_direction() == "rtl"
    table = programmes_table(proposals[:15])
    return render_template("planning/programmes.html", proposals=proposals, table=table, chart=bar_chart(table, rtl),
                           labels=competence.PROGRAMME_LABELS, areas=areas(), area=area, area_name=area_name,
                           export_form=ExportForm(), open_form=OpenCohortForm(), suppress=competence.suppress_small,
                           may_open=current_user.role == Role.EDUCATION_PROVIDER)


@bp.route("/programmes/open", methods=["POST"])
def open_cohort():
    """A school opens a cohort: a DRAFT programme place of its own, with the figures that argued for it."""
    if current_user.role != Role.EDUCATION_PROVIDER or current_user.organisation is None:
        abort(403)
    form = OpenCohortForm()
    if not form.validate_on_submit():
        abort(400)
    area, _name = _area(request.form)
    proposal = next((p for p in competence.programmes(competence.municipalities(area))
                     if p.kind == form.kind.data and p.occupation == form.occupation.data), None)
    if proposal is None:
        abort(404)
    place = competence.open_cohort(current_user.organisation, proposal)
    flash(_("A draft programme was made with the figures. Check it and publish it when it is ready."), "success")
    return redirect(url_for("employer.opportunity_edit", opportunity_id=place.id))


class GoalForm(Form):
    area = SelectField(_l("Area"), choices=[], validators=[DataRequired()])
    field = SelectField(_l("Occupation field"), choices=[], validators=[DataRequired()])
    target = IntegerField(_l("Placements to reach"), validators=[DataRequired(), NumberRange(min=1, max=1_000_000)])
    by_year = IntegerField(_l("By the end of the year"), validators=[DataRequired(), NumberRange(min=2000, max=2100)])
    submit = SubmitField(_l("Save the goal"))

    def fill_choices(self) -> None:
        self.area.choices = options(concept_choices("county") + concept_choices("municipality"))
        self.field.choices = options(concept_choices("ssyk1"))


@bp.route("/goals", methods=["GET", "POST"])
def goals():
    _staff_only()
    area, area_name = _area(request.args)
    form = GoalForm() if current_user.role == Role.ADMIN else None
    if form is not None:
        form.fill_choices()
        if not form.is_submitted():
            form.area.data = area or None
            form.by_year.data = date.today().year + 4
        elif form.validate_on_submit():
            competence.set_goal(form.area.data, form.field.data, form.target.data, form.by_year.data, current_user)
            flash(_("The goal is saved."), "success")
            return redirect(url_for("planning.goals", area=form.area.data))
    rtl = text_direction() == "rtl"
    progress = competence.goals(area or None)
    return render_template("planning/goals.html", progress=[(g, bar_chart(g.table, rtl)) for g in progress], form=form,
                           areas=areas(), area=area, area_name=area_name, export_form=ExportForm(),
                           delete_form=ActionForm())


@bp.route("/goals/<int:goal_id>/delete", methods=["POST"])
def goal_delete(goal_id: int):
    if current_user.role != Role.ADMIN:
        abort(403)
    if not ActionForm().validate_on_submit():
        abort(400)
    goal = db.session.get(RegionalGoal, goal_id)
    if goal is None:
        abort(404)
    area = goal.area_code
    competence.remove_goal(goal)
    flash(_("The goal is removed."), "success")
    return redirect(url_for("planning.goals", area=area))
