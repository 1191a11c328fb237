"""The one service that writes a parsed resolution into the database.

``save_parsed`` runs in one transaction and never half-writes: a new symbol creates the
resolution; the same symbol in the same language updates it in place (paragraphs matched by
section position and paragraph number, so statuses, updates and request links stay); the same
symbol in another language attaches that language's text to the existing sections and mandates.
Each run leaves a ``ResolutionImport`` row saying what was added, removed and changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.importer.corrections import replay
from commitments.importer.errors import ResolutionImportError
from commitments.importer.owners import OwnerRef
from commitments.importer.parse import ParsedDocument, ParsedParagraph
from commitments.models import (
    Mandate,
    MandateUpdate,
    Owner,
    OwnerAlias,
    Resolution,
    ResolutionImport,
    ResolutionText,
    Section,
)
from commitments.overlap import refresh_terms_after_commit
from commitments.services import change_mandate_status

Key = tuple  # (section position, number-or-#position, …) from the top-level paragraph down
FIELDS = (
    "text",
    "kind",
    "owner_phrase",
    "on_request",
    "subject_to_resources",
    "voluntary",
    "deadline",
    "deadline_text",
)


@dataclass
class ImportPlan:
    """What saving ``document`` would do, read without writing (the preview shows it)."""

    mode: str
    resolution: Resolution | None = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    # Another language version whose paragraphs are not the original's: why it will be refused.
    mismatch: str = ""


@dataclass
class ImportReport:
    resolution: Resolution
    record: ResolutionImport
    mode: str
    added: list[str]
    removed: list[str]
    changed: list[str]
    unmatched: list[str]


def label(key: Key) -> str:
    return f"§{key[0]} ¶" + ".".join("–" if part.startswith("#") else part for part in key[1:])


def _parsed_keys(document: ParsedDocument) -> list[tuple[Key, Key | None, ParsedParagraph, int]]:
    """(key, parent key, paragraph, position among siblings) in document order."""
    out = []

    def walk(section_position, parent_key, paragraphs):
        for position, paragraph in enumerate(paragraphs, start=1):
            base = parent_key or (section_position,)
            key = (*base, paragraph.number or f"#{position}")
            out.append((key, parent_key, paragraph, position))
            walk(section_position, key, paragraph.children)

    for section in document.sections:
        walk(section.position, None, section.paragraphs)
    return out


def _existing_keys(resolution: Resolution) -> dict[Key, Mandate]:
    mandates = list(Mandate.objects.filter(resolution=resolution).select_related("section").prefetch_related("owners"))
    by_pk = {mandate.pk: mandate for mandate in mandates}
    keys: dict[int, Key] = {}

    def key_of(mandate: Mandate) -> Key:
        if mandate.pk not in keys:
            own = mandate.number or f"#{mandate.position}"
            parent = by_pk.get(mandate.parent_id)
            keys[mandate.pk] = (*key_of(parent), own) if parent else (mandate.section.position, own)
        return keys[mandate.pk]

    return {key_of(mandate): mandate for mandate in mandates}


def find_existing(symbol: str) -> Resolution | None:
    return Resolution.objects.filter(symbol__iexact=symbol).first() if symbol else None


def _primary_language(resolution: Resolution) -> str:
    return (
        Mandate.objects.filter(resolution=resolution).values_list("language", flat=True).first()
        or resolution.texts.values_list("language", flat=True).first()
        or ""
    )


def _differences(mandate: Mandate, paragraph: ParsedParagraph) -> list[str]:
    wanted = _mandate_values(paragraph)
    names = [name for name in FIELDS if getattr(mandate, name) != wanted[name]]
    if {owner.pk for owner in mandate.owners.all()} != {owner.id for owner in paragraph.owners}:
        names.append("owners")
    return names


def _mandate_values(paragraph: ParsedParagraph) -> dict:
    return {
        "text": paragraph.text,
        "kind": paragraph.kind,
        "owner_phrase": paragraph.owner_phrase[:300],
        "on_request": "on_request" in paragraph.conditions,
        "subject_to_resources": "subject_to_resources" in paragraph.conditions,
        "voluntary": "voluntary" in paragraph.conditions,
        "deadline": paragraph.deadline,
        "deadline_text": paragraph.deadline_text[:200],
    }


def plan_import(document: ParsedDocument) -> ImportPlan:
    resolution = find_existing(document.symbol)
    if resolution is None:
        return ImportPlan(ResolutionImport.Mode.CREATED, added=[label(k) for k, *_ in _parsed_keys(document)])
    existing = _existing_keys(resolution)
    parsed = _parsed_keys(document)
    parsed_keys = {key for key, *_ in parsed}
    if _primary_language(resolution) not in ("", document.language):
        return ImportPlan(
            ResolutionImport.Mode.TRANSLATION,
            resolution,
            unmatched=[label(key) for key, *_ in parsed if key not in existing],
            mismatch=version_mismatch(existing, parsed),
        )
    plan = ImportPlan(ResolutionImport.Mode.UPDATED, resolution)
    for key, _parent, paragraph, _position in parsed:
        if key not in existing:
            plan.added.append(label(key))
        elif differences := _differences(existing[key], paragraph):
            plan.changed.append(f"{label(key)} ({', '.join(differences)})")
    plan.removed = [label(key) for key in existing if key not in parsed_keys]
    return plan


HEADER = ("series", "body", "session", "place", "date", "original_language")


def _held_text(document: ParsedDocument) -> ResolutionText | None:
    """The text held in this language when it is exactly this one (the same file again)."""
    if not document.source_text:
        return None
    held = ResolutionText.objects.filter(language=document.language, text=document.source_text)
    if document.symbol:
        held = held.filter(resolution__symbol__iexact=document.symbol)
    return held.select_related("resolution").first()


def kept_corrections(resolution: Resolution, language: str) -> list[dict]:
    """The structural corrections (merge, split, drop) staff made in earlier previews of this
    resolution in this language, oldest first."""
    summaries = (
        ResolutionImport.objects.filter(resolution=resolution, language=language)
        .order_by("imported_at", "pk")
        .values_list("summary", flat=True)
    )
    return [c for summary in summaries if isinstance(summary, dict) for c in summary.get("corrections", [])]


def prefill_from_existing(document: ParsedDocument, *, replayed: list | None = None) -> ParsedDocument:
    """What staff corrected when this resolution was imported before is kept:

    - the same text again (even one whose symbol staff had to type): the header as saved;
    - the merges, splits and drops of earlier previews, made again where their paragraphs'
      texts are found (appended to ``replayed`` when given, for the preview to list);
    - where a paragraph's text is unchanged, the owners, kind, conditions and deadline set on
      its mandate instead of what the parser guessed again.
    """
    held = _held_text(document)
    resolution = held.resolution if held else find_existing(document.symbol)
    if resolution is None or _primary_language(resolution) not in ("", document.language):
        return document
    if held is not None:
        document.symbol = resolution.symbol
        for name in HEADER:
            value = getattr(resolution, "adopted_on" if name == "date" else name)
            if value not in ("", None):
                setattr(document, name, value)
        document.title = held.title or document.title
    applied = replay(document, kept_corrections(resolution, document.language))
    if replayed is not None:
        replayed.extend(applied)
    existing = _existing_keys(resolution)
    for key, _parent, paragraph, _position in _parsed_keys(document):
        mandate = existing.get(key)
        if mandate is None or mandate.text != paragraph.text:
            continue
        owners = [OwnerRef(owner.pk, owner.name_en) for owner in mandate.owners.all()]
        if {o.id for o in owners} != {o.id for o in paragraph.owners}:
            paragraph.owners, paragraph.owner_source = owners, "kept"
        paragraph.kind = mandate.kind
        paragraph.conditions = mandate.conditions
        paragraph.deadline, paragraph.deadline_text = mandate.deadline, mandate.deadline_text
    return document


def settle_proposed_owners(document: ParsedDocument, decisions: dict[str, str]) -> list[str]:
    """Staff's answer for each body the text addresses that has no owner row: ``"create"``
    (a new owner of that name) or an owner's id (that owner). Either way the name becomes an
    alias in the text's language, so the next import finds the owner by itself, and the
    paragraphs that address it get it (unless staff set their owners by hand). Returns the
    names of the owners created."""
    created = []
    for name, choice in decisions.items():
        name = " ".join(str(name).split())[:200]
        if not name or not choice:
            continue
        if choice == "create":
            owner = Owner.objects.filter(name_en__iexact=name).first()
            if owner is None:
                names = {f"name_{document.language}": name} if document.language != "en" else {}
                owner = Owner.objects.create(name_en=name, **names)
                created.append(name)
        else:
            owner = Owner.objects.filter(pk=int(choice)).first() if str(choice).isdigit() else None
            if owner is None:
                raise ResolutionImportError(
                    _("The owner chosen for “%(name)s” no longer exists: choose again.") % {"name": name},
                    code="changed_meanwhile",
                )
        OwnerAlias.objects.get_or_create(language=document.language, text=name, defaults={"owner": owner})
        ref = OwnerRef(owner.pk, owner.name_en)
        for _section, _parent, paragraph in document.paragraphs():
            if getattr(paragraph, "proposed_owner", "") != name or paragraph.owner_source == "staff":
                continue
            if paragraph.owner_source in ("default", "none"):
                paragraph.owners = []
            if ref not in paragraph.owners:
                paragraph.owners = [*paragraph.owners, ref]
            paragraph.owner_source = "staff"
    return created


@transaction.atomic
def save_parsed(
    document: ParsedDocument,
    *,
    by,
    source_name: str = "",
    corrections: list[dict] | None = None,
    owner_decisions: dict[str, str] | None = None,
) -> ImportReport:
    """Write ``document``; see the module docstring. ``corrections`` (the preview's merges,
    splits and drops) are kept on the import's record, to be made again when the same text
    comes back; ``owner_decisions`` settle the bodies proposed as new owners
    (``settle_proposed_owners``). Raises ``ResolutionImportError``."""
    if not document.symbol.strip():
        raise ResolutionImportError(
            _("The text carries no document symbol (such as “CICTE/doc.6/23 rev. 2”): enter it."), code="no_symbol"
        )
    new_owners = settle_proposed_owners(document, owner_decisions or {})
    resolution = find_existing(document.symbol)
    if resolution is not None:
        resolution = Resolution.objects.select_for_update().get(pk=resolution.pk)
    try:
        with transaction.atomic():
            if resolution is None:
                report = _create(document, by=by, source_name=source_name)
            elif _primary_language(resolution) not in ("", document.language):
                report = _attach_translation(resolution, document, by=by, source_name=source_name)
            else:
                report = _update(resolution, document, by=by, source_name=source_name)
            if corrections or new_owners:
                report.record.summary |= {"corrections": list(corrections or []), "new_owners": new_owners}
                report.record.save(update_fields=["summary"])
            # The words' rarity counted again with the new texts, for the similar-mandates panel.
            refresh_terms_after_commit()
            return report
    except IntegrityError as error:
        raise ResolutionImportError(
            _("Someone imported this resolution at the same moment: reload and try again."), code="changed_meanwhile"
        ) from error


def _save_text(resolution, document, *, by, source_name) -> None:
    ResolutionText.objects.update_or_create(
        resolution=resolution,
        language=document.language,
        defaults={
            "title": document.title,
            "preamble": "\n\n".join(document.preamble),
            "text": document.source_text,
            "source_name": source_name[:255],
            "imported_by": by,
        },
    )


def _header_values(document: ParsedDocument) -> dict:
    return {
        "series": document.series[:100],
        "body": document.body[:100],
        "session": document.session if document.session and 0 < document.session < 32767 else None,
        "place": document.place[:100],
        "adopted_on": document.date,
        "original_language": document.original_language,
        "title": document.title,
        "preamble": "\n\n".join(document.preamble),
    }


def _record(resolution, document, mode, *, by, source_name, **summary) -> ResolutionImport:
    summary.setdefault("warnings", document.warnings)
    return ResolutionImport.objects.create(
        resolution=resolution,
        language=document.language,
        mode=mode,
        source_name=source_name[:255],
        imported_by=by,
        summary=summary,
    )


def _create(document: ParsedDocument, *, by, source_name: str) -> ImportReport:
    resolution = Resolution.objects.create(symbol=document.symbol[:100], **_header_values(document))
    _save_text(resolution, document, by=by, source_name=source_name)
    sections = _sync_sections(resolution, document)
    parsed = _parsed_keys(document)
    _create_mandates(resolution, document, parsed, sections, {})
    added = [label(key) for key, *_ in parsed]
    record = _record(resolution, document, ResolutionImport.Mode.CREATED, by=by, source_name=source_name, added=added)
    return ImportReport(resolution, record, record.mode, added, [], [], [])


def _sync_sections(resolution: Resolution, document: ParsedDocument) -> dict[int, Section]:
    existing = {section.position: section for section in resolution.sections.all()}
    for parsed in document.sections:
        section = existing.get(parsed.position)
        if section is None:
            existing[parsed.position] = Section.objects.create(
                resolution=resolution, position=parsed.position, title=parsed.title
            )
        elif section.title != parsed.title:
            section.title = parsed.title
            section.save(update_fields=["title"])
    return existing


def _tree_position(parent_tree: str, position: int) -> str:
    return f"{parent_tree}.{position:04d}" if parent_tree else f"{position:04d}"


def _create_mandates(resolution, document, parsed, sections, existing: dict[Key, Mandate]) -> list[Key]:
    """Create the paragraphs of ``parsed`` missing from ``existing``, parents before children
    (one bulk insert per depth), and give their owners; returns the keys added."""
    created: dict[Key, Mandate] = {}
    added: list[Key] = []
    depth = 2
    Through = Mandate.owners.through
    known_owner_ids = set(Owner.objects.values_list("pk", flat=True))
    while True:
        batch = [(k, p, par, pos) for k, p, par, pos in parsed if len(k) == depth and k not in existing]
        if not batch:
            if not any(len(k) > depth for k, *_ in parsed):
                break
            depth += 1
            continue
        rows = []
        for key, parent_key, paragraph, position in batch:
            parent = (existing.get(parent_key) or created.get(parent_key)) if parent_key else None
            status = (
                Mandate.Status.NO_ACTION_REQUIRED if paragraph.kind == "declaratory" else Mandate.Status.NOT_STARTED
            )
            rows.append(
                Mandate(
                    resolution=resolution,
                    section=sections[key[0]],
                    parent=parent,
                    number=paragraph.number,
                    position=position,
                    tree_position=_tree_position(parent.tree_position if parent else "", position),
                    language=document.language,
                    status=status,
                    **_mandate_values(paragraph),
                )
            )
        Mandate.objects.bulk_create(rows)  # SQLite ≥ 3.35 and PostgreSQL return the new ids
        links = []
        for (key, _parent, paragraph, _position), mandate in zip(batch, rows, strict=True):
            created[key] = mandate
            added.append(key)
            links += [
                Through(mandate_id=mandate.pk, owner_id=o.id) for o in paragraph.owners if o.id in known_owner_ids
            ]
        Through.objects.bulk_create(links, ignore_conflicts=True)
        depth += 1
    return added


def _update(resolution: Resolution, document: ParsedDocument, *, by, source_name: str) -> ImportReport:
    for name, value in _header_values(document).items():
        if value not in ("", None):
            setattr(resolution, name, value)
    resolution.save()
    _save_text(resolution, document, by=by, source_name=source_name)
    sections = _sync_sections(resolution, document)
    existing = _existing_keys(resolution)
    parsed = _parsed_keys(document)
    changed, notes, to_update = [], [], []
    known_owner_ids = set(Owner.objects.values_list("pk", flat=True))
    for key, parent_key, paragraph, position in parsed:
        mandate = existing.get(key)
        if mandate is None:
            continue
        parent = existing.get(parent_key) if parent_key else None
        tree = _tree_position(parent.tree_position if parent else "", position)
        differences = _differences(mandate, paragraph)
        if differences:
            changed.append(f"{label(key)} ({', '.join(differences)})")
            if "text" in differences:
                notes.append(
                    MandateUpdate(
                        mandate=mandate,
                        author=by,
                        old_status=mandate.status,
                        note=_("Text changed by the import of %(source)s. Before: %(text)s")
                        % {"source": source_name or document.symbol, "text": mandate.text},
                    )
                )
            for name, value in _mandate_values(paragraph).items():
                setattr(mandate, name, value)
            mandate.updated_at = timezone.now()
            if "owners" in differences:
                mandate.owners.set([o.id for o in paragraph.owners if o.id in known_owner_ids])
        if differences or mandate.position != position or mandate.tree_position != tree:
            mandate.position, mandate.tree_position = position, tree
            mandate.version += 1 if differences else 0
            to_update.append(mandate)
    Mandate.objects.bulk_update(to_update, [*FIELDS, "position", "tree_position", "version", "updated_at"])
    MandateUpdate.objects.bulk_create(notes)
    Mandate.objects.filter(pk__in=[note.mandate_id for note in notes]).refresh_latest_updates()
    added = _create_mandates(resolution, document, parsed, sections, existing)
    parsed_keys = {key for key, *_ in parsed}
    removed = [label(k) for k in existing if k not in parsed_keys]
    _remove([m for k, m in existing.items() if k not in parsed_keys], by=by)
    Section.objects.filter(resolution=resolution, position__gt=len(document.sections), mandates__isnull=True).delete()
    summary = {"added": [label(k) for k in added], "removed": removed, "changed": changed}
    record = _record(resolution, document, ResolutionImport.Mode.UPDATED, by=by, source_name=source_name, **summary)
    return ImportReport(resolution, record, record.mode, summary["added"], removed, changed, [])


def _has_history(mandates: list[Mandate]) -> set[int]:
    """Mandates that anything points at (updates, requests, activities…), found through the
    model's reverse relations so that this app need not know the apps that link to it."""
    ids = [mandate.pk for mandate in mandates]
    linked: set[int] = set()
    for relation in Mandate._meta.related_objects:
        if relation.related_model is Mandate:
            continue
        name = relation.field.name
        linked.update(relation.related_model._base_manager.filter(**{f"{name}__in": ids}).values_list(name, flat=True))
    return linked


