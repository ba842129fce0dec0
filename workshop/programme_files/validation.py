"""Check a programme file's data and turn it into specifications, noting every problem with its line.

Pure: no Flask, no database. The fields of each object are read by `reader.ObjectReader`; the
result is made of the frozen specifications of `specs.py`. What needs the database (does the slug
exist, do the sessions clash under the scheduling rules) is checked by the import.
"""

from email_validator import EmailNotValidError, validate_email

from workshop.core.messages import N_
from workshop.core.timezones import is_known_timezone
from workshop.forums.rules import CONCEPT_NOTE_FIELDS, TEXT_LIMITS, is_slug
from workshop.forums.rules import FORUM_FIELDS as FORUM_SETTINGS
from workshop.programme_files.problems import Problem, ProgrammeFileError
from workshop.programme_files.reader import MISSING, ObjectReader
from workshop.programme_files.specs import (
    AppointmentSpec,
    BlockSpec,
    DaySpec,
    DocumentSpec,
    GroupSpec,
    ItemSpec,
    LooseItemSpec,
    OrganisationSpec,
    PersonSpec,
    ProgrammeSpec,
    RoomSpec,
    SessionSpec,
    TrackSpec,
)

FORMAT_KEY = "workshop_forum_format"
FORMAT_VERSION = 1

# The forum's own fields, with the status the agenda was last published with before the last of them.
FORUM_FIELDS = (*FORUM_SETTINGS[:-1], "status", FORUM_SETTINGS[-1])
TEXT_FIELDS = ("subtitle", "city", "venue", "convened_by", "facilitated_by")
MARKDOWN_FIELDS = (*CONCEPT_NOTE_FIELDS, "agenda_note")
TOP_FIELDS = (
    FORMAT_KEY,
    "forum",
    "organisations",
    "people",
    "participant_groups",
    "rooms",
    "tracks",
    "documents",
    "days",
)
GROUP_FIELDS = ("name", "stakeholder", "kind", "quota", "organisations", "people")
STAKEHOLDER_KIND = "stakeholder"


