"""Run axe in a page and word its serious and critical findings, for the crawl and the journeys."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = ("serious", "critical")
AXE = Axe()


def serious_violations(page):
    """Return one line per serious or critical axe violation in the page: rule, impact, help, first targets."""
    violations = AXE.run(page).response["violations"]
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(str(node["target"][0]) for node in violation["nodes"][:5])
        for violation in violations
        if violation["impact"] in BLOCKING_IMPACTS
    ]
