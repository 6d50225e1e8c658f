"""The dashboard: waiting times, outcomes, placements, seats and suggestions as SVG bar charts with tables and CSV."""
from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.caseworker import bp
from app.caseworker.forms import ExportForm
from app.presentation.charts import bar_chart
from app.presentation.i18n import text_direction
from app.services import dashboard
from app.services.concepts import choices as concept_choices, labels_for
from app.services.exports import CSV_MIMETYPE, XLSX_MIMETYPE
from app.services.scope import municipality_codes
from app.models import Role


def _viewer():
    """The viewer; a caseworker without a municipality has no dashboard."""
    if municipality_codes(current_user) == ():
        abort(404)
    return current_user


def _scope(args):
    """The area and period asked for (query string or the export form's hidden fields), within what the viewer
    may see."""
    months = str(args.get("months", ""))
    return dashboard.scope_for(_viewer(), str(args.get("area", ""))[:12] or None,
                               int(months) if months.isascii() and months.isdigit() and len(months) <= 2 else None)


def _areas() -> list[tuple[str, str]]:
    """The areas the viewer may choose: (value, name)."""
    from app.services.scope import SHARED_POOLS, pool_of

    if current_user.role == Role.ADMIN:
        names = labels_for(code for codes in SHARED_POOLS.values() for code in codes)
        pools = [(f"pool:{name}", _("Shared pool: %(municipalities)s",
                                    municipalities=", ".join(names.get(c, c) for c in codes)))
                 for name, codes in SHARED_POOLS.items()]
        return [("", _("All municipalities"))] + pools + concept_choices("municipality")
    pool = pool_of(current_user.municipality_code)
    names = labels_for([current_user.municipality_code, *pool])
    areas = [("", names.get(current_user.municipality_code, current_user.municipality_code))]
    if len(pool) > 1:
        areas.append(("pool", _("Shared pool: %(municipalities)s",
                                municipalities=", ".join(names.get(c, c) for c in pool))))
    return areas


@bp.route("/dashboard")
def dashboard_page():
    rtl = text_direction() == "rtl"
    scope = _scope(request.args)
    area = request.args.get("area", "")
    areas = _areas()
    area = area if area in {value for value, _name in areas} else ""
    return render_template("caseworker/dashboard.html",
                           tables=[(t, bar_chart(t, rtl)) for t in dashboard.tables(scope)],
                           export_form=ExportForm(), scope=scope, areas=areas, area=area,
                           periods=dashboard.PERIODS, area_name=dict(areas).get(area, ""))


@bp.route("/dashboard/<key>.csv", methods=["POST"], defaults={"fmt": "csv"})
@bp.route("/dashboard/<key>.xlsx", methods=["POST"], defaults={"fmt": "xlsx"})
def dashboard_csv(key: str, fmt: str):
    """One figure as a spreadsheet (a POST with the CSRF token, like every export)."""
    if key not in dashboard.BUILDERS:
        abort(404)
    if not ExportForm().validate_on_submit():
        abort(400)
    table = dashboard.table(_scope(request.form), key)
    if fmt == "xlsx":
        return Response(dashboard.table_xlsx(table), mimetype=XLSX_MIMETYPE,
                        headers={"Content-Disposition": f'attachment; filename="{key}.xlsx"'})
    return Response(dashboard.table_csv(table), mimetype=CSV_MIMETYPE,
                    headers={"Content-Disposition": f'attachment; filename="{key}.csv"'})
