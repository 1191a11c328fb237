"""The mandate list (with its export), a mandate's page with its timeline and the staff
update form, and a resolution's page.

These pages are readable by anonymous visitors when ``settings.PUBLIC_MANDATES`` is on; the
decision is ``Mandate.objects.visible_to``'s, checked by ``public_mandate_page``. Requests and
activities are reached through the reverse relations' ``visible_to`` (this app never imports
``states``), which give anonymous visitors nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, ExpressionWrapper, F, OuterRef, Prefetch, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from commitments import services
from commitments.filters import MandateFilter
from commitments.lineage import chain_of, word_diff
from commitments.mandate_forms import MandateUpdateForm
from commitments.models import Mandate, MandateUpdate, Owner, ProgramArea, Resolution
from commitments.overlap import PairVerdict, similar_mandates
from commitments.views.lineage import mandate_links
from core import roles
from core.choices import Language
from core.exports import Column, Items
from core.filters import as_id
from core.listing import Header, ListSpec, Sort, choice_order, list_views


def public_mandate_page(view):
    """Open to anonymous visitors only when ``Mandate.objects.visible_to`` lets them read
    mandates; otherwise they are sent to log in, like everywhere else."""

    @login_not_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated and Mandate.objects.visible_to(request.user).query.is_empty():
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapper


def condition_labels(mandate: Mandate) -> list[str]:
    return [str(Mandate._meta.get_field(name).verbose_name) for name in mandate.conditions]


def _owners_prefetch() -> Prefetch:
    return Prefetch("owners", queryset=Owner.objects.order_by("name_en"))


def list_queryset(user) -> QuerySet:
    """The mandates ``user`` may read (``shown`` adds what the list and its export show)."""
    return Mandate.objects.visible_to(user)


def shown(mandates: QuerySet, user) -> QuerySet:
    """``mandates`` with what the list and its export show: added after the filters, so that
    counting a filtered list of 100,000 mandates joins no resolution and runs no subquery."""
    return with_flags(
        user,
        mandates.select_related("resolution", "section", "parent").prefetch_related(
            _owners_prefetch(), Prefetch("program_areas", queryset=ProgramArea.objects.order_by("name_en"))
        ),
    )


def with_flags(user, queryset: QuerySet) -> QuerySet:
    """The day the latest update ``user`` may read happened (``last_update_on``), and the
    overdue and stale flags, from the conditions the QuerySet methods define both words with.
    Each flag is an expression over the row's own columns: as subqueries (``Exists``)
    PostgreSQL ran each over the whole table."""
    now = timezone.now()
    overdue = Mandate.objects.overdue_condition(timezone.localdate(now))
    stale = Mandate.objects.stale_condition(now, settings.STALE_AFTER_DAYS)
    return queryset.with_last_update_on(user).annotate(
        is_overdue=ExpressionWrapper(overdue, output_field=BooleanField()),
        is_stale=ExpressionWrapper(stale, output_field=BooleanField()),
    )


MANDATE_COLUMNS = (
    Column("id", _("ID"), lambda m: m.pk),
    Column("resolution", _("Resolution"), lambda m: m.resolution.symbol),
    Column("section", _("Section"), lambda m: m.section.title_in()),
    Column("number", _("Paragraph"), lambda m: m.display_number),
    Column("kind", _("Kind"), lambda m: m.get_kind_display()),
    Column("text", _("Text"), lambda m: m.text_in()[0]),
    Column("text_language", _("Language of the text"), lambda m: m.text_in()[1]),
    Column("owners", _("Owners"), lambda m: m.export_owners),
    Column("conditions", _("Conditions"), condition_labels),
    Column("deadline", _("Deadline"), lambda m: m.deadline),
    Column("deadline_text", _("Deadline as written"), lambda m: m.deadline_text),
    Column("program_areas", _("Program areas"), lambda m: m.export_program_areas),
    Column("status", _("Status"), lambda m: m.get_status_display()),
    Column("last_update", _("Last update"), lambda m: m.last_update_on),
    Column("overdue", _("Overdue"), lambda m: m.is_overdue),
    Column("stale", _("Stale"), lambda m: m.is_stale),
    Column("url", _("Link"), lambda m: settings.SITE_URL.rstrip("/") + m.get_absolute_url()),
)

DOCUMENT_ORDER = ("resolution__symbol", "section__position", "tree_position")


def _names_in_language(related: QuerySet) -> Items:
    """The names of ``related`` (owners, program areas) in the reader's language, as
    ``localized_name`` gives them, ordered by their English name as on the page."""
    language = (get_language() or "en")[:2]
    language = language if language in Language.values else "en"
    name = Coalesce(NullIf(F(f"name_{language}"), Value("")), F("name_en"))
    return Items(related.order_by("name_en"), name)


def export_rows(mandates: QuerySet) -> QuerySet:
    """The export's mandates with their owners' and program areas' names read by its one
    query (``Items``), where the page's prefetch ran two more queries per chunk of rows."""
    return mandates.prefetch_related(None).annotate(
        export_owners=_names_in_language(Owner.objects.filter(mandates=OuterRef("pk"))),
        export_program_areas=_names_in_language(ProgramArea.objects.filter(mandates=OuterRef("pk"))),
    )


