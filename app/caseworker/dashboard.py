"""The dashboard: waiting times, outcomes, placements, seats and suggestions as SVG bar charts with tables and CSV."""
from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.caseworker import bp
from app.caseworker.forms import ExportForm
from app.i18n import text_direction
from app.services import dashboard
from app.services.concepts import choices as concept_choices, labels_for
from app.services.exports import CSV_MIMETYPE, XLSX_MIMETYPE
from app.services.scope import municipality_codes
from app.models import Role

BAR_SHARE = 78  # per cent of the chart's width the longest bar takes; the rest holds its number
LABEL_HEIGHT, BAR_HEIGHT, GAP = 18, 16, 12
LABEL_CHARS = 36  # a label longer than this is cut (…) in the chart, to fit a 320 px phone; the table has it whole
COLOURS = ("#1d5b8c", "#a34f00")  # blue and dark orange: told apart without colour vision too (legend, table)


def chart(table: dashboard.Table, rtl: bool) -> dict:
    """Geometry of a horizontal bar chart of the table's charted columns; bars grow from the reading start.

    Lengths are percentages of the chart's width and text keeps its size, so the chart fits any screen from
    320 px up without its words shrinking (a scaled drawing would make them unreadable on a phone)."""
    series = list(table.charted)
    values = [v for _label, row in table.rows for i, v in enumerate(row) if i in series and v is not None]
    top = max(values, default=0) or 1
    y = 0
    groups = []
    for label, row in table.rows:
        short = label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1].rstrip(" ,") + "…"
        group = {"label": short, "y": y + 13, "bars": []}
        y += LABEL_HEIGHT
        for n, i in enumerate(series):
            share = 0 if row[i] is None else round(BAR_SHARE * row[i] / top, 2)
            group["bars"].append({"x": f"{100 - share}%" if rtl else "0", "y": y, "width": f"{share}%",
                                  "shown": share > 0, "value": row[i], "text_x": f"{100 - share}%" if rtl else f"{share}%",
                                  "dx": -4 if rtl else 4, "colour": COLOURS[n % 2]})
            y += BAR_HEIGHT + 2
        groups.append(group)
        y += GAP
    legend = [{"name": table.columns[i], "n": n % 2} for n, i in enumerate(series)] if len(series) > 1 else []
    return {"height": max(y, 1), "groups": groups, "legend": legend, "start": "100%" if rtl else "0",
            "bar_height": BAR_HEIGHT}


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
                           tables=[(t, chart(t, rtl)) for t in dashboard.tables(scope)],
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
