"""Build a forum's programme from a programme file, all or nothing, with every problem found by line."""

from sqlalchemy import select

from workshop.accounts.models import ForumRoleName
from workshop.accounts.services import find_or_create_account, grant_role
from workshop.core import audit
from workshop.core.messages import N_
from workshop.core.timezones import local_to_utc
from workshop.documents.models import Document, DocumentKind, SessionDocument
from workshop.extensions import db
from workshop.forums.models import (
    AgendaStatus,
    Forum,
    GroupKind,
    GroupMember,
    Organisation,
    OrganisationType,
    ParticipantGroup,
    Room,
    StakeholderGroup,
    Track,
)
from workshop.forums.rules import KnownOrganisation, repeated_organisation
from workshop.forums.services import find_forum
from workshop.programme.models import (
    Appointment,
    AppointmentRole,
    BlockItem,
    ForumDay,
    ForumSession,
    ItemKind,
    SessionFormat,
    SessionItem,
    TimeBlock,
)
from workshop.programme.rules import item_minutes
from workshop.programme.scheduling import check_slot
from workshop.programme.services import FORUM_ROLE_FOR_APPOINTMENT, forum_dates, slot_for
from workshop.programme.wording import describe_conflict
from workshop.programme_files.positions import decode_programme_file, load_positioned
from workshop.programme_files.problems import Problem, ProgrammeFileError
from workshop.programme_files.specs import Vocabulary
from workshop.programme_files.validation import read_programme


def programme_vocabulary():
    """Return the values the models accept for each enumerated field of a programme file."""
    return Vocabulary(
        agenda_status=frozenset(member.value for member in AgendaStatus),
        item_kind=frozenset(member.value for member in ItemKind),
        session_format=frozenset(member.value for member in SessionFormat),
        appointment_role=frozenset(member.value for member in AppointmentRole),
        forum_role=frozenset(member.value for member in ForumRoleName),
        document_kind=frozenset(member.value for member in DocumentKind),
        organisation_type=frozenset(member.value for member in OrganisationType),
        group_kind=frozenset(member.value for member in GroupKind),
        stakeholder_group=frozenset(member.value for member in StakeholderGroup),
    )


def import_forum(data, actor=None, replace=False):
    """Build the forum a programme file describes, or raise ProgrammeFileError for the caller to roll back.

    With `replace`, a forum with the same slug keeps its identity, roles and releases but its
    programme is rebuilt from the file; documents whose title is still listed are kept.
    """
    spec = read_programme(data, programme_vocabulary())
    forum = find_forum(spec.forum["slug"])
    if forum is not None and not replace:
        raise ProgrammeFileError(
            [
                Problem(
                    spec.slug_line,
                    N_(
                        'A forum with the slug "%(slug)s" exists already; import with --replace to replace its programme.'
                    ),
                    {"slug": spec.forum["slug"]},
                )
            ]
        )
    action = "forum.replaced" if forum is not None else "forum.imported"
    kept_documents = _clear_programme(forum) if forum is not None else {}
    if forum is None:
        forum = Forum(slug=spec.forum["slug"])
        db.session.add(forum)
    builder = _ProgrammeBuilder(forum, spec, kept_documents)
    builder.build()
    db.session.flush()
    builder.refuse_conflicts()
    audit.record(actor, action, forum.title, forum)
    return forum


def import_programme_file(text, actor=None, replace=False):
    """Parse a programme file's text (or UTF-8 bytes), keeping line numbers for the problems, and import it."""
    if isinstance(text, bytes):
        text = decode_programme_file(text)
    return import_forum(load_positioned(text), actor=actor, replace=replace)


def _clear_programme(forum):
    """Delete the forum's programme and return its documents by title, for the import to reuse."""
    for session in db.session.scalars(select(ForumSession).where(ForumSession.forum_id == forum.id)):
        db.session.delete(session)
    db.session.flush()
    db.session.expire(forum)
    forum.days.clear()
    forum.rooms.clear()
    forum.tracks.clear()
    db.session.flush()
    documents = db.session.scalars(select(Document).where(Document.forum_id == forum.id)).all()
    return {document.title: document for document in documents}


