"""The mandate list's filters, and the mandate search the request list reuses."""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commitments import fulltext
from commitments.models import Mandate, Owner, ProgramArea, Resolution, Section
from commitments.workplan import Commitment
from core.choices import Language
from core.filters import IdChoiceField, IdChoiceFilter, as_id

# The empty choice of every select: "no restriction", in words rather than Django's dashes.
ANY = _("Any")


def search_mandates(queryset: QuerySet, text: str) -> QuerySet:
    """Mandates whose text (in any language held), paragraph number or resolution symbol
    matches every word of ``text`` ("CICTE/doc.6/23 4", "cyber strategy", "doc.6/23 4.a",
    "§2 ¶3").

    A word ``§2`` names a section by position and ``¶3`` or ``¶4.a`` a paragraph (the labels
    the pages show); ``4.a`` is a sub-item under its parent paragraph too.

    On PostgreSQL a word matches the texts as the site search reads them
    (``commitments.fulltext``: each language version with its own dictionary, accents and case
    ignored, a word's other forms or its start: "cyber" finds "cybersecurity"); the words that
    can only be text (``PLAIN_WORD``, with the web search's quotes and minus) are read together,
    as one web search; a shorter word also as written (migrations 0007 and 0011). Elsewhere
    (SQLite) a word is a substring of the original or of a version held, accents and case
    ignored (``fulltext.Folded``). The resolutions whose symbol matches are looked up first (a
    small table), so that each condition is one index and none joins the resolution table."""
    full_text = fulltext.available(queryset)
    if full_text:
        queryset = fulltext.with_vector(queryset).alias(
            _text_search=SearchVector("text", config="simple"),
            _translations_search=TRANSLATIONS_VECTOR,
        )
    else:
        queryset = _with_folded_texts(queryset)
    plain: list[str] = []
    for word in text.split()[:MAX_SEARCH_WORDS]:
        if word.startswith("§"):
            position = word[1:].rstrip(".")
            queryset = queryset.filter(section__position=int(position)) if _is_position(position) else queryset.none()
            continue
        if word.startswith("¶"):
            queryset = queryset.filter(_paragraph(word[1:]))
            continue
        symbols = list(Resolution.objects.filter(symbol__icontains=word).values_list("pk", flat=True))
        if full_text and not symbols and PLAIN_WORD.fullmatch(word.strip('"-')):
            plain.append(word)  # only ever text: searched with the other plain words, below
            continue
        matches = _paragraph(word) | Q(resolution_id__in=symbols)
        if not full_text:
            matches |= _folded_texts_contain(word)
        elif terms := _prefix_terms(word):
            # A short word ("la", "país", "iii", "2023"): as the site search reads it, or as
            # written (the language's dictionary drops its stop words: "la", "to").
            query = SearchQuery(terms, config="simple", search_type="raw")
            matches |= Q(_text_search=query) | Q(_translations_search=query)
            if languages := fulltext.words_query(word):
                matches |= fulltext.holding(languages)
        queryset = queryset.filter(matches)
    if plain and (query := fulltext.words_query(" ".join(plain))):
        # All the words in one query, in any language version: one index lookup intersecting
        # the words, where a condition per word made PostgreSQL intersect bitmaps of most of the
        # table for common words (1.3 s over 100,000 mandates).
        queryset = queryset.filter(fulltext.holding(query))
    return queryset


# SQLite: the original text and each version held, folded (accents and case ignored).
FOLDED_TEXTS = ("_folded_text", *(f"_folded_{language}" for language in Language.values))


def _with_folded_texts(queryset: QuerySet) -> QuerySet:
    versions = [KeyTextTransform(language, "translations") for language in Language.values]
    return queryset.alias(**dict(zip(FOLDED_TEXTS, map(fulltext.Folded, ["text", *versions]), strict=True)))


def _folded_texts_contain(word: str) -> Q:
    folded = fulltext.fold(word)
    matches = Q()
    for alias in FOLDED_TEXTS:
        matches |= Q(**{f"{alias}__contains": folded})
    return matches


# A word of letters only, too long to be a paragraph number ("iii", "a"): it can only match text.
PLAIN_WORD = re.compile(r"[^\W\d_]{5,}")


# A search reads this many words at most: each costs a query (the symbols), and no real search
# needs more.
MAX_SEARCH_WORDS = 12

# The texts held in the other languages, as one document: the expression of the PostgreSQL-only
# index of migration 0011 (the same expression, or the index is not used).
TRANSLATIONS_VECTOR = SearchVector(
    *(KeyTextTransform(language, "translations") for language in Language.values), config="simple"
)


def _is_position(value: str) -> bool:
    # Section positions are small numbers; a longer run of digits would overflow the column.
    return value.isdigit() and len(value) <= 4


def _paragraph(word: str) -> Q:
    """A paragraph number ("4", "iii") or a sub-item under its parent ("4.a")."""
    path = word.rstrip(".")
    parent, dot, number = path.rpartition(".")
    matches = Q(number__in={path, path.lower(), path.upper()})
    if dot and parent and number and "." not in parent:
        matches |= Q(number__in={number, number.lower(), number.upper()}) & Q(
            parent__number__in={parent, parent.lower(), parent.upper()}
        )
    return matches


def _prefix_terms(word: str) -> str:
    """A tsquery matching the word's pieces as prefixes ("doc.6" → "doc:* & 6:*"); letters and
    digits only, so nothing the user types is read as query syntax."""
    return " & ".join(f"{piece}:*" for piece in re.findall(r"\w+", word.lower()))


