"""The dashboard: waiting times, outcomes, placements, seats and suggestions as SVG bar charts with tables and CSV."""
from flask import Response, abort, render_template
from flask_login import current_user

from app.caseworker import bp
from app.i18n import text_direction
from app.services import dashboard
from app.services.scope import municipality_codes

WIDTH = 640  # SVG user units; the chart scales to the page width
VALUE_SPACE = 140  # room after the longest bar for its number
LABEL_HEIGHT, BAR_HEIGHT, GAP = 18, 16, 12
COLOURS = ("#1d5b8c", "#a34f00")  # blue and dark orange: told apart without colour vision too (legend, table)


def chart(table: dashboard.Table, rtl: bool) -> dict:
    """Geometry of a horizontal bar chart of the table's charted columns; bars grow from the reading start."""
    series = list(table.charted)
    values = [v for _label, row in table.rows for i, v in enumerate(row) if i in series and v is not None]
    top = max(values, default=0) or 1
    y = 24 if len(series) > 1 else 0  # the legend's line
    groups = []
    for label, row in table.rows:
        group = {"label": label, "y": y + 13, "bars": []}
        y += LABEL_HEIGHT
        for n, i in enumerate(series):
            width = 0 if row[i] is None else round((WIDTH - VALUE_SPACE) * row[i] / top, 1)
            group["bars"].append({"x": WIDTH - width if rtl else 0, "y": y, "width": width, "value": row[i],
                                  "text_x": WIDTH - width - 4 if rtl else width + 4, "colour": COLOURS[n % 2]})
            y += BAR_HEIGHT + 2
        groups.append(group)
        y += GAP
    legend = [{"name": table.columns[i], "colour": COLOURS[n % 2], "x": (WIDTH - 12 - 220 * n) if rtl else 220 * n,
               "text_x": (WIDTH - 18 - 220 * n) if rtl else 220 * n + 18}
              for n, i in enumerate(series)] if len(series) > 1 else []
    return {"width": WIDTH, "height": max(y, 1), "groups": groups, "legend": legend, "start": WIDTH if rtl else 0,
            "bar_height": BAR_HEIGHT}


def _viewer():
    """The viewer; a caseworker without a municipality has no dashboard."""
    if municipality_codes(current_user) == ():
        abort(404)
    return current_user


@bp.route("/dashboard")
def dashboard_page():
    rtl = text_direction() == "rtl"
    return render_template("caseworker/dashboard.html",
                           tables=[(t, chart(t, rtl)) for t in dashboard.tables(_viewer())])


@bp.route("/dashboard/<key>.csv")
def dashboard_csv(key: str):
    if key not in dashboard.BUILDERS:
        abort(404)
    return Response(dashboard.table_csv(dashboard.table(_viewer(), key)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{key}.csv"'})
