"""Write a forum's programme to plain data and build one from it, all or nothing."""
import json
from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from workshop.accounts.models import ForumRole, ForumRoleName, User
from workshop.accounts.services import grant_role
from workshop.core import audit
from workshop.core.messages import N_
from workshop.core.timezones import local_date, local_time, local_to_utc
from workshop.documents.models import Document, DocumentKind, SessionDocument
from workshop.extensions import db
from workshop.forums.models import (
    AgendaStatus, Forum, ForumDay, GroupKind, GroupMember, Organisation, OrganisationType, ParticipantGroup, Room,
    StakeholderGroup, TimeBlock, Track,
)
from workshop.programme.models import (
    KEYNOTE_DEFAULT_MINUTES,
    Appointment,
    AppointmentRole,
    BlockItem,
    ForumSession,
    ItemKind,
    SessionFormat,
    SessionItem,
)
from workshop.programme.services import FORUM_ROLE_FOR_APPOINTMENT, forum_dates, slot_for
from workshop.programme.scheduling import check_slot
from workshop.programme.wording import describe_conflict
from workshop.programme_files.positions import decode_programme_file, load_positioned
from workshop.programme_files.problems import Problem, ProgrammeFileError
from workshop.programme_files.validation import FORMAT_KEY, FORMAT_VERSION, FORUM_FIELDS, Vocabulary, read_programme
from workshop.publishing.snapshot import load_sessions


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


def find_forum(slug):
    return db.session.scalar(select(Forum).where(Forum.slug == slug))


# --- Export -----------------------------------------------------------------------------------


def export_forum(forum):
    """Return the forum's programme as JSON-ready data in the documented programme-file format."""
    zone = forum.timezone
    sessions = load_sessions(forum)
    documents = db.session.scalars(
        select(Document).where(Document.forum_id == forum.id).order_by(Document.id)
        .options(selectinload(Document.organisation), selectinload(Document.translation_of))
    ).all()
    groups = forum.participant_groups
    people = _people_of(forum, sessions, groups)
    organisations = {user.organisation for user in people if user.organisation}
    organisations |= {document.organisation for document in documents if document.organisation}
    organisations |= {member.organisation for group in groups for member in group.members if member.organisation}
    sessions_by_block, sessions_by_date = defaultdict(list), defaultdict(list)
    for session in sessions:
        if session.block_id is not None:
            sessions_by_block[session.block_id].append(session)
        else:
            sessions_by_date[local_date(session.starts_at, zone)].append(session)
    days = [_day_data(day, sessions_by_block, sessions_by_date.pop(day.date, []), zone) for day in forum.days]
    # A session in no block, on a date the forum has no day for, would otherwise be lost.
    days.extend(
        {"date": on.isoformat(), "sessions": [_session_data(session, zone) for session in unplaced]}
        for on, unplaced in sessions_by_date.items()
    )
    return {
        FORMAT_KEY: FORMAT_VERSION,
        "forum": _forum_data(forum),
        "organisations": [_organisation_data(item) for item in sorted(organisations, key=lambda item: item.name)],
        "people": [_person_data(user, forum) for user in people],
        "participant_groups": [_group_data(group) for group in groups],
        "rooms": [{"name": room.name, "capacity": room.capacity} for room in forum.rooms],
        "tracks": [{"name": track.name} for track in forum.tracks],
        "documents": [_document_data(document) for document in documents],
        "days": sorted(days, key=lambda day: day["date"]),
    }


def _people_of(forum, sessions, groups):
    """Return everyone the forum names: role holders, appointees, speakers and group members, by e-mail address."""
    people = set(db.session.scalars(select(User).join(ForumRole).where(ForumRole.forum_id == forum.id)))
    people.update(member.user for group in groups for member in group.members if member.user)
    for session in sessions:
        people.update(appointment.user for appointment in session.appointments)
        people.update(item.speaker for item in session.items if item.speaker)
    for day in forum.days:
        for block in day.blocks:
            people.update(item.speaker for item in block.loose_items if item.speaker)
    return sorted(people, key=lambda user: user.email)


def _forum_data(forum):
    data = {name: getattr(forum, name) for name in FORUM_FIELDS}
    data.update(
        start_date=forum.start_date.isoformat(), end_date=forum.end_date.isoformat(), status=forum.status.value
    )
    return data


def _organisation_data(organisation):
    return {
        "name": organisation.name,
        "acronym": organisation.acronym,
        "type": organisation.type.value,
        "country_code": organisation.country_code,
    }


def _person_data(user, forum):
    held = user.roles_in(forum)
    return {
        "email": user.email,
        "name": user.name,
        "job_title": user.job_title,
        "organisation": user.organisation.name if user.organisation else None,
        "country_code": user.country_code,
        "roles": [role.value for role in ForumRoleName if role in held],
    }


def group_reference(group):
    """Name a group as a programme file does: a stakeholder group by its value, any other by its name."""
    return group.stakeholder.value if group.stakeholder else group.name


def _group_data(group):
    return {
        "name": group.name,
        "stakeholder": group.stakeholder.value if group.stakeholder else None,
        "kind": group.kind.value,
        "quota": group.quota,
        "organisations": sorted(member.organisation.name for member in group.members if member.organisation),
        "people": sorted(member.user.email for member in group.members if member.user),
    }


def _document_data(document):
    return {
        "title": document.title,
        "kind": document.kind.value,
        "organisation": document.organisation.name if document.organisation else None,
        "language": document.language,
        "translation_of": document.translation_of.title if document.translation_of else None,
    }


def _clock(moment, zone):
    return local_time(moment, zone).strftime("%H:%M")


