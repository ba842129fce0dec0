"""Check each kind of PDF: qpdf's structure check, embedded fonts, and the tagged structure PDF/UA-1 asks for."""

import subprocess
from pathlib import Path

from validate.pdf_structure import structure_problems
from validate.problems import Problem

PDF_ENDPOINTS = ("exports.agenda_pdf", "exports.personal_agenda_pdf", "exports.session_brief_pdf", "exports.badges_pdf")


def check_with_qpdf(path):
    run = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, timeout=120)
    if run.returncode != 0:
        return [f"qpdf --check: {(run.stdout + run.stderr).strip()[-1000:]}"]
    return []


def check_fonts(path):
    """Return a message for every font that is not embedded (pdffonts' `emb` column)."""
    run = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, timeout=120, check=True)
    rows = run.stdout.splitlines()[2:]
    return [f"pdffonts: font not embedded: {row.split()[0]}" for row in rows if row.split()[-5] != "yes"]


def check_pdfs(pages, folder):
    """Check the first PDF of each kind the crawl fetched in each language, and say which kind it missed."""
    folder.mkdir(parents=True, exist_ok=True)
    problems = []
    checked = set()
    for page in pages:
        kind = (page.endpoint, page.language)
        if page.endpoint not in PDF_ENDPOINTS or page.status != 200 or kind in checked:
            continue
        checked.add(kind)
        path = Path(folder) / f"{len(checked):03d}.pdf"
        path.write_bytes(page.body)
        messages = check_with_qpdf(path) + check_fonts(path) + structure_problems(page.body)
        problems.extend(Problem(page.where, "PDF", message) for message in messages)
    reached = {endpoint for endpoint, _language in checked}
    problems.extend(
        Problem(endpoint, "PDF", "the crawl fetched no PDF of this kind")
        for endpoint in PDF_ENDPOINTS
        if endpoint not in reached
    )
    return problems