def _remove(gone: list[Mandate], *, by) -> None:
    """Paragraphs no longer in the text: deleted when nothing refers to them, else kept and
    marked superseded with a note, so their history survives."""
    if not gone:
        return
    linked = _has_history(gone)
    by_pk = {mandate.pk: mandate for mandate in gone}
    for _depth in range(3):  # a parent stays when one of its sub-items must stay
        linked |= {by_pk[pk].parent_id for pk in linked if pk in by_pk and by_pk[pk].parent_id in by_pk}
    Mandate.objects.filter(pk__in=[pk for pk in by_pk if pk not in linked]).delete()
    note = _("No longer in the text re-imported on %(date)s.") % {"date": timezone.localdate().isoformat()}
    for pk in linked & by_pk.keys():
        if by_pk[pk].status != Mandate.Status.SUPERSEDED:
            change_mandate_status(mandate=by_pk[pk], new_status=Mandate.Status.SUPERSEDED, by=by, note=note)


def version_mismatch(existing: dict[Key, Mandate], parsed: list) -> str:
    """Why a language version cannot attach to the original paragraph by paragraph (its count
    or its numbering differs), naming the paragraphs on each side; empty when it can. Attached
    anyway, a missing or extra paragraph would shift every text after it onto the wrong mandate."""
    parsed_keys = [key for key, *_ in parsed]
    missing = [label(key) for key in existing if key not in set(parsed_keys)]
    extra = [label(key) for key in parsed_keys if key not in existing]
    if not (missing or extra):
        return ""
    message = _(
        "This version does not match the original paragraph by paragraph, so it is not attached: "
        "the original has %(original)s paragraphs and this version %(version)s."
    ) % {"original": len(existing), "version": len(parsed_keys)}
    if missing:
        message += " " + _("Not in this version: %(labels)s.") % {"labels": ", ".join(missing)}
    if extra:
        message += " " + _("Not in the original: %(labels)s.") % {"labels": ", ".join(extra)}
    return message + " " + _("Correct the paragraphs (merge, split, drop) or the numbering, then confirm again.")


