"""The registry, modelled on HURIDOCS' Events Standard Formats, simplified.

Every record carries a confidentiality level. Facts trace to their sources through
:class:`Claim`: a claim proposes one fact from one :class:`Source`, and once accepted it points
at the record it supports (``record_type``/``record_id``), at the person and the event it is
about. Status is never stored: it is derived from events (:mod:`letapis.registry.status`).

Codes such as an occupation, an event type or a sentence regime come from the vocabularies
(:mod:`letapis.vocab`); the services check them, the database stores the code.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from letapis.crypto import EncryptedTextField
from letapis.names.collation import sort_key


class Confidentiality(models.TextChoices):
    PUBLIC = "public", "public"
    INTERNAL = "internal", "internal"
    CONFIDENTIAL = "confidential", "confidential"


def confidentiality_field(default: str = Confidentiality.INTERNAL) -> Any:
    return models.CharField(max_length=12, choices=Confidentiality.choices, default=default, db_index=True)


class Gender(models.TextChoices):
    UNKNOWN = "", "unknown"
    FEMALE = "female", "female"
    MALE = "male", "male"
    OTHER = "other", "other"


class BirthMonthDay(models.Func):
    """The month and day (``MM-DD``) of a birth date written ``YYYY-MM-DD``. Its numbers are
    written into the SQL rather than passed as parameters, so that the index on it
    (``person_birthday``) serves the queries that use it: a database matches an index's
    expression only with the same constants."""

    template = "SUBSTR(%(expressions)s, 6, 5)"
    output_field = models.CharField()


class Person(models.Model):
    """A person: a prisoner, a cultural figure, or anyone else involved (a judge, an official)."""

    display_name = models.CharField(
        max_length=300, help_text="The primary name, kept in step with the primary name variant."
    )
    # the order of display_name in the alphabets of Belarusian, Russian and Łacinka (і after и,
    # ў after у, ł after l), as ASCII so that every database sorts it alike (letapis.names.collation)
    name_key = models.CharField(max_length=400, blank=True, default="", editable=False)
    gender = models.CharField(max_length=10, choices=Gender.choices, default=Gender.UNKNOWN, blank=True)
    birth_date = models.CharField(max_length=40, blank=True, help_text="Partial date (EDTF): 1962, 1962-09…")
    nationalities = models.JSONField(default=list, blank=True, help_text='ISO 3166 codes, e.g. ["BY", "PL"]')
    confidentiality = confidentiality_field()
    publishable = models.BooleanField(
        default=False,
        help_text="A safety decision: may this person appear in public outputs at all?",
    )
    contacts = EncryptedTextField(
        blank=True,
        default="",
        help_text="Confidential: how to reach relatives and lawyers. Encrypted at rest; shown only to users "
        "with confidential access, never in public outputs.",
    )
    version = models.PositiveIntegerField(default=1, help_text="Raised on every change; for conflict checks.")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_key", "id"]
        indexes = [
            models.Index(fields=["display_name"]),
            models.Index(fields=["name_key", "id"], name="person_name_order"),
            # who may see a person, readable without the row: the held count joins tens of
            # thousands of status spans to their persons only for these columns
            models.Index(fields=["id", "merged_into", "confidentiality", "publishable"], name="person_visibility"),
            # the birthdays watch list finds birth dates by month and day (letapis.following.watch)
            models.Index(BirthMonthDay("birth_date"), "birth_date", name="person_birthday"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keeps ``name_key`` in step with ``display_name``."""
        self.name_key = sort_key(self.display_name)[:400]
        fields = kwargs.get("update_fields")
        if fields is not None and "display_name" in fields:
            kwargs["update_fields"] = {*fields, "name_key"}
        super().save(*args, **kwargs)


class NameForm(models.TextChoices):
    NATIVE = "native", "native (Belarusian Cyrillic)"
    LACINKA = "lacinka", "Łacinka"
    NATIONAL = "national", "national romanisation"
    PASSPORT = "passport", "passport / English press"
    RUSSIAN = "russian", "Russian"
    RUSSIAN_LATIN = "russian_latin", "Russian romanised"
    POLISH = "polish", "Polish"
    OTHER = "other", "other"