def _day_data(day, sessions_by_block, unblocked_sessions, zone):
    return {
        "date": day.date.isoformat(),
        "title": day.title,
        "to_be_announced": day.to_be_announced,
        "note": day.note,
        "blocks": [
            {
                "label": block.label,
                "starts": _clock(block.starts_at, zone),
                "ends": _clock(block.ends_at, zone),
                "loose_items": [_loose_item_data(item, zone) for item in block.loose_items],
                "sessions": [_session_data(session, zone) for session in sessions_by_block.get(block.id, [])],
            }
            for block in day.blocks
        ],
        "sessions": [_session_data(session, zone) for session in unblocked_sessions],
    }


def _loose_item_data(item, zone):
    return {
        "kind": item.kind.value,
        "title": item.title,
        "starts": _clock(item.starts_at, zone),
        "ends": _clock(item.ends_at, zone),
        "speaker": item.speaker.email if item.speaker else None,
        "room": item.room.name if item.room else None,
    }


def _session_data(session, zone):
    return {
        "number": session.number,
        "title": session.title,
        "outputs": session.outputs,
        "format": session.format.value,
        "room": session.room.name if session.room else None,
        "track": session.track.name if session.track else None,
        "capacity": session.capacity,
        "starts": _clock(session.starts_at, zone),
        "ends": _clock(session.ends_at, zone),
        "items": [
            {
                "kind": item.kind.value,
                "title": item.title,
                "speaker": item.speaker.email if item.speaker else None,
                "duration_minutes": item.duration_minutes,
            }
            for item in session.items
        ],
        "appointments": [
            {"role": appointment.role.value, "person": appointment.user.email} for appointment in session.appointments
        ],
        "documents": [link.document.title for link in session.document_links],
        "restricted_to": group_reference(session.restricted_to_group) if session.restricted_to_group else None,
    }


def programme_file_text(forum):
    """Return the forum's programme file as text: stable key order, two-space indent, accents kept."""
    return json.dumps(export_forum(forum), indent=2, ensure_ascii=False) + "\n"


# --- Import -----------------------------------------------------------------------------------


def import_forum(data, actor=None, replace=False):
    """Build the forum a programme file describes, or raise ProgrammeFileError for the caller to roll back.

    With `replace`, a forum with the same slug keeps its identity, roles and releases but its
    programme is rebuilt from the file; documents whose title is still listed are kept.
    """
    spec = read_programme(data, programme_vocabulary())
    forum = find_forum(spec.forum["slug"])
    if forum is not None and not replace:
        raise ProgrammeFileError([Problem(
            spec.slug_line,
            N_('A forum with the slug "%(slug)s" exists already; import with --replace to replace its programme.'),
            {"slug": spec.forum["slug"]},
        )])
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
        organisation = db.session.scalar(select(Organisation).where(Organisation.name == item.name))
        if organisation is None:
            organisation = Organisation(
                name=item.name, acronym=item.acronym, type=OrganisationType(item.type), country_code=item.country_code
            )
            db.session.add(organisation)
        return organisation

    def _person(self, item):
        """Return the account for a listed person; existing accounts are left as their owners keep them."""
        user = db.session.scalar(select(User).where(User.email == item.email))
        if user is None:
            user = User(
                email=item.email, name=item.name, job_title=item.job_title, country_code=item.country_code,
                organisation=self.organisations[item.organisation] if item.organisation else None,
            )
            db.session.add(user)
        return user

    def _groups(self, items):
        """Set the stakeholder groups' quotas and rebuild the forum's own groups with their members, by reference."""
        listed = {item.reference: item for item in items}
        groups = {}
        for group in list(self.forum.participant_groups):
            reference = group.stakeholder.value if group.stakeholder else group.name
            if group.stakeholder is None and reference not in listed:
                self.forum.participant_groups.remove(group)
                continue
            groups[reference] = group
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
            kind=ItemKind(item.kind), title=item.title,
            starts_at=self._moment(on, item.starts), ends_at=self._moment(on, item.ends),
            speaker=self.people[item.speaker] if item.speaker else None,
            room=self.rooms[item.room] if item.room else None,
        )

    def _session(self, on, item, block):
        session = ForumSession(
            forum=self.forum, block=block, number=item.number, title=item.title, outputs=item.outputs,
            format=SessionFormat(item.format),
            room=self.rooms[item.room] if item.room else None,
            track=self.tracks[item.track] if item.track else None,
            capacity=item.capacity,
            starts_at=self._moment(on, item.starts), ends_at=self._moment(on, item.ends),
            restricted_to_group=self.groups[item.restricted_to] if item.restricted_to else None,
        )
        session.items = [self._session_item(position, part) for position, part in enumerate(item.items)]
        for appointment in item.appointments:
            role, user = AppointmentRole(appointment.role), self.people[appointment.person]
            session.appointments.append(Appointment(user=user, role=role))
            if role in FORUM_ROLE_FOR_APPOINTMENT:
                grant_role(user, self.forum, FORUM_ROLE_FOR_APPOINTMENT[role])
        session.document_links = [
            SessionDocument(document=self.documents[title], position=position) for position, title in enumerate(item.documents)
        ]
        db.session.add(session)
        self.session_lines.append((session, item.line))

    def _session_item(self, position, item):
        kind = ItemKind(item.kind)
        minutes = item.duration_minutes
        if kind == ItemKind.KEYNOTE and minutes is None:
            minutes = KEYNOTE_DEFAULT_MINUTES
        return SessionItem(
            position=position, kind=kind, title=item.title, duration_minutes=minutes,
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