def _attach_translation(resolution, document, *, by, source_name) -> ImportReport:
    if mismatch := version_mismatch(_existing_keys(resolution), _parsed_keys(document)):
        raise ResolutionImportError(mismatch, code="version_mismatch")
    _save_text(resolution, document, by=by, source_name=source_name)
    sections = {section.position: section for section in resolution.sections.all()}
    for parsed in document.sections:
        section = sections.get(parsed.position)
        if section is not None:
            section.translations = {**section.translations, document.language: parsed.title}
            section.save(update_fields=["translations"])
    existing = _existing_keys(resolution)
    matched, changed, unmatched = [], [], []
    for key, _parent, paragraph, _position in _parsed_keys(document):
        mandate = existing.get(key)
        if mandate is None:
            unmatched.append(label(key))
            continue
        if mandate.translations.get(document.language) != paragraph.text:
            changed.append(label(key))
        mandate.translations = {**mandate.translations, document.language: paragraph.text}
        matched.append(mandate)
    Mandate.objects.bulk_update(matched, ["translations"])
    record = _record(
        resolution, document, ResolutionImport.Mode.TRANSLATION, by=by, source_name=source_name,
        changed=changed, unmatched=unmatched,
    )  # fmt: skip
    return ImportReport(resolution, record, record.mode, [], [], changed, unmatched)