MANDATE_LIST = ListSpec(
    filterset_class=MandateFilter,
    template="commitments/mandate_list.html",
    headers=(
        Header(_("Resolution"), "resolution"),
        Header(_("Paragraph")),
        Header(_("Text")),
        Header(_("Owners")),
        Header(_("Status"), "status"),
        Header(_("Deadline"), "deadline"),
        Header(_("Last update"), "updated"),
    ),
    sorts=(
        # Newest resolution first, its paragraphs in document order.
        Sort("resolution", ("-resolution__adopted_on", "resolution__symbol"), then=DOCUMENT_ORDER),
        Sort("status", (choice_order("status", Mandate.Status),), then=DOCUMENT_ORDER),
        Sort("deadline", ("deadline",), then=DOCUMENT_ORDER),
        Sort("updated", ("last_update_on",), then=DOCUMENT_ORDER),
    ),
    default_sort="resolution",
    columns=MANDATE_COLUMNS,
    export_rows=export_rows,
    export_name="mandates",
    export_url_name="commitments:mandate_export",
    decorate=shown,
)


_mandate_list, _mandate_export = list_views(MANDATE_LIST, list_queryset)
mandate_list = public_mandate_page(_mandate_list)
mandate_export = public_mandate_page(_mandate_export)


def _detail_context(request, mandate: Mandate, form: MandateUpdateForm | None = None) -> dict:
    user = request.user
    text, text_language = mandate.text_in()
    if form is None and roles.is_secretariat_staff(user):
        form = MandateUpdateForm(initial={"version": mandate.version})
    chain = chain_of(mandate, Mandate.objects.visible_to(user))
    # A renewed mandate's history goes on from its predecessors': their updates, read-only.
    history = [version.pk for version in chain[: chain.index(mandate) + 1]] if mandate in chain else [mandate.pk]
    return {
        "mandate": mandate,
        "chain": chain if len(chain) > 1 else [],
        "chain_diffs": [
            (older, newer, word_diff(older.text_in()[0], newer.text_in()[0]))
            for older, newer in zip(chain, chain[1:], strict=False)
        ],
        "text": text,
        "text_language": text_language,
        "conditions": condition_labels(mandate),
        "children": mandate.children.select_related("section", "parent").order_by("tree_position"),
        "updates": related_page(
            request,
            "updates_page",
            MandateUpdate.objects.visible_to(user)
            .filter(mandate__in=history)
            .select_related("author", "mandate__resolution"),
        ),
        # Reverse relations keep their model's manager, so visibility stays that model's. A
        # mandate may be cited by thousands of requests: the page shows them a page at a time.
        "requests": _older_labelled(
            mandate,
            related_page(request, "requests_page", _requests_under(mandate, history, user)),
        ),
        "activities": _older_labelled(
            mandate,
            related_page(
                request,
                "activities_page",
                mandate.activities.model.objects.visible_to(user)
                .filter(mandate__in=history)
                .select_related("state", "mandate__resolution")
                .order_by("-start_date", "-pk"),
            ),
        ),
        "form": form,
        # Overlap hints are the Secretariat's work: the best few, through one bounded query.
        "similar": similar_mandates(mandate, Mandate.objects.visible_to(user)) if roles.is_secretariat(user) else [],
        "verdicts": PairVerdict.choices if roles.is_secretariat_staff(user) else [],
        # Staff remove a wrong link and choose another predecessor (commitments.views.lineage).
        "can_link": roles.is_secretariat_staff(user),
        "links": mandate_links(mandate) if roles.is_secretariat_staff(user) and len(chain) > 1 else [],
    }


