"""Charts drawn as SVG on the server: the geometry of a horizontal bar chart (templates draw it; a table
beside every chart says the same in words)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.services.dashboard import Table

BAR_SHARE = 78  # per cent of the chart's width the longest bar takes; the rest holds its number
LABEL_HEIGHT, BAR_HEIGHT, GAP = 18, 16, 12
LABEL_CHARS = 36  # a label longer than this is cut (…) in the chart, to fit a 320 px phone; the table has it whole
COLOURS = ("#1d5b8c", "#a34f00")  # blue and dark orange: told apart without colour vision too (legend, table)


def bar_chart(table: Table, rtl: bool) -> dict:
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
