"""The rapporteur's report of a session: write, submit, comment, return, approve; the secretariat's board."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from workshop.core.labels import label
from workshop.core.refusals import EditConflict, commit_or_refuse
from workshop.core.versions import saved_values_that_differ
from workshop.extensions import db
from workshop.forums.access import get_forum_or_404, get_managed_forum, get_part_or_404
from workshop.programme.models import ForumSession
from workshop.reports import board, services
from workshop.reports.forms import (
    CommentForm,
    DeadlineForm,
    ForumPublicationForm,
    PublicationForm,
    ReportForm,
    ReturnForm,
)
from workshop.reports.outcome import consolidated_outcome
from workshop.reports.permissions import can, covers_sessions, parts_in
from workshop.reports.rules import REVISED_FIELDS, recommendation_rows
from workshop.reports.wording import compare_revisions
from workshop.reports.workflow import Action, ReportStatus, allowed_actions, may_ever

blueprint = Blueprint("reports", __name__)


def _session_report(slug, session_id, action):
    """Load a session and its report for someone who may ever take `action` on it, or stop with 404 or 403."""
    forum = get_forum_or_404(slug)
    session = get_part_or_404(ForumSession, session_id, forum)
    if not may_ever(parts_in(current_user, session), action):
        abort(403)
    return forum, session, services.report_of(session)


def _report_url(forum, session):
    return url_for("reports.show_report", slug=forum.slug, session_id=session.id)


@blueprint.route("/f/<slug>/my-reports")
@login_required
def my_reports(slug):
    forum = get_forum_or_404(slug)
    if not covers_sessions(current_user, forum):
        abort(403)
    sessions = services.sessions_covered_by(current_user, forum)
    return render_template(
        "reports/my_reports.html",
        forum=forum,
        rows=board.rows_of(forum, sessions),
        deadline=services.forum_deadline(forum),
    )


@blueprint.route("/f/<slug>/sessions/<int:session_id>/report")
@login_required
def show_report(slug, session_id):
    forum, session, report = _session_report(slug, session_id, Action.READ)
    return _render_report(forum, session, report)


def _render_report(forum, session, report, status=200, **forms):
    parts = parts_in(current_user, session)
    revisions = report.revisions if report else []
    changes = [
        (revision, compare_revisions(revisions[index - 1], revision) if index else [])
        for index, revision in enumerate(revisions)
    ]
    return render_template(
        "reports/report.html",
        forum=forum,
        session=session,
        report=report,
        printed=services.printed_report(report) if report else None,
        actions=allowed_actions(parts, report.status if report else ReportStatus.DRAFT),
        changes=list(reversed(changes)),
        deadline=services.forum_deadline(forum),
        comment_form=forms.get("comment_form") or CommentForm(prefix="comment", formdata=None),
        return_form=forms.get("return_form") or ReturnForm(prefix="return", formdata=None),
        publication_form=PublicationForm(prefix="publication", formdata=None, published=report and report.published),
        publishes_every_report=services.publishes_every_report(forum),
    ), status


def _report_form(session, report, formdata=None):
    """Return the report form: as posted, else the report as saved, else (before there is one) what the agenda knows.

    A posted form is read from what was posted alone: a version it does not carry is no version,
    never the saved one.
    """
    if formdata is not None:
        return ReportForm(formdata=formdata)
    if report is not None:
        form = ReportForm(formdata=None, obj=report)
        written = [{"text": item.text, "addressee": item.addressee} for item in report.recommendations]
    else:
        facts = services.known_facts(session)
        form = ReportForm(formdata=None, obj=facts, **vars(facts.counts))
        written = []
    rows = written + [{"text": "", "addressee": ""}] * (recommendation_rows(len(written)) - len(written))
    # Processing the list again numbers its rows from 0, as a browser will post them back.
    form.recommendations.process(None, rows)
    return form


@blueprint.route("/f/<slug>/sessions/<int:session_id>/report/edit", methods=["GET", "POST"])
@login_required
def edit_report(slug, session_id):
    forum, session, report = _session_report(slug, session_id, Action.EDIT)
    if request.method == "GET" and not can(current_user, session, Action.EDIT, report):
        flash(
            _("This report cannot be changed while it is %(status)s.", status=label(report.status, "report_status")),
            "error",
        )
        return redirect(_report_url(forum, session))
    form = _report_form(session, report, formdata=request.form if request.method == "POST" else None)
    if not form.validate_on_submit():
        return _render_form(forum, session, report, form, status=422 if request.method == "POST" else 200)
    with commit_or_refuse(form) as outcome:
        services.save_report(
            current_user,
            session,
            form.version.data,
            [services.RecommendationText(row["text"], row["addressee"]) for row in form.recommendations.data],
            **{name: field.data for name, field in form._fields.items() if name in REVISED_FIELDS},
        )
    if isinstance(outcome.refusal, EditConflict):
        db.session.expire_all()
        report = services.report_of(session)
        conflict = saved_values_that_differ(form, _report_form(session, report)) if report else []
        form.version.data = report.version if report else None
        return _render_form(forum, session, report, form, conflict, outcome.status)
    if outcome.refused:
        return _render_form(forum, session, report, form, status=outcome.status)
    flash(_("Report saved."), "success")
    return redirect(_report_url(forum, session))


def _render_form(forum, session, report, form, conflict=None, status=200):
    return render_template(
        "reports/edit_report.html", forum=forum, session=session, report=report, form=form, conflict=conflict
    ), status


def _workflow_step(slug, session_id, action, step, done_message):
    forum, session, _report = _session_report(slug, session_id, action)
    with commit_or_refuse() as outcome:
        step(current_user, session)
    if not outcome.refused:
        flash(done_message, "success")
    return redirect(_report_url(forum, session))


@blueprint.route("/f/<slug>/sessions/<int:session_id>/report/submit", methods=["POST"])
@login_required
def submit_report(slug, session_id):
    return _workflow_step(
        slug, session_id, Action.SUBMIT, services.submit_report, _("Report submitted to the secretariat.")
    )


@blueprint.route("/f/<slug>/sessions/<int:session_id>/report/approve", methods=["POST"])
@login_required
def approve_report(slug, session_id):
    return _workflow_step(slug, session_id, Action.APPROVE, services.approve_report, _("Report approved."))


@blueprint.route("/f/<slug>/sessions/<int:session_id>/report/reopen", methods=["POST"])
@login_required
def reopen_report(slug, session_id):
    return _workflow_step(
        slug, session_id, Action.REOPEN, services.reopen_report, _("Report reopened: it needs approval again.")
    )


def _step_with_text(slug, session_id, action, form, step, done_message, anchor=""):
    """Run a step that takes a text (a return's comments, a comment), or show the report again with why it was refused."""
    forum, session, report = _session_report(slug, session_id, action)
    form_name = "return_form" if action == Action.RETURN else "comment_form"
    if not form.validate_on_submit():
        return _render_report(forum, session, report, 422, **{form_name: form})
    with commit_or_refuse(form) as outcome:
        step(current_user, session, form.body.data)
    if outcome.refused:
        return _render_report(forum, session, services.report_of(session), outcome.status, **{form_name: form})
    flash(done_message, "success")
    return redirect(_report_url(forum, session) + anchor)


@blueprint.route("/f/<slug>/sessions/<int:session_id>/report/return", methods=["POST"])
@login_required
def return_report(slug, session_id):
    return _step_with_text(
        slug,
        session_id,
        Action.RETURN,
        ReturnForm(prefix="return"),
        services.return_report,
        _("Report returned to the rapporteur."),
    )


@blueprint.route("/f/<slug>/sessions/<int:session_id>/report/comments", methods=["POST"])
@login_required
def comment_on_report(slug, session_id):
    return _step_with_text(
        slug,
        session_id,
        Action.COMMENT,
        CommentForm(prefix="comment"),
        services.comment_on_report,
        _("Comment added."),
        anchor="#comments",
    )


@blueprint.route("/f/<slug>/sessions/<int:session_id>/report/publication", methods=["POST"])
@login_required
def publish_report(slug, session_id):
    forum, session, _report = _session_report(slug, session_id, Action.PUBLISH)
    form = PublicationForm(prefix="publication")
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            services.set_report_published(current_user, session, form.published.data)
        if not outcome.refused:
            flash(
                _("Report shown on the session page.")
                if form.published.data
                else _("Report taken off the session page."),
                "success",
            )
    return redirect(_report_url(forum, session))


@blueprint.route("/manage/<slug>/reports")
@login_required
def forum_board(slug):
    forum = get_managed_forum(slug)
    return _render_board(forum, DeadlineForm(formdata=None, due_on=services.forum_deadline(forum)))


@blueprint.route("/manage/<slug>/reports/publication", methods=["POST"])
@login_required
def set_forum_publication(slug):
    forum = get_managed_forum(slug)
    form = ForumPublicationForm(prefix="publication")
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            services.set_forum_publication(current_user, forum, form.every_approved_report.data)
        if not outcome.refused:
            flash(_("Choice saved."), "success")
    return redirect(url_for("reports.forum_board", slug=forum.slug))


def _render_board(forum, deadline_form, status=200):
    track_id = request.args.get("track", type=int)
    wanted_status = request.args.get("status", "")
    rows = board.rows_of(forum, services.sessions_with_rapporteurs(forum))
    return render_template(
        "reports/board.html",
        forum=forum,
        rows=board.filtered(rows, track_id, wanted_status),
        summary=board.summarise(rows),
        track_id=track_id,
        wanted_status=wanted_status,
        deadline=services.forum_deadline(forum),
        deadline_form=deadline_form,
        publication_form=ForumPublicationForm(
            prefix="publication", formdata=None, every_approved_report=services.publishes_every_report(forum)
        ),
    ), status


@blueprint.route("/manage/<slug>/outcome")
@login_required
def show_outcome(slug):
    forum = get_managed_forum(slug)
    return render_template("reports/outcome.html", forum=forum, outcome=consolidated_outcome(forum))


@blueprint.route("/manage/<slug>/reports/deadline", methods=["POST"])
@login_required
def set_deadline(slug):
    forum = get_managed_forum(slug)
    form = DeadlineForm()
    if form.validate_on_submit():
        with commit_or_refuse(form) as outcome:
            services.set_deadline(current_user, forum, form.due_on.data)
        if not outcome.refused:
            flash(_("Deadline set."), "success")
            return redirect(url_for("reports.forum_board", slug=forum.slug))
        return _render_board(forum, form, outcome.status)
    return _render_board(forum, form, 422)
