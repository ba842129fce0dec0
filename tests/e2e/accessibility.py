"""What axe finds on a page, as a test reports it."""

from axe_playwright_python.sync_playwright import Axe


def serious_violations(page):
    """Return axe's serious and critical violations on the page, one line each with up to five of its elements."""
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:5])
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
