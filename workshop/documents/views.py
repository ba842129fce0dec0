"""Facilitators' boards and session workspaces, the public document pages and downloads."""

import logging

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import RequestEntityTooLarge

from workshop.accounts.permissions import is_secretariat
from workshop.core.archive import ChecksumMismatch, MissingFile
from workshop.core.confirmation import require_button
from workshop.core.refusals import commit_or_refuse
from workshop.documents import board, services
from workshop.documents.forms import (
    CompareVersionsForm,
    ConclusionsFileForm,
    ConclusionsForm,
    LinkDocumentForm,
    NewDocumentForm,
    NewVersionForm,
)
from workshop.documents.models import Document, DocumentVersion, SessionConclusion, SessionDocument
from workshop.documents.permissions import (
    can_add_version,
    can_manage_session_documents,
    can_read_conclusions_document,
    can_read_documents,
    can_see_facilitator_board,
)
from workshop.documents.preparation import read_comparison
from workshop.documents.textdiff import count_changes
from workshop.documents.wording import file_size, version_status_label
from workshop.extensions import db
from workshop.forums.access import get_forum_or_404, get_managed_forum, get_part_or_404
from workshop.forums.models import Organisation
from workshop.forums.services import organisations_seen_from
from workshop.programme.models import ForumSession

blueprint = Blueprint("documents", __name__)
log = logging.getLogger(__name__)


@blueprint.context_processor
def document_helpers():
    return {
        "version_status_label": version_status_label,
        "file_size": file_size,
    }


@blueprint.errorhandler(RequestEntityTooLarge)
def refuse_oversized_request(error):
    """Say the limit in megabytes: the request was cut off before the form could be read."""
    message = _(
        "The file is larger than the limit of %(limit)s MB. Make it smaller or split it, then upload it again.",
        limit=current_app.config["MAX_UPLOAD_MB"],
    )
    return render_template("errors/error.html", code=413, title=_("File too large"), description=message), 413


def _integrity_failure(version):
    message = _(
        "This file did not pass its integrity check, so it was not sent. The problem has been logged; "
        "the secretariat can upload the file again."
    )
    log.error("refused to serve version %s of document %s", version.number, version.document_id)
    return render_template("errors/error.html", code=500, title=_("File unavailable"), description=message), 500