class _ProgrammeBuilder:
    """Turn a checked ProgrammeSpec into rows, remembering the file line of every session."""

    def __init__(self, forum, spec, kept_documents):
        self.forum = forum
        self.spec = spec
        self.kept_documents = kept_documents
        self.session_lines = []

    def build(self):
        spec = self.spec
        for name, value in spec.forum.items():
            setattr(self.forum, name, AgendaStatus(value) if name == "status" else value)
        self.organisations = {item.name: self._organisation(item) for item in spec.organisations}
        self.people = {item.email: self._person(item) for item in spec.people}
        db.session.flush()
        for item in spec.people:
            for role in item.roles:
                grant_role(self.people[item.email], self.forum, ForumRoleName(role))
        self.groups = self._groups(spec.participant_groups)
        self.rooms = {item.name: Room(name=item.name, capacity=item.capacity) for item in spec.rooms}
        self.forum.rooms.extend(self.rooms.values())
        self.tracks = {item.name: Track(name=item.name, position=index) for index, item in enumerate(spec.tracks)}
        self.forum.tracks.extend(self.tracks.values())
        self.documents = {item.title: self._document(item) for item in spec.documents}
        for item in spec.documents:
            original = self.documents[item.translation_of] if item.translation_of else None
            self.documents[item.title].translation_of = original
        for title, document in self.kept_documents.items():
            if title not in self.documents:
                db.session.delete(document)
        for item in spec.days:
            self._day(item)

    def _organisation(self, item):
        """Return the shared organisation the file names (the same under any case, accent or acronym), or add it."""
        shared = db.session.scalars(select(Organisation).where(Organisation.forum_id.is_(None))).all()
        known = [KnownOrganisation(listed.id, listed.name, listed.acronym) for listed in shared]
        repeated = repeated_organisation(item.name, item.acronym, known)
        organisation = (
            db.session.get(Organisation, repeated.organisation.id) if repeated and not repeated.near else None
        )
        if organisation is None:
            organisation = Organisation(
                name=item.name, acronym=item.acronym, type=OrganisationType(item.type), country_code=item.country_code
            )
            db.session.add(organisation)
        return organisation

    def _person(self, item):
        """Return the account for a listed person, uninvited if new; existing accounts are left as their owners keep them."""
        user, _is_new = find_or_create_account(
            item.email,
            item.name,
            job_title=item.job_title,
            country_code=item.country_code,
            organisation=self.organisations[item.organisation] if item.organisation else None,
        )
        return user

    def _groups(self, items):
        """Set the stakeholder groups' quotas and rebuild the forum's own groups with their members, by reference."""
        listed = {item.reference: item for item in items}
        groups = {}
        for group in list(self.forum.participant_groups):
            if group.stakeholder is None and group.reference not in listed:
                self.forum.participant_groups.remove(group)
                continue
            groups[group.reference] = group
        for position, item in enumerate(items, start=len(StakeholderGroup)):
            group = groups.get(item.reference)
            if group is None:
                group = ParticipantGroup(name=item.name, position=position)
                self.forum.participant_groups.append(group)
                groups[item.reference] = group
            group.quota = item.quota
            if item.name:
                group.kind = GroupKind(item.kind)
                # The old members go first: the same organisation listed again must not meet itself.
                group.members.clear()
                db.session.flush()
                group.members.extend(GroupMember(organisation=self.organisations[name]) for name in item.organisations)
                group.members.extend(GroupMember(user=self.people[email]) for email in item.people)
        for group in groups.values():
            if group.stakeholder is not None and group.stakeholder.value not in listed:
                group.quota = None
        return groups

    def _document(self, item):
        document = self.kept_documents.get(item.title) or Document(forum=self.forum, title=item.title)
        document.kind = DocumentKind(item.kind)
        document.organisation = self.organisations[item.organisation] if item.organisation else None
        document.language = item.language
        db.session.add(document)
        return document

    def _moment(self, on, clock):
        return local_to_utc(on, clock, self.forum.timezone)

    def _day(self, item):
        # Rows are appended from the parent's side, which is what carries them into the database session.
        day = ForumDay(date=item.date, title=item.title, to_be_announced=item.to_be_announced, note=item.note)
        self.forum.days.append(day)
        for block_item in item.blocks:
            block = TimeBlock(
                label=block_item.label,
                starts_at=self._moment(item.date, block_item.starts),
                ends_at=self._moment(item.date, block_item.ends),
            )
            day.blocks.append(block)
            block.loose_items = [self._loose_item(item.date, loose) for loose in block_item.loose_items]
            for session_item in block_item.sessions:
                self._session(item.date, session_item, block)
        for session_item in item.sessions:
            self._session(item.date, session_item, None)

    def _loose_item(self, on, item):
        return BlockItem(
            kind=ItemKind(item.kind),
            title=item.title,
            starts_at=self._moment(on, item.starts),
            ends_at=self._moment(on, item.ends),
            speaker=self.people[item.speaker] if item.speaker else None,
            room=self.rooms[item.room] if item.room else None,
        )

    def _session(self, on, item, block):
        session = ForumSession(
            forum=self.forum,
            block=block,
            number=item.number,
            title=item.title,
            outputs=item.outputs,
            format=SessionFormat(item.format),
            room=self.rooms[item.room] if item.room else None,
            track=self.tracks[item.track] if item.track else None,
            capacity=item.capacity,
            starts_at=self._moment(on, item.starts),
            ends_at=self._moment(on, item.ends),
            restricted_to_group=self.groups[item.restricted_to] if item.restricted_to else None,
        )
        session.items = [self._session_item(position, part) for position, part in enumerate(item.items)]
        for appointment in item.appointments:
            role, user = AppointmentRole(appointment.role), self.people[appointment.person]
            session.appointments.append(Appointment(user=user, role=role))
            if role in FORUM_ROLE_FOR_APPOINTMENT:
                grant_role(user, self.forum, FORUM_ROLE_FOR_APPOINTMENT[role])
        session.document_links = [
            SessionDocument(document=self.documents[title], position=position)
            for position, title in enumerate(item.documents)
        ]
        db.session.add(session)
        self.session_lines.append((session, item.line))

    def _session_item(self, position, item):
        kind = ItemKind(item.kind)
        return SessionItem(
            position=position,
            kind=kind,
            title=item.title,
            duration_minutes=item_minutes(kind, item.duration_minutes),
            speaker=self.people[item.speaker] if item.speaker else None,
        )

    def refuse_conflicts(self):
        """Apply the scheduling rules to each session against those before it in the file, once per pair."""
        dates = forum_dates(self.forum)
        checked, problems = [], []
        for session, line in self.session_lines:
            slot = slot_for(session)
            problems.extend(
                Problem(line, N_("%(reason)s"), {"reason": describe_conflict(conflict)})
                for conflict in check_slot(slot, dates, checked)
            )
            checked.append(slot)
        if problems:
            raise ProgrammeFileError(problems)