class NameVariant(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="names")
    text = models.CharField(max_length=300)
    script = models.CharField(max_length=8, blank=True, help_text="Cyrl, Latn")
    language = models.CharField(max_length=12, blank=True, help_text="be, ru, pl, en…")
    form = models.CharField(max_length=20, choices=NameForm.choices, default=NameForm.OTHER)
    is_primary = models.BooleanField(default=False)
    search_text = models.CharField(max_length=300, db_index=True, help_text="Lower-case text for lookups.")
    confidentiality = confidentiality_field()

    class Meta:
        ordering = ["-is_primary", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "text"], name="unique_name_per_person")]

    def __str__(self) -> str:
        return self.text


class NameKey(models.Model):
    """A blocking key of a name variant (from the names core), indexed for candidate lookups."""

    variant = models.ForeignKey(NameVariant, on_delete=models.CASCADE, related_name="keys")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    key = models.CharField(max_length=120, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["variant", "key"], name="unique_key_per_variant")]


class ExternalId(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="external_ids")
    scheme = models.CharField(max_length=40, help_text="wikidata, viasna, …")
    value = models.CharField(max_length=200)
    confidentiality = confidentiality_field()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scheme", "value"], name="unique_external_id")]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


class Occupation(models.Model):
    """A person's occupation or role, a code of the occupations vocabulary."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="occupations")
    code = models.CharField(max_length=60, db_index=True)
    confidentiality = confidentiality_field(Confidentiality.PUBLIC)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "code"], name="unique_occupation")]
        # covering for "persons with this occupation": the ids come from the index alone
        indexes = [models.Index(fields=["code", "confidentiality", "person"], name="occupation_code_person")]

    def __str__(self) -> str:
        return self.code


class Honour(models.Model):
    """An honour or prize, a code of the honours vocabulary, or free text when it has none."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="honours")
    code = models.CharField(max_length=80, blank=True)
    text = models.CharField(max_length=300, blank=True)
    year = models.CharField(max_length=10, blank=True)
    confidentiality = confidentiality_field(Confidentiality.PUBLIC)

    def __str__(self) -> str:
        return self.code or self.text


class Organisation(models.Model):
    name = models.CharField(max_length=300, unique=True)
    aliases = models.JSONField(default=list, blank=True, help_text="Other names and spellings.")
    kind = models.CharField(max_length=40, help_text="A code of the organisation kinds vocabulary.")
    country = models.CharField(max_length=2, blank=True)
    confidentiality = confidentiality_field(Confidentiality.PUBLIC)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=40, default="member", help_text="A membership role code.")
    start = models.CharField(max_length=40, blank=True)
    end = models.CharField(max_length=40, blank=True)
    confidentiality = confidentiality_field(Confidentiality.PUBLIC)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "organisation", "role"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.person} — {self.role} of {self.organisation}"


class Place(models.Model):
    """A place: a country, a city, or a place of detention (a kind with ``detention: true``),
    which also carries what people need to write to those held there."""

    name = models.CharField(max_length=300)
    aliases = models.JSONField(default=list, blank=True)
    kind = models.CharField(max_length=40, help_text="A code of the place kinds vocabulary.")
    country = models.CharField(max_length=2, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    number = models.CharField(max_length=20, blank=True, help_text="The official number: 2 for Penal colony No. 2.")
    regime = models.CharField(max_length=40, blank=True, help_text="A sentence regime code (a colony's regime).")
    postal_address = models.TextField(blank=True, help_text="The address letters are sent to, as the post needs it.")
    letter_rules = models.TextField(
        blank=True, help_text="The team's note on writing there: what passes the censor, what to enclose."
    )
    confidentiality = confidentiality_field()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "kind"], name="unique_place")]

    def __str__(self) -> str:
        return self.name


class Event(models.Model):
    """Something that happened, to one person or many (a collective release with its counts).

    ``date`` is the partial date as written (see :mod:`letapis.edtf`); ``date_earliest`` and
    ``date_latest`` are derived from it by the services. ``sequence`` orders events of the same
    day when the order matters (released in the morning, detained again at the gate).
    """

    type = models.CharField(max_length=40, db_index=True, help_text="A code of the event types vocabulary.")
    date = models.CharField(max_length=40, blank=True)
    date_earliest = models.DateField(null=True, blank=True)
    date_latest = models.DateField(null=True, blank=True, db_index=True)
    sequence = models.SmallIntegerField(default=0)
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    description = models.TextField(blank=True)
    count = models.PositiveIntegerField(null=True, blank=True, help_text="For collective events: how many people.")
    foreign_nationals = models.PositiveIntegerField(null=True, blank=True)
    destinations = models.JSONField(
        default=list, blank=True, help_text="ISO 3166 codes of the countries people were sent to."
    )
    forced_exile = models.BooleanField(default=False)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    confidentiality = confidentiality_field(Confidentiality.PUBLIC)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date_latest", "sequence", "id"]
        indexes = [models.Index(fields=["type", "date_latest"])]

    def __str__(self) -> str:
        return f"{self.type} {self.date or '(no date)'}"


