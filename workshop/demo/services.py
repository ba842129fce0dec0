"""Load the demo forum from its programme file, give its people demo logins and publish its releases."""

from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from workshop.accounts.models import User
from workshop.accounts.services import find_or_create_account
from workshop.demo.documents import add_demo_documents
from workshop.demo.releases import publish_demo_releases
from workshop.demo.report import add_demo_report
from workshop.extensions import db
from workshop.forums.rules import joined_interpretation, joined_languages, possible_interpretations
from workshop.forums.services import find_forum, seed_shared_directory
from workshop.programme.models import ForumSession, SessionFormat
from workshop.programme_files.importing import import_programme_file
from workshop.registration.demo_data import add_demo_registrations

DEMO_SLUG = "bogota-2011"
# Not a secret: the published password of the throwaway demo accounts (bandit B105).
DEMO_PASSWORD = "workshop-demo"  # nosec B105
DEMO_FILE = Path(__file__).with_name("bogota-2011.json")
# The forum's working languages, in order: English first (mail to those who chose none), then Spanish.
DEMO_LANGUAGES = ("en", "es")
ADMIN_EMAIL = "admin@demo.workshop.test"
SECRETARIAT_EMAIL = "secretariat@demo.workshop.test"
# The accounts that get the demo password, in the order the command lists them.
DEMO_LOGINS = (
    (ADMIN_EMAIL, _l("site administrator")),
    (SECRETARIAT_EMAIL, _l("secretariat")),
    ("facilitator@demo.workshop.test", _l("facilitator of sessions 1 and 2")),
    ("rapporteur@demo.workshop.test", _l("rapporteur of session 1")),
    ("participant@demo.workshop.test", _l("participant")),
)


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    password: str = DEMO_PASSWORD


def load_demo():
    """Build the demo forum and its logins, or return None if it is there already; the caller commits."""
    if find_forum(DEMO_SLUG) is not None:
        return None
    admin = _demo_admin()
    seed_shared_directory()
    forum = import_programme_file(DEMO_FILE.read_text(encoding="utf-8"), actor=admin)
    declare_demo_languages(forum)
    for email, _role in DEMO_LOGINS:
        db.session.scalar(select(User).where(User.email == email)).set_password(DEMO_PASSWORD)
    secretariat = db.session.scalar(select(User).where(User.email == SECRETARIAT_EMAIL))
    publish_demo_releases(secretariat, forum)
    add_demo_documents(forum)
    add_demo_registrations(forum)
    add_demo_report(forum)
    return forum


def declare_demo_languages(forum):
    """Work in English and Spanish, interpreted both ways in the plenaries, before the first release is published."""
    forum.working_languages = joined_languages(DEMO_LANGUAGES)
    plenaries = select(ForumSession).where(
        ForumSession.forum_id == forum.id, ForumSession.format == SessionFormat.PLENARY
    )
    for session in db.session.scalars(plenaries):
        session.interpretation = joined_interpretation(possible_interpretations(DEMO_LANGUAGES))


def demo_logins():
    return [DemoLogin(email, role) for email, role in DEMO_LOGINS]


def _demo_admin():
    """Return the demo site administrator, who is no part of the forum's own programme file."""
    admin, _is_new = find_or_create_account(ADMIN_EMAIL, "Demo Administrator", job_title="Site administrator")
    admin.is_admin = True
    db.session.flush()
    return admin
