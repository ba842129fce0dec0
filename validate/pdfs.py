"""Check each kind of PDF: qpdf's structure check, embedded fonts, the tagged structure PDF/UA-1 asks for,
and that what the secretariat typed is read in the forum's content language (Language of Parts)."""

import subprocess
from pathlib import Path

from validate.pdf_languages import part_language_problems
from validate.pdf_structure import structure_problems
from validate.problems import Problem

PDF_ENDPOINTS = (
    "exports.agenda_pdf",
    "exports.personal_agenda_pdf",
    "exports.session_brief_pdf",
    "exports.badges_pdf",
    "exports.list_of_participants_pdf",
    "exports.session_report_pdf",
    "exports.outcome_pdf",
)


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


def typed_by_secretariat(app):
    """Return {forum slug: (content language, texts the secretariat typed: titles of the forum and its sessions)}."""
    from workshop.extensions import db
    from workshop.forums.models import Forum
    from workshop.programme.models import ForumSession

    with app.app_context():
        sessions = db.session.execute(db.select(ForumSession.forum_id, ForumSession.title)).all()
        return {
            forum.slug: (
                forum.content_language,
                [forum.title, forum.subtitle, *(title for forum_id, title in sessions if forum_id == forum.id)],
            )
            for forum in db.session.scalars(db.select(Forum))
        }


def forum_slug(path):
    """Return the forum a PDF's path belongs to: /f/<slug>/… or /manage/<slug>/…."""
    parts = path.split("?")[0].strip("/").split("/")
    return parts[1] if len(parts) > 1 and parts[0] in ("f", "manage") else None


def check_pdfs(pages, folder, typed=None):
    """Check the first PDF of each kind the crawl fetched in each language, and say which kind it missed.

    `typed` (from typed_by_secretariat) gives each forum's content language and typed texts.
    """
    typed = typed or {}
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
        if forum_slug(page.path) in typed:
            messages += part_language_problems(page.body, *typed[forum_slug(page.path)])
        problems.extend(Problem(page.where, "PDF", message) for message in messages)
    reached = {endpoint for endpoint, _language in checked}
    problems.extend(
        Problem(endpoint, "PDF", "the crawl fetched no PDF of this kind")
        for endpoint in PDF_ENDPOINTS
        if endpoint not in reached
    )
    return problems
