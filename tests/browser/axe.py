"""axe-core in the page: the violations that block (serious or critical), the one rule every browser test uses."""
from axe_playwright_python.sync_playwright import Axe

BLOCKING = {"serious", "critical"}
_axe = Axe()


def serious_violations(page) -> list[dict]:
    """Each blocking violation on the page as it is now: its rule, impact and the first three elements."""
    results = _axe.run(page)
    return [{"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in results.response["violations"] if v["impact"] in BLOCKING]
