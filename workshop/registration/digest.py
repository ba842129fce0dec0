"""After each release, one e-mail per person listing only the changes to the sessions they chose or take part in.

The secretariat's publishing screen sends `release_published` once the release is committed; the
listener hands the work to the queue, which writes each digest in its reader's language.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.accounts.models import User
from workshop.core.queue import enqueue_now, job
from workshop.core.site import site_url_for
from workshop.extensions import db
from workshop.forums.mail import send_forum_mail
from workshop.publishing.changes import compare_snapshots
from workshop.publishing.layout import people_with_a_part_in
from workshop.publishing.models import AgendaRelease
from workshop.publishing.release_view import Snapshot
from workshop.publishing.signals import release_published
from workshop.publishing.wording import describe_change
from workshop.registration import rules
from workshop.registration.models import Registration, SessionChoice
from workshop.registration.rules import RegistrationStatus


@release_published.connect
def queue_change_digests(app, release):
    """Hand the digests of a committed release to the queue; publishing never waits for mail."""
    enqueue_now(send_change_digests, release.id)


def sessions_by_person(forum, before, after):
    """Return, for each person, the sessions of either release they chose (with a place or waiting) or take part in."""
    concerned = {}
    choices = db.session.execute(
        select(Registration.user_id, SessionChoice.session_id)
        .join(SessionChoice.registration)
        .where(
            Registration.forum_id == forum.id,
            Registration.status == RegistrationStatus.CONFIRMED,
            Registration.user_id.is_not(None),
        )
    ).all()
    for user_id, session_id in choices:
        concerned.setdefault(user_id, set()).add(session_id)
    for snapshot in (before, after):
        for session in snapshot.sessions.values():
            for person_id in people_with_a_part_in(session):
                concerned.setdefault(person_id, set()).add(session.id)
    return concerned


@job()
def send_change_digests(release_id):
    """Write to everyone whose sessions the release changed, once each, unless they opted out; return how many."""
    release = db.session.get(AgendaRelease, release_id)
    previous = db.session.scalar(
        select(AgendaRelease).where(
            AgendaRelease.forum_id == release.forum_id,
            AgendaRelease.number == release.number - 1,
        )
    )
    if previous is None:
        return 0
    forum = release.forum
    before, after = Snapshot.from_stored(previous), Snapshot.from_stored(release)
    changes = [change for change in compare_snapshots(before, after) if change.kind in rules.DIGEST_KINDS]
    concerned = sessions_by_person(forum, before, after) if changes else {}
    sent = 0
    for user in db.session.scalars(select(User).where(User.id.in_(concerned)).order_by(User.id)):
        theirs = rules.changes_for(changes, concerned[user.id])
        if not theirs or not user.wants_change_digests or not user.is_active:
            continue
        _send_digest(user, forum, release, theirs)
        sent += 1
    db.session.commit()
    return sent


def _send_digest(user, forum, release, changes):
    send_forum_mail(
        user,
        _l("What changed in your sessions at %(forum)s", forum=forum.title),
        "registration/mail/digest.txt",
        forum,
        user=user,
        release=release,
        changes=changes,
        describe=lambda change: describe_change(change, forum.timezone),
        agenda=site_url_for("publishing.show_agenda", slug=forum.slug),
        page=site_url_for("registration.mine", slug=forum.slug),
    )