def _requests_under(mandate: Mandate, history: list[int], user) -> QuerySet:
    """The requests citing the mandate or, for a renewed one, a predecessor: each once, with
    the versions of the chain it cites (to label those citing only an older one)."""
    requests = mandate.requests.visible_to(user).select_related("state").order_by("-received_on", "-pk")
    if len(history) == 1:
        return requests
    cited = Prefetch(
        "mandates", queryset=Mandate.objects.filter(pk__in=history).select_related("resolution"), to_attr="cited"
    )
    # The model through the relation: this app never imports states.
    requests = mandate.requests.model.objects.visible_to(user).filter(mandates__in=history).distinct()
    return requests.select_related("state").prefetch_related(cited).order_by("-received_on", "-pk")


def _older_labelled(mandate: Mandate, page: RelatedPage) -> RelatedPage:
    """Each row's ``older``: the predecessors it is under when it is not under this mandate
    (read-only history, labelled with the older symbol on the page)."""
    for row in page.object_list:
        versions = getattr(row, "cited", None)
        if versions is None:
            versions = [row.mandate] if getattr(row, "mandate_id", mandate.pk) not in (None, mandate.pk) else []
        row.older = [] if any(version.pk == mandate.pk for version in versions) else versions
    return page


RELATED_PAGE_SIZE = 25


@dataclass
class RelatedPage:
    """One page of a related table, chosen by its own query parameter (``?requests_page=3``),
    so that a detail page costs the same whatever the number of rows behind it. One query:
    a row past the page says whether there is a next one (no COUNT)."""

    parameter: str
    number: int
    object_list: list
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def related_page(request, parameter: str, rows: QuerySet, size: int = RELATED_PAGE_SIZE) -> RelatedPage:
    number = as_id(request.GET.get(parameter, "1")) or 1
    # Past the last page there is nothing to show: a page far beyond it is refused, not read.
    number = min(number, 10_000)
    start = (number - 1) * size
    fetched = list(rows[start : start + size + 1])
    return RelatedPage(parameter, number, fetched[:size], len(fetched) > size)


# A resolution's page shows this many paragraphs at a time: a real resolution's 20 to 60 fit
# on one page; one of 300 (the scale data's) no longer makes a page of 250 KB.
RESOLUTION_PAGE_SIZE = 60


def _detail_queryset(user) -> QuerySet:
    return with_flags(
        user,
        Mandate.objects.visible_to(user)
        .select_related("resolution", "section", "parent__section")
        .prefetch_related(_owners_prefetch(), Prefetch("program_areas", queryset=ProgramArea.objects.all())),
    )


@public_mandate_page
def mandate_detail(request, pk):
    mandate = get_object_or_404(_detail_queryset(request.user), pk=pk)
    return render(request, "commitments/mandate_detail.html", _detail_context(request, mandate))


@require_POST
def mandate_update(request, pk):
    """Staff change a mandate's status and/or add a note, through the service."""
    if not roles.is_secretariat_staff(request.user):
        raise PermissionDenied
    mandate = get_object_or_404(_detail_queryset(request.user), pk=pk)
    form = MandateUpdateForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        common = {
            "mandate": mandate,
            "by": request.user,
            "note": data["note"],
            "audience": data["audience"],
            "happened_on": data["happened_on"],
            "submission_token": data["submission_token"],
        }
        try:
            if data["new_status"]:
                services.change_mandate_status(
                    **common,
                    new_status=data["new_status"],
                    evidence_url=data["evidence_url"],
                    expected_version=data["version"],
                )
            else:
                # A note changes nothing on the mandate, so it cannot overwrite anyone's change.
                services.add_mandate_update(**common, evidence_url=data["evidence_url"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("The update was recorded."))
            return redirect(mandate)
    return render(request, "commitments/mandate_detail.html", _detail_context(request, mandate, form))


@public_mandate_page
def resolution_detail(request, pk):
    # A resolution is as public as its mandates; public_mandate_page has checked those.
    resolution = get_object_or_404(Resolution.objects.select_related("work_plan").prefetch_related("texts"), pk=pk)
    mandates = (
        Mandate.objects.visible_to(request.user)
        .filter(resolution=resolution)
        .select_related("section", "parent")
        .prefetch_related(_owners_prefetch())
        .order_by("section__position", "tree_position", "pk")
    )
    held = {text.language for text in resolution.texts.all()}
    # The versions staff could still import, so a reader knows a missing one is missing, not lost.
    not_held = [label for code, label in Language.choices if code not in held] if held else []
    page = related_page(request, "page", mandates, RESOLUTION_PAGE_SIZE)
    context = {"resolution": resolution, "mandates": page.object_list, "page": page, "versions_not_held": not_held}
    return render(request, "commitments/resolution_detail.html", context)