class InvolvementRole(models.TextChoices):
    """The codes of the involvement_roles vocabulary (a test keeps the two equal)."""

    VICTIM = "victim", "victim"
    JUDGE = "judge", "judge"
    PROSECUTOR = "prosecutor", "prosecutor"
    INVESTIGATOR = "investigator", "investigator"
    POLICE_OFFICER = "police_officer", "police officer"
    SECURITY_OFFICER = "security_officer", "security officer"
    PRISON_OFFICIAL = "prison_official", "prison official"
    OFFICIAL = "official", "official"
    HEAD_OF_STATE = "head_of_state", "head of state"
    PERPETRATOR = "perpetrator", "perpetrator (other)"
    INTERVENER = "intervener", "intervener"
    WITNESS = "witness", "witness"
    DEFENCE_LAWYER = "defence_lawyer", "defence lawyer"
    RELATIVE = "relative", "relative"


class Involvement(models.Model):
    """A person or an organisation taking part in an event, in a role."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="involvements")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="involvements")
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="involvements"
    )
    role = models.CharField(max_length=20, choices=InvolvementRole.choices, default=InvolvementRole.VICTIM)
    confidentiality = confidentiality_field(Confidentiality.PUBLIC)

    class Meta:
        indexes = [models.Index(fields=["person", "role"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organisation__isnull=False),
                name="involvement_has_party",
            ),
        ]

    def __str__(self) -> str:
        party = self.person if self.person_id is not None else self.organisation
        return f"{party} as {self.role} in {self.event}"


class CriminalCase(models.Model):
    """A person's criminal case: the articles, the court and judge, the sentence (its term in
    months, its regime) and the dates of the verdict and of the appeal. The court is an
    organisation of the registry; the judge a registry person when one is linked, else the name
    the source gives (``judge_name``)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="criminal_cases")
    articles = models.JSONField(
        default=list, blank=True, help_text='Criminal Code articles, e.g. ["342 part 1", "361-1"].'
    )
    case_number = models.CharField(max_length=100, blank=True)
    court = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="cases")
    judge = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="judged_cases")
    judge_name = models.CharField(
        max_length=300, blank=True, help_text="The judge as the source names them, when no registry person is linked."
    )
    sentence_kind = models.CharField(max_length=40, blank=True, help_text="A sentence regime code.")
    sentence_months = models.PositiveIntegerField(null=True, blank=True, help_text="The term, in months.")
    sentence_date = models.CharField(max_length=40, blank=True, help_text="Partial date (EDTF) of the verdict.")
    appeal_date = models.CharField(max_length=40, blank=True, help_text="Partial date (EDTF) of the appeal's decision.")
    sentence_event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases")
    confidentiality = confidentiality_field(Confidentiality.PUBLIC)

    def __str__(self) -> str:
        return f"case of {self.person}: {', '.join(self.articles)}"


class TermChangeKind(models.TextChoices):
    ADDED = "added", "sentence added"
    REDUCED = "reduced", "term reduced"
    AMNESTY = "amnesty", "amnesty"


class TermChange(models.Model):
    """A later change of the term of a case: a sentence added (a new charge in custody), a
    reduction on appeal, an amnesty. Read by the expected end of term (:mod:`letapis.following`)."""

    case = models.ForeignKey(CriminalCase, on_delete=models.CASCADE, related_name="term_changes")
    kind = models.CharField(max_length=10, choices=TermChangeKind.choices)
    months = models.PositiveIntegerField(default=0, help_text="Months added or taken off.")
    days = models.PositiveIntegerField(default=0, help_text="Days added or taken off, beside the months.")
    date = models.CharField(max_length=40, blank=True, help_text="Partial date (EDTF) of the decision.")
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="term_changes")
    confidentiality = confidentiality_field(Confidentiality.PUBLIC)

    def __str__(self) -> str:
        return f"{self.kind} {self.months} months to case {self.case_id}"