class ProgrammeReader:
    """Read a whole programme file, section by section, checking every cross-reference."""

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary
        self.problems = []

    def report(self, line, template, **params):
        self.problems.append(Problem(line, template, params))

    def read(self, data):
        top = ObjectReader(self.problems, data, None, TOP_FIELDS)
        if not top.valid:
            raise ProgrammeFileError(self.problems)
        version = top.data.get(FORMAT_KEY, MISSING)
        if version != FORMAT_VERSION:
            self.report(
                top.line_of(FORMAT_KEY),
                N_('This is not a Workshop programme file: "%(field)s" must be %(version)d.'),
                field=FORMAT_KEY,
                version=FORMAT_VERSION,
            )
            raise ProgrammeFileError(self.problems)
        forum_value = top.value("forum", True)
        if forum_value is MISSING:
            raise ProgrammeFileError(self.problems)
        forum_reader = ObjectReader(self.problems, forum_value, top.line_of("forum"), FORUM_FIELDS)
        forum = self.read_forum(forum_reader)
        organisations = self.read_unique(top, "organisations", self.read_organisation, lambda spec: spec.name)
        self.organisation_names = {spec.name for spec in organisations}
        # A person whose address is unreadable is reported once, not again at every mention of them.
        self.unreadable_emails = set()
        people = self.read_unique(top, "people", self.read_person, lambda spec: spec.email)
        self.emails = {spec.email for spec in people}
        groups = self.read_unique(top, "participant_groups", self.read_group, lambda spec: spec.reference)
        self.group_references = {spec.reference for spec in groups}
        rooms = self.read_unique(top, "rooms", self.read_room, lambda spec: spec.name)
        self.room_names = {spec.name for spec in rooms}
        tracks = self.read_unique(top, "tracks", self.read_track, lambda spec: spec.name)
        self.track_names = {spec.name for spec in tracks}
        documents = self.read_unique(top, "documents", self.read_document, lambda spec: spec.title)
        self.document_titles = {spec.title for spec in documents}
        self.check_translations(documents)
        self.forum_dates = (forum.get("start_date"), forum.get("end_date"))
        days = self.read_unique(top, "days", self.read_day, lambda spec: spec.date)
        if self.problems:
            raise ProgrammeFileError(self.problems)
        return ProgrammeSpec(
            forum=forum,
            forum_line=forum_reader.line,
            slug_line=forum_reader.line_of("slug"),
            organisations=tuple(organisations),
            people=tuple(people),
            rooms=tuple(rooms),
            tracks=tuple(tracks),
            documents=tuple(documents),
            days=tuple(days),
            participant_groups=tuple(groups),
        )

    def read_each(self, reader, key, read_one):
        """Read each element of an array field, leaving out those too broken to use."""
        return tuple(spec for spec in (read_one(element, line) for element, line in reader.array(key)) if spec)

    def read_unique(self, reader, key, read_one, identity):
        """Read each element of an array field, refusing two elements that name the same thing."""
        specs, seen = [], set()
        for element, line in reader.array(key):
            spec = read_one(element, line)
            if spec is None:
                continue
            if identity(spec) in seen:
                self.report(
                    spec.line, N_('"%(name)s" is listed twice in "%(field)s".'), name=str(identity(spec)), field=key
                )
                continue
            seen.add(identity(spec))
            specs.append(spec)
        return specs

    def read_forum(self, reader):
        forum = {
            **{
                name: reader.text(name, required=True, max_length=TEXT_LIMITS[name])
                for name in ("slug", "title", "timezone")
            },
            **{name: reader.text(name, max_length=TEXT_LIMITS[name]) for name in TEXT_FIELDS},
            **{name: reader.text(name) for name in MARKDOWN_FIELDS},
            "country_code": reader.country("country_code"),
            "start_date": reader.date("start_date"),
            "end_date": reader.date("end_date"),
            "status": reader.choice("status", self.vocabulary.agenda_status, default="preliminary"),
            "is_public": reader.boolean("is_public", True),
        }
        if forum["slug"] and not is_slug(forum["slug"]):
            reader.report(
                reader.line_of("slug"),
                N_('The slug "%(slug)s" may hold only lower-case letters, digits and hyphens.'),
                slug=forum["slug"],
            )
        if forum["timezone"] and not is_known_timezone(forum["timezone"]):
            reader.report(
                reader.line_of("timezone"),
                N_('"%(zone)s" is not a known IANA time zone (e.g. America/Bogota).'),
                zone=forum["timezone"],
            )
            forum["timezone"] = None
        if forum["start_date"] and forum["end_date"] and forum["end_date"] < forum["start_date"]:
            reader.report(reader.line_of("end_date"), N_("The forum's end date comes before its start date."))
        return forum

    def read_organisation(self, value, line):
        reader = ObjectReader(self.problems, value, line, ("name", "acronym", "type", "country_code"))
        name = reader.text("name", required=True, max_length=300)
        spec = OrganisationSpec(
            reader.line,
            name,
            reader.text("acronym", max_length=40),
            reader.choice("type", self.vocabulary.organisation_type, default="other"),
            reader.country("country_code"),
        )
        return spec if name else None

    def read_person(self, value, line):
        reader = ObjectReader(
            self.problems, value, line, ("email", "name", "job_title", "organisation", "country_code", "roles")
        )
        email = self.read_email(reader)
        organisation = self.read_organisation_reference(reader)
        roles = []
        for role, role_line in reader.texts("roles", 20):
            if role not in self.vocabulary.forum_role:
                reader.report(
                    role_line,
                    N_('"%(value)s" is not a valid %(field)s; use one of: %(allowed)s.'),
                    value=role,
                    field="role",
                    allowed=", ".join(sorted(self.vocabulary.forum_role)),
                )
            elif role not in roles:
                roles.append(role)
        spec = PersonSpec(
            reader.line,
            email,
            reader.text("name", required=True, max_length=200),
            reader.text("job_title", max_length=200),
            organisation,
            reader.country("country_code"),
            tuple(roles),
        )
        return spec if email and spec.name else None

    def read_organisation_reference(self, reader):
        """Read the name of an organisation, which must be listed in "organisations"."""
        organisation = reader.reference("organisation", 300)
        if organisation and organisation not in self.organisation_names:
            reader.report(
                reader.line_of("organisation"),
                N_('The organisation "%(name)s" is not listed in "organisations".'),
                name=organisation,
            )
        return organisation

    def read_email(self, reader):
        address = reader.text("email", required=True, max_length=254)
        if not address:
            return None
        try:
            # Demo and test addresses use the reserved .test domain, which is fine for a file.
            return validate_email(address, check_deliverability=False, test_environment=True).normalized.lower()
        except EmailNotValidError as error:
            self.unreadable_emails.add(address.lower())
            reader.report(
                reader.line_of("email"),
                N_('"%(value)s" is not an e-mail address: %(reason)s'),
                value=address,
                reason=str(error),
            )
            return None

    def read_group(self, value, line):
        """Read a participant group: a stakeholder group by `stakeholder`, any other by `name` and `kind`."""
        reader = ObjectReader(self.problems, value, line, GROUP_FIELDS)
        stakeholder = reader.choice("stakeholder", self.vocabulary.stakeholder_group)
        name = reader.text("name", max_length=200, default=None) or None
        kind = reader.choice("kind", self.vocabulary.group_kind, default=STAKEHOLDER_KIND if stakeholder else "other")
        organisations = [
            organisation
            for organisation, organisation_line in reader.texts("organisations", 300)
            if self.listed(organisation, organisation_line, self.organisation_names, "organisations")
        ]
        people = [
            self.read_listed_person(address, address_line) for address, address_line in reader.texts("people", 254)
        ]
        people = [address for address in people if address]
        if stakeholder is None and reader.data.get("stakeholder") is not None:
            return None
        if (stakeholder is None) == (name is None):
            reader.report(
                reader.line, N_('A group has either a "stakeholder" value or a "name", not both and not neither.')
            )
            return None
        if stakeholder and (kind != STAKEHOLDER_KIND or organisations or people):
            reader.report(
                reader.line,
                N_(
                    'The stakeholder group "%(group)s" has the kind "stakeholder" and no listed members: people join it '
                    "by choosing it when they register."
                ),
                group=stakeholder,
            )
            return None
        if name and (kind == STAKEHOLDER_KIND or name in self.vocabulary.stakeholder_group):
            reader.report(
                reader.line,
                N_('The group "%(group)s" is not a stakeholder group; give it another kind and name.'),
                group=name,
            )
            return None
        return GroupSpec(
            reader.line, name, stakeholder, kind, reader.count("quota"), tuple(organisations), tuple(people)
        )

    def listed(self, name, line, known, section):
        """Tell whether a name is listed in its section, reporting it if not."""
        if name in known:
            return True
        self.report(line, N_('"%(name)s" is not listed in "%(section)s".'), name=name, section=section)
        return False

    def read_listed_person(self, address, line):
        address = address.lower()
        if address in self.unreadable_emails:
            return None
        if address not in self.emails:
            self.report(line, N_('The person "%(email)s" is not listed in "people".'), email=address)
            return None
        return address

    def read_room(self, value, line):
        reader = ObjectReader(self.problems, value, line, ("name", "capacity"))
        name = reader.text("name", required=True, max_length=200)
        return RoomSpec(reader.line, name, reader.count("capacity", 0)) if name else None

    def read_track(self, value, line):
        reader = ObjectReader(self.problems, value, line, ("name",))
        name = reader.text("name", required=True, max_length=200)
        return TrackSpec(reader.line, name) if name else None

    def read_document(self, value, line):
        reader = ObjectReader(
            self.problems, value, line, ("title", "kind", "organisation", "language", "translation_of")
        )
        title = reader.text("title", required=True, max_length=500)
        organisation = self.read_organisation_reference(reader)
        spec = DocumentSpec(
            reader.line,
            title,
            reader.choice("kind", self.vocabulary.document_kind, default="paper"),
            organisation,
            reader.text("language", max_length=5, default="en") or "en",
            reader.reference("translation_of", 500),
        )
        return spec if title else None

    def check_translations(self, documents):
        """Refuse a translation of an unlisted document, of itself, or of another translation."""
        by_title = {spec.title: spec for spec in documents}
        for spec in documents:
            original = by_title.get(spec.translation_of) if spec.translation_of else None
            if spec.translation_of and (original is None or original is spec):
                self.report(
                    spec.line,
                    N_(
                        '"%(title)s" is given as a translation of "%(original)s", which is not another listed document.'
                    ),
                    title=spec.title,
                    original=spec.translation_of,
                )
            elif original is not None and original.translation_of:
                self.report(
                    spec.line,
                    N_('"%(title)s" translates "%(original)s", which is itself a translation; name the original.'),
                    title=spec.title,
                    original=original.title,
                )

    def read_day(self, value, line):
        reader = ObjectReader(
            self.problems, value, line, ("date", "title", "to_be_announced", "note", "blocks", "sessions")
        )
        day = reader.date("date")
        first, last = self.forum_dates
        if day and first and last and not first <= day <= last:
            reader.report(
                reader.line_of("date"),
                N_("The day %(day)s falls outside the forum's dates (%(first)s to %(last)s)."),
                day=day.isoformat(),
                first=first.isoformat(),
                last=last.isoformat(),
            )
        blocks = self.read_each(reader, "blocks", self.read_block)
        sessions = self.read_each(reader, "sessions", self.read_session)
        spec = DaySpec(
            reader.line,
            day,
            reader.text("title", max_length=200),
            reader.boolean("to_be_announced", False),
            reader.text("note"),
            blocks,
            sessions,
        )
        return spec if day else None

    def read_block(self, value, line):
        reader = ObjectReader(self.problems, value, line, ("label", "starts", "ends", "loose_items", "sessions"))
        starts, ends = reader.clock("starts"), reader.clock("ends")
        if starts and ends and ends <= starts:
            reader.report(reader.line_of("ends"), N_("The time block ends before it starts."))
        loose_items = []
        for element, item_line in reader.array("loose_items"):
            item = self.read_loose_item(element, item_line)
            if item and starts and ends and ends > starts and not (starts <= item.starts and item.ends <= ends):
                self.report(
                    item.line,
                    N_(
                        'The item "%(title)s" (%(starts)s–%(ends)s) lies outside its time block (%(block_starts)s–%(block_ends)s).'
                    ),
                    title=item.title,
                    starts=_clock(item.starts),
                    ends=_clock(item.ends),
                    block_starts=_clock(starts),
                    block_ends=_clock(ends),
                )
            if item:
                loose_items.append(item)
        sessions = self.read_each(reader, "sessions", self.read_session)
        spec = BlockSpec(reader.line, reader.text("label", max_length=200), starts, ends, tuple(loose_items), sessions)
        return spec if starts and ends else None

    def read_loose_item(self, value, line):
        reader = ObjectReader(self.problems, value, line, ("kind", "title", "starts", "ends", "speaker", "room"))
        kind = reader.choice("kind", self.vocabulary.item_kind, required=True)
        title = reader.text("title", required=True)
        starts, ends = reader.clock("starts"), reader.clock("ends")
        if starts and ends and ends <= starts:
            reader.report(reader.line_of("ends"), N_('The item "%(title)s" ends before it starts.'), title=title or "")
        spec = LooseItemSpec(
            reader.line,
            kind,
            title,
            starts,
            ends,
            self.read_person_reference(reader, "speaker"),
            self.read_named_reference(reader, "room", self.room_names, "rooms"),
        )
        return spec if kind and title and starts and ends and ends > starts else None

    def read_session(self, value, line):
        reader = ObjectReader(
            self.problems,
            value,
            line,
            (
                "number",
                "title",
                "outputs",
                "format",
                "room",
                "track",
                "capacity",
                "starts",
                "ends",
                "items",
                "appointments",
                "documents",
                "restricted_to",
            ),
        )
        title = reader.text("title", required=True, max_length=500)
        starts, ends = reader.clock("starts"), reader.clock("ends")
        items = self.read_each(reader, "items", self.read_item)
        appointments = self.read_appointments(reader)
        documents = []
        for document, document_line in reader.texts("documents", 500):
            if document not in self.document_titles:
                self.report(document_line, N_('The document "%(title)s" is not listed in "documents".'), title=document)
            elif document in documents:
                self.report(
                    document_line, N_('The document "%(title)s" is tabled twice in this session.'), title=document
                )
            else:
                documents.append(document)
        spec = SessionSpec(
            reader.line,
            reader.text("number", max_length=20),
            title,
            reader.text("outputs"),
            reader.choice("format", self.vocabulary.session_format, default="engagement_workshop"),
            self.read_named_reference(reader, "room", self.room_names, "rooms"),
            self.read_named_reference(reader, "track", self.track_names, "tracks"),
            reader.count("capacity"),
            starts,
            ends,
            items,
            appointments,
            tuple(documents),
            self.read_named_reference(reader, "restricted_to", self.group_references, "participant_groups"),
        )
        return spec if title and starts and ends else None

    def read_item(self, value, line):
        reader = ObjectReader(self.problems, value, line, ("kind", "title", "speaker", "duration_minutes"))
        kind = reader.choice("kind", self.vocabulary.item_kind, required=True)
        spec = ItemSpec(
            reader.line,
            kind,
            reader.text("title"),
            self.read_person_reference(reader, "speaker"),
            reader.count("duration_minutes"),
        )
        return spec if kind else None

    def read_appointments(self, session_reader):
        appointments, seen = [], set()
        for element, line in session_reader.array("appointments"):
            reader = ObjectReader(self.problems, element, line, ("role", "person"))
            role = reader.choice("role", self.vocabulary.appointment_role, required=True)
            person = self.read_person_reference(reader, "person", required=True)
            if not (role and person):
                continue
            if (role, person) in seen:
                reader.report(reader.line, N_("%(person)s is appointed twice as %(role)s."), person=person, role=role)
                continue
            seen.add((role, person))
            appointments.append(AppointmentSpec(reader.line, role, person))
        return tuple(appointments)

    def read_person_reference(self, reader, key, required=False):
        address = reader.text(key, required=required, max_length=254, default=None)
        if not address:
            return None
        return self.read_listed_person(address, reader.line_of(key))

    def read_named_reference(self, reader, key, known, section):
        name = reader.reference(key, 300)
        if name and name not in known:
            reader.report(
                reader.line_of(key),
                N_('The %(kind)s "%(name)s" is not listed in "%(section)s".'),
                kind=key,
                name=name,
                section=section,
            )
            return None
        return name


def _clock(moment):
    return moment.strftime("%H:%M")


def read_programme(data, vocabulary):
    """Return the checked specification of a programme file, or raise ProgrammeFileError with every problem."""
    return ProgrammeReader(vocabulary).read(data)