def _managed_session(slug, session_id):
    """Load a session whose documents the current user may manage, or stop with 404 or 403."""
    forum = get_forum_or_404(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    if not can_manage_session_documents(current_user, session):
        abort(403)
    return forum, session


def _session_document(session, document_id):
    """Return a document tabled in this session (or the session's conclusions document), else 404."""
    conclusions = services.conclusions_of(session)
    if conclusions is not None and conclusions.document_id == document_id:
        return conclusions.document
    link = next((link for link in session.document_links if link.document_id == document_id), None)
    return link.document if link is not None else abort(404)


def _documents_offered(forum, session):
    """Return the forum's documents a session's workspace may name, leaving out other sessions' draft conclusions."""
    others_drafts = services.draft_conclusions_document_ids(forum) - {
        document.id for document in db.session.scalars(select(Document).where(Document.session_id == session.id))
    }
    documents = db.session.scalars(select(Document).where(Document.forum_id == forum.id).order_by(Document.title))
    return [document for document in documents if document.id not in others_drafts]


def _linkable_documents(forum, session, documents):
    """Offer the forum's documents not tabled here yet, leaving out conclusions still in draft."""
    excluded = {link.document_id for link in session.document_links} | services.draft_conclusions_document_ids(forum)
    return [document for document in documents if document.id not in excluded]


def _render_workspace(forum, session, status=200, **forms):
    """Render the workspace; a form that failed is passed in so that its errors show."""
    conclusions = services.conclusions_of(session)
    documents = _documents_offered(forum, session)
    tabled_ids = {link.document_id for link in session.document_links}
    linkable = _linkable_documents(forum, session, documents)
    uploadable_ids = list(tabled_ids) + ([conclusions.document_id] if conclusions and conclusions.document_id else [])
    version_forms = {
        document_id: NewVersionForm(prefix=f"version-{document_id}", formdata=None) for document_id in uploadable_ids
    }
    version_forms.update(forms.pop("version_forms", {}))
    context = {
        "new_document_form": NewDocumentForm(
            organisations_seen_from(forum), documents, forum.content_language, prefix="new", formdata=None
        ),
        "link_form": LinkDocumentForm(linkable, forum.content_language, prefix="link", formdata=None),
        "conclusions_form": ConclusionsForm(
            prefix="conclusions", formdata=None, body=conclusions.body if conclusions else ""
        ),
        "conclusions_file_form": ConclusionsFileForm(prefix="conclusions-file", formdata=None),
        **forms,
    }
    return render_template(
        "documents/workspace.html",
        forum=forum,
        session=session,
        conclusions=conclusions,
        version_forms=version_forms,
        is_secretariat=is_secretariat(current_user, forum),
        **context,
    ), status


def _back_to_workspace(forum, session, anchor=""):
    url = url_for("documents.session_workspace", slug=forum.slug, session_id=session.id)
    return redirect(f"{url}#{anchor}" if anchor else url)


@blueprint.route("/f/<slug>/my-sessions")
@login_required
def my_sessions(slug):
    forum = get_forum_or_404(slug)
    if not can_see_facilitator_board(current_user, forum):
        abort(403)
    progress = board.progress_of(board.sessions_led_by(current_user, forum))
    return render_template(
        "documents/board.html", forum=forum, progress=progress, summary=board.summarise(progress), whole_forum=False
    )


@blueprint.route("/manage/<slug>/documents")
@login_required
def forum_board(slug):
    forum = get_managed_forum(slug)
    progress = board.progress_of(board.all_sessions(forum))
    return render_template(
        "documents/board.html", forum=forum, progress=progress, summary=board.summarise(progress), whole_forum=True
    )


@blueprint.route("/f/<slug>/sessions/<int:session_id>/documents")
@login_required
def session_workspace(slug, session_id):
    forum, session = _managed_session(slug, session_id)
    return _render_workspace(forum, session)


@blueprint.route("/f/<slug>/sessions/<int:session_id>/documents/new", methods=["POST"])
@login_required
def upload_new_document(slug, session_id):
    forum, session = _managed_session(slug, session_id)
    form = NewDocumentForm(
        organisations_seen_from(forum), _documents_offered(forum, session), forum.content_language, prefix="new"
    )
    if not form.validate_on_submit():
        return _render_workspace(forum, session, 400, new_document_form=form)
    translation_of = (
        get_part_or_404(Document, form.translation_of_id.data, forum) if form.translation_of_id.data else None
    )
    organisation = db.session.get(Organisation, form.organisation_id.data) if form.organisation_id.data else None
    upload = form.file.data
    with commit_or_refuse(form) as outcome:
        version = services.table_new_document(
            current_user,
            session,
            form.title.data,
            form.kind.data,
            form.language.data,
            upload.stream,
            upload.filename,
            form.status.data,
            form.note.data or "",
            organisation,
            translation_of,
        )
    if outcome.refused:
        return _render_workspace(forum, session, outcome.status, new_document_form=form)
    flash(_("%(document)s is uploaded and tabled in this session.", document=version.document.title), "success")
    return _back_to_workspace(forum, session, f"document-{version.document_id}")


@blueprint.route("/f/<slug>/sessions/<int:session_id>/documents/<int:document_id>/versions", methods=["POST"])
@login_required
def upload_version(slug, session_id, document_id):
    forum, session = _managed_session(slug, session_id)
    document = _session_document(session, document_id)
    if not can_add_version(current_user, document):
        abort(
            403, _("This document was drafted for a session you do not lead; ask the secretariat to add the version.")
        )
    form = NewVersionForm(prefix=f"version-{document.id}")
    if not form.validate_on_submit():
        return _render_workspace(forum, session, 400, version_forms={document.id: form})
    upload = form.file.data
    with commit_or_refuse(form) as outcome:
        version = services.upload_version(
            current_user, document, upload.stream, upload.filename, form.status.data, form.note.data or ""
        )
    if outcome.refused:
        return _render_workspace(forum, session, outcome.status, version_forms={document.id: form})
    flash(
        _("Version %(number)d of %(document)s is uploaded.", number=version.number, document=document.title), "success"
    )
    return _back_to_workspace(forum, session, f"document-{document.id}")


@blueprint.route("/f/<slug>/sessions/<int:session_id>/documents/link", methods=["POST"])
@login_required
def link_document(slug, session_id):
    forum, session = _managed_session(slug, session_id)
    form = LinkDocumentForm(
        _linkable_documents(forum, session, _documents_offered(forum, session)), forum.content_language, prefix="link"
    )
    if not form.validate_on_submit():
        return _render_workspace(forum, session, 400, link_form=form)
    document = get_part_or_404(Document, form.document_id.data, forum)
    with commit_or_refuse() as outcome:
        services.link_document(current_user, session, document)
    if outcome.refused:
        return _back_to_workspace(forum, session)
    flash(_("%(document)s is tabled in this session.", document=document.title), "success")
    return _back_to_workspace(forum, session, f"document-{document.id}")


@blueprint.route("/f/<slug>/sessions/<int:session_id>/documents/<int:document_id>/unlink", methods=["POST"])
@login_required
def unlink_document(slug, session_id, document_id):
    forum, session = _managed_session(slug, session_id)
    require_button()
    document = _session_document(session, document_id)
    with commit_or_refuse() as outcome:
        services.unlink_document(current_user, session, document)
    if outcome.refused:
        return _back_to_workspace(forum, session)
    flash(
        _("%(document)s is no longer tabled in this session; its files are kept.", document=document.title), "success"
    )
    return _back_to_workspace(forum, session)


@blueprint.route("/f/<slug>/sessions/<int:session_id>/conclusions", methods=["POST"])
@login_required
def save_conclusions(slug, session_id):
    forum, session = _managed_session(slug, session_id)
    form = ConclusionsForm(prefix="conclusions")
    if not form.validate_on_submit():
        return _render_workspace(forum, session, 400, conclusions_form=form)
    with commit_or_refuse(form):
        services.save_conclusions(current_user, session, form.body.data or "")
    flash(_("Conclusions saved as a draft."), "success")
    return _back_to_workspace(forum, session, "conclusions")


@blueprint.route("/f/<slug>/sessions/<int:session_id>/conclusions/file", methods=["POST"])
@login_required
def attach_conclusions_file(slug, session_id):
    forum, session = _managed_session(slug, session_id)
    form = ConclusionsFileForm(prefix="conclusions-file")
    if not form.validate_on_submit():
        return _render_workspace(forum, session, 400, conclusions_file_form=form)
    upload = form.file.data
    with commit_or_refuse(form) as outcome:
        services.attach_conclusions_file(
            current_user,
            session,
            upload.stream,
            upload.filename,
            form.status.data,
            form.language.data,
            form.note.data or "",
        )
    if outcome.refused:
        return _render_workspace(forum, session, outcome.status, conclusions_file_form=form)
    flash(_("The conclusions document is attached."), "success")
    return _back_to_workspace(forum, session, "conclusions")


@blueprint.route("/f/<slug>/sessions/<int:session_id>/conclusions/submit", methods=["POST"])
@login_required
def submit_conclusions(slug, session_id):
    forum, session = _managed_session(slug, session_id)
    require_button()
    with commit_or_refuse() as outcome:
        services.submit_conclusions(current_user, session)
    if outcome.refused:
        return _back_to_workspace(forum, session, "conclusions")
    flash(_("Conclusions submitted to the secretariat."), "success")
    return _back_to_workspace(forum, session, "conclusions")


def _readable_document(slug, document_id):
    forum = get_forum_or_404(slug)
    if not can_read_documents(current_user, forum):
        abort(404)
    document = db.session.scalar(
        select(Document)
        .where(Document.id == document_id, Document.forum_id == forum.id)
        .options(
            selectinload(Document.versions),
            selectinload(Document.session_links).selectinload(SessionDocument.session),
        )
    ) or abort(404)
    conclusions = db.session.scalar(select(SessionConclusion).where(SessionConclusion.document_id == document.id))
    if conclusions is not None and not can_read_conclusions_document(current_user, conclusions):
        abort(404)
    return forum, document


def _comparison(document):
    """Return the form and the stored comparison of two versions (from the query, else the last two), if any."""
    comparable = [version for version in document.versions if version.has_text]
    form = CompareVersionsForm(request.args)
    form.old.choices = form.new.choices = [(version.number, str(version.number)) for version in comparable]
    if len(comparable) < 2:
        return form, None
    by_number = {version.number: version for version in comparable}
    old = by_number.get(request.args.get("old", type=int), comparable[-2])
    new = by_number.get(request.args.get("new", type=int), comparable[-1])
    form.old.data, form.new.data = old.number, new.number
    return form, read_comparison(old, new)


@blueprint.route("/f/<slug>/documents/<int:document_id>")
def show_document(slug, document_id):
    forum, document = _readable_document(slug, document_id)
    compare_form, comparison = _comparison(document)
    return render_template(
        "documents/document.html",
        forum=forum,
        document=document,
        compare_form=compare_form,
        comparison=comparison,
        change_counts=count_changes(comparison.lines) if comparison else (0, 0),
        can_see_uploaders=is_secretariat(current_user, forum),
    )


@blueprint.route("/f/<slug>/documents/<int:document_id>/versions/<int:number>/download")
def download_version(slug, document_id, number):
    forum, document = _readable_document(slug, document_id)
    version = db.session.scalar(
        select(DocumentVersion).where(DocumentVersion.document_id == document.id, DocumentVersion.number == number)
    ) or abort(404)
    try:
        path = services.archive_from_config().verified_path(version.stored_name, version.sha256)
    except (ChecksumMismatch, MissingFile):
        return _integrity_failure(version)
    response = send_file(
        path,
        mimetype=version.media_type,
        as_attachment=True,
        download_name=version.original_name,
        conditional=True,
        etag=version.sha256,
    )
    # Drafts of a non-public forum must not stay in shared caches.
    response.headers["Cache-Control"] = "public, max-age=300" if forum.is_public else "private, no-store"
    return response