class Note(models.Model):
    """Free text about a person or an event, with its own confidentiality."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="notes")
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.CASCADE, related_name="notes")
    text = EncryptedTextField(help_text="Encrypted at rest (letapis.crypto): not searchable.")
    confidentiality = confidentiality_field()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        # never the text: it is encrypted at rest, and this is what the audit log and lists show
        about = f"person {self.person_id}" if self.person_id is not None else f"event {self.event_id}"
        return f"note {self.pk} on {about}"


class Reliability(models.TextChoices):
    HIGH = "high", "high"
    MEDIUM = "medium", "medium"
    LOW = "low", "low"
    UNKNOWN = "unknown", "unknown"


class Source(models.Model):
    """A stored document. Never altered after ingest: the file lives in the content-addressed
    store under its sha-256. A file is a source once per confidentiality level, so that an upload
    of a file held by a source the uploader may not see is a source of its own (the unique
    constraint is added by ``review/migrations/0002_intake.py``)."""

    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=300)
    media_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=12, blank=True)
    reliability = models.CharField(max_length=10, choices=Reliability.choices, default=Reliability.UNKNOWN)
    confidentiality = confidentiality_field()
    text = models.TextField(blank=True, help_text="The text extracted from the file.")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["sha256", "confidentiality"], name="unique_source_file_per_level")
        ]

    def __str__(self) -> str:
        return self.title or self.filename


class ClaimKind(models.TextChoices):
    PERSON = "person", "person"
    NAME = "name", "name"
    OCCUPATION = "occupation", "occupation"
    MEMBERSHIP = "membership", "membership"
    HONOUR = "honour", "honour"
    STATUS = "status", "status"
    EVENT = "event", "event"
    INVOLVEMENT = "involvement", "involvement"
    CRIMINAL_CASE = "criminal_case", "criminal case"
    ATTRIBUTE = "attribute", "attribute"


class ClaimState(models.TextChoices):
    PROPOSED = "proposed", "proposed"
    ACCEPTED = "accepted", "accepted"
    REJECTED = "rejected", "rejected"


class Claim(models.Model):
    """One fact proposed from one source, with the span of text that states it."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claims")
    kind = models.CharField(max_length=20, choices=ClaimKind.choices, db_index=True)
    value = models.JSONField(default=dict)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    quote = models.TextField(blank=True, help_text="The text of the span, kept for display.")
    proposer = models.CharField(max_length=100, help_text="extractor:<version>, user:<name>, import:<file>")
    confidence = models.FloatField(default=1.0)
    state = models.CharField(max_length=10, choices=ClaimState.choices, default=ClaimState.PROPOSED, db_index=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    confidentiality = confidentiality_field()
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    record_type = models.CharField(max_length=60, blank=True, help_text="app_label.model of the supported record.")
    record_id = models.PositiveBigIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source_id", "span_start", "id"]
        indexes = [
            models.Index(fields=["record_type", "record_id"]),
            models.Index(fields=["source", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.value} ({self.state})"


class StatusSpan(models.Model):
    """A precomputed interval of one person's derived status as one audience tier sees it — a
    cache of :mod:`.status`, never typed in. ``level`` names the tier (the highest level it
    reads, :data:`letapis.access.TIERS`): the span is derived only from the events and
    involvements of the levels that tier reads, so a confidential detention is no part of the
    public's spans. ``since`` is the day the deciding ``event`` takes effect (its
    ``date_latest``); ``until`` is the day the next status-changing event takes effect
    (exclusive), or :data:`letapis.registry.spans.OPEN_END` while it is the latest. Kept in step
    with events and involvements by :mod:`letapis.registry.spans`; lists and series read it
    instead of ranking every person's events."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="status_spans")
    level = models.CharField(max_length=12, choices=Confidentiality.choices)
    status = models.CharField(max_length=20)
    since = models.DateField()
    until = models.DateField()
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "level", "since"], name="unique_span_start")]
        indexes = [
            models.Index(fields=["level", "status", "since", "until"], name="span_status_since"),
            # covering for "held on a day" and the series: the person is read from the index
            models.Index(fields=["level", "status", "until", "since", "person"], name="span_status_until_person"),
            # covering for one person's span on a day (a list filtered first by occupation or
            # organisation, the status column of every list row): no read of the table
            models.Index(fields=["person", "level", "status", "until", "since", "event"], name="span_person_status"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.status} {self.since}…{self.until}"