def visible_resolutions(user) -> QuerySet:
    """Resolutions with at least one mandate ``user`` may read."""
    mandates = Mandate.objects.visible_to(user).filter(resolution=OuterRef("pk"))
    return Resolution.objects.filter(Exists(mandates))


class LocalizedChoiceField(IdChoiceField):
    """Options named in the user's language (owners, program areas)."""

    def label_from_instance(self, obj) -> str:
        return obj.localized_name()


class SectionChoiceField(IdChoiceField):
    def label_from_instance(self, obj) -> str:
        title = obj.title_in()
        return f"§{obj.position} {title}" if title else f"§{obj.position}"


class LocalizedChoiceFilter(IdChoiceFilter):
    field_class = LocalizedChoiceField


class SectionChoiceFilter(IdChoiceFilter):
    field_class = SectionChoiceField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


class CheckboxFilter(django_filters.BooleanFilter):
    """A checkbox that, when ticked, narrows the list with ``narrow(queryset)``; unticked (or
    absent from the query string) it leaves the list alone."""

    def __init__(self, *, label, narrow, **kwargs):
        super().__init__(label=label, widget=forms.CheckboxInput(), **kwargs)
        self.narrow = narrow

    def filter(self, qs, value):
        return self.narrow(qs) if value else qs


class MandateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Text or number"),
        method="filter_text",
        help_text=_("Words from the text, a paragraph number or a resolution symbol."),
    )
    resolution = IdChoiceFilter(
        field_name="resolution",
        lookup_expr="exact",
        empty_label=ANY,
        label=_("Resolution"),
        queryset=Resolution.objects.none(),
    )
    # Sections run to hundreds across resolutions: only those of the chosen resolution are offered.
    section = SectionChoiceFilter(
        field_name="section",
        lookup_expr="exact",
        empty_label=ANY,
        label=_("Section"),
        queryset=Section.objects.none(),
        help_text=_("Choose a resolution first."),
    )
    owner = LocalizedChoiceFilter(
        field_name="owners", lookup_expr="exact", empty_label=ANY, label=_("Owner"), queryset=Owner.objects.all()
    )
    status = django_filters.ChoiceFilter(
        field_name="status", lookup_expr="exact", empty_label=ANY, label=_("Status"), choices=Mandate.Status.choices
    )
    kind = django_filters.ChoiceFilter(
        field_name="kind", lookup_expr="exact", empty_label=ANY, label=_("Kind"), choices=Mandate.Kind.choices
    )
    program_area = LocalizedChoiceFilter(
        field_name="program_areas",
        lookup_expr="exact",
        method="filter_program_area",
        empty_label=ANY,
        label=_("Program area"),
        queryset=ProgramArea.objects.order_by("-work_plan__start_year", "name_en"),
    )
    deadline_after = django_filters.DateFilter(
        field_name="deadline", lookup_expr="gte", label=_("Deadline from"), widget=DateInput()
    )
    deadline_before = django_filters.DateFilter(
        field_name="deadline", lookup_expr="lte", label=_("Deadline until"), widget=DateInput()
    )
    overdue = CheckboxFilter(label=_("Only overdue"), narrow=lambda mandates: mandates.overdue(timezone.localdate()))
    stale = CheckboxFilter(
        label=_("Only stale (no recent update)"),
        narrow=lambda mandates: mandates.stale(timezone.now(), settings.STALE_AFTER_DAYS),
    )
    no_owner = CheckboxFilter(
        label=_("Only those naming no owner"), narrow=lambda mandates: mandates.filter(owners__isnull=True)
    )
    open = CheckboxFilter(
        label=_("Only open (not completed, superseded or declaratory)"), narrow=lambda mandates: mandates.open()
    )

    class Meta:
        model = Mandate
        fields = []  # every filter is declared above, with its lookup

    def __init__(self, data=None, queryset=None, *, user, **kwargs):
        super().__init__(data, queryset, **kwargs)
        # "Stale" for this reader: counted from the updates it may read, as the list's flag is.
        self.filters["stale"].narrow = lambda mandates: mandates.stale(
            timezone.now(), settings.STALE_AFTER_DAYS, user=user
        )
        resolutions = visible_resolutions(user)
        # The symbol is all the select shows: not the titles and preambles of 300 resolutions.
        self.filters["resolution"].queryset = resolutions.only("pk", "symbol")
        resolution_id = as_id(self.data.get("resolution"))
        section_id = as_id(self.data.get("section"))
        sections = Section.objects.filter(resolution__in=resolutions)
        if resolution_id is not None:
            self.filters["section"].queryset = sections.filter(resolution_id=resolution_id)
        elif section_id is not None:
            # A link from the dashboard names a section alone: offer its resolution's sections.
            self.filters["section"].queryset = sections.filter(resolution__sections=section_id)

    def filter_text(self, queryset, name, value):
        return search_mandates(queryset, value)

    def filter_program_area(self, queryset, name, value):
        # In the area when tagged with it, or implemented by a Work Plan commitment of it (the
        # dashboard's "By program area" counts the same way, reporting.workplan).
        tagged = Mandate.program_areas.through.objects.filter(mandate=OuterRef("pk"), programarea=value)
        implemented = Commitment.mandates.through.objects.filter(mandate=OuterRef("pk"), commitment__program_area=value)
        return queryset.filter(Exists(tagged) | Exists(implemented))
